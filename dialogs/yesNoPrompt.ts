import { MessageFactory, type Activity, type Attachment, type TurnContext } from 'botbuilder';
import { messageBackButton } from '../bot/buttons.js';
import { ConfirmPrompt, type PromptOptions, type PromptRecognizerResult } from 'botbuilder-dialogs';
import type { ButtonOf } from '../bot/buttonValues.js';
import { buttonOf, turnInfo } from '../bot/turnInfo.js';
import type { Locale } from '../data/shopSchema.js';
import { bareAnswer, findYesNo } from '../recognizers/entities.js';
import { BUTTONS, type ButtonKey } from './phrases/taskPhrases.js';
import { say } from '../bot/strings.js';
import type { OtherAnswer } from './otherAnswers.js';

/**
 * What a yes-or-no question offers: the buttons' words, chosen per question ("Yes, cancel it" /
 * "Keep it"), by key: prompt options are saved with the dialog state as JSON, so no functions.
 */
export interface YesNoButtons {
  yes: ButtonKey;
  no: ButtonKey;
}

const DEFAULT_BUTTONS: YesNoButtons = { yes: 'yes', no: 'no' };

/**
 * What "yes" means: agreeing (`agree`, the default: "好的" = yes, "没问题" = yes), or, for "is
 * anything wrong with it?", that there is a problem (`problem`: "有问题"/"坏了" = yes, "没问题"/"没有"/
 * "it's fine" = no).
 */
export type YesMeans = 'agree' | 'problem' | 'exchange';

/** A size or colour named to "shall I open the exchange?": the yes, with what to swap to ("M码", "换个黑色", "a medium"). */
const SWAP_TO = /^((换|要|换成|换个|换一个)?\s*([XSMLxsml]{1,4}|\d{2,3}|均)\s*(码|号)?(的)?|(换|要|换成|换个|换一个)\s*.{1,6}(码|号|色|颜色|款)(的)?|(size|a|an|in)?\s*(x{0,2}s|m|x{0,3}l|small|medium|large|extra large|\d{1,2}(\.5)?)( size)?( please)?|(in )?(black|white|blue|red|green|grey|gray|navy|pink|beige)( please)?|(size |a |in )?\d{2,3}\s*[x×*]\s*\d{2,3}( please)?|size \S{1,6}( please)?)$/iu;

/** Answers to "is anything wrong with it?", read before the general yes/no words (whole message). */
const PROBLEM_ANSWERS: [RegExp, boolean][] = [
  [/^(没|没有|没有问题|没问题|没事|没坏|都挺好|挺好的?|好好的|正常|一切正常|完好|no|nope|nothing|nothing'?s wrong( with it)?|it'?s fine|it is fine|fine|all good|no problem|not really)$/i, false],
  [/^(有|有的|有问题|是的有|坏了|有点问题|有瑕疵|yes|yeah|yep|yes,? it'?s broken|it'?s broken|broken|damaged|something'?s wrong|there is)$/i, true],
];

/** The size or colour a buyer named as their yes to an exchange ("M码", "32x32 please"), or undefined. */
export function swapToIn(text: string): string | undefined {
  const bare = bareAnswer(text);
  return SWAP_TO.test(bare) ? bare : undefined;
}

/** Reads a typed answer to a yes-or-no question; undefined when the text is not an answer. */
export function readYesNo(text: string, locale: Locale, means: YesMeans = 'agree'): boolean | undefined {
  const bare = bareAnswer(text);
  if (means === 'problem') {
    for (const [pattern, value] of PROBLEM_ANSWERS) if (pattern.test(bare)) return value;
  }
  if (means === 'exchange' && SWAP_TO.test(bare)) return true;
  const mine = findYesNo(text, locale)[0];
  return mine?.type === 'yesNo' ? mine.value === 'yes' : undefined;
}

/** Options of a yes-or-no question: the question and, optionally, the buttons' words. */
export interface YesNoPromptOptions extends PromptOptions {
  buttons?: YesNoButtons;
  /** The question's id: its buttons carry it, and a button of another question (an older message) is no answer to this one. */
  questionId?: string;
  /** Another way the question offers, that the buyer may choose in words ("那就拒收吧"). */
  other?: OtherAnswer;
  means?: YesMeans;
  /** Cards sent with the question (the order it is about). */
  attachments?: Attachment[];
}

/**
 * botbuilder's ConfirmPrompt in the buyer's language, whatever the channel's locale: the question
 * comes with two buttons in their words, and an answer is read from the button, from the desk's
 * own yes/no words ("好的", "行", "算了", "yep", "nah"), or from the library's recognizer.
 */
export class YesNoPrompt extends ConfirmPrompt {
  protected override async onPrompt(context: TurnContext, _state: object, options: YesNoPromptOptions, isRetry: boolean): Promise<void> {
    const { locale } = turnInfo(context);
    const buttons = options.buttons ?? DEFAULT_BUTTONS;
    const question = isRetry && options.retryPrompt ? options.retryPrompt : options.prompt;
    const text = typeof question === 'string' ? question : (question as Partial<Activity> | undefined)?.text ?? '';
    const actions = ([true, false] as const).map((yes) => {
      const title = say(BUTTONS[yes ? buttons.yes : buttons.no], locale);
      return messageBackButton(title, { action: 'yesNo', yes, ...(options.questionId ? { q: options.questionId } : {}) } satisfies ButtonOf<'yesNo'>);
    });
    const activity = MessageFactory.suggestedActions(actions, text);
    if (options.attachments?.length) activity.attachments = options.attachments;
    await context.sendActivity(activity);
  }

  protected override async onRecognize(context: TurnContext, state: object, options: PromptOptions): Promise<PromptRecognizerResult<boolean>> {
    const { activity } = context;
    const button = buttonOf(context);
    if (button?.action === 'yesNo') {
      // A yes only confirms the question it was asked under: a button of an earlier question answers nothing here.
      const asked = (options as YesNoPromptOptions).questionId;
      return !asked || button.q === asked ? { succeeded: true, value: button.yes } : { succeeded: false };
    }
    const text = activity.text ?? '';
    const { locale } = turnInfo(context);
    const means = (options as YesNoPromptOptions).means;
    // A photo sent to "is anything wrong with it?" shows what is wrong: a yes.
    if (means === 'problem' && !text.trim() && (activity.attachments?.length ?? 0) > 0) return { succeeded: true, value: true };
    const read = readYesNo(text, locale, means);
    if (read !== undefined) return { succeeded: true, value: read };
    // Only a whole short answer is one ("好的 键盘那单也取消" is not a yes to this question): the library's
    // recognizer finds "yes" inside sentences, so it is not asked.
    void state;
    return { succeeded: false };
  }
}
