/** The longest piece of a text that occurs in an indexed one: where it starts in the text, and its length. */
export interface CommonPiece {
  start: number;
  length: number;
}

/**
 * Every substring of one text (an order's titles), as a suffix automaton over its UTF-16 code
 * units: the longest piece of another text (a buyer's message) that occurs in it is found in one
 * pass over that text. Trying each piece of the message with `includes`, longest first, took time
 * cubic in the message's length (issue 9). Built in time linear in the indexed text.
 */
export class SubstringIndex {
  /** Per state: its transitions by code unit, its suffix link, the length of its longest string. */
  private readonly next: Map<number, number>[] = [new Map()];
  private readonly link: number[] = [-1];
  private readonly longest: number[] = [0];

  constructor(text: string) {
    let last = 0;
    for (let i = 0; i < text.length; i++) last = this.extend(last, text.charCodeAt(i));
  }

  private addState(length: number, link: number, next: Map<number, number>): number {
    this.next.push(next);
    this.link.push(link);
    this.longest.push(length);
    return this.next.length - 1;
  }

  /** The standard online construction: appends one code unit after the state of the whole text so far. */
  private extend(last: number, c: number): number {
    const current = this.addState(this.longest[last]! + 1, 0, new Map());
    let p = last;
    while (p !== -1 && !this.next[p]!.has(c)) {
      this.next[p]!.set(c, current);
      p = this.link[p]!;
    }
    if (p === -1) return current;
    const q = this.next[p]!.get(c)!;
    if (this.longest[p]! + 1 === this.longest[q]!) {
      this.link[current] = q;
      return current;
    }
    const clone = this.addState(this.longest[p]! + 1, this.link[q]!, new Map(this.next[q]!));
    while (p !== -1 && this.next[p]!.get(c) === q) {
      this.next[p]!.set(c, clone);
      p = this.link[p]!;
    }
    this.link[q] = clone;
    this.link[current] = clone;
    return current;
  }

  /**
   * The longest piece of `text` that occurs in the indexed text, the leftmost of equally long ones
   * (length 0 when they share no character): one pass, each code unit followed or a suffix dropped.
   */
  longestIn(text: string): CommonPiece {
    let state = 0;
    let length = 0;
    let best: CommonPiece = { start: 0, length: 0 };
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      while (state !== 0 && !this.next[state]!.has(c)) {
        state = this.link[state]!;
        length = this.longest[state]!;
      }
      const to = this.next[state]!.get(c);
      if (to === undefined) {
        length = 0;
      } else {
        state = to;
        length++;
      }
      if (length > best.length) best = { start: i - length + 1, length };
    }
    return best;
  }
}
