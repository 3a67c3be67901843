import { ActionTypes, type CardAction } from 'botbuilder';
import type { Suggestion } from '../desk/handoff/suggestions.js';
import type { ButtonOf } from './buttonValues.js';

/** Buttons that send the suggestions: the title shows the start of the reply and the confidence. */
export function suggestionButtons(suggestions: readonly Suggestion[], handoffId: string): CardAction[] {
  return suggestions.map((s) => {
    const short = Array.from(s.text).length > 40 ? `${Array.from(s.text).slice(0, 39).join('')}…` : s.text;
    return {
      type: ActionTypes.MessageBack,
      title: `${short} (${Math.round(s.confidence * 100)}%)`,
      text: s.text,
      displayText: s.text,
      value: { action: 'sendReply', handoffId, text: s.text } satisfies ButtonOf<'sendReply'>,
    };
  });
}
