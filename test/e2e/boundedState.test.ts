import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_QUEUED_PER_LINE } from '../../desk/handoff/handoffBook.js';
import type { Harness } from '../support/deskHarness.js';
import { ASK_PERSON, button, buttons, said, startHandoffDesk } from '../support/handoffDriver.js';
import { storedStateBytes } from '../support/storedData.js';

/**
 * Issue 9: what unauthenticated senders can add to the state every turn rewrites is bounded.
 * Guests invented by the hundred asking for a person fill one line's queue to its bound, no further.
 */

let h: Harness;
beforeAll(async () => {
  h = await startHandoffDesk();
});
afterAll(async () => {
  await h.close();
});

/** Concurrent guests at a time: enough to be quick, few enough for a 2-core machine. */
const AT_ONCE = 8;

describe('a flood of guests asking for a person', () => {
  it(`fills a line's queue up to ${MAX_QUEUED_PER_LINE} and no further; the next hears the queue is full`, async () => {
    const join = async (i: number): Promise<string> => {
      const guest = h.channel.conversation({ userId: `guest-flood-${i}`, locale: 'en-US' });
      const asked = await guest.say(ASK_PERSON['en-US']);
      const replies = buttons(asked).some((b) => (b.value as { action?: string }).action === 'pickLine') ? await guest.press(button(asked, 'pickLine', (v) => v.line === 'mall')) : asked;
      return said(replies);
    };
    for (let i = 0; i < MAX_QUEUED_PER_LINE; i += AT_ONCE) {
      await Promise.all(Array.from({ length: Math.min(AT_ONCE, MAX_QUEUED_PER_LINE - i) }, (_, j) => join(i + j)));
    }
    expect(h.desk.handoffs.book.queued(['mall'])).toHaveLength(MAX_QUEUED_PER_LINE);
    expect(await join(MAX_QUEUED_PER_LINE)).toMatch(/can't add you to the queue/);
    expect(h.desk.handoffs.book.queued(['mall'])).toHaveLength(MAX_QUEUED_PER_LINE);
    // A buyer already waiting is still told their place, not "full".
    expect(await join(0)).not.toMatch(/can't add you/);
    expect(await storedStateBytes(h.desk)).toBeLessThan(2_000_000);
  });
});
