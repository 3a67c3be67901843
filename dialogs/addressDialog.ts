import { MessageFactory } from 'botbuilder';
import { TextPrompt, WaterfallDialog, type DialogTurnResult, type PromptValidatorContext, type WaterfallStepContext } from 'botbuilder-dialogs';
import { turnInfo } from '../bot/turnInfo.js';
import { decideAddress, facts } from '../policy/index.js';
import type { DialogServices } from './dialogServices.js';
import { ADDRESS } from './phrases/addressPhrases.js';
import { T } from './phrases/taskPhrases.js';
import { STATUS_LABEL, say } from '../bot/strings.js';
import { TaskDialog, type OrderContext, type TaskDraft, type TaskOptions } from './taskDialog.js';

export const ADDRESS_DIALOG = 'addressDialog';
const STEPS = 'addressDialog.steps';
/** The prompt for the new address: free text, so only "help" and "cancel that" interrupt it. */
export const NEW_ADDRESS_PROMPT = 'addressDialog.newAddress';

/** Shortest address worth confirming: "北京市朝阳区建国路1号" has 11 characters; fewer is a fragment. */
const MIN_ADDRESS_CHARS = 8;
/** Longest address kept: a pasted paragraph is not an address. */
const MAX_ADDRESS_CHARS = 200;

interface AddressDraft extends TaskDraft {
  line?: string;
  stage?: 'newAddress' | 'offerMerchant';
}

/**
 * `task.change_address`: settles the order and gives the `address.*` decision; before shipping it
 * asks for the new address, confirms it, and changes it; after shipping it offers to ask the seller.
 */
export class AddressDialog extends TaskDialog {
  constructor(services: DialogServices) {
    super(ADDRESS_DIALOG, services, 'address');
    this.addDialog(new TextPrompt(NEW_ADDRESS_PROMPT, (pc) => this.validateAddress(pc)));
    this.addDialog(
      new WaterfallDialog<TaskOptions>(STEPS, [...this.sharedSteps(), (s) => this.decideStep(s), (s) => this.confirmStep(s), (s) => this.changeStep(s)]),
    );
    this.initialDialogId = STEPS;
  }

  protected relevant(order: OrderContext['order']): boolean {
    return ['unpaid', 'paid'].includes(order.status);
  }

  private addressDraft(step: WaterfallStepContext<TaskOptions>): AddressDraft {
    return this.draft(step) as AddressDraft;
  }

  private async decideStep(step: WaterfallStepContext<TaskOptions>): Promise<DialogTurnResult> {
    const oc = await this.settledOrder(step);
    if (!oc) return step.endDialog();
    const decision = decideAddress(oc.order);
    await this.reportDecision(step, oc, decision);
    const { locale } = oc.info;
    const f = oc.facts;
    if (decision.action === 'explain') {
      const text = facts.isVirtual(oc.order) ? say(ADDRESS.virtual, locale, f) : say(ADDRESS.ended, locale, { ...f, status: say(STATUS_LABEL[oc.order.status], locale) });
      await this.sayWithCard(step.context, oc, text);
      return step.endDialog();
    }
    if (decision.rule === 'address.shipped') {
      this.addressDraft(step).stage = 'offerMerchant';
      return this.ask(step, say(ADDRESS.shipped, locale, f), { yes: 'yes', no: 'no' }, oc);
    }
    this.addressDraft(step).stage = 'newAddress';
    return step.prompt(NEW_ADDRESS_PROMPT, { prompt: MessageFactory.attachment(this.card(oc), say(ADDRESS.askNew, locale, f)), retryPrompt: say(ADDRESS.tooShort, locale) });
  }

  private async validateAddress(pc: PromptValidatorContext<string>): Promise<boolean> {
    const line = (pc.recognized.value ?? '').trim();
    const length = Array.from(line).length;
    return length >= MIN_ADDRESS_CHARS && length <= MAX_ADDRESS_CHARS && /[\p{L}]/u.test(line);
  }

  /** The new address read back for a yes (an address change cannot be undone once the parcel leaves). */
  private async confirmStep(step: WaterfallStepContext<TaskOptions>): Promise<DialogTurnResult> {
    const draft = this.addressDraft(step);
    if (draft.stage !== 'newAddress') return step.next(step.result);
    const oc = this.orderContext(step);
    if (!oc) return step.endDialog();
    draft.line = String(step.result ?? '').trim();
    return this.ask(step, say(ADDRESS.confirm, oc.info.locale, { ...oc.facts, line: draft.line }), { yes: 'changeYes', no: 'no' }, undefined, { confirms: 'change_address' });
  }

  private async changeStep(step: WaterfallStepContext<TaskOptions>): Promise<DialogTurnResult> {
    if (step.result !== true) return this.leftAsIs(step);
    const oc = this.orderContext(step);
    const draft = this.addressDraft(step);
    const { decision, expect } = draft;
    if (!oc || !decision || !expect) return step.endDialog();
    const by = this.actionBy(step, oc, decision.rule);
    const { locale } = turnInfo(step.context);
    if (draft.stage === 'offerMerchant') {
      const result = await this.services.actions.messageMerchant(oc.order.id, expect, by, 'change_address_after_shipping');
      await this.sayOutcome(step.context, oc, result, say(T.merchantAsked, locale, oc.facts));
      return step.endDialog();
    }
    const line = draft.line ?? '';
    const result = await this.services.actions.changeAddress(oc.order.id, expect, by, line);
    await this.sayOutcome(step.context, oc, result, say(ADDRESS.done, locale, { ...oc.facts, line }));
    return step.endDialog();
  }
}
