import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The project root, so that default paths do not depend on the directory `npm start` is run from. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Where the embedded store lives unless `DATA_FILE` says otherwise: under the project, ignored by git. */
export const DEFAULT_DATA_FILE = path.join(PROJECT_ROOT, 'var', 'desk.json');

/** Where trained intent models are cached, keyed by the corpus hash; under the project, ignored by git. */
export const DEFAULT_MODEL_DIR = path.join(PROJECT_ROOT, 'var', 'models');

/** Open mode listens here unless `HOST` says otherwise: unauthenticated callers only from this machine. */
export const OPEN_MODE_HOST = '127.0.0.1';

const APP_TYPES = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Empty strings count as "not set", as in `.env` files where `NAME=` means "use the default". */
const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

/** A whole number ≥ 0, or `fallback` when not set. */
function wholeNumber(name: string, fallback: number) {
  return optionalText.transform((v, ctx) => {
    if (v === undefined) return fallback;
    if (!/^\d+$/.test(v)) {
      ctx.addIssue({ code: 'custom', message: `must be a whole number (${name})` });
      return z.NEVER;
    }
    return Number(v);
  });
}

/** Host names that may serve OpenID metadata over plain http: this machine only (a local test issuer). */
const LOOPBACK_METADATA_HOSTS = new Set(['localhost', '[::1]']);

/**
 * An OpenID metadata URL for Bot Framework tokens: whoever answers it decides which signing keys
 * are trusted, so it must be https (plain http only on this machine, for a local test issuer).
 */
const openIdMetadataUrl = optionalText.transform((v, ctx) => {
  if (v === undefined) return undefined;
  const url = URL.canParse(v) ? new URL(v) : undefined;
  const loopback = (host: string): boolean => LOOPBACK_METADATA_HOSTS.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
  if (url === undefined || !(url.protocol === 'https:' || (url.protocol === 'http:' && loopback(url.hostname)))) {
    ctx.addIssue({ code: 'custom', message: 'must be an https URL (http only on localhost)' });
    return z.NEVER;
  }
  return url.href;
});

