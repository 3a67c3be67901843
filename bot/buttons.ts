import { ActionTypes, type CardAction } from 'botbuilder';

/**
 * A button that shows its title as the buyer's message and sends `value` with it, so the desk
 * reads the press without parsing words (yes/no, ratings, "did that help?", a business line).
 */
export function messageBackButton(title: string, value: object): CardAction {
  return { type: ActionTypes.MessageBack, title, text: title, displayText: title, value };
}
