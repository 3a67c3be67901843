import type { ReplyReview, ReplyReviews } from '../../data/replyReviews.js';
import type { ContactLog } from '../../data/contactLog.js';
import type { Locale } from '../../data/shopSchema.js';
import { attributeReplies, isUncivil, mineReplies, type AttributedReply, type MinedReply } from './mining.js';

/** Classified buyer messages kept between minings. */
const MAX_REMEMBERED = 200_000;

/** A mined reply as managers see it: with its review status (web.md `GET /api/console/replies`). */
export interface ReplyProposal {
  id: string;
  intent: string;
  text: string;
  uses: number;
  status: 'proposed' | 'approved' | 'rejected';
}

/** What the miner reads: the contacts (imported history and the desk's own), the people's names, a classifier, the reviews. */
export interface ReplyMinerParts {
  contacts: Pick<ContactLog, 'conversations' | 'version'>;
  /** Resolves once the contacts are in place (the demo's history, made in the background at start). */
  ready?: Promise<void>;
  /** Mines again at most this often while new contacts keep coming (0: whenever asked and something changed). */
  minIntervalMs?: number;
  /** Buyers' and agents' names, so replies that differ only in a name count as one. */
  names: () => readonly string[];
  /** The intent of one buyer message. */
  classify: (text: string, locale: Locale) => Promise<string>;
  reviews: ReplyReviews;
  now: () => Date;
}

/** The outcome of a review request. */
export type ReviewResult = { ok: true; proposal: ReplyProposal } | { ok: false; why: 'not_found' | 'uncivil' | 'empty' };

/** A buyer's question worth completing: asked this often at least, short, civil, and without digits (no order number, phone or amount of anyone's). */
const MIN_ASKS = 3;
const MAX_ASK_CHARS = 40;
const MAX_ASKS = 300;

/** The questions buyers ask most, per language, from `asks` (language NUL text → times asked). */
export function frequentAsks(asks: ReadonlyMap<string, number>): Record<Locale, string[]> {
  const out: Record<Locale, [string, number][]> = { 'zh-CN': [], 'en-US': [] };
  for (const [key, n] of asks) {
    const [locale, text] = key.split('\u0000') as [Locale, string];
    if (n < MIN_ASKS || !out[locale] || text.length < 2 || [...text].length > MAX_ASK_CHARS || /\p{Nd}/u.test(text) || isUncivil(text)) continue;
    out[locale].push([text, n]);
  }
  const top = (list: [string, number][]) => list.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, MAX_ASKS).map(([t]) => t);
  return { 'zh-CN': top(out['zh-CN']), 'en-US': top(out['en-US']) };
}

/** The language a reply is written in: Chinese when it has Chinese characters. */
export function replyLocale(text: string): Locale {
  return /\p{Script=Han}/u.test(text) ? 'zh-CN' : 'en-US';
}

/**
 * Keeps the replies mined from the shop's history (re-mined when the history changes, in the
 * background: classifying every past buyer message takes seconds at 10^5 contacts, a console
 * request must not) and the managers' reviews of them; tells agents' suggestions and completions
 * which replies are approved, in which language.
 */
export class ReplyMiner {
  private mined: MinedReply[] = [];
  private minedVersion: string | undefined;
  private minedAt = -Infinity;
  private reviews = new Map<string, ReplyReview>();
  /** Buyer messages already classified (by language and text): mining again classifies only what is new. */
  private readonly intents = new Map<string, string>();

  constructor(private readonly parts: ReplyMinerParts) {}

  /**
   * Mines again when the contacts changed since the last run (at most every `minIntervalMs`);
   * resolves when the proposals are as current as that allows.
   */
  refresh(): Promise<void> {
    // One run at a time, each after the one before: a request made while an older run mines (the
    // history just imported) waits for a run that sees what it asked about.
    const run = this.queue.then(() => this.mineIfChanged());
    this.queue = run.catch(() => undefined);
    return run;
  }

  private queue: Promise<void> = Promise.resolve();

