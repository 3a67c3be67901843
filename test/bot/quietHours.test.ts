import { describe, expect, it } from 'vitest';
import { isKnownTimeZone, isNight } from '../../desk/reminders/quietHours.js';

describe('the buyer\'s night (no reminders from 22:00 to 08:00 on their clock)', () => {
  it.each<[string, string, boolean]>([
    ['2026-04-15T21:59:00+08:00', 'Asia/Shanghai', false],
    ['2026-04-15T22:00:00+08:00', 'Asia/Shanghai', true],
    ['2026-04-16T00:00:00+08:00', 'Asia/Shanghai', true],
    ['2026-04-16T07:59:00+08:00', 'Asia/Shanghai', true],
    ['2026-04-16T08:00:00+08:00', 'Asia/Shanghai', false],
    ['2026-04-15T12:00:00+08:00', 'Asia/Shanghai', false],
    // Noon in Shanghai is midnight in New York (daylight time): the buyer's zone decides, not the desk's.
    ['2026-04-15T12:00:00+08:00', 'America/New_York', true],
    ['2026-04-15T08:00:00-04:00', 'America/New_York', false],
    ['2026-01-15T07:30:00-05:00', 'America/New_York', true],
    ['2026-01-15T08:00:00-05:00', 'America/New_York', false],
  ])('%s in %s: night = %s', (iso, zone, night) => {
    expect(isNight(new Date(iso), zone)).toBe(night);
  });

  it('tells a known zone from a typo', () => {
    expect(isKnownTimeZone('Asia/Shanghai')).toBe(true);
    expect(isKnownTimeZone('Asia/Shangai')).toBe(false);
  });
});
