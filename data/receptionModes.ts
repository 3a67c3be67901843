/**
 * How each business line receives new contacts (web.md "Managers"): the bot first (the default),
 * agents first (straight to the queue while an agent of the line is online), or a share of new
 * contacts sent straight to agents. Set by managers in the console; every desk of the store reads it.
 */
export type ReceptionMode = { mode: 'bot_first' } | { mode: 'agents_first' } | { mode: 'share'; share: number };

/** One line's mode, with who set it and when. */
export type ReceptionSetting = ReceptionMode & { line: string; setBy: string; setAt: string };

export const RECEPTION_MODES = ['bot_first', 'agents_first', 'share'] as const;

export interface ReceptionModes {
  /** Every line a manager has set (a line not listed is bot first). */
  list(): Promise<ReceptionSetting[]>;
  put(setting: ReceptionSetting): Promise<void>;
  close(): Promise<void>;
}
