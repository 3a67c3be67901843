import { ActionTypes, MessageFactory, type TurnContext } from 'botbuilder';
import type { ButtonOf } from '../bot/buttonValues.js';
import { messageBackButton } from '../bot/buttons.js';
import { currentBuyer, type TurnInfo } from '../bot/turnInfo.js';
import type { IntentId } from '../data/intents.js';
import type { DialogServices } from './dialogServices.js';
import { recordHandover } from './handover.js';
import { SMALL_TALK } from './smallTalk.js';
import { S, say } from '../bot/strings.js';

/** Abusive messages after which the bot offers a person: once may be a bad moment, twice is a pattern. */
export const ABUSE_BEFORE_OFFER = 2;

/** A policy question: the shop's answer in the buyer's language, with "did that help?" buttons. */
export async function answerQuestion(context: TurnContext, services: DialogServices, info: TurnInfo, intent: IntentId): Promise<void> {
  const entry = services.repos.knowledgeBase.forIntent(intent)[0];
  if (!entry) {
    await context.sendActivity(say(S.noKnowledge, info.locale));
    return;
  }
  const answer = info.locale === 'zh-CN' ? entry.answer.zh : entry.answer.en;
  const button = (helpful: boolean) => {
    const title = say(helpful ? S.kbHelpful : S.kbNotHelpful, info.locale);
    return messageBackButton(title, { action: 'kbFeedback', intent, entryId: entry.id, helpful } satisfies ButtonOf<'kbFeedback'>);
  };
  await context.sendActivity(answer);
  await context.sendActivity(MessageFactory.suggestedActions([button(true), button(false)], say(S.kbDidItHelp, info.locale)));
}

/**
 * "Did that help?" answered: recorded for managers; a "no" gets another way forward. Only an
 * answer the knowledge base has for that intent is recorded: a forged entry id would count for
 * nothing real.
 */
export async function answerKbFeedback(context: TurnContext, services: DialogServices, info: TurnInfo, value: ButtonOf<'kbFeedback'>): Promise<void> {
  if (!services.repos.knowledgeBase.forIntent(value.intent).some((e) => e.id === value.entryId)) {
    await context.sendActivity(say(S.staleButton, info.locale));
    return;
  }
  services.events.append({
    type: 'kb_feedback',
    at: services.now().toISOString(),
    buyerId: currentBuyer(info)?.id ?? null,
    conversationId: context.activity.conversation.id,
    intent: value.intent,
    entryId: value.entryId,
    helpful: value.helpful,
  });
  await context.sendActivity(say(value.helpful ? S.kbThanks : S.kbSorry, info.locale));
}

/** Small talk in character; abuse gets a calm answer, and from the second time on the offer of a person. */
export async function answerSmallTalk(context: TurnContext, services: DialogServices, info: TurnInfo, intent: IntentId): Promise<boolean> {
  const phrase = SMALL_TALK[intent];
  if (!phrase) return false;
  if (intent === 'chitchat.abuse') {
    const data = await services.state.conversationData.get(context, {});
    data.abuseCount = (data.abuseCount ?? 0) + 1;
    if (data.abuseCount >= ABUSE_BEFORE_OFFER) {
      const title = say(S.talkToPerson, info.locale);
      await context.sendActivity(MessageFactory.suggestedActions([{ type: ActionTypes.ImBack, title, value: title }], say(S.abuseOffer, info.locale)));
      return true;
    }
  }
  await context.sendActivity(say(phrase, info.locale));
  return true;
}

/** The buyer asked for a person: recorded with the reason, and the buyer told what happens next. */
export async function answerHumanAgent(context: TurnContext, services: DialogServices, info: TurnInfo): Promise<void> {
  const { focusOrderId } = await services.state.senderData.get(context, {});
  await recordHandover(context, services, { reason: 'buyer_asked', intent: 'task.human_agent', ...(focusOrderId ? { orderId: focusOrderId } : {}) });
  await context.sendActivity(say(S.humanRequested, info.locale));
}
