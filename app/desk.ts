import type { Server } from 'restify';
import { buildDemoShop } from '../data/demoShop.js';
import { rebaseDemoShop } from '../data/rebaseDemoShop.js';
import { keepDemoHistoryCurrent } from '../data/contactHistory.js';
import { ContactMiddleware } from '../bot/contactMiddleware.js';
import { ReceptionMiddleware } from '../bot/receptionMiddleware.js';
import { Reception } from '../desk/handoff/reception.js';
import { ManagerFigures } from '../desk/staffing/figures.js';
import { ManagerMiddleware } from '../bot/managerDesk.js';
import { registerPageAssets } from '../web/signInPage.js';
import { buyerPhrasing, completeFrom } from '../desk/handoff/completions.js';
import type { ContactLog } from '../data/contactLog.js';
import type { DeskStore, EventLog, Transcript } from '../data/deskStore.js';
import type { NotificationBus } from '../data/notifications.js';
import { openStorage } from '../data/openStorage.js';
import { createRepositories, type Repositories } from '../data/repositories/index.js';
import { Store } from '../data/lowdb/store.js';
import { StoreStorage } from '../bot/storeStorage.js';
import { TranscriptLog } from '../data/lowdb/transcriptLog.js';
import { DeskEventLog } from '../data/lowdb/deskEventLog.js';
import { OrderActions } from '../desk/orders/orderActions.js';
import { MainDialog } from '../dialogs/mainDialog.js';
import type { IntentRecognizer } from '../recognizers/intentRecognizer.js';
import { loadOrTrainModel } from '../recognizers/intentModel.js';
import { NlpRecognizer } from '../recognizers/nlpRecognizer.js';
import { createAdapter, createAuthentication, type OutgoingCredentialsFactory } from '../bot/adapter.js';
import { BuyerConversations, BuyerConversationsMiddleware } from '../bot/buyerConversations.js';
import type { DeskConfig } from '../bot/config.js';
import { DeskBot } from '../bot/deskBot.js';
import { DeskState } from '../bot/deskState.js';
import { createLogger, type Logger } from '../bot/logger.js';
import { createServer, listen } from '../bot/server.js';
import { TranscriptMiddleware } from '../bot/transcriptMiddleware.js';
import { TurnInfoMiddleware } from '../bot/turnInfoMiddleware.js';
import { TurnQueue } from '../bot/turnQueue.js';
import { UnpaidReminders } from '../bot/unpaidReminder.js';
import { HandoffBook } from '../desk/handoff/handoffBook.js';
import { AgentDesk } from '../bot/agentDesk.js';
import { HandoffDesk } from '../bot/handoffDesk.js';
import { HandoffMiddleware } from '../bot/handoffMiddleware.js';
import { DirectLineDoor } from '../web/directline/directLineDoor.js';
import { registerChatPage } from '../web/chat/chatPage.js';
import { registerNoFavicon } from '../web/staticFile.js';
import { WebDeskDoor } from '../web/desk/deskDoor.js';
import { ConsoleDoor } from '../web/console/consoleDoor.js';
import { ReplyMiner } from '../desk/replies/replyMiner.js';
import { SignIn } from '../desk/access/signIn.js';

import { PhoneGuessLimiter } from '../bot/phoneGuesses.js';
import { SenderLimiter } from '../bot/senderLimiter.js';
import { DEFAULT_SERVER_LIMITS, type ServerLimits } from '../bot/serverLimits.js';

/** The bot's account in Direct Line conversations when no app id names it. */
const DIRECT_LINE_BOT_ID = 'desk-bot';
const DIRECT_LINE_BOT_NAME = 'Desk';
/** How often a desk reads managers' reply decisions again (another desk may have taken them). */
const REVIEWS_RELOAD_MS = 60_000;
/** New contacts are mined for replies at most this often (classifying takes a while; managers review daily). */
const MINE_EVERY_MS = 5 * 60_000;

/** Things a test (or an embedding) may replace; the defaults are the real parts. */
export interface DeskOverrides {
  logger?: Logger;
  /** How often new contacts are mined for replies (tests: 0, every time the console asks). */
  mineEveryMs?: number;
  recognizer?: IntentRecognizer;
  now?: () => Date;
  /** The HTTP door's time and size limits (tests shorten the waits). */
  serverLimits?: ServerLimits;
  /** App-id mode: how the bot gets the token for its replies; tests supply their own, as Azure AD does not run there. */
  outgoingCredentials?: OutgoingCredentialsFactory;
}

/** The trained classifier for the current corpus: loaded from `MODEL_DIR`, or trained there on first start. */
async function loadRecognizer(config: DeskConfig, logger: Logger): Promise<IntentRecognizer> {
  const model = await loadOrTrainModel(config.MODEL_DIR);
  logger.info(
    { model: model.file, trained: model.trained, trainMs: Math.round(model.trainMs), loadMs: Math.round(model.loadMs), validationAccuracy: model.validationAccuracy },
    model.trained ? 'trained the intent model (first start with this corpus)' : 'loaded the intent model',
  );
  return new NlpRecognizer(model);
}

