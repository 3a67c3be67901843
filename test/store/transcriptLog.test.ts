import { appendFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TranscriptLog } from '../../data/lowdb/transcriptLog.js';
import { type TranscriptEntry } from '../../data/records.js';
import { useStoreFixture } from '../support/storeFixture.js';

const fixture = useStoreFixture();

/** One message of a conversation; `conv-1` and `conv-10` share a prefix on purpose. */
function entry(conversationId: string, n: number, direction: TranscriptEntry['direction'] = 'in'): TranscriptEntry {
  return {
    at: new Date(Date.UTC(2026, 3, 12, 6, 30, n)).toISOString(),
    direction,
    conversationId,
    channelId: 'emulator',
    buyerId: conversationId === 'conv-1' ? 'b-zh-01' : null,
    userId: 'u-1',
    locale: 'zh-CN',
    type: 'message',
    text: `${conversationId} message ${n}: 你好, "quoted"\nsecond line`,
  };
}

async function transcriptFile(): Promise<string> {
  return path.join(await fixture.tempDir(), 'var', 'desk.transcript.jsonl');
}

async function openLog(file: string): Promise<TranscriptLog> {
  return fixture.track(await TranscriptLog.open(file));
}

describe('TranscriptLog', () => {
  it.each([
    { conversation: 'conv-1', expected: [0, 2, 4] },
    { conversation: 'conv-10', expected: [1, 3] },
    { conversation: 'conv-2', expected: [] },
  ])('returns only the entries of $conversation, oldest first', async ({ conversation, expected }) => {
    const log = await openLog(await transcriptFile());
    const written = [entry('conv-1', 0), entry('conv-10', 1, 'out'), entry('conv-1', 2, 'out'), entry('conv-10', 3), entry('conv-1', 4)];
    for (const e of written) log.append(e);

    const read = await log.readConversation(conversation);

    expect(read).toEqual(expected.map((i) => written[i]));
  });

  it('finds a conversation by its index after reopening, with multi-byte text (Chinese, emoji) before and after', async () => {
    const file = await transcriptFile();
    const first = await openLog(file);
    const emoji = (e: TranscriptEntry): TranscriptEntry => ({ ...e, text: `${e.text} 🙂📦` });
    const before = [emoji(entry('conv-1', 0)), entry('conv-10', 1), emoji(entry('conv-1', 2))];
    for (const e of before) first.append(e);
    await first.close();

    const reopened = await openLog(file);
    const after = [emoji(entry('conv-10', 3)), entry('conv-1', 4)];
    for (const e of after) reopened.append(e);

    expect(await reopened.readConversation('conv-1')).toEqual([before[0], before[2], after[1]]);
    expect(await reopened.readConversation('conv-10')).toEqual([before[1], after[0]]);
  });

  it('skips a torn last line left by a crash, keeping the entries before it', async () => {
    const file = await transcriptFile();
    const log = await openLog(file);
    log.append(entry('conv-1', 0));
    log.append(entry('conv-1', 1));
    await log.close();
    await appendFile(file, JSON.stringify(entry('conv-1', 2)).slice(0, 60)); // no newline: cut mid-line

    const reopened = await openLog(file);

    expect(await reopened.readConversation('conv-1')).toEqual([entry('conv-1', 0), entry('conv-1', 1)]);
  });

  it('does not lose the first entry written after a torn last line', async () => {
    const file = await transcriptFile();
    const log = await openLog(file);
    log.append(entry('conv-1', 0));
    await log.close();
    await appendFile(file, JSON.stringify(entry('conv-1', 1)).slice(0, 60));

    const reopened = await openLog(file);
    reopened.append(entry('conv-1', 2));
    reopened.append(entry('conv-1', 3));

    expect(await reopened.readConversation('conv-1')).toEqual([entry('conv-1', 0), entry('conv-1', 2), entry('conv-1', 3)]);
  });

  it('only appends: earlier bytes stay as they were, within a session and after reopening', async () => {
    const file = await transcriptFile();
    const log = await openLog(file);
    log.append(entry('conv-1', 0));
    await log.readConversation('conv-1'); // flushes what was appended
    const afterFirst = await readFile(file);

    log.append(entry('conv-10', 1));
    await log.close();
    const afterSession = await readFile(file);
    const reopened = await openLog(file);
    reopened.append(entry('conv-1', 2));
    await reopened.close();
    const afterReopen = await readFile(file);

    expect(afterSession.subarray(0, afterFirst.length).equals(afterFirst)).toBe(true);
    expect(afterReopen.subarray(0, afterSession.length).equals(afterSession)).toBe(true);
    const lines = afterReopen.toString('utf8').split('\n');
    expect(lines.slice(0, -1).map((l) => JSON.parse(l) as unknown)).toEqual([entry('conv-1', 0), entry('conv-10', 1), entry('conv-1', 2)]);
    expect(lines.at(-1)).toBe('');
  });
});
