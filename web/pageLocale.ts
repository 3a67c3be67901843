import type { IncomingMessage } from 'node:http';
import type { Locale } from '../data/shopSchema.js';

/**
 * The language of a page (web.md): `?lang=zh` / `?lang=en`, else the browser's first language
 * the desk speaks, else the desk's default.
 */
export function pageLocale(req: IncomingMessage, fallback: Locale): Locale {
  const url = new URL(req.url ?? '/', 'http://desk');
  const lang = url.searchParams.get('lang')?.toLowerCase();
  if (lang?.startsWith('zh')) return 'zh-CN';
  if (lang?.startsWith('en')) return 'en-US';
  for (const part of String(req.headers['accept-language'] ?? '').split(',')) {
    const tag = part.split(';')[0]!.trim().toLowerCase();
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en-US';
  }
  return fallback;
}

/** Escapes text for HTML (element content and quoted attributes). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A value as JSON safe to put inside an inline `<script>` (no `</script>`, no HTML comment openers). */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
