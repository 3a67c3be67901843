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
