import { failureLine } from '../bot/cli.js';
import { loadConfig } from '../bot/config.js';
import { createDesk } from './desk.js';

/** `npm start`: validates the configuration, starts the desk, and stops it cleanly on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const config = loadConfig();
  const desk = await createDesk(config);
  const { meta } = desk.store.doc;
  const shop = meta.source === 'demo' ? `demo shop seeded ${meta.seededAt}` : `shop imported ${meta.importedAt} from ${meta.importFile}`;
  desk.logger.info(
    { endpoint: desk.endpoint, store: desk.store.kind, location: desk.store.location, openMode: config.openMode },
    `Desk listening at ${desk.endpoint} on ${desk.store.kind === 'postgres' ? 'PostgreSQL' : 'the store'} ${desk.store.location} (${shop})${config.openMode ? ', open mode: no app id' : ''}`,
  );
  // A promise nobody awaited failed: log it and go on. Node's default would stop the desk for every buyer.
  process.on('unhandledRejection', (reason: unknown) => desk.logger.error({ err: reason }, 'unhandled rejection'));
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    desk.logger.info({ signal }, 'stopping');
    desk.close().then(
      () => process.exit(0),
      (err: unknown) => {
        desk.logger.error({ err }, 'stopped with an error');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

// Not runCli: the desk keeps running after main() resolves, until a signal stops it.
main().catch((err: unknown) => {
  process.stderr.write(failureLine(err));
  process.exit(1);
});
