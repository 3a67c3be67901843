import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import type { Locale, Manager, ShopData } from '../data/shopSchema.js';
import type { ManagerFigures } from '../desk/staffing/figures.js';
import type { HandoffService } from '../desk/handoff/handoffService.js';
import { say, type Phrase } from './strings.js';
import { maybeTurnInfo } from './turnInfo.js';

/** What a manager writes to get the day's summary. */
const TODAY = /^\s*\/(today|今天|今日)\s*$/i;
/** The service level the summary staffs for (the console's default). */
const TARGET = 0.8;
const ANSWER_SECONDS = 30;

const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);
const minSec = (seconds: number | null, locale: Locale) => {
  if (seconds === null) return '–';
  const s = Math.round(seconds);
  return locale === 'zh-CN' ? (s >= 60 ? `${Math.floor(s / 60)} 分 ${s % 60} 秒` : `${s} 秒`) : s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`;
};

/** One line of the summary. */
interface LineToday {
  name: string;
  contacts: number;
  resolvedByBot: number | null;
  queued: number;
  meanWaitSeconds: number | null;
  satisfaction: number | null;
  waitingNow: number;
  onlineNow: number;
  /** The busiest hour left today by the last four weeks, and the agents it needs (none: no hour left needs one). */
  peak?: { hour: number; agents: number };
  agentsNow: number;
}

const M = {
  title: {
    zh: (p: { date: string }) => `今日概况（${p.date}，截至现在）`,
    en: (p: { date: string }) => `Today so far (${p.date})`,
  },
  line: {
    zh: (l: LineToday) =>
      `${l.name}：咨询 ${l.contacts}，机器人独立解决 ${pct(l.resolvedByBot)}，转人工 ${l.queued}，平均排队 ${minSec(l.meanWaitSeconds, 'zh-CN')}，满意度 ${pct(l.satisfaction)}。现在排队 ${l.waitingNow} 人，在线客服 ${l.onlineNow} 人；这个小时需要 ${l.agentsNow} 人。` +
      (l.peak ? `今天接下来最忙的是 ${l.peak.hour} 点，需要 ${l.peak.agents} 位客服。` : ''),
    en: (l: LineToday) =>
      `${l.name}: ${l.contacts} contacts, ${pct(l.resolvedByBot)} resolved without a person, ${l.queued} to agents, mean wait ${minSec(l.meanWaitSeconds, 'en-US')}, satisfaction ${pct(l.satisfaction)}. Waiting now: ${l.waitingNow}; agents online: ${l.onlineNow}; this hour needs ${l.agentsNow}.` +
      (l.peak ? ` The busiest hour left today is ${l.peak.hour}:00, needing ${l.peak.agents} agent${l.peak.agents === 1 ? '' : 's'}.` : ''),
  },
  staffedBy: {
    zh: () => `（所需人数按近四周、${Math.round(TARGET * 100)}% 在 ${ANSWER_SECONDS} 秒内接起计算；详见 /console。）`,
    en: () => `(Agents needed from the last four weeks, for ${Math.round(TARGET * 100)}% answered within ${ANSWER_SECONDS} s; more at /console.)`,
  },
  help: {
    zh: (p: { name: string }) => `${p.name}，您好。发送 /today 查看今日概况；完整的数据和排班在网页的 /console。`,
    en: (p: { name: string }) => `Hello ${p.name}. Send /today for today's summary; the full figures and staffing are at /console on the web.`,
  },
} satisfies Record<string, Phrase<never>>;

/**
 * Managers on a chat channel (web.md "Managers"): a manager's chat account (listed in the shop's
 * `managers`) gets the day's summary on `/today`, for the lines they oversee: volume so far, the
 * queue now, and the agents this hour and the busiest hour left need. A manager's messages are
 * never buyers' contacts; anything else gets a short help.
 */
export class ManagerMiddleware implements Middleware {
  constructor(
    private readonly parts: { shop: () => ShopData; figures: ManagerFigures; service: HandoffService; now: () => Date; defaultLocale: Locale },
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    const manager = activity.type === ActivityTypes.Message ? this.managerOf(activity.channelId, activity.from?.id) : undefined;
    if (!manager) return next();
    const locale = maybeTurnInfo(context)?.locale ?? this.parts.defaultLocale;
    if (!TODAY.test(activity.text ?? '')) {
      await context.sendActivity(say(M.help, locale, { name: manager.name }));
      return;
    }
    await context.sendActivity(await this.summary(manager, locale));
  }

  private managerOf(channelId: string, userId: string | undefined): Manager | undefined {
    if (!userId) return undefined;
    return (this.parts.shop().managers ?? []).find((m) => (m.channelAccounts ?? []).some((a) => a.channelId === channelId && a.userId === userId));
  }

  /** The day's summary for the manager's lines, in `locale`. */
  async summary(manager: Manager, locale: Locale): Promise<string> {
    const { figures, service } = this.parts;
    const now = figures.local(this.parts.now());
    const yesterday = new Date(Date.parse(`${now.date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const shop = this.parts.shop();
    const lines = shop.businessLines.filter((l) => !manager.businessLines?.length || manager.businessLines.includes(l.id));
    const out = [say(M.title, locale, { date: now.date })];
    for (const l of lines) {
      const volume = await figures.volume(l.id, now.date, now.date);
      const staffing = await figures.staffing(l.id, figures.defaultFrom(yesterday), yesterday, TARGET, ANSWER_SECONDS);
      const left = staffing.hours.filter((h) => h.hour > now.hour && h.agents > 0);
      const peak = left.reduce<(typeof left)[number] | undefined>((best, h) => (!best || h.agents > best.agents ? h : best), undefined);
      out.push(
        say(M.line, locale, {
          name: locale === 'zh-CN' ? l.name.zh : l.name.en,
          contacts: volume.contacts,
          resolvedByBot: volume.resolvedByBot,
          queued: volume.byHour.reduce((n, h) => n + h.queued, 0),
          meanWaitSeconds: volume.meanWaitSeconds,
          satisfaction: volume.satisfaction,
          waitingNow: service.queuePlaces(l.id).length,
          onlineNow: service.onlineAgents(l.id).length,
          agentsNow: staffing.hours[now.hour]?.agents ?? 0,
          ...(peak ? { peak: { hour: peak.hour, agents: peak.agents } } : {}),
        }),
      );
    }
    out.push(say(M.staffedBy, locale));
    return out.join('\n\n');
  }
}