  private async mineIfChanged(): Promise<void> {
    await this.parts.ready;
    const version = await this.parts.contacts.version();
    const due = this.parts.now().getTime() - this.minedAt >= (this.parts.minIntervalMs ?? 0);
    if (version !== this.minedVersion && (due || this.minedVersion === undefined)) {
      const replies: AttributedReply[] = [];
      const asks = new Map<string, number>();
      for await (const batch of this.parts.contacts.conversations()) {
        for (const c of batch) {
          for (const m of c.messages) {
            if (m.from === 'buyer') asks.set(`${c.locale}\u0000${m.text.trim()}`, (asks.get(`${c.locale}\u0000${m.text.trim()}`) ?? 0) + 1);
            const key = `${c.locale}\u0000${m.text}`;
            if (m.from === 'buyer' && m.text.trim() && !this.intents.has(key)) {
              if (this.intents.size > MAX_REMEMBERED) this.intents.clear();
              this.intents.set(key, await this.parts.classify(m.text, c.locale));
            }
          }
          replies.push(...attributeReplies([c.messages], (text) => this.intents.get(`${c.locale}\u0000${text}`) ?? 'none'));
        }
      }
      this.mined = mineReplies(replies, this.parts.names());
      this.asked = frequentAsks(asks);
      this.minedVersion = version;
      this.minedAt = this.parts.now().getTime();
    }
    await this.loadReviews();
  }

  private async loadReviews(): Promise<void> {
    this.reviews = new Map((await this.parts.reviews.list()).map((r) => [r.id, r]));
  }

  /** Every mined reply with its status, by intent, best first; uncivil ones never (whatever their status). */
  async proposals(): Promise<ReplyProposal[]> {
    await this.refresh();
    await this.loadReviews(); // another desk may have reviewed since
    return this.mined.map((m) => this.proposalOf(m)).filter((p) => !isUncivil(p.text));
  }

  private proposalOf(m: MinedReply): ReplyProposal {
    const review = this.reviews.get(m.id);
    return { id: m.id, intent: m.intent, text: review?.status === 'approved' ? review.text : m.text, uses: m.uses, status: review?.status ?? 'proposed' };
  }

  /** Approves a proposal, with the manager's edit of its text when given. */
  async approve(id: string, by: string, text?: string): Promise<ReviewResult> {
    return this.review(id, by, 'approved', text);
  }

  async reject(id: string, by: string): Promise<ReviewResult> {
    return this.review(id, by, 'rejected');
  }

  private async review(id: string, by: string, status: ReplyReview['status'], edited?: string): Promise<ReviewResult> {
    await this.refresh();
    const mined = this.mined.find((m) => m.id === id);
    if (!mined) return { ok: false, why: 'not_found' };
    const text = (edited ?? this.reviews.get(id)?.text ?? mined.text).trim();
    if (!text) return { ok: false, why: 'empty' };
    if (status === 'approved' && isUncivil(text)) return { ok: false, why: 'uncivil' };
    const review: ReplyReview = { id, intent: mined.intent, status, text, reviewedBy: by, reviewedAt: this.parts.now().toISOString() };
    await this.parts.reviews.put(review);
    this.reviews.set(id, review);
    return { ok: true, proposal: this.proposalOf(mined) };
  }

  /** The approved replies of an intent in a language (what agents are offered), from the reviews this desk knows. */
  approvedFor(intent: string, locale: Locale): string[] {
    return [...this.reviews.values()].filter((r) => r.status === 'approved' && r.intent === intent && replyLocale(r.text) === locale && !isUncivil(r.text)).map((r) => r.text);
  }

  /** Every approved reply in a language, for completions. */
  allApproved(locale: Locale): string[] {
    return [...this.reviews.values()].filter((r) => r.status === 'approved' && replyLocale(r.text) === locale && !isUncivil(r.text)).map((r) => r.text);
  }

  /** What buyers most often ask, in a language (what the web chat completes a buyer's typing from). */
  frequentAsks(locale: Locale): readonly string[] {
    return this.asked[locale];
  }

  private asked: Record<Locale, string[]> = { 'zh-CN': [], 'en-US': [] };

  /** Reads the reviews again (other desks may have decided): call now and then. */
  reload(): Promise<void> {
    return this.loadReviews();
  }
}
