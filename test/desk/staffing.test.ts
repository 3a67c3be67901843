import { describe, expect, it } from 'vitest';
import { erlangC } from '../../desk/handoff/waitEstimate.js';
import { seatsNeeded, serviceLevel, staffingTable } from '../../desk/staffing/staffing.js';

/**
 * Erlang C against published figures: the textbook call-centre example (A = 10 Erlangs: 200 calls
 * an hour of 3 minutes each; 80% answered within 20 seconds), as tabulated in call-centre
 * planning guides, and the table of web.md "Staffing, exactly" computed by hand.
 */
describe('Erlang C', () => {
  it.each([
    [11, 10, 0.6821],
    [12, 10, 0.4494],
    [13, 10, 0.2853],
    [14, 10, 0.1741],
    [2, 1, 0.3333],
    [3, 2, 0.4444],
  ])('C(%i, %f) = %f', (c, a, expected) => {
    expect(erlangC(c, a)).toBeCloseTo(expected, 4);
  });

  it('service level and seats for the textbook example: 13 seats give 79.6%, so 14 are needed for 80% in 20 s', () => {
    expect(serviceLevel(13, 10, 3, 20)).toBeCloseTo(0.7956, 3);
    expect(serviceLevel(14, 10, 3, 20)).toBeCloseTo(0.8884, 3);
    expect(seatsNeeded(10, 3, 0.8, 20)).toBe(14);
    expect(seatsNeeded(10, 3, 0.79, 20)).toBe(13);
  });

  it('stays finite and exact enough at loads a festival brings (hundreds of Erlangs)', () => {
    const c = seatsNeeded(400, 6, 0.8, 30);
    expect(c).toBeGreaterThan(400);
    expect(c).toBeLessThan(440);
    expect(serviceLevel(c, 400, 6, 30)).toBeGreaterThanOrEqual(0.8);
    expect(serviceLevel(c - 1, 400, 6, 30)).toBeLessThan(0.8);
  });
});

describe('staffingTable', () => {
  it('computes each hour as web.md defines it, and 0 for an hour with no arrivals', () => {
    const queuedByHour = Array.from({ length: 24 }, () => 0);
    queuedByHour[10] = 140; // 20 a day over 7 days
    queuedByHour[20] = 7; // 1 a day
    const hours = staffingTable({ queuedByHour, days: 7, handleMinutes: 6, seatsPerAgent: 3, target: 0.8, answerSeconds: 30 });
    expect(hours).toHaveLength(24);
    expect(hours[3]).toEqual({ hour: 3, arrivals: 0, load: 0, seats: 0, agents: 0 });
    // Hour 10: 20 arrivals × 6 min / 60 = A = 2 seats of load. By hand: C(3, 2) = 0.4444, SL(3) = 1 − 0.4444·e^(−1·30/360) = 0.5910;
    // C(4, 2) = 0.1739, SL(4) = 1 − 0.1739·e^(−2·30/360) = 0.8528 ≥ 0.8 → 4 seats, ceil(4 / 3) = 2 agents.
    expect(hours[10]).toMatchObject({ hour: 10, arrivals: 20, load: 2, seats: 4, agents: 2 });
    expect(serviceLevel(3, 2, 6, 30)).toBeCloseTo(0.591, 3);
    expect(serviceLevel(4, 2, 6, 30)).toBeCloseTo(0.8528, 3);
    // Hour 20: 1 arrival × 6 / 60 = 0.1; one seat: 1 − 0.1·e^(−0.9·30/360) = 0.9072 → 1 seat, 1 agent.
    expect(hours[20]).toMatchObject({ arrivals: 1, load: 0.1, seats: 1, agents: 1 });
  });
});
