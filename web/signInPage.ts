import type { Locale } from '../data/shopSchema.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Server } from 'restify';
import { escapeHtml } from './pageLocale.js';
import { serveFile } from './staticFile.js';

/** Serves what every signed-in page loads first (`/page.js`: elements, JSON calls). */
export function registerPageAssets(server: Server): void {
  serveFile(server, '/page.js', path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets', 'page.js'), 'text/javascript; charset=utf-8');
}

type Localized = Record<Locale, string>;

const T = {
  signIn: { 'zh-CN': '登录', 'en-US': 'Sign in' },
  password: { 'zh-CN': '密码', 'en-US': 'Password' },
  other: { 'zh-CN': 'English', 'en-US': '中文' },
  noScript: { 'zh-CN': '本页需要启用 JavaScript。', 'en-US': 'This page needs JavaScript.' },
} as const;

/** What differs between the signed-in pages (/desk, /console). */
export interface SignInPageOptions {
  title: Localized;
  /** The label of the id box ("ID" in English, as web.md names it). */
  idLabel: Localized;
  /** The page's script, served by the desk (no CDN). */
  script: string;
  /** Libraries the script uses and their style sheets, served by the desk, loaded before it. */
  libraries?: { scripts?: string[]; styles?: string[] };
  /** The element the script draws the signed-in page in. */
  mount: { id: string; className?: string };
}

/**
 * The shell of a page behind a sign-in: signed out it shows the form (a textbox named like "ID",
 * a password box named like "Password", a button named like "Sign in"); the script checks the
 * session and draws the page in `mount`.
 */
export function signInPage(locale: Locale, o: SignInPageOptions): string {
  const t = (k: keyof typeof T) => escapeHtml(T[k][locale]);
  const title = escapeHtml(o.title[locale]);
  const other = locale === 'zh-CN' ? 'en' : 'zh';
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
${(o.libraries?.styles ?? []).map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">\n`).join('')}<link rel="stylesheet" href="/desk/desk.css">
${['/page.js', ...(o.libraries?.scripts ?? [])].map((src) => `<script src="${escapeHtml(src)}" defer></script>\n`).join('')}<script src="${escapeHtml(o.script)}" defer></script>
</head>
<body>
<header class="top"><h1>${title}</h1><span id="who"></span><a href="?lang=${other}" lang="${other === 'zh' ? 'zh-CN' : 'en-US'}">${t('other')}</a></header>
<noscript>${t('noScript')}</noscript>
<main id="app">
<form id="sign-in" class="sign-in" aria-label="${t('signIn')}" hidden>
<h2>${t('signIn')}</h2>
<label for="sign-in-id">${escapeHtml(o.idLabel[locale])}</label>
<input id="sign-in-id" name="id" autocomplete="username" required>
<label for="sign-in-password">${t('password')}</label>
<input id="sign-in-password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">${t('signIn')}</button>
<p id="sign-in-error" role="alert"></p>
</form>
<div id="${escapeHtml(o.mount.id)}"${o.mount.className ? ` class="${escapeHtml(o.mount.className)}"` : ''} hidden></div>
</main>
</body>
</html>
`;
}