/** A running desk. */
export interface Desk {
  /** `http://localhost:PORT/api/messages`. */
  endpoint: string;
  port: number;
  /** The address the server is bound to (`127.0.0.1` in open mode unless `HOST` says otherwise). */
  host: string;
  store: DeskStore;
  repos: Repositories;
  transcript: Transcript;
  /** Order history, handovers and answer feedback (append-only). */
  events: EventLog;
  /** Every contact, imported and the desk's own, for the console. */
  contacts: ContactLog;
  /** Resolves once the contacts are in place (a demo store's history is made in the background at start). */
  ready: Promise<void>;
  /** What the core announces (handoffs queued, claimed, ended, rated), on every desk of the database. */
  notifications: NotificationBus;
  /** The embedded store's files, when the desk runs on lowdb (tests of crashes and files read them). */
  lowdb?: { store: Store; events: DeskEventLog; transcript: TranscriptLog };
  /** Handoffs to people: the queue, claims, agents' seats (tests read it). */
  handoffs: HandoffDesk;
  /** The desk's own Direct Line (web chat). */
  directLine: DirectLineDoor;
  /** Every change the desk makes to an order (tests use it to change an order as a dialog would). */
  actions: OrderActions;
  /** The unpaid-order reminders; their timer runs unless `REMINDER_CHECK_SECONDS` is 0. */
  reminders: UnpaidReminders;
  /** Sends the reminders due now (by the desk's clock) and resolves with how many went out. */
  runReminders(): Promise<number>;
  logger: Logger;
  close(): Promise<void>;
}

/**
 * Builds the whole desk, config → store → recognizer → dialogs → bot → adapter → server, and
 * listens on `config.PORT` (0 = any free port). Nothing else in the project builds these parts.
 */
