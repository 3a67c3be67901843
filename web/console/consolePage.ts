import type { Locale } from '../../data/shopSchema.js';
import { escapeHtml } from '../pageLocale.js';

const T = {
  title: { 'zh-CN': '管理控制台', 'en-US': 'Manager console' },
  signIn: { 'zh-CN': '登录', 'en-US': 'Sign in' },
  id: { 'zh-CN': '经理 ID', 'en-US': 'ID' },
  password: { 'zh-CN': '密码', 'en-US': 'Password' },
  other: { 'zh-CN': 'English', 'en-US': '中文' },
} as const;

/** `/console`: the shell of the managers' page; assets/console.js signs in and draws the regions. */
export function consolePage(locale: Locale): string {
  const t = (k: keyof typeof T) => escapeHtml(T[k][locale]);
  const other = locale === 'zh-CN' ? 'en' : 'zh';
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t('title')}</title>
<link rel="stylesheet" href="/desk/desk.css">
<script src="/console/console.js" defer></script>
</head>
<body>
<header class="top"><h1>${t('title')}</h1><span id="who"></span><a href="?lang=${other}" lang="${other === 'zh' ? 'zh-CN' : 'en-US'}">${t('other')}</a></header>
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
<div id="console" class="console" hidden></div>
</main>
</body>
</html>
`;
}
