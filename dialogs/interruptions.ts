import { bareAnswer } from '../recognizers/entities.js';

/** Whole-message phrases that mean "help", wherever the buyer is. */
const HELP = /^(help|help me|menu|what can you do|how does this work|帮助|菜单|怎么用|你能做什么|你会什么|能帮我什么|有什么功能|\?|？)$/i;

/** Whole-message phrases that mean "stop what we're doing" (not "cancel my order"). */
const STOP = /^(cancel that|cancel this|cancel it all|never ?mind|nvm|forget it|stop|quit|exit|leave it|start over|restart|算了|算了吧|不用了|不办了|不弄了|先不办了|先不了|退出|重新开始|不说了|没事了)$/i;

/** True when the whole message asks for help. */
export function isHelp(text: string): boolean {
  return HELP.test(bareAnswer(text));
}

/** True when the whole message asks to stop the task in progress. */
export function isStop(text: string): boolean {
  // "fine, forget it", "好吧 算了": the little words before it change nothing.
  return STOP.test(bareAnswer(text).replace(LEADING_FILLER, ''));
}

/** Words a buyer puts before "forget it" / "算了". */
const LEADING_FILLER = /^(ok(ay)?|fine|alright|all right|well|oh|then|so|好吧|行吧|那|那就|哦|嗯|唉|哎)[\s,，.。!！]*/iu;

/** "Why?" to a question: the question says why; it is asked again. */
const WHY = /^(why( not)?|how come|but why|为什么|为啥|凭什么|咋不行|怎么不行|为什么不行)[?？!！.。]*$/iu;

/** True when the whole message asks why. */
export function isWhy(text: string): boolean {
  return WHY.test(bareAnswer(text));
}

/**
 * A whole message that drops the task in progress in its own words: "算了 先不退了", "不取消了",
 * "暂时不换了", "I'll keep it", "don't want to return it anymore" (not "cancel my order").
 */
const TASK_STOP = [
  /^(算了|那算了|还是算了|不用了|那就不用了|没事了?)?[，,\s]*(我|那)?(先|暂时|还是|就)?不(要|用|想)?(退|退了|退货|退款|换|换货|取消|改|改地址|催|查|开票|开发票|投诉|联系)了?(吧|啦|哈|哦)?$/u,
  /^(never ?mind|forget it|ok(ay)?|actually)?[,\s]*(i'?ll|i will|i'?m going to|let me)\s+(just\s+)?keep (it|them|the order)$/iu,
  /^(never ?mind|forget it|ok(ay)?|actually)?[,\s]*(i\s+)?(don'?t|do not|no longer)\s+(want|need)( to)?\s+(return|cancel|exchange|change|refund)\s*(it|that|them|the order)?\s*(any ?more|after all)?$/iu,
];

/** True when the whole message drops the task in progress ("算了 先不退了", "I'll keep it"). */
export function isTaskStop(text: string): boolean {
  const bare = bareAnswer(text);
  return TASK_STOP.some((p) => p.test(bare));
}
