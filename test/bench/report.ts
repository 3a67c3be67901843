import os from 'node:os';

/** The bench speaks to a person on stdout, not through the logger (style: no console.log). */
export function out(text = ''): void {
  process.stdout.write(`${text}\n`);
}

/** Latency percentiles of one run, in milliseconds. */
export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles of `samples` (milliseconds); all zero for an empty run. */
export function percentiles(samples: readonly number[]): Percentiles {
  if (samples.length === 0) return { p50: 0, p95: 0, p99: 0, max: 0 };
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
  return { p50: at(50), p95: at(95), p99: at(99), max: sorted[sorted.length - 1] ?? 0 };
}

/** Milliseconds since an arbitrary origin, at sub-millisecond resolution. */
export function nowMs(): number {
  return performance.now();
}

/** A number for a table cell: `digits` decimals, thousands grouped. */
export function num(value: number, digits = 1): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Bytes as MiB, for file sizes and memory. */
export function mib(bytes: number): string {
  return `${num(bytes / 1024 / 1024, 1)} MiB`;
}

/** Prints rows as an aligned plain-text table (numbers right-aligned), with a rule under the header. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const numeric = header.map((_, i) => rows.every((r) => /^[-\d.,×x ]*$/.test(r[i] ?? '')));
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => (numeric[i] ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  out(line(header));
  out(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) out(line(r));
}

/** The process's memory right now, one line. */
export function memoryLine(label: string): string {
  const m = process.memoryUsage();
  return `${label}: rss ${mib(m.rss)}, heap used ${mib(m.heapUsed)} of ${mib(m.heapTotal)}, external ${mib(m.external)}`;
}

/** Node version, CPU model and cores, OS: what a reader needs to compare figures across machines. */
export function machineLine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() ?? 'unknown CPU';
  return `node ${process.version}, ${model}, ${cpus.length} cores, ${os.platform()} ${os.release()}, ${mib(os.totalmem())} RAM`;
}
