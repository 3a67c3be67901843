import {
  CallerIdConstants,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import { S, say } from './strings.js';
import { detectLanguage, supportedLocale } from '../recognizers/language.js';
import type { DeskConfig } from './config.js';
import type { DeskState } from './deskState.js';
import type { Logger } from './logger.js';
import { maybeTurnInfo } from './turnInfo.js';

/**
 * botframework-connector's `ServiceClientCredentialsFactory` (reached through botbuilder's
 * constructor, as the desk does not depend on botframework-connector directly): where the bot gets
 * the token it puts on its replies to the channel.
 */
export type OutgoingCredentialsFactory = NonNullable<ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[1]>;

/**
 * Microsoft's public cloud, as botframework-connector's `AuthenticationConstants` (4.23) has it.
 * botbuilder uses its built-in values only when none of these options is set: once one is (a
 * metadata URL, say), it takes every one as given and an unset one as empty, which would leave
 * the bot with no token issuer and no scope for its replies. So the desk fills in the rest.
 */
export const PUBLIC_CLOUD_AUTHENTICATION = {
  ValidateAuthority: true,
  ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
  ToChannelFromBotOAuthScope: 'https://api.botframework.com',
  ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
  OAuthUrl: 'https://api.botframework.com',
  ToBotFromChannelOpenIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
  ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
  CallerId: CallerIdConstants.PublicAzureChannel,
} as const satisfies ConfigurationBotFrameworkAuthenticationOptions;

/**
 * Bot Framework authentication from the standard variable names; empty app id = open mode.
 * `ToBotFromChannelOpenIdMetadataUrl`, `ToBotFromChannelTokenIssuer` and
 * `ToBotFromEmulatorOpenIdMetadataUrl` say where valid tokens come from (Microsoft's when unset;
 * a local issuer in tests). `outgoing`, when given in app-id mode, replaces only how the bot gets
 * the token for its replies: which app ids incoming tokens must name stays the configured one.
 */
export function createAuthentication(config: DeskConfig, outgoing?: OutgoingCredentialsFactory): DeskAuthentication {
  const endpoints = {
    ToBotFromChannelOpenIdMetadataUrl: config.ToBotFromChannelOpenIdMetadataUrl,
    ToBotFromChannelTokenIssuer: config.ToBotFromChannelTokenIssuer,
    ToBotFromEmulatorOpenIdMetadataUrl: config.ToBotFromEmulatorOpenIdMetadataUrl,
  };
  const chosen = Object.fromEntries(Object.entries(endpoints).filter(([, v]) => v !== undefined));
  const options: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: config.MicrosoftAppId ?? '',
    MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
    ...(Object.keys(chosen).length > 0 ? { ...PUBLIC_CLOUD_AUTHENTICATION, ...chosen } : {}),
  };
  const configured = new ConfigurationServiceClientCredentialFactory(options);
  const credentials: OutgoingCredentialsFactory =
    outgoing && !config.openMode
      ? {
          isValidAppId: (appId) => configured.isValidAppId(appId),
          isAuthenticationDisabled: () => configured.isAuthenticationDisabled(),
          createCredentials: (appId, audience, loginEndpoint, validateAuthority) =>
            outgoing.createCredentials(appId, audience, loginEndpoint, validateAuthority),
        }
      : configured;
  return new DeskAuthentication(options, credentials);
}

type ClaimsIdentity = Parameters<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>[0];
type ConnectorFactory = ReturnType<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;

/**
 * A channel the desk itself is (its own Direct Line): what the bot sends to a conversation at its
 * `serviceUrl` is handed to it in process instead of being posted over HTTP.
 */
export interface LocalChannel {
  /** The service URL that names the channel in activities and stored conversation references (never fetched). */
  readonly serviceUrl: string;
  /** Takes an activity the bot sends to a conversation; resolves with its id. */
  send(conversationId: string, activity: Partial<Activity>): Promise<{ id: string }>;
}

