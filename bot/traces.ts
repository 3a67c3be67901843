import { Channels, type TurnContext } from 'botbuilder';

/** The trace names of `interfaces.md`. */
export type TraceName = 'IntentRecognition' | 'AfterSalesDecision' | 'Handoff';

/**
 * Sends a trace activity for the Emulator's inspector, so a merchant sees why the bot did what it
 * did. Only on the emulator channel: other channels drop traces, so sending them is wasted work.
 */
export async function sendTrace(context: TurnContext, name: TraceName, value: object): Promise<void> {
  if (context.activity.channelId !== Channels.Emulator) return;
  await context.sendTraceActivity(name, value, `https://aftersales-desk/schemas/${name}`, name);
}
