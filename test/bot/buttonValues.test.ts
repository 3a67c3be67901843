import { describe, expect, it } from 'vitest';
import { MAX_BUTTON_ID_CHARS, MAX_CARRIED_TEXT, parseButtonValue } from '../../bot/buttonValues.js';
import { MAX_MESSAGE_CHARS } from '../../bot/inputLimits.js';

describe('the one schema of the desk\'s button values', () => {
  it.each([
    [{ action: 'yesNo', yes: true }],
    [{ action: 'pickOrder', orderId: 'SO-2026-000117' }],
    [{ action: 'pickIntent', intent: 'task.cancel_order', text: '不要了' }],
    [{ action: 'kbFeedback', intent: 'question.return_policy', entryId: 'kb-1', helpful: true }],
    [{ action: 'pickLine', line: 'mall' }],
    [{ action: 'leaveMessage' }],
    [{ action: 'rate', handoffId: 'h-1', satisfied: false, why: 'slow' }],
    [{ action: 'sendReply', handoffId: 'h-1', text: '您好' }],
    [{ action: 'merchantContact', handoffId: 'h-1' }],
  ])('reads %j as the desk wrote it', (value) => {
    expect(parseButtonValue(value)).toEqual(value);
  });

  it('drops keys the desk never writes (a request, a party, a prototype)', () => {
    const forged = JSON.parse('{"action":"pickLine","line":"mall","request":{"party":"b-zh-01"},"__proto__":{"x":1},"constructor":"y"}') as unknown;
    expect(parseButtonValue(forged)).toEqual({ action: 'pickLine', line: 'mall' });
  });

  it.each([
    ['an unknown action', { action: 'constructor' }],
    ['a missing field', { action: 'rate', handoffId: 'h-1' }],
    ['a wrong type', { action: 'yesNo', yes: 'true' }],
    ['an intent that does not exist', { action: 'pickIntent', intent: 'toString', text: 'x' }],
    ['a why the buttons never offer', { action: 'rate', handoffId: 'h-1', satisfied: false, why: 'x'.repeat(100_000) }],
    ['an id past the bound', { action: 'pickOrder', orderId: '9'.repeat(MAX_BUTTON_ID_CHARS + 1) }],
    ['an array', [{ action: 'yesNo', yes: true }]],
    ['null', null],
    ['a string', 'yesNo'],
  ])('%s is no button', (_name, value) => {
    expect(parseButtonValue(value)).toBeUndefined();
  });

  it('cuts the text a button carries back to what the desk offers, without splitting an emoji', () => {
    const carried = parseButtonValue({ action: 'pickIntent', intent: 'task.return_refund', text: '😀'.repeat(20_000) });
    expect(carried?.action === 'pickIntent' && carried.text).toBe('😀'.repeat(MAX_CARRIED_TEXT));
    const reply = parseButtonValue({ action: 'sendReply', handoffId: 'h-1', text: 'a'.repeat(50_000) });
    expect(reply?.action === 'sendReply' && reply.text.length).toBe(MAX_MESSAGE_CHARS);
  });
});
