import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '../../data/shopSchema.js';
import { startHarness, type Harness } from '../support/deskHarness.js';
import { runProcess } from '../support/runProcess.js';
import { texts, traces, type Received, type TestConversation } from '../support/testChannel.js';
import { buildUnseenShop, UNSEEN } from '../support/unseenShop.js';

/**
 * The handoff on a shop the project has never seen (test/support/unseenShop.ts: its own lines,
 * agents 李娜 and Sam with their own chat accounts): a buyer asks for a person, settles the line,
 * the shop's agent of that line claims, they talk both ways, and the agent ends it.
 */

let h: Harness;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'unseen-handoff-'));
  const shopFile = path.join(dir, 'unseen-shop.json');
  const dataFile = path.join(dir, 'desk.json');
  await writeFile(shopFile, JSON.stringify(buildUnseenShop(new Date()), null, 2));
  const imported = await runProcess('npm', ['run', '--silent', 'import', '--', shopFile], { cwd: process.cwd(), env: { ...process.env, DATA_FILE: dataFile, LOG_LEVEL: 'silent' } });
  expect(imported.code, imported.stderr).toBe(0);
  h = await startHarness({ DATA_FILE: dataFile });
});

afterAll(async () => {
  await h?.close();
  await rm(dir, { recursive: true, force: true });
});

/** What arrived at a conversation after `mark` (proactive messages included). */
function since(conv: TestConversation, mark: number): Received[] {
  return conv.received.slice(mark);
}

function messages(replies: Received[]): string {
  return texts(replies).join('\n');
}

describe('people behind the bot, on a shop never seen', () => {
  it.each<[Locale, string, string, string, string]>([
    ['zh-CN', UNSEEN.users.zhangWei, 'cust-zw', 'agent-lina', '转人工'],
    ['en-US', UNSEEN.users.emily, 'cust-em', 'agent-sam', 'I want to speak to a human'],
  ])('(%s) a buyer asks for a person; the line is settled; the shop\'s agent claims, they talk, the agent ends it', async (locale, userId, buyerId, agentUser, ask) => {
    const agentRecord = h.desk.repos.agents.list().find((a) => a.channelAccounts.some((c) => c.userId === agentUser))!;
    const buyerRecord = h.desk.repos.buyers.get(buyerId) ?? h.desk.repos.buyers.list().find((b) => b.channelAccounts.some((c) => c.userId === userId))!;
    const desk = h.channel.conversation({ userId: agentUser, locale: agentRecord.languages[0] === 'zh' ? 'zh-CN' : 'en-US' });
    await desk.open();
    await desk.say('/online');

    const conv = h.channel.conversation({ userId, locale });
    await conv.open();
    let replies = await conv.say(ask);
    const lineButtons = replies.flatMap((r) => r.suggestedActions?.actions ?? []).filter((a) => (a.value as { action?: string } | undefined)?.action === 'pickLine');
    if (lineButtons.length) {
      const mine = lineButtons.find((b) => agentRecord.businessLines.includes((b.value as { line: string }).line));
      expect(mine, 'a line of this agent is offered').toBeDefined();
      replies = await conv.press({ value: mine!.value, text: String(mine!.title) });
    }
    const queued = traces(replies, 'Handoff') as { state: string; line: string; position: number }[];
    expect(queued).toEqual([expect.objectContaining({ state: 'queued', position: 1 })]);
    expect(agentRecord.businessLines).toContain(queued[0]!.line);

    const briefing = await desk.say('+1');
    expect(messages(briefing)).toContain(buyerRecord.name);
    expect(briefing.some((r) => r.attachments?.some((a) => a.contentType === 'application/vnd.microsoft.card.adaptive'))).toBe(true); // the profile card

    const atDesk = desk.received.length;
    const buyerSays = locale === 'zh-CN' ? '我的东西还没到，能帮我看看吗' : "my order still hasn't arrived, can you check?";
    expect(texts(await conv.say(buyerSays))).toEqual([]); // the bot is quiet: the agent has it
    expect(messages(since(desk, atDesk))).toContain(`${buyerRecord.name}`);
    expect(messages(since(desk, atDesk))).toContain(buyerSays);

    const atBuyer = conv.received.length;
    await desk.say('Let me check that for you');
    expect(messages(since(conv, atBuyer))).toContain(`${agentRecord.name}`);
    expect(messages(since(conv, atBuyer))).toContain('Let me check that for you');

    const atEnd = conv.received.length;
    await desk.say('/end');
    const end = since(conv, atEnd);
    expect(traces(end, 'Handoff')).toEqual([expect.objectContaining({ state: 'ended' })]);
    expect(end.flatMap((r) => r.suggestedActions?.actions ?? []).some((a) => (a.value as { action?: string } | undefined)?.action === 'rate')).toBe(true);
  });

  it('(en-US) a guest (no buyer account) reaches a person too: every line offered, the agent told it is a guest', async () => {
    const desk = h.channel.conversation({ userId: 'agent-sam', locale: 'en-US' });
    await desk.open();
    await desk.say('/online');
    const conv = h.channel.conversation({ userId: UNSEEN.users.guest, locale: 'en-US' });
    await conv.open();
    const asked = await conv.say('I want to speak to a human');
    const lines = asked.flatMap((r) => r.suggestedActions?.actions ?? []).filter((a) => (a.value as { action?: string } | undefined)?.action === 'pickLine');
    expect(lines.map((b) => (b.value as { line: string }).line).sort()).toEqual(h.desk.repos.businessLines.list().map((l) => l.id).sort());
    const tickets = lines.find((b) => (b.value as { line: string }).line === 'tickets')!;
    const queued = await conv.press({ value: tickets.value, text: String(tickets.title) });
    expect(traces(queued, 'Handoff')).toEqual([expect.objectContaining({ state: 'queued', line: 'tickets' })]);
    const briefing = await desk.say('+1');
    expect(JSON.stringify(briefing)).toContain('Guest (not verified)');
    const atDesk = desk.received.length;
    expect(texts(await conv.say('hello? are you there'))).toEqual([]);
    expect(messages(since(desk, atDesk))).toContain('hello? are you there');
  });
});
