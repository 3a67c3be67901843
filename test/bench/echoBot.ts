import type { AddressInfo } from 'node:net';
import restify from 'restify';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, MessageFactory, type TurnContext } from 'botbuilder';

/** The bare Bot Framework baseline: replies `Echo: <text>` to every message and keeps no state. */
export class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      const text = context.activity.text ?? '';
      await context.sendActivity(MessageFactory.text(`Echo: ${text}`, `Echo: ${text}`));
      await next();
    });
  }
}

/** A running echo bot; `errors` counts turns that failed (there should be none). */
export interface RunningEchoBot {
  endpoint: string;
  readonly errors: number;
  close(): Promise<void>;
}

/**
 * Starts the echo bot as the Bot Framework samples wire one: CloudAdapter with configuration
 * authentication and empty credentials (open, as for the Emulator), restify with bodyParser,
 * `POST /api/messages`, on a free port. It is the yardstick the desk's turn costs are read against.
 */
export async function startEchoBot(): Promise<RunningEchoBot> {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: '',
    MicrosoftAppPassword: '',
    MicrosoftAppType: 'MultiTenant',
    MicrosoftAppTenantId: '',
  });
  const adapter = new CloudAdapter(auth);
  let errors = 0;
  adapter.onTurnError = async (context: TurnContext) => {
    errors++;
    await context.sendActivity('The echo bot failed on this turn.');
  };
  const bot = new EchoBot();
  const server = restify.createServer({ name: 'bench-echo-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser());
  server.post('/api/messages', async (req: restify.Request, res: restify.Response) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}/api/messages`,
    get errors() {
      return errors;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
