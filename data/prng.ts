/** A seeded source of numbers in [0, 1): the demo's history, and every random choice of a soak, fuzz or crash run, so a seed replays it. */
export type Random = () => number;

/** mulberry32: tiny, fast, and good enough to pick delays, inputs, answers and demo contacts (not for anything secret). */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
