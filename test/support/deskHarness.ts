import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../../bot/config.js';
import { createDesk, type Desk, type DeskOverrides } from '../../app/desk.js';
import { freshDatabase, onPostgres, type FreshDatabase } from './freshDatabase.js';
import { TestChannel } from './testChannel.js';

/** A real desk on port 0 with its own store file, and a test channel talking to it. */
export interface Harness {
  desk: Desk;
  channel: TestChannel;
  dir: string;
  dataFile: string;
  /** The database the desk runs on (the postgres test project), else undefined. */
  databaseUrl: string | undefined;
  /** Stops the desk and starts it again on the same store (a restart). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** Starts a desk on a fresh temp store (seeded with the demo shop unless `dataFile` exists). */
export async function startHarness(env: Record<string, string> = {}, overrides: DeskOverrides = {}): Promise<Harness> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'desk-test-'));
  const dataFile = env.DATA_FILE ?? path.join(dir, 'desk.json');
  // Reminder checks off unless a test turns them on: a proactive message landing in another test's conversation would be noise.
  // The sender rate limit off likewise: tests type faster than people (the limit has tests of its own).
  // The postgres test project runs every desk on a fresh database of its own (a given DATA_FILE means a test about files).
  const db: FreshDatabase | undefined = onPostgres() && !env.DATA_FILE && !env.DATABASE_URL ? await freshDatabase() : undefined;
  const config = loadConfig({
    PORT: '0',
    DATA_FILE: dataFile,
    LOG_LEVEL: 'silent',
    REMINDER_CHECK_SECONDS: '0',
    SENDER_MESSAGES_PER_MINUTE: '0',
    ...(db ? { DATABASE_URL: db.url } : {}),
    ...env,
  });
  const logger = overrides.logger ?? pino({ level: 'silent' });
  const harness: Harness = {
    desk: await createDesk(config, { ...overrides, logger }),
    channel: undefined as unknown as TestChannel,
    dir,
    dataFile,
    databaseUrl: config.DATABASE_URL,
    async restart() {
      await harness.desk.close();
      harness.desk = await createDesk(config, { ...overrides, logger });
      harness.channel.endpoint = harness.desk.endpoint;
    },
    async close() {
      await harness.channel.close();
      await harness.desk.close();
      await db?.drop();
      await rm(dir, { recursive: true, force: true });
    },
  };
  harness.channel = await TestChannel.start(harness.desk.endpoint);
  return harness;
}
