/** Shortest number we treat as a phone when comparing: below this, a match would be a guess. */
const MIN_PHONE_DIGITS = 7;

/** Digits only, without the +86 / 0086 prefix Chinese buyers add or leave out. */
export function normalizePhone(raw: string): string {
  const digits = raw.replace(/\D/g, '');
  if (digits.startsWith('0086')) return digits.slice(4);
  if (digits.startsWith('86') && digits.length === 13) return digits.slice(2);
  return digits;
}

/** True when two phone numbers are the same line, however they were written (+86, +1, spaces, dashes). */
export function samePhone(a: string, b: string): boolean {
  const x = normalizePhone(a);
  const y = normalizePhone(b);
  if (x.length < MIN_PHONE_DIGITS || y.length < MIN_PHONE_DIGITS) return false;
  if (x === y) return true;
  // North American numbers are written with or without the leading country code 1.
  const [long, short] = x.length > y.length ? [x, y] : [y, x];
  return long.length === 11 && short.length === 10 && long === `1${short}`;
}
