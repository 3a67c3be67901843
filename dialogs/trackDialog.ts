import { trackingText } from '../bot/englishNames.js';
import { QUALITY_WORDS } from './returnDialog.js';
import type { NextTask } from './nextTask.js';
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { decideTracking, facts } from '../policy/index.js';
import type { DialogServices } from './dialogServices.js';
import { formatTime, timeZoneOf } from '../bot/format.js';
import { TRACK } from './phrases/trackPhrases.js';
import { T } from './phrases/taskPhrases.js';
import { STATUS_LABEL, say } from '../bot/strings.js';
import { TaskDialog, type OrderContext, type TaskOptions } from './taskDialog.js';

/** Words that say a delivered parcel never reached the buyer: a where-is-it after all. */
const NOT_RECEIVED = /没收到|没有收到|没到|未收到|丢件|丢了|never (arrived|came|got it)|did ?n[o']?t (arrive|receive|get)|not (received|arrived)|haven'?t (received|got)|missing parcel|lost/iu;

export const TRACK_DIALOG = 'trackDialog';
const STEPS = 'trackDialog.steps';

/** Earlier tracking events shown under the latest: enough to see the route, short enough for a phone. */
const EARLIER_EVENTS_SHOWN = 2;

/**
 * `task.track_logistics`, `task.urge_shipping`: settles the order and gives the `track.*`
 * decision: the promised ship-by time, a late shipment urged (with the compensation), the carrier,
 * number and latest events, or a stalled parcel with the offer to chase the seller.
 */
export class TrackDialog extends TaskDialog {
  constructor(services: DialogServices) {
    super(TRACK_DIALOG, services, 'track');
    this.addDialog(new WaterfallDialog<TaskOptions>(STEPS, [...this.sharedSteps(), (s) => this.decideStep(s), (s) => this.chaseStep(s)]));
    this.initialDialogId = STEPS;
  }

  protected relevant(order: OrderContext['order']): boolean {
    return ['paid', 'shipped'].includes(order.status);
  }

  private async decideStep(step: WaterfallStepContext<TaskOptions>): Promise<DialogTurnResult> {
    const oc = await this.settledOrder(step);
    if (!oc) return step.endDialog();
    if (facts.isDelivered(oc.order) && QUALITY_WORDS.test(step.options.text) && !NOT_RECEIVED.test(step.options.text)) {
      // "the hub I bought last week doesn't work" read as a where-is-it: it arrived, and something is wrong with it.
      return step.endDialog({ startTask: { intent: 'task.report_problem', text: step.options.text, orderId: oc.order.id } } satisfies NextTask);
    }
    const urge = step.options.intent === 'task.urge_shipping';
    const decision = decideTracking(oc.order, oc.now, oc.settings, urge ? 'urge' : 'track');
    await this.reportDecision(step, oc, decision);
    const { locale } = oc.info;
    const f = oc.facts;
    const status = say(STATUS_LABEL[oc.order.status], locale);
    if (decision.action === 'explain') {
      if (facts.isEnded(oc.order)) return this.finish(step, oc, say(TRACK.ended, locale, { ...f, status }));
      if (!facts.isPaid(oc.order)) return this.finish(step, oc, say(TRACK.unpaid, locale, f));
      if (facts.isVirtual(oc.order)) return this.finish(step, oc, say(TRACK.virtual, locale, f));
      return this.finish(step, oc, say(TRACK.noShipBy, locale, f));
    }
    switch (decision.rule) {
      case 'track.before_ship_by':
        if (!urge) return this.finish(step, oc, say(TRACK.beforeShipBy, locale, f));
        // Still within the promise, but the buyer asked to hurry: the nudge is passed on (and recorded), as the reply says.
        await this.sayOutcome(step.context, oc, await this.services.actions.urgeMerchant(oc.order.id, oc.order.status, this.actionBy(step, oc, decision.rule)), say(TRACK.beforeShipByUrged, locale, f));
        return step.endDialog();
      case 'track.late_shipment': {
        const result = await this.services.actions.urgeMerchant(oc.order.id, oc.order.status, this.actionBy(step, oc, decision.rule), true);
        await this.sayOutcome(step.context, oc, result, say(TRACK.late, locale, f));
        return step.endDialog();
      }
      case 'track.stalled': {
        const hours = Math.floor(facts.hoursSinceTracking(oc.order, oc.now) ?? 0);
        await this.sayWithCard(step.context, oc, say(TRACK.stalledFacts, locale, { ...f, hours }));
        return this.ask(step, say(TRACK.stalledOffer, locale), { yes: 'yes', no: 'no' });
      }
      default:
        if (facts.isDelivered(oc.order) && NOT_RECEIVED.test(step.options.text)) {
          // "says delivered but I never got it": what the carrier says, and the offer to have it checked.
          (this.draft(step) as { topic?: string }).topic = 'delivered_not_received';
          await this.sayWithCard(step.context, oc, say(TRACK.deliveredNotReceived, locale, f));
          return this.ask(step, say(TRACK.notReceivedOffer, locale), { yes: 'yes', no: 'no' });
        }
        if (facts.isDelivered(oc.order)) return this.finish(step, oc, say(TRACK.delivered, locale, f));
        return this.finish(step, oc, say(TRACK.inTransit, locale, { ...f, events: this.earlierEvents(oc) }));
    }
  }

  /** A stalled parcel: after the yes, the seller is asked to chase the carrier. */
  private async chaseStep(step: WaterfallStepContext<TaskOptions>): Promise<DialogTurnResult> {
    if (step.result !== true) return this.leftAsIs(step);
    const oc = this.orderContext(step);
    const { decision, expect } = this.draft(step);
    if (!oc || !decision || !expect) return step.endDialog();
    const topic = (this.draft(step) as { topic?: string }).topic ?? 'parcel_stalled';
    const result = await this.services.actions.messageMerchant(oc.order.id, expect, this.actionBy(step, oc, decision.rule), topic);
    await this.sayOutcome(step.context, oc, result, say(T.merchantAsked, oc.info.locale, oc.facts));
    return step.endDialog();
  }

  /** The events before the latest, newest first, one per line. */
  private earlierEvents(oc: OrderContext): string {
    const zone = timeZoneOf(oc.buyer, oc.info.locale);
    const events = [...(oc.order.logistics?.events ?? [])].sort((a, b) => Date.parse(b.at) - Date.parse(a.at)).slice(1, 1 + EARLIER_EVENTS_SHOWN);
    if (events.length === 0) return '';
    const lines = events.map((e) => `${formatTime(e.at, oc.info.locale, zone)} ${trackingText(e.text, oc.info.locale)}`).join('\n');
    return say(TRACK.earlier, oc.info.locale, { lines });
  }

  private async finish(step: WaterfallStepContext<TaskOptions>, oc: OrderContext, text: string): Promise<DialogTurnResult> {
    await this.sayWithCard(step.context, oc, text);
    return step.endDialog();
  }
}
