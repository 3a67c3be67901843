import pino, { type DestinationStream, type Logger } from 'pino';

/** How logs are written: JSON lines (pino, for log collectors) or one readable line per entry (a person at a terminal). */
export type LogFormat = 'json' | 'text';

const LEVEL_NAMES: Readonly<Record<number, string>> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

/** pino's JSON lines turned into `12:03:04 INFO message (error: …)`, for a person reading a terminal. */
function textDestination(out: NodeJS.WritableStream): DestinationStream {
  return {
    write(line: string) {
      try {
        const entry = JSON.parse(line) as { level: number; time: number; msg?: string; err?: { message?: string } };
        const time = new Date(entry.time).toTimeString().slice(0, 8);
        const error = entry.err?.message ? ` (error: ${entry.err.message})` : '';
        out.write(`${time} ${LEVEL_NAMES[entry.level] ?? entry.level} ${entry.msg ?? ''}${error}\n`);
      } catch {
        out.write(line);
      }
    },
  };
}

/**
 * The desk's one logger: structured JSON lines, with the conversation id bound per turn by callers;
 * as readable text when `format` says so (the default on a terminal).
 */
export function createLogger(level: string, format: LogFormat = 'json'): Logger {
  const options = { level, base: { service: 'aftersales-desk' } };
  return format === 'text' ? pino(options, textDestination(process.stdout)) : pino(options);
}

export type { Logger };
