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
  return STOP.test(bareAnswer(text));
}