/** A connector client onto a local channel: the part of botframework-connector's `ConnectorClient` that the adapter calls for a turn. */
function localConnector(channel: LocalChannel): ConnectorClient {
  const refuse = async (): Promise<never> => {
    throw new Error(`${channel.serviceUrl} supports sending activities only`);
  };
  const conversations = {
    sendToConversation: (conversationId: string, activity: Partial<Activity>) => channel.send(conversationId, activity),
    replyToActivity: (conversationId: string, _replyToId: string, activity: Partial<Activity>) => channel.send(conversationId, activity),
    updateActivity: refuse,
    deleteActivity: refuse,
  };
  // Only `conversations.*` above is reached for a conversation at a local service URL (CloudAdapterBase's send, update, delete).
  return { conversations } as unknown as ConnectorClient;
}

/**
 * Bot Framework authentication that also knows the desk's local channels: the bot's replies and
 * proactive messages to a conversation at a local channel's service URL go to it in process.
 */
export class DeskAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly local = new Map<string, LocalChannel>();

  /** Registers a local channel (the Direct Line door, when the desk starts). */
  addLocalChannel(channel: LocalChannel): void {
    this.local.set(channel.serviceUrl, channel);
  }

  /** True when `serviceUrl` is a local channel's. */
  isLocal(serviceUrl: string | undefined): boolean {
    return serviceUrl !== undefined && this.local.has(serviceUrl);
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    const inner = super.createConnectorFactory(claimsIdentity);
    const local = this.local;
    return {
      create: async (serviceUrl: string, audience?: string) => {
        const channel = local.get(serviceUrl);
        return channel ? localConnector(channel) : inner.create(serviceUrl, audience);
      },
    };
  }
}

/** The outcome of `authenticateRequest` (botframework-connector's type, reached through botbuilder's). */
export type AuthenticateRequestResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;

/**
 * CloudAdapter with the authentication step taken out of `process()`: the server authenticates
 * first (so a bad token is 401, where `process()` answers 500 for a bad signature), then runs the
 * turn here with the result.
 */
export class DeskAdapter extends CloudAdapter {
  constructor(
    private readonly auth: DeskAuthentication,
    private readonly appId: string,
  ) {
    super(auth);
  }

  /** Runs one already-authenticated turn; returns the invoke response, if any. */
  runTurn(auth: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, logic);
  }

  /**
   * Runs a turn that came in through one of the desk's own doors (its Direct Line), which
   * authenticated the sender itself: the bot's replies go back to that door's local channel.
   */
  runLocalTurn(activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    if (!this.auth.isLocal(activity.serviceUrl)) throw new Error(`DeskAdapter.runLocalTurn(): ${activity.serviceUrl} is not a local channel`);
    const claimsIdentity = this.createClaimsIdentity(this.appId);
    return this.processActivity(
      { claimsIdentity, connectorFactory: this.auth.createConnectorFactory(claimsIdentity), audience: PUBLIC_CLOUD_AUTHENTICATION.ToChannelFromBotOAuthScope },
      activity,
      logic,
    );
  }
}

/**
 * The adapter with the desk's turn error handler: log the error with the conversation and
 * activity ids, tell the buyer in their language what happened and what to do, and drop the dialog
 * stack so a broken dialog does not fail again on the next message.
 */
export function createAdapter(auth: DeskAuthentication, appId: string, state: DeskState, logger: Logger, defaultLocale: 'zh-CN' | 'en-US'): DeskAdapter {
  const adapter = new DeskAdapter(auth, appId);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const { activity } = context;
    logger.error({ err: error, conversationId: activity.conversation?.id, activityId: activity.id, type: activity.type }, 'turn failed');
    const locale =
      maybeTurnInfo(context)?.locale ?? supportedLocale(activity.locale) ?? detectLanguage(activity.text ?? '') ?? defaultLocale;
    try {
      await context.sendActivity(say(S.turnError, locale));
      if (activity.from?.id) await state.dialogState.delete(context); // per sender: a turn without one has no dialog
      await state.saveAll(context);
    } catch (err) {
      logger.error({ err, conversationId: activity.conversation?.id }, 'could not tell the buyer about a failed turn');
    }
  };
  return adapter;
}
