import { ASKS_REFUND_TIME, hasRefund, sendRefundStatus } from './orderQuestions.js';
import { swapToIn } from './yesNoPrompt.js';
import { MessageFactory, type Attachment } from 'botbuilder';
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { ReturnShippingPayer } from '../desk/orders/orderActions.js';
import { decideReturn, facts, type Decision, type ReturnKind } from '../policy/index.js';
import type { DialogServices } from './dialogServices.js';
import type { NextTask } from './nextTask.js';
import { timeZoneOf } from '../bot/format.js';
import { orderFacts } from './orderFacts.js';
import { itemsNamedIn } from '../recognizers/orderReference.js';
import { PhotoPrompt, photoRefs } from './photoPrompt.js';
import { RETURN, RETURN_SHIPPING } from './phrases/returnPhrases.js';
import { T } from './phrases/taskPhrases.js';
import { STATUS_LABEL, say, type Phrase } from '../bot/strings.js';
import { TaskDialog, type OrderContext, type TaskDraft, type TaskOptions } from './taskDialog.js';

export const RETURN_DIALOG = 'returnDialog';
const STEPS = 'returnDialog.steps';
const PHOTO_PROMPT = 'returnDialog.photo';

/** Words that say something is wrong with the goods (a quality case, not a change of mind). */
export const QUALITY_WORDS =
  /坏|破|碎|裂|漏|烂|臭|霉|瑕疵|质量|故障|不能用|用不了|没法用|不工作|开不了|不转|不加热|不亮|不充电|没反应|划痕|掉漆|变形|污渍|发错|错发|少发|漏发|缺件|少了|没收到|丢件|假货|变质|过期|不新鲜|broken|damaged|defect|faulty|(does ?n[o']?t|not|stopped|won'?t) (work|turn on|charge|heat|spin)|wrong (item|size sent|colou?r sent|one)|missing|cracked|scratch|dent|stain|torn|leak|fake|counterfeit|spoil|rotten|mou?ldy|stale|expired|dead on arrival|\bdoa\b|never (arrived|came)|did ?n[o']?t (arrive|receive|get)|not received/i;

/** Not wanting an order any more (a cancel before it arrives, a return after). */
const DONT_WANT = /不要了|不想要|不需要了|用不着了|下错|拍错|买错|买多了|don'?t want|do not want|no longer (want|need)|changed my mind|ordered (it )?by mistake|wrong (size|colou?r) ordered/iu;

/** A buyer who can no longer use a ticket or voucher (plans changed), rather than one that does not work. */
const CANNOT_GO = /用不了|用不上|去不了|去不成|来不了|没空|没时间|行程|改期|计划有变|临时有事|不去了|can'?t (make it|go|attend|use it)|won'?t be able to (go|make it|use)|plans? (changed|fell through)|not going|no longer (going|need)/iu;
/** A code or ticket that itself fails: a quality case. */
const CODE_FAULT = /无效|失效|打不开|兑换失败|核销失败|扫不出|invalid|doesn'?t (scan|work)|won'?t (scan|redeem)|rejected|declined/iu;

/** Where the return case stands between turns. */
type Stage = 'askQuality' | 'photo' | 'confirm' | 'offerMerchant' | 'done';

interface ReturnDraft extends TaskDraft {
  kind?: ReturnKind;
  /** The buyer wants the goods swapped rather than the money back. */
  swap?: boolean;
  /** The items named, when the buyer sends back only part of the order. */
  skus?: string[];
  stage?: Stage;
  photos?: string[];
}

/**
 * `task.return_refund`, `task.exchange`, `task.report_problem`: settles the order, gives the
 * `return.*` decision, asks whether something is wrong where that changes the answer, asks for a
 * photo of a quality problem, and after a yes opens the return or exchange (or hands a big refund
 * or a risky case to a person, or messages the seller when the windows are past).
 */
export class ReturnDialog extends TaskDialog {
  constructor(services: DialogServices) {
    super(RETURN_DIALOG, services, 'return');
    this.addDialog(new PhotoPrompt(PHOTO_PROMPT));
    this.addDialog(
      new WaterfallDialog<TaskOptions>(STEPS, [
        ...this.sharedSteps(),
        (s) => this.decideStep(s),
        (s) => this.qualityStep(s),
        (s) => this.photoStep(s),
        (s) => this.actStep(s),
      ]),
    );
    this.initialDialogId = STEPS;
  }

  protected relevant(order: OrderContext['order']): boolean {
    return facts.isDelivered(order) && !facts.isEnded(order);
  }

  private returnDraft(step: WaterfallStepContext<TaskOptions>): ReturnDraft {
    return this.draft(step) as ReturnDraft;
  }

  /** The order as this return sees it: only the items the buyer named, with their amount. */
  private scoped(oc: OrderContext, draft: ReturnDraft): OrderContext {
    if (!draft.skus?.length) return oc;
    const items = oc.order.items.filter((i) => draft.skus!.includes(i.sku));
    if (items.length === 0) return oc;
    const total = Math.round(items.reduce((sum, i) => sum + i.unitPrice * i.quantity, 0) * 100) / 100;
    const order = { ...oc.order, items, total };
    return { ...oc, order, facts: orderFacts(order, oc.info.locale, timeZoneOf(oc.buyer, oc.info.locale), oc.now) };
  }

  private scopedContext(step: WaterfallStepContext<TaskOptions>): OrderContext | undefined {
    const oc = this.orderContext(step);
    return oc && this.scoped(oc, this.returnDraft(step));
  }

  private async decideStep(step: WaterfallStepContext<TaskOptions>): Promise<DialogTurnResult> {
    const settled = await this.settledOrder(step);
    if (!settled) return step.endDialog();
    const draft = this.returnDraft(step);
    const named = itemsNamedIn(settled.order, step.options.text);
    if (named.length < settled.order.items.length) draft.skus = named.map((i) => i.sku);
    const oc = this.scoped(settled, draft);
    if (!facts.isDelivered(oc.order) && !facts.isEnded(oc.order) && !facts.isInProgress(oc.order)) {
      // Not delivered yet: a problem report ("it never came") is a where-is-it; a return is a cancel.
      // ("电烤箱和电暖器都不要了" read as a problem: not wanting an order not yet here is a cancel.)
      if (step.options.intent === 'task.report_problem' && !DONT_WANT.test(step.options.text)) {
        return step.endDialog({ startTask: { intent: 'task.track_logistics', text: '', orderId: oc.order.id } } satisfies NextTask);
      }
      await step.context.sendActivity(say(RETURN.notDeliveredYet, oc.info.locale, oc.facts));
      return step.endDialog({ startTask: { intent: 'task.cancel_order', text: '', orderId: oc.order.id } } satisfies NextTask);
    }
    if (facts.isVirtual(oc.order) && !facts.isInProgress(oc.order) && !facts.isEnded(oc.order) && CANNOT_GO.test(step.options.text) && !CODE_FAULT.test(step.options.text)) {
      // "门票下周用不了了": a ticket or voucher the buyer can no longer use is not faulty: unused codes are the seller's to cancel.
      return step.endDialog({ startTask: { intent: 'task.cancel_order', text: '', orderId: oc.order.id } } satisfies NextTask);
    }
    draft.kind = kindOf(step.options);
    draft.swap = step.options.intent === 'task.exchange';
    return this.decide(step, oc, draft.kind, true);
  }

  /** Decides for `kind`, reports it, and asks what the rule needs next. */
  private async decide(step: WaterfallStepContext<TaskOptions>, oc: OrderContext, kind: ReturnKind, mayAskQuality: boolean): Promise<DialogTurnResult> {
    const draft = this.returnDraft(step);
    const decision = decideReturn(oc.order, oc.buyer, oc.merchant, oc.now, oc.settings, kind);
    await this.reportDecision(step, oc, decision);
    const { locale } = oc.info;
    const w = { ...oc.facts, noReasonDays: oc.settings.noReasonReturnDays, qualityDays: oc.settings.qualityReturnDays };
    const status = say(STATUS_LABEL[oc.order.status], locale);
    if (decision.action === 'explain' && facts.isInProgress(oc.order) && hasRefund(oc.order) && ASKS_REFUND_TIME.test(step.options.text)) {
      // "when do I get my money back for the berries": that refund's status, not "already being handled".
      this.returnDraft(step).stage = 'done';
      await sendRefundStatus(step.context, this.services, oc.info, oc.order);
      return step.endDialog();
    }
    if (decision.action === 'explain' && facts.isInProgress(oc.order)) return this.end(step, say(RETURN.alreadyOpen, locale, { ...w, status }), oc);
    if (decision.action === 'explain' && decision.rule !== 'return.not_returnable') return this.end(step, say(RETURN.ended, locale, { ...w, status }), oc);
    if (decision.handover) {
      const why = decision.rule === 'return.review_amount' ? RETURN.reviewAmount : RETURN.riskyBuyer;
      return this.end(step, `${say(why, locale, w)}\n\n${say(T.handoverNext, locale)}`, oc);
    }
    const withinQuality = (facts.deliveredDaysAgo(oc.order, oc.now, timeZoneOf(oc.buyer, oc.buyer.locale)) ?? 0) <= oc.settings.qualityReturnDays;
    switch (eligibleRule(decision)) {
      case 'return.not_returnable': {
        const why = say(notReturnableWhy(oc.order), locale);
        draft.stage = 'askQuality';
        return this.ask(step, say(RETURN.notReturnable, locale, { ...w, why }), { yes: 'somethingWrong', no: 'nothingWrong' }, oc, { means: 'problem' });
      }
      case 'return.expired':
        if (mayAskQuality && withinQuality && kind !== 'quality') {
          draft.stage = 'askQuality';
          return this.ask(step, say(RETURN.pastNoReasonAskQuality, locale, w), { yes: 'somethingWrong', no: 'nothingWrong' }, oc, { means: 'problem' });
        }
        draft.stage = 'offerMerchant';
        return this.ask(step, say(withinQuality ? RETURN.expiredNoQuality : RETURN.expired, locale, w), { yes: 'yes', no: 'no' }, oc);
      case 'return.quality':
        if (draft.photos?.length) return this.askQualityConfirm(step, oc, draft); // the photo came with "yes, something is wrong"
        draft.stage = 'photo';
        return step.prompt(PHOTO_PROMPT, { prompt: MessageFactory.attachment(this.card(oc), say(RETURN.quality, locale, w)) });
      default: {
        draft.stage = 'confirm';
        const payer = shippingPayer(oc, decision);
        const question = kind === 'exchange' ? RETURN.noReasonExchange : RETURN.noReason;
        return this.ask(step, say(question, locale, { ...w, shipping: say(RETURN_SHIPPING[payer], locale) }), { yes: 'returnYes', no: 'no' }, oc, { confirms: draft.swap ? 'start_exchange' : 'start_return', ...(draft.swap ? { means: 'exchange' as const } : {}) });
      }
    }
  }

  /** "Is anything wrong with it?" answered: a yes makes it a quality case; a no ends it or offers the seller. */
  private async qualityStep(step: WaterfallStepContext<TaskOptions>): Promise<DialogTurnResult> {
    const draft = this.returnDraft(step);
    if (draft.stage !== 'askQuality') return step.next(step.result);
    const oc = this.scopedContext(step);
    if (!oc) return step.endDialog();
    if (step.result === true) {
      draft.kind = 'quality';
      const sent = photoRefs(step.context.activity.attachments);
      if (sent.length) draft.photos = sent;
      return this.decide(step, oc, 'quality', false);
    }
    if (draft.decision?.rule === 'return.expired') {
      draft.stage = 'offerMerchant';
      const w = { ...oc.facts, noReasonDays: oc.settings.noReasonReturnDays, qualityDays: oc.settings.qualityReturnDays };
      return this.ask(step, say(RETURN.expiredNoQuality, oc.info.locale, w), { yes: 'yes', no: 'no' });
    }
    return this.end(step, say(RETURN.notReturnableFine, oc.info.locale, oc.facts));
  }

  /** The photo (or none) of a quality problem: then the yes-or-no for the return or exchange. */
  private async photoStep(step: WaterfallStepContext<TaskOptions>): Promise<DialogTurnResult> {
    const draft = this.returnDraft(step);
    if (draft.stage !== 'photo') return step.next(step.result);
    const oc = this.scopedContext(step);
    if (!oc) return step.endDialog();
    draft.photos = photoRefs(step.result as Attachment[] | undefined);
    return this.askQualityConfirm(step, oc, draft);
  }

  /** The yes-or-no for a quality return or exchange, thanking for the photo when there is one. */
  private async askQualityConfirm(step: WaterfallStepContext<TaskOptions>, oc: OrderContext, draft: ReturnDraft): Promise<DialogTurnResult> {
    draft.stage = 'confirm';
    const photo = draft.photos?.length ? say(RETURN.photoThanks, oc.info.locale) : '';
    const question = draft.swap ? RETURN.qualityConfirmExchange : RETURN.qualityConfirmReturn;
    return this.ask(step, say(question, oc.info.locale, { ...oc.facts, photo }), { yes: 'returnYes', no: 'no' }, undefined, { confirms: draft.swap ? 'start_exchange' : 'start_return', ...(draft.swap ? { means: 'exchange' as const } : {}) });
  }

  /** After the yes: open the return or exchange, or message the seller; compare-and-set on the status decided on. */
  private async actStep(step: WaterfallStepContext<TaskOptions>): Promise<DialogTurnResult> {
    const draft = this.returnDraft(step);
    if (draft.stage !== 'confirm' && draft.stage !== 'offerMerchant') return step.endDialog();
    if (step.result !== true) return this.leftAsIs(step);
    const oc = this.scopedContext(step);
    const { decision, expect } = draft;
    if (!oc || !decision || !expect) return step.endDialog();
    const by = this.actionBy(step, oc, decision.rule);
    const { locale } = oc.info;
    if (draft.stage === 'offerMerchant') {
      const result = await this.services.actions.messageMerchant(oc.order.id, expect, by, 'return_outside_window');
      await this.sayOutcome(step.context, oc, result, say(T.merchantAsked, locale, oc.facts));
      return step.endDialog();
    }
    const kind = draft.swap ? 'exchange' : 'return';
    const flagged = decision.rule === 'return.merchant_flagged';
    const result = await this.services.actions.requestReturn(oc.order.id, expect, by, {
      kind,
      shipping: shippingPayer(oc, decision),
      ...(draft.photos?.length ? { photos: draft.photos } : {}),
      ...(draft.skus?.length ? { skus: draft.skus, amount: oc.order.total } : {}),
      ...(kind === 'exchange' && swapToIn(step.context.activity.text ?? '') ? { wants: swapToIn(step.context.activity.text ?? '')! } : {}),
      flagged,
    });
    const done = say(kind === 'exchange' ? RETURN.exchangeOpened : RETURN.returnOpened, locale, oc.facts);
    await this.sayOutcome(step.context, oc, result, flagged ? `${done}\n\n${say(RETURN.flagged, locale)}` : done);
    return step.endDialog();
  }

  private async end(step: WaterfallStepContext<TaskOptions>, text: string, oc?: OrderContext): Promise<DialogTurnResult> {
    this.returnDraft(step).stage = 'done';
    if (oc) await this.sayWithCard(step.context, oc, text);
    else await step.context.sendActivity(text);
    return step.endDialog();
  }
}

/** Words of a title or category that say why goods are not returnable without a reason. */
const WHY_WORDS: [RegExp, 'whyCustom' | 'whyPerishable' | 'whyHygiene'][] = [
  [/定制|刻字|绣字|印字|custom|personali[sz]ed|monogram|engrav|made.to.order/i, 'whyCustom'],
  [/生鲜|水果|蔬菜|鲜花|肉|海鲜|食品|零食|蛋糕|fresh|fruit|vegetable|flower|meat|seafood|food|grocer|perishable|cake|berr(y|ies)|produce/i, 'whyPerishable'],
  [/拆封|已开封|内衣|内裤|牙刷|刷头|化妆|口红|美妆|护肤|卫生|opened|underwear|lingerie|toothbrush|brush heads?|cosmetic|lipstick|skincare|hygien/i, 'whyHygiene'],
];

/** Why the order's goods are not returnable without a reason, in the buyer's words. */
function notReturnableWhy(order: OrderContext['order']): Phrase {
  if (facts.isVirtual(order)) return RETURN.whyVirtual;
  const text = order.items.filter((i) => !i.returnableWithoutReason).map((i) => `${i.title} ${i.category}`).join(' ');
  const hit = WHY_WORDS.find(([pattern]) => pattern.test(text));
  return hit ? RETURN[hit[1]] : RETURN.whyCategory;
}

/** What the buyer wants: a report of a problem (or words of one) is a quality case; a swap is an exchange. */
function kindOf(options: TaskOptions): ReturnKind {
  if (options.intent === 'task.report_problem' || QUALITY_WORDS.test(options.text)) return 'quality';
  return options.intent === 'task.exchange' ? 'exchange' : 'no_reason';
}

/** The rule the table would give without the merchant flag (`return.merchant_flagged` keeps it in its reason). */
function eligibleRule(decision: Decision): string {
  if (decision.rule !== 'return.merchant_flagged') return decision.rule;
  return /eligible:(return\.[a-z_]+)/.exec(decision.reason)?.[1] ?? 'return.no_reason';
}

/** Quality problems and flagged sellers: the seller pays; else insurance if bought, else the buyer. */
function shippingPayer(oc: OrderContext, decision: Decision): ReturnShippingPayer {
  if (decision.rule === 'return.merchant_flagged' || eligibleRule(decision) === 'return.quality') return 'merchant';
  return oc.order.shippingInsurance ? 'insurance' : 'buyer';
}
