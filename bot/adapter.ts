import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import { S, say } from '../dialogs/strings.js';
import { detectLanguage, supportedLocale } from '../recognizers/language.js';
import type { DeskConfig } from './config.js';
import type { DeskState } from './deskState.js';
import type { Logger } from './logger.js';
import { maybeTurnInfo } from './turnInfo.js';

/** Bot Framework authentication from the standard variable names; empty app id = open mode. */
export function createAuthentication(config: DeskConfig): ConfigurationBotFrameworkAuthentication {
  const options: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: config.MicrosoftAppId ?? '',
    MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
  };
  return new ConfigurationBotFrameworkAuthentication(options);
}

/** The outcome of `authenticateRequest` (botframework-connector's type, reached through botbuilder's). */
export type AuthenticateRequestResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;

/**
 * CloudAdapter with the authentication step taken out of `process()`: the server authenticates
 * first (so a bad token is 401, where `process()` answers 500 for a bad signature), then runs the
 * turn here with the result.
 */
export class DeskAdapter extends CloudAdapter {
  /** Runs one already-authenticated turn; returns the invoke response, if any. */
  runTurn(auth: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, logic);
  }
}

/**
 * The adapter with the desk's turn error handler: log the error with the conversation and
 * activity ids, tell the buyer in their language what happened and what to do, and drop the dialog
 * stack so a broken dialog does not fail again on the next message.
 */
export function createAdapter(auth: ConfigurationBotFrameworkAuthentication, state: DeskState, logger: Logger, defaultLocale: 'zh-CN' | 'en-US'): DeskAdapter {
  const adapter = new DeskAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const { activity } = context;
    logger.error({ err: error, conversationId: activity.conversation?.id, activityId: activity.id, type: activity.type }, 'turn failed');
    const locale =
      maybeTurnInfo(context)?.locale ?? supportedLocale(activity.locale) ?? detectLanguage(activity.text ?? '') ?? defaultLocale;
    try {
      await context.sendActivity(say(S.turnError, locale));
      await state.dialogState.delete(context);
      await state.conversation.saveChanges(context);
    } catch (err) {
      logger.error({ err, conversationId: activity.conversation?.id }, 'could not tell the buyer about a failed turn');
    }
  };
  return adapter;
}
