import type { z } from 'zod';

/** Formats the first problems of a failed validation as `path: message` lines. */
export function describeIssues(error: z.ZodError, prefix: (string | number)[] = [], max = 20): string[] {
  return error.issues.slice(0, max).map((i) => `${formatPath([...prefix, ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))])}: ${i.message}`);
}

/** `['orders', 3, 'items', 0, 'sku']` → `$.orders[3].items[0].sku`, the JSON path a merchant can follow. */
export function formatPath(parts: (string | number)[]): string {
  return parts.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : `${acc}.${p}`), '$');
}
