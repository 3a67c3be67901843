/**
 * The desk's own Direct Line keeps each conversation's activities (the buyer's and the bot's) in
 * order, numbered: a client that reconnects with the last number it saw (the watermark) gets
 * exactly what came after it, from whichever desk it reaches.
 */

/** A Direct Line conversation: the one user its tokens speak for. */
export interface DirectLineConversation {
  id: string;
  userId: string;
  userName?: string;
  createdAt: string;
  /** Set once the bot has been told the user joined (the greeting is sent once per conversation). */
  startedAt?: string;
}

/** An activity as Direct Line clients receive it (Bot Framework's activity shape, kept as JSON). */
export type DirectLineActivity = Record<string, unknown> & { id?: string; type?: string };

/** Activities a client gets in one answer at most; it asks again with the watermark for the rest. */
export const DIRECT_LINE_PAGE = 100;

/** What a client reads: the activities after its watermark and the watermark to ask from next. */
export interface DirectLineActivitySet {
  activities: DirectLineActivity[];
  watermark: number;
}

/** A file a user uploaded with a message (a photo of the damage, a receipt). */
export interface DirectLineUpload {
  /** Unguessable: the link to it is the only key (agents open it from the conversation). */
  id: string;
  conversationId: string;
  contentType: string;
  name: string;
  bytes: Buffer;
}

/** The store of Direct Line conversations and their activities: a file on lowdb, tables on PostgreSQL. */
export interface DirectLineLog {
  /** Creates a conversation for a user (its id is the caller's); an existing one is left as it is and returned. */
  open(conversation: Omit<DirectLineConversation, 'startedAt'>): Promise<DirectLineConversation>;
  get(conversationId: string): Promise<DirectLineConversation | undefined>;
  /** Marks a conversation started; true only for the caller that marked it (so the greeting runs once, across desks). */
  markStarted(conversationId: string, at: string): Promise<boolean>;
  /** Appends an activity; its `id` becomes `<conversationId>|<watermark>` (unique), and the watermark is returned. */
  append(conversationId: string, activity: DirectLineActivity): Promise<{ id: string; watermark: number }>;
  /** The activities after `watermark` (all of them from -1 or 0), oldest first, at most `DIRECT_LINE_PAGE`. */
  since(conversationId: string, watermark: number): Promise<DirectLineActivitySet>;
  putUpload(upload: DirectLineUpload): Promise<void>;
  getUpload(id: string): Promise<DirectLineUpload | undefined>;
  /**
   * A secret every desk of the store shares (the key Direct Line tokens are signed with): the one
   * stored under `name`, or `fresh` stored now when there is none (the first desk's wins).
   */
  secret(name: string, fresh: string): Promise<string>;
  close(): Promise<void>;
}

/** The id of the activity numbered `watermark` in a conversation: unique across the desk, like Azure's `<conversation>|<n>`. */
export function directLineActivityId(conversationId: string, watermark: number): string {
  return `${conversationId}|${String(watermark).padStart(7, '0')}`;
}
