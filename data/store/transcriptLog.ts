import { JsonLinesLog } from './jsonLinesLog.js';

/** One message in or out, as kept in the transcript. */
export interface TranscriptEntry {
  at: string;
  direction: 'in' | 'out';
  conversationId: string;
  channelId: string;
  /** The buyer the conversation is about, when known (a guest has none until verified). */
  buyerId: string | null;
  /** The chat account that wrote (in) or was written to (out). */
  userId: string;
  locale: string;
  type: string;
  text?: string;
  attachments?: string[];
  activityId?: string;
}

/** Conversation transcripts as an append-only JSON Lines file beside the store. */
export class TranscriptLog extends JsonLinesLog<TranscriptEntry> {
  static async open(file: string): Promise<TranscriptLog> {
    return new TranscriptLog(file, await JsonLinesLog.openStream(file));
  }

  /** Every entry of one conversation, oldest first. */
  async readConversation(conversationId: string): Promise<TranscriptEntry[]> {
    return this.read((e) => e.conversationId === conversationId, conversationId);
  }
}
