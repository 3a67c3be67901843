/** A stretch of a message, as string indices: start inclusive, end exclusive. */
export interface Span {
  start: number;
  end: number;
}

/**
 * Of overlapping matches, keeps the leftmost and, of those starting together, the longest, in
 * text order: "上周二" over "上周" and "周二", "11月3号" over "3号", "¥59元" over "59元". Pattern
 * modules run several independent rules over a message and settle their overlaps with this.
 */
export function leftmostLongest<T extends Span>(spans: readonly T[]): T[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: T[] = [];
  for (const span of sorted) {
    const last = kept.at(-1);
    if (!last || span.start >= last.end) kept.push(span);
  }
  return kept;
}

/** Whether a span overlaps any of the others. */
export function overlapsAny(span: Span, others: readonly Span[]): boolean {
  return others.some((o) => span.start < o.end && o.start < span.end);
}

/** Where a piece of text stands in a message, each time it does: entities carry their text, not their place. */
export function spansOf(text: string, piece: string): Span[] {
  const spans: Span[] = [];
  for (let at = text.indexOf(piece); piece !== '' && at >= 0; at = text.indexOf(piece, at + 1)) spans.push({ start: at, end: at + piece.length });
  return spans;
}

/**
 * The characters of a message that some spans cover, asked in constant time whether a span
 * touches one: `overlapsAny` against every place of every entity grew with the product of the
 * entities and their places (a message of "1 1 1 …" has a thousand of each).
 */
export class Coverage {
  /** `coveredBefore[i]`: how many of the first `i` characters are covered. */
  private readonly coveredBefore: Int32Array;

  constructor(length: number, spans: Iterable<Span>) {
    const depth = new Int32Array(length + 1);
    for (const { start, end } of spans) {
      if (end <= start) continue;
      const [from, to] = [Math.max(0, start), Math.min(length, end)];
      depth[from] = (depth[from] ?? 0) + 1;
      depth[to] = (depth[to] ?? 0) - 1;
    }
    this.coveredBefore = new Int32Array(length + 1);
    let open = 0;
    for (let i = 0; i < length; i++) {
      open += depth[i] ?? 0;
      this.coveredBefore[i + 1] = (this.coveredBefore[i] ?? 0) + (open > 0 ? 1 : 0);
    }
  }

  /** Whether the span shares a character with a covered one: `overlapsAny` with the spans covered. */
  overlaps(span: Span): boolean {
    const end = Math.min(span.end, this.coveredBefore.length - 1);
    const start = Math.max(0, span.start);
    return end > start && (this.coveredBefore[end] ?? 0) > (this.coveredBefore[start] ?? 0);
  }
}

/** The coverage of every place where each of the pieces stands in the text: one scan per distinct piece. */
export function coverageOf(text: string, pieces: Iterable<string>): Coverage {
  return new Coverage(text.length, [...new Set(pieces)].flatMap((piece) => spansOf(text, piece)));
}

/** Whether the piece stands somewhere in the text where it touches nothing covered. */
export function standsFree(text: string, piece: string, coverage: Coverage): boolean {
  for (let at = text.indexOf(piece); piece !== '' && at >= 0; at = text.indexOf(piece, at + 1)) {
    if (!coverage.overlaps({ start: at, end: at + piece.length })) return true;
  }
  return false;
}
