import pino, { type Logger } from 'pino';

/** The desk's one logger: structured JSON lines, with the conversation id bound per turn by callers. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'aftersales-desk' } });
}

export type { Logger };
