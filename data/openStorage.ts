import path from 'node:path';
import type { DeskStore, EventLog, SeenActivityIds, Transcript } from './deskStore.js';
import { PgSeenActivities } from './postgres/pgSeenActivities.js';
import { InProcessNotifications, type NotificationBus } from './notifications.js';
import { PgNotifications } from './postgres/pgNotifications.js';
import { PgEventLog, PgTranscript } from './postgres/pgLogs.js';
import { PgStore } from './postgres/pgStore.js';
import { PgTurnLocks } from './postgres/pgTurnLocks.js';
import type { ShopDataInput } from './shopSchema.js';
import { DeskEventLog } from './lowdb/deskEventLog.js';
import { Store } from './lowdb/store.js';
import { TranscriptLog } from './lowdb/transcriptLog.js';
import type { DirectLineLog } from './directLineLog.js';
import { DirectLineFile } from './lowdb/directLineFile.js';
import { PgDirectLine } from './postgres/pgDirectLine.js';
import type { WebAccess } from './webAccess.js';
import { WebAccessFile } from './lowdb/webAccessFile.js';
import { PgWebAccess } from './postgres/pgWebAccess.js';
import type { ReplyReviews } from './replyReviews.js';
import { ReplyReviewsFile } from './lowdb/replyReviewsFile.js';
import { PgReplyReviews } from './postgres/pgReplyReviews.js';
import type { ContactLog } from './contactLog.js';
import { ContactFile } from './lowdb/contactFile.js';
import { PgContacts } from './postgres/pgContacts.js';
import { moveHistoryToContacts } from './contactHistory.js';
import type { ReceptionModes } from './receptionModes.js';
import { ReceptionModesFile } from './lowdb/receptionModesFile.js';
import { PgReceptionModes } from './postgres/pgReceptionModes.js';

/** Where the desk keeps its data: PostgreSQL when `databaseUrl` is set, else the lowdb files. */
export interface StorageOptions {
  databaseUrl?: string | undefined;
  dataFile: string;
  transcriptFile: string;
  eventsFile: string;
  /** The Direct Line conversations on the embedded store; beside the store file unless given. */
  directLineFile?: string;
  /** Builds the shop for an empty store (the demo shop). */
  seed?: (now: Date) => ShopDataInput;
  now?: () => Date;
}

/** Everything a desk stores, on one backend, and the lock that keeps one conversation's turns in order across desks. */
export interface DeskStorage {
  store: DeskStore;
  events: EventLog;
  transcript: Transcript;
  /** What the core announces, delivered by whichever desk holds the receiver. */
  notifications: NotificationBus;
  /** The desk's own Direct Line: conversations and their numbered activities. */
  directLine: DirectLineLog;
  /** Passwords and sessions of the web pages. */
  webAccess: WebAccess;
  /** Managers' decisions on mined replies. */
  replyReviews: ReplyReviews;
  /** Every contact (the imported history and the desk's own), for the console's figures and mining. */
  contacts: ContactLog;
  /** How each line receives new contacts. */
  reception: ReceptionModes;
  /** Activity ids seen across desks (PostgreSQL); undefined: the process's own memory is the whole desk's. */
  seenActivities?: SeenActivityIds;
  /**
   * Runs one turn of conversation `key` holding that conversation (across every desk on the
   * database, for at most `releaseAfterMs`), on fresh data. On lowdb one process owns the store, and the in-process turn queue
   * is all it takes.
   */
  hold<T>(key: string, task: () => Promise<T>, releaseAfterMs?: number): Promise<T>;
  close(): Promise<void>;
}

/** Opens the store, its event log and transcript on the backend the options name. */
export async function openStorage(options: StorageOptions): Promise<DeskStorage> {
  const storeOptions = { ...(options.seed ? { seed: options.seed } : {}), ...(options.now ? { now: options.now } : {}) };
  if (options.databaseUrl) {
    const store = await PgStore.open(options.databaseUrl, storeOptions);
    const locks = new PgTurnLocks(options.databaseUrl);
    await locks.warm();
    const events = new PgEventLog(store.pool);
    const transcript = new PgTranscript(store.pool);
    const notifications = new PgNotifications(store.pool, options.databaseUrl);
    const contacts = new PgContacts(store.pool);
    await moveHistoryToContacts(store, contacts);
    return {
      contacts,
      reception: new PgReceptionModes(store.pool),
      store,
      events,
      transcript,
      notifications,
      directLine: new PgDirectLine(store.pool),
      webAccess: new PgWebAccess(store.pool),
      replyReviews: new PgReplyReviews(store.pool),
      seenActivities: new PgSeenActivities(store.pool, options.now),
      hold: (key, task, releaseAfterMs) =>
        locks.hold(
          key,
          async () => {
            await store.refresh();
            return task();
          },
          releaseAfterMs,
        ),
      async close() {
        await Promise.allSettled([events.close(), transcript.close(), notifications.close()]);
        await locks.close();
        await store.close();
      },
    };
  }
  const store = await Store.open(options.dataFile, storeOptions);
  let transcript: TranscriptLog | undefined;
  let contacts: ContactFile | undefined;
  try {
    transcript = await TranscriptLog.open(options.transcriptFile);
    const events = await DeskEventLog.open(options.eventsFile);
    const directLine = await DirectLineFile.openFile(options.directLineFile ?? besideStore(options.dataFile, 'directline.jsonl'));
    const webAccess = new WebAccessFile(webAccessFileOf(options.dataFile));
    const replyReviews = new ReplyReviewsFile(besideStore(options.dataFile, 'replies.json'));
    contacts = await ContactFile.open(contactFileOf(options.dataFile));
    await moveHistoryToContacts(store, contacts);
    const openContacts = contacts;
    const reception = new ReceptionModesFile(besideStore(options.dataFile, 'reception.json'));
    const openTranscript = transcript;
    const notifications = new InProcessNotifications(options.now);
    return {
      store,
      events,
      transcript,
      notifications,
      directLine,
      webAccess,
      replyReviews,
      contacts: openContacts,
      reception,
      hold: (_key, task) => task(),
      async close() {
        await notifications.close();
        await openContacts.close();
        await reception.close();
        await directLine.close();
        await webAccess.close();
        await replyReviews.close();
        await openTranscript.close();
        await events.close();
        await store.close();
      },
    };
  } catch (err) {
    await contacts?.close();
    await transcript?.close();
    await store.close();
    throw err;
  }
}

/** `var/desk.json`, `directline.jsonl` → `var/desk.directline.jsonl`: the files of one store sit together. */
function besideStore(dataFile: string, suffix: string): string {
  const { dir, name } = path.parse(dataFile);
  return path.join(dir, `${name}.${suffix}`);
}

/** The contacts' file of the embedded store (also what `npm run import` writes). */
export function contactFileOf(dataFile: string): string {
  return besideStore(dataFile, 'contacts.jsonl');
}

/** The lowdb file of passwords and sessions (also what `npm run set-password` writes, without the store's lock). */
export function webAccessFileOf(dataFile: string): string {
  return besideStore(dataFile, 'access.json');
}