export async function createDesk(config: DeskConfig, overrides: DeskOverrides = {}): Promise<Desk> {
  const logger = overrides.logger ?? createLogger(config.LOG_LEVEL, config.LOG_FORMAT);
  const now = overrides.now ?? (() => new Date());
  const storage = await openStorage({
    databaseUrl: config.DATABASE_URL,
    dataFile: config.DATA_FILE,
    transcriptFile: config.transcriptFile,
    eventsFile: config.eventsFile,
    seed: buildDemoShop,
    now,
  });
  const { store, transcript, events } = storage;
  let server: Server | undefined;
  try {
    await store.reviseShop((doc) => rebaseDemoShop(doc, now()));
    // The demo's four weeks of history are made in the background (a fraction of a second): the desk
    // answers buyers at once; the console and the mining wait for it.
    const demoHistory = keepDemoHistoryCurrent(store, storage.contacts, now()).then(
      (made) => {
        if (made) logger.info('made the demo history for the present');
      },
      (err: unknown) => logger.error({ err }, 'could not make the demo history'),
    );
    const repos = createRepositories(store);
    const actions = new OrderActions(store, events, now);
    const recovered = await actions.recoverEvents();
    if (recovered > 0) logger.warn({ recovered }, 'appended order events a crash had kept from the event log');
    const recognizer = overrides.recognizer ?? (await loadRecognizer(config, logger));
    const state = new DeskState(new StoreStorage(store, now));
    const dialog = new MainDialog({ repos, recognizer, state, now, actions, events, guesses: new PhoneGuessLimiter(now) });
    const bot = new DeskBot(repos, state, dialog);
    const auth = createAuthentication(config, overrides.outgoingCredentials);
    const adapter = createAdapter(auth, config.MicrosoftAppId ?? '', state, logger, config.DEFAULT_LOCALE);
    const conversations = new BuyerConversations(store, now);
    adapter.use(new TurnInfoMiddleware(repos, state, config.DEFAULT_LOCALE));
    adapter.use(new BuyerConversationsMiddleware(conversations, logger));
    adapter.use(new TranscriptMiddleware(transcript, now));
    const miner = new ReplyMiner({
      contacts: storage.contacts,
      ready: demoHistory,
      minIntervalMs: overrides.mineEveryMs ?? MINE_EVERY_MS,
      names: () => [...repos.buyers.list().map((b) => b.name), ...repos.agents.list().map((a) => a.name)],
      classify: async (text, locale) => (await recognizer.recognize(text, locale, now())).intent,
      reviews: storage.replyReviews,
      now,
    });
    // Mined in the background: the first console request must not wait for thousands of classifications.
    void miner.refresh().catch((err: unknown) => logger.error({ err }, 'could not mine the standard replies'));
    const reviewsReload = setInterval(() => void miner.reload().catch(() => undefined), REVIEWS_RELOAD_MS);
    reviewsReload.unref();
    const book = new HandoffBook(store, now);
    const handoffs = new HandoffDesk({ adapter, appId: config.MicrosoftAppId ?? '', book, repos, state, events, idleMs: config.AGENT_IDLE_MINUTES * 60_000, now, logger, notifications: storage.notifications, recognizer, approvedReplies: (intent, locale) => miner.approvedFor(intent, locale), contacts: storage.contacts, onContactError: (err) => logger.error({ err }, 'could not record a handoff in its contact') });
    const figures = new ManagerFigures({ contacts: storage.contacts, shop: () => store.doc.shop, timeZone: config.SHOP_TIME_ZONE });
    // A manager's messages are theirs (`/today`), never a buyer's contact.
    adapter.use(new ManagerMiddleware({ shop: () => store.doc.shop, figures, service: handoffs.service, now, defaultLocale: config.DEFAULT_LOCALE }));
    adapter.use(
      new ContactMiddleware({
        contacts: storage.contacts,
        state,
        lineOf: (buyerId) => {
          // A buyer's new contact is most likely about their latest order; a guest's is the shop's only line (else counted in the first).
          const latest = buyerId ? repos.orders.listForBuyer(buyerId, 1)[0] : undefined;
          const lines = repos.businessLines.list();
          return latest ? { line: latest.businessLine, sure: true } : { line: lines[0]?.id ?? '', sure: lines.length === 1 };
        },
        now,
        logger,
      }),
    );
    const reception = new Reception(storage.reception, now, storage.notifications);
    adapter.use(new ReceptionMiddleware({ reception, handoffs, logger }));
    adapter.use(new HandoffMiddleware(handoffs, new AgentDesk(handoffs, transcript, actions)));
    const limits = overrides.serverLimits ?? DEFAULT_SERVER_LIMITS;
    const queue = new TurnQueue(
      limits.turnReleaseMs,
      (key) => logger.error({ conversation: key.replace('\u0000', ' ') }, 'a turn held its conversation past its release time: the next turn goes ahead'),
      storage.hold,
    );
    const senders = new SenderLimiter(config.SENDER_MESSAGES_PER_MINUTE, logger, now);
    server = createServer({ config, auth, adapter, bot, queue, senders, logger, limits, ...(storage.seenActivities ? { seen: storage.seenActivities } : {}) });
    const directLine = await DirectLineDoor.open({
      secret: config.DIRECT_LINE_SECRET,
      log: storage.directLine,
      notifications: storage.notifications,
      auth,
      adapter,
      bot,
      queue,
      senders,
      botId: config.MicrosoftAppId || DIRECT_LINE_BOT_ID,
      botName: DIRECT_LINE_BOT_NAME,
      logger,
      now,
    });
    directLine.register(server);
    const signIn = new SignIn(
      storage.webAccess,
      (id) => {
        const agent = repos.agents.get(id);
        if (agent) return { kind: 'agent', id: agent.id, name: agent.name };
        const manager = (store.doc.shop.managers ?? []).find((m) => m.id === id);
        return manager ? { kind: 'manager', id: manager.id, name: manager.name } : undefined;
      },
      () => store.doc.meta.source === 'demo',
      now,
    );
    const webDesk = new WebDeskDoor({ handoffs, repos, transcript, actions, recognizer, miner, signIn, auth, notifications: storage.notifications, defaultLocale: config.DEFAULT_LOCALE, logger, now, refresh: () => store.refresh() });
    webDesk.register(server);
    registerNoFavicon(server);
    registerPageAssets(server);
    new ConsoleDoor({
      shop: () => store.doc.shop,
      figures,
      ready: demoHistory,
      reception,
      signIn,
      miner,
      token: config.CONSOLE_TOKEN,
      timeZone: config.SHOP_TIME_ZONE,
      defaultLocale: config.DEFAULT_LOCALE,
      refresh: () => store.refresh(),
      logger,
      now,
    }).register(server);
    registerChatPage(server, {
      door: directLine,
      repos,
      secretSet: !!config.DIRECT_LINE_SECRET,
      offerBuyers: config.openMode,
      defaultLocale: config.DEFAULT_LOCALE,
      now,
      complete: (typed, locale) => completeFrom(buyerPhrasing(repos, locale, miner.frequentAsks(locale)), typed),
    });
    const port = await listen(server, config.PORT, config.listenHost);
    const reminders = new UnpaidReminders({ config, repos, actions, conversations, adapter, queue, now, logger, refresh: () => store.refresh() });
    reminders.start();
    const openServer = server;
    return {
      endpoint: `http://localhost:${port}/api/messages`,
      port,
      host: (server.address() as { address: string }).address,
      store,
      repos,
      transcript,
      events,
      contacts: storage.contacts,
      ready: demoHistory,
      notifications: storage.notifications,
      ...(store instanceof Store && events instanceof DeskEventLog && transcript instanceof TranscriptLog ? { lowdb: { store, events, transcript } } : {}),
      handoffs,
      actions,
      reminders,
      runReminders: () => reminders.runOnce(),
      logger,
      directLine,
      async close() {
        await reminders.stop();
        await demoHistory;
        reception.close();
        clearInterval(reviewsReload);
        await directLine.close();
        await webDesk.close();
        await handoffs.service.contactsWritten();
        await new Promise<void>((resolve) => openServer.close(() => resolve()));
        await storage.close();
      },
    };
  } catch (err) {
    server?.close();
    await storage.close();
    throw err;
  }
}
