import { createHash } from 'node:crypto';
import type { NotificationBus } from '../../data/notifications.js';
import type { ReceptionMode, ReceptionModes, ReceptionSetting } from '../../data/receptionModes.js';

/** Modes are read again this often at least (a change made on another desk is announced at once, too). */
const RELOAD_MS = 15_000;
const CHANGED = 'reception.changed';

/** A number in [0, 1) fixed by a contact's id: a share of contacts, the same on every desk and every retry. */
export function contactFraction(contactId: string): number {
  return createHash('sha256').update(contactId).digest().readUInt32BE(0) / 2 ** 32;
}

/**
 * Whether a new contact goes straight to the agents (skipping the bot): agents first while an
 * agent of the line is online; a share of contacts (by the contact's own fraction) under the same
 * condition; bot first never. With nobody online the bot always takes it: a buyer is never sent to
 * an empty queue by a setting.
 */
export function straightToAgents(mode: ReceptionMode, contactId: string, agentsOnline: number): boolean {
  if (agentsOnline <= 0) return false;
  if (mode.mode === 'agents_first') return true;
  if (mode.mode === 'share') return contactFraction(contactId) < mode.share;
  return false;
}

/** The lines' reception modes as this desk knows them (read again every few seconds), and the managers' changes. */
export class Reception {
  private modes = new Map<string, ReceptionSetting>();
  private loadedAt = -Infinity;
  private loading: Promise<void> | undefined;

  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: ReceptionModes,
    private readonly now: () => Date,
    private readonly notifications?: NotificationBus,
  ) {
    // Another desk's change: read the modes again at the next contact.
    this.unsubscribe = notifications?.subscribe((n) => {
      if (n.kind === CHANGED) this.loadedAt = -Infinity;
    }) ?? (() => undefined);
  }

  close(): void {
    this.unsubscribe();
  }

  /** A line's mode (bot first unless a manager set another). */
  async modeOf(line: string): Promise<ReceptionMode> {
    if (this.now().getTime() - this.loadedAt > RELOAD_MS) await this.reload();
    const s = this.modes.get(line);
    return s ? (s.mode === 'share' ? { mode: 'share', share: s.share } : { mode: s.mode }) : { mode: 'bot_first' };
  }

  /** Every line's setting, fresh from the store (the console). */
  async list(): Promise<ReceptionSetting[]> {
    await this.reload();
    return [...this.modes.values()];
  }

  async set(line: string, mode: ReceptionMode, by: string): Promise<ReceptionSetting> {
    const setting: ReceptionSetting = { ...mode, line, setBy: by, setAt: this.now().toISOString() };
    await this.store.put(setting);
    this.modes.set(line, setting);
    await this.notifications?.publish({ kind: CHANGED, target: `line:${line}`, payload: { line } }).catch(() => undefined);
    return setting;
  }

  private reload(): Promise<void> {
    this.loading ??= this.store
      .list()
      .then((all) => {
        this.modes = new Map(all.map((s) => [s.line, s]));
        this.loadedAt = this.now().getTime();
      })
      .finally(() => {
        this.loading = undefined;
      });
    return this.loading;
  }
}
