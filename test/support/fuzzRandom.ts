/** The seed `npm test` fuzzes with: fixed, so a CI run is reproducible; `FUZZ_SEED` tries others. */
export const DEFAULT_FUZZ_SEED = 20_261_205;

/**
 * The seed of a fuzz run (the generators are test/support/prng.ts): `FUZZ_SEED=<n>` replays a
 * run, `FUZZ_SEED=random` draws a fresh one (printed, so a failure can be replayed), and by
 * default the fixed `DEFAULT_FUZZ_SEED`.
 */
export function fuzzSeed(env: Record<string, string | undefined> = process.env): number {
  const given = env.FUZZ_SEED?.trim();
  if (given === 'random') return Math.floor(Math.random() * 2 ** 32) >>> 0;
  if (given !== undefined && /^\d+$/.test(given)) return Number(given) >>> 0;
  return DEFAULT_FUZZ_SEED;
}
