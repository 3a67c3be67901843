import type { Locale } from '../../data/shopSchema.js';
import { escapeHtml } from '../pageLocale.js';

/** The page's fixed words; the script (assets/desk.js) has the rest, in both languages too. */
const T = {
  title: { 'zh-CN': '客服工作台', 'en-US': 'Agent desk' },
  signIn: { 'zh-CN': '登录', 'en-US': 'Sign in' },
  id: { 'zh-CN': '客服 ID', 'en-US': 'ID' },
  password: { 'zh-CN': '密码', 'en-US': 'Password' },
  other: { 'zh-CN': 'English', 'en-US': '中文' },
  noScript: { 'zh-CN': '工作台需要启用 JavaScript。', 'en-US': 'The desk needs JavaScript.' },
} as const;

/**
 * `/desk`: the shell of the agents' page. Signed out it shows the sign-in form; the script
 * (served by the desk, no CDN) checks the session and draws the live desk.
 */
export function deskPage(locale: Locale): string {
  const t = (k: keyof typeof T) => escapeHtml(T[k][locale]);
  const other = locale === 'zh-CN' ? 'en' : 'zh';
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t('title')}</title>
<link rel="stylesheet" href="/desk/desk.css">
<script src="/desk/desk.js" defer></script>
</head>
<body>
<header class="top"><h1>${t('title')}</h1><span id="who"></span><a href="?lang=${other}" lang="${other === 'zh' ? 'zh-CN' : 'en-US'}">${t('other')}</a></header>
<noscript>${t('noScript')}</noscript>
<main id="app">
<form id="sign-in" class="sign-in" aria-label="${t('signIn')}" hidden>
<h2>${t('signIn')}</h2>
<label for="sign-in-id">${t('id')}</label>
<input id="sign-in-id" name="id" autocomplete="username" required>
<label for="sign-in-password">${t('password')}</label>
<input id="sign-in-password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">${t('signIn')}</button>
<p id="sign-in-error" role="alert"></p>
</form>
<div id="desk" hidden></div>
</main>
</body>
</html>
`;
}