const envSchema = z.object({
  PORT: optionalText.transform((v, ctx) => {
    if (v === undefined) return 3978;
    const port = Number(v);
    if (!/^\d+$/.test(v) || port > 65535) {
      ctx.addIssue({ code: 'custom', message: 'must be a whole number between 0 and 65535' });
      return z.NEVER;
    }
    return port;
  }),
  HOST: optionalText.transform((v, ctx) => {
    if (v === undefined) return undefined;
    if (!/^[A-Za-z0-9.:\-\[\]%]+$/.test(v)) {
      ctx.addIssue({ code: 'custom', message: 'must be a host name or an IP address to listen on' });
      return z.NEVER;
    }
    return v.replace(/^\[|\]$/g, '');
  }),
  DATA_FILE: optionalText.transform((v) => path.resolve(PROJECT_ROOT, v ?? DEFAULT_DATA_FILE)),
  MODEL_DIR: optionalText.transform((v) => path.resolve(PROJECT_ROOT, v ?? DEFAULT_MODEL_DIR)),
  DATABASE_URL: optionalText.transform((v, ctx) => {
    if (v === undefined) return undefined;
    const url = URL.canParse(v) ? new URL(v) : null;
    if (!url || !['postgres:', 'postgresql:'].includes(url.protocol)) {
      ctx.addIssue({ code: 'custom', message: 'must be a PostgreSQL connection string, postgres://user:password@host:port/database' });
      return z.NEVER;
    }
    return v;
  }),
  TRANSCRIPT_FILE: optionalText.transform((v) => (v === undefined ? undefined : path.resolve(PROJECT_ROOT, v))),
  MicrosoftAppId: optionalText,
  MicrosoftAppPassword: optionalText,
  MicrosoftAppType: optionalText.pipe(
    z.enum(APP_TYPES, { message: `must be one of ${APP_TYPES.join(', ')}` }).default('MultiTenant'),
  ),
  MicrosoftAppTenantId: optionalText,
  // Where Bot Framework tokens come from (botbuilder's option names); unset = Microsoft's public cloud.
  ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
  ToBotFromChannelTokenIssuer: optionalText.refine((v) => v === undefined || !/\s/.test(v), { message: 'must not contain spaces' }),
  ToBotFromEmulatorOpenIdMetadataUrl: openIdMetadataUrl,
  SERVICE_URL_ALLOW_LIST: optionalText.transform((v, ctx) => {
    const entries = (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    for (const entry of entries) {
      if (!URL.canParse(entry)) ctx.addIssue({ code: 'custom', message: `has "${entry}", which is not a URL` });
    }
    if (!entries.every((e) => URL.canParse(e))) return z.NEVER;
    return entries.map((e) => new URL(e).origin);
  }),
  // The secret a shop's backend exchanges for Direct Line tokens bound to its signed-in buyer (web.md); empty: /chat offers demo buyers.
  DIRECT_LINE_SECRET: optionalText.pipe(z.string().min(16, 'must be at least 16 characters (it guards who may speak as a buyer)').optional()),
  // Bearer token for the managers' JSON API (web.md /api/console/*), for scripts; empty: signed-in managers only.
  CONSOLE_TOKEN: optionalText.pipe(z.string().min(16, 'must be at least 16 characters (it opens the managers\' figures)').optional()),
  // The shop's time zone: days and hours of day in the managers' console.
  SHOP_TIME_ZONE: optionalText.transform((v, ctx) => {
    const zone = v ?? 'Asia/Shanghai';
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      return zone;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be an IANA time zone such as Asia/Shanghai' });
      return z.NEVER;
    }
  }),
  DEFAULT_LOCALE: optionalText.pipe(
    z.enum(['zh-CN', 'en-US'], { message: 'must be zh-CN or en-US' }).default('zh-CN'),
  ),
  UNPAID_REMINDER_MINUTES: wholeNumber('UNPAID_REMINDER_MINUTES', 30),
  REMINDER_CHECK_SECONDS: wholeNumber('REMINDER_CHECK_SECONDS', 60),
  AGENT_IDLE_MINUTES: wholeNumber('AGENT_IDLE_MINUTES', 30),
  SENDER_MESSAGES_PER_MINUTE: wholeNumber('SENDER_MESSAGES_PER_MINUTE', 60),
  LOG_LEVEL: optionalText.pipe(z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info')),
  // Readable lines for a person at a terminal, JSON lines for everything else (a log collector, a file, CI).
  LOG_FORMAT: optionalText.pipe(z.enum(['json', 'text'], { message: 'must be json or text' }).optional()).transform((v) => v ?? (process.stdout.isTTY ? 'text' : 'json')),
});

/** The desk's whole configuration: typed, validated once, frozen. */
export type DeskConfig = Readonly<z.infer<typeof envSchema>> & {
  /** True when no app id is set: the endpoint accepts unauthenticated requests (Emulator on this machine). */
  readonly openMode: boolean;
  /**
   * The address to listen on: `HOST`, else loopback in open mode (nothing authenticates callers, so
   * only this machine may reach the desk), else every interface (Node's default).
   */
  readonly listenHost: string | undefined;
  /** The append-only transcript file, beside the store unless `TRANSCRIPT_FILE` says otherwise. */
  readonly transcriptFile: string;
  /** The append-only event log (order history, handovers, answer feedback), beside the store. */
  readonly eventsFile: string;
};

/** A configuration value that is present but invalid; the message names the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and validates the environment; throws `ConfigError` naming the first bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): DeskConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    // A connection string may carry a password, and a secret is one: never echo them.
    const got = name === 'DATABASE_URL' || name === 'DIRECT_LINE_SECRET' || name === 'CONSOLE_TOKEN' ? 'a value not shown, as it is or may hold a secret' : JSON.stringify(env[name]);
    throw new ConfigError(`Invalid configuration: ${name} ${issue?.message ?? 'is invalid'} (got ${got})`);
  }
  const c = parsed.data;
  if (c.MicrosoftAppId && !c.MicrosoftAppPassword && c.MicrosoftAppType !== 'UserAssignedMSI') {
    throw new ConfigError('Invalid configuration: MicrosoftAppPassword is required when MicrosoftAppId is set');
  }
  if (c.MicrosoftAppType === 'SingleTenant' && c.MicrosoftAppId && !c.MicrosoftAppTenantId) {
    throw new ConfigError('Invalid configuration: MicrosoftAppTenantId is required when MicrosoftAppType is SingleTenant');
  }
  return Object.freeze({
    ...c,
    openMode: !c.MicrosoftAppId,
    listenHost: c.HOST ?? (c.MicrosoftAppId ? undefined : OPEN_MODE_HOST),
    transcriptFile: c.TRANSCRIPT_FILE ?? transcriptFileBeside(c.DATA_FILE),
    eventsFile: besideData(c.DATA_FILE, 'events.jsonl'),
  });
}

/** `var/desk.json` → `var/desk.transcript.jsonl`. */
export function transcriptFileBeside(dataFile: string): string {
  return besideData(dataFile, 'transcript.jsonl');
}

/** `var/desk.json`, `events.jsonl` → `var/desk.events.jsonl`: the files that belong to one store sit together. */
function besideData(dataFile: string, suffix: string): string {
  const { dir, name } = path.parse(dataFile);
  return path.join(dir, `${name}.${suffix}`);
}
