import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import type { Reception } from '../desk/handoff/reception.js';
import { straightToAgents } from '../desk/handoff/reception.js';
import type { HandoffDesk } from './handoffDesk.js';
import { partyKey } from './handoffDesk.js';
import type { Logger } from './logger.js';
import { maybeTurnInfo } from './turnInfo.js';

/**
 * The line's reception mode (web.md "Managers"), applied to the first message of a new contact:
 * agents first, or the line's share of contacts, go straight to the queue (the agent reads the
 * message in the briefing) while an agent of the line is online; everything else goes to the bot.
 * The line is the buyer's latest order's (or the shop's only line); a guest of a shop with several
 * lines gets the bot, which settles the line first.
 */
export class ReceptionMiddleware implements Middleware {
  constructor(
    private readonly parts: { reception: Reception; handoffs: HandoffDesk; logger: Logger },
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const info = maybeTurnInfo(context);
    if (context.activity.type !== ActivityTypes.Message || !info?.contactBegan || !info.contactId || info.party.kind === 'agent' || info.button) return next();
    const { handoffs } = this.parts;
    if (handoffs.book.openFor(partyKey(info, context.activity))) return next();
    const line = info.contactLine;
    if (!line) return next();
    let straight = false;
    let reason = 'reception_agents_first';
    try {
      const mode = await this.parts.reception.modeOf(line);
      straight = straightToAgents(mode, info.contactId, handoffs.service.onlineAgents(line).length);
      if (mode.mode === 'share') reason = 'reception_share';
    } catch (err) {
      this.parts.logger.error({ err, line }, 'could not read the reception mode: the bot takes the contact');
    }
    if (!straight) return next();
    await handoffs.request(context, info, { reason }, line);
  }
}
