import type { IntentId } from '../data/intents.js';
import type { Phrase } from '../bot/strings.js';

/** Small talk answered in character, each with a way back to business. Greetings are answered with the greeting itself. */
export const SMALL_TALK: Partial<Record<IntentId, Phrase>> = {
  'chitchat.thanks': {
    zh: () => '不客气，能帮上忙就好！还有别的需要随时叫我。',
    en: () => "You're welcome, glad I could help! I'm here if you need anything else.",
  },
  'chitchat.goodbye': {
    zh: () => '好的，祝您生活愉快！以后有订单上的事随时来找我。',
    en: () => 'Take care! Come back any time something comes up with an order.',
  },
  'chitchat.bot_identity': {
    zh: () => '我是店铺的售后小助手，是个机器人哦。订单、退换货、物流这些我都能马上帮您查；需要真人的时候，说“转人工”就行。',
    en: () => 'I\'m the shop\'s after-sales assistant, a bot. I can check orders, returns and parcels right away; if you\'d rather talk to a person, just say "agent".',
  },
  'chitchat.fun': {
    zh: () => '哈哈，我最拿手的其实是查快递：包裹到哪了我一秒就知道 😄 有什么订单上的事需要我帮忙吗？',
    en: () => "Ha, my real talent is finding parcels: I know where yours is in a second 😄 Anything I can do for you with an order?",
  },
  'chitchat.mood': {
    zh: () => '抱抱，辛苦了。如果有哪一单让您烦心，告诉我，我来帮您处理掉一件。',
    en: () => "Sorry to hear that, I hope the day gets better. If an order is adding to it, tell me and I'll take that off your plate.",
  },
  'chitchat.abuse': {
    zh: () => '抱歉让您不满意了。我想把问题解决好：能说说是哪一单、出了什么问题吗？',
    en: () => "I'm sorry this has been frustrating. I do want to fix it: which order is it, and what went wrong?",
  },
  'chitchat.off_topic': {
    zh: () => '这个我就不太懂啦 😅 我只管订单、退换货、物流这些售后的事，这方面有什么需要吗？',
    en: () => "That's outside what I know, I'm afraid 😅 I look after orders, returns and deliveries: anything there I can help with?",
  },
};
