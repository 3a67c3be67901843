import { createRequire } from 'node:module';
import path from 'node:path';
import type { Request, Response, Server } from 'restify';
import { readJsonObject, BadRequestError } from '../../bot/activityBody.js';
import { SlidingWindowCounter } from '../../bot/slidingWindow.js';
import type { Repositories } from '../../data/repositories/index.js';
import type { Locale } from '../../data/shopSchema.js';
import { DIRECT_LINE_CHANNEL, type DirectLineDoor } from '../directline/directLineDoor.js';
import { escapeHtml, pageLocale, scriptJson } from '../pageLocale.js';
import { serveFile } from '../staticFile.js';
import { randomBytes } from 'node:crypto';

/** Conversations one address may start on `/chat` per minute: a person starts one; a script starting thousands fills the store. */
const STARTS_PER_MINUTE = 20;

/** What `/chat` needs. */
export interface ChatPageParts {
  door: DirectLineDoor;
  repos: Repositories;
  /** `DIRECT_LINE_SECRET` is set: tokens come from the shop's backend only (`/chat?token=…`). */
  secretSet: boolean;
  /**
   * The page may offer to chat as any buyer with a Direct Line account: a desk in open mode (no
   * app id: loopback only, a laptop) without a secret. Anywhere else it offers a guest chat only.
   */
  offerBuyers: boolean;
  defaultLocale: Locale;
  now: () => Date;
  /** How what a buyer has typed may go on, in their language (the shop's questions, buyers' frequent ones). */
  complete: (typed: string, locale: Locale) => string[];
}

/** Completion requests one conversation may make per minute: one per pause in typing, with room. */
const COMPLETIONS_PER_MINUTE = 240;

const T = {
  title: { 'zh-CN': '在线客服', 'en-US': 'Customer service' },
  chatAs: { 'zh-CN': '聊天身份', 'en-US': 'Chat as' },
  guest: { 'zh-CN': '访客（未登录）', 'en-US': 'Guest (not signed in)' },
  start: { 'zh-CN': '开始聊天', 'en-US': 'Start chat' },
  starting: { 'zh-CN': '正在连接客服…', 'en-US': 'Connecting…' },
  failed: { 'zh-CN': '暂时连不上客服，请稍后再试。', 'en-US': 'We could not connect you just now; please try again in a moment.' },
  suggestions: { 'zh-CN': '您可能想问', 'en-US': 'You may want to ask' },
  needToken: {
    'zh-CN': '请从商城页面打开客服聊天（本页需要商城给的令牌）。',
    'en-US': "Please open the chat from the shop's own page (this page needs a token from the shop).",
  },
  other: { 'zh-CN': 'English', 'en-US': '中文' },
} as const;

/** The Web Chat bundle the npm package ships (a browser build that needs nothing else). */
function webChatBundle(): string {
  let dir = path.dirname(createRequire(import.meta.url).resolve('botframework-webchat'));
  while (path.basename(dir) !== 'botframework-webchat' && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return path.join(dir, 'dist', 'webchat.js');
}

/**
 * `/chat` (web.md): Microsoft's Web Chat, served by the desk, on the desk's own Direct Line.
 * `/chat?token=…` uses a token the shop's backend made; without a secret configured, the page
 * makes one itself, for a guest or (on a laptop) any buyer with a Direct Line account.
 */
export function registerChatPage(server: Server, parts: ChatPageParts): void {
  const starts = new SlidingWindowCounter(60_000, 10_000);
  serveFile(server, '/chat/webchat.js', webChatBundle(), 'text/javascript; charset=utf-8');

  server.get('/chat', async (req: Request, res: Response) => {
    const locale = pageLocale(req, parts.defaultLocale);
    const token = new URL(req.url ?? '/', 'http://desk').searchParams.get('token') ?? '';
    const buyers = parts.offerBuyers && !parts.secretSet ? buyersWithDirectLine(parts.repos) : [];
    const html = page(locale, { token, canStart: !parts.secretSet, buyers });
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Security-Policy': CSP });
    res.end(html);
  });

  // Completions while a buyer types, for the holder of a Direct Line token (the page's own chat).
  const asked = new SlidingWindowCounter(60_000, 10_000);
  server.get('/chat/completions', async (req: Request, res: Response) => {
    const token = /^Bearer\s+(.+)$/i.exec(String(req.headers.authorization ?? ''))?.[1]?.trim();
    const holder = token ? parts.door.tokenHolder(token) : undefined;
    if (!holder) {
      res.status(401);
      res.json({ error: 'send Authorization: Bearer <the chat\'s Direct Line token>' });
      return;
    }
    const at = parts.now().getTime();
    if (asked.hit(holder.conversationId, at) > COMPLETIONS_PER_MINUTE) {
      res.status(429);
      res.json({ error: 'too many requests; slow down' });
      return;
    }
    const q = new URL(req.url ?? '/', 'http://desk').searchParams;
    const typed = (q.get('q') ?? '').slice(0, 200);
    const locale: Locale = q.get('locale') === 'en-US' ? 'en-US' : q.get('locale') === 'zh-CN' ? 'zh-CN' : /\p{Script=Han}/u.test(typed) ? 'zh-CN' : 'en-US';
    res.header('Cache-Control', 'no-store');
    res.json({ completions: parts.complete(typed, locale) });
  });

  server.post('/chat/token', async (req: Request, res: Response) => {
    if (parts.secretSet) {
      res.status(403);
      res.json({ error: 'this desk has a DIRECT_LINE_SECRET: tokens come from the shop\'s backend' });
      return;
    }
    const address = req.socket.remoteAddress ?? '';
    const at = parts.now().getTime();
    if (starts.count(address, at) >= STARTS_PER_MINUTE) {
      res.status(429);
      res.header('Retry-After', String(Math.ceil((starts.retryAt(address, at) - at) / 1000)));
      res.json({ error: 'too many chats started from here; try again in a minute' });
      return;
    }
    let body: Record<string, unknown>;
    try {
      body = await readJsonObject(req, { maxBytes: 1024, optional: true });
    } catch (err) {
      const status = err instanceof BadRequestError ? err.status : 400;
      res.status(status);
      res.json({ error: (err as Error).message });
      return;
    }
    const as = typeof body.as === 'string' ? body.as : 'guest';
    let userId: string;
    let name: string | undefined;
    if (as === 'guest') {
      userId = `guest-${randomBytes(9).toString('base64url')}`;
    } else {
      const buyer = parts.offerBuyers ? parts.repos.buyers.findByChannelAccount(DIRECT_LINE_CHANNEL, as) : undefined;
      if (!buyer) {
        res.status(403);
        res.json({ error: 'this page cannot start a chat as that buyer' });
        return;
      }
      userId = as;
      name = buyer.name;
    }
    starts.hit(address, at);
    const made = await parts.door.newConversation(userId, name);
    res.json({ ...made, userId });
  });
}

/** Every buyer with a Direct Line account, as `{userId, name}`, in the shop's order. */
function buyersWithDirectLine(repos: Repositories): { userId: string; name: string }[] {
  return repos.buyers.list().flatMap((b) => b.channelAccounts.filter((a) => a.channelId === DIRECT_LINE_CHANNEL).map((a) => ({ userId: a.userId, name: b.name })));
}

/** Scripts: the Web Chat bundle and the page's own inline script (Web Chat makes workers from blobs); styles inline; connections to the desk itself (the stream is ws:) and to the blobs of files a buyer attaches. */
const CSP = "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https:; connect-src 'self' ws: wss: blob:; font-src 'self' data:";

function page(locale: Locale, o: { token: string; canStart: boolean; buyers: { userId: string; name: string }[] }): string {
  const t = (k: keyof typeof T) => escapeHtml(T[k][locale]);
  const other = locale === 'zh-CN' ? 'en' : 'zh';
  const options = [`<option value="guest">${t('guest')}</option>`, ...o.buyers.map((b) => `<option value="${escapeHtml(b.userId)}">${escapeHtml(b.name)}</option>`)].join('');
  const config = { locale, token: o.token, canStart: o.canStart, starting: T.starting[locale], failed: T.failed[locale], needToken: T.needToken[locale], suggestions: T.suggestions[locale] };
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t('title')}</title>
<style>
  html, body { height: 100%; margin: 0; font-family: system-ui, "PingFang SC", "Microsoft YaHei", sans-serif; background: #f4f5f7; }
  body { display: flex; flex-direction: column; }
  header { display: flex; align-items: center; justify-content: space-between; padding: 10px 16px; background: #1f3a5f; color: #fff; }
  header h1 { font-size: 18px; margin: 0; }
  header a { color: #fff; }
  main { flex: 1; display: flex; flex-direction: column; max-width: 760px; width: 100%; margin: 0 auto; min-height: 0; }
  form { display: flex; gap: 8px; align-items: center; padding: 16px; flex-wrap: wrap; }
  select, button { font-size: 16px; padding: 6px 10px; }
  #status { padding: 0 16px; min-height: 1.2em; }
  #webchat { flex: 1; min-height: 0; background: #fff; }
  .chat { flex: 1; min-height: 0; display: flex; flex-direction: column; position: relative; }
  #completions { position: absolute; left: 8px; right: 8px; bottom: 56px; margin: 0; padding: 4px 0; list-style: none; background: #fff; border: 1px solid #c9d1dd; border-radius: 6px; box-shadow: 0 4px 14px rgba(0,0,0,.12); z-index: 10; }
  #completions[hidden] { display: none; }
  #completions li { padding: 8px 12px; cursor: pointer; font-size: 15px; }
  #completions li[aria-selected="true"], #completions li:hover { background: #e8f0fb; }
</style>
</head>
<body>
<header><h1>${t('title')}</h1><a href="?lang=${other}" lang="${other === 'zh' ? 'zh-CN' : 'en-US'}">${t('other')}</a></header>
<main>
${o.token || !o.canStart ? '' : `<form id="start"><label for="as">${t('chatAs')}</label><select id="as" name="as">${options}</select><button type="submit">${t('start')}</button></form>`}
<p id="status" role="status"></p>
<div class="chat"><div id="webchat"></div><ul id="completions" role="listbox" aria-label="${t('suggestions')}" hidden></ul></div>
</main>
<script src="/chat/webchat.js"></script>
<script>
(function () {
  var config = ${scriptJson(config)};
  var status = document.getElementById('status');
  function start(token) {
    status.textContent = '';
    var form = document.getElementById('start');
    if (form) form.remove();
    var directLine = window.WebChat.createDirectLine({ token: token, domain: location.origin + '/v3/directline' });
    var store = window.WebChat.createStore({});
    // A photo is sent as soon as it is picked: one step for a buyer showing the damage.
    window.WebChat.renderWebChat({ directLine: directLine, store: store, locale: config.locale, styleOptions: { sendAttachmentOn: 'attach' } }, document.getElementById('webchat'));
    completeWhileTyping(store, function () { return directLine.token || token; });
    var box = document.querySelector('#webchat input, #webchat textarea');
    if (box) box.focus();
  }
  // As the buyer types, how the sentence may go on (the shop's questions, what buyers ask most): a
  // listbox above the send box; a click, or the arrow keys and Enter, puts one in the box.
  function completeWhileTyping(store, currentToken) {
    var list = document.getElementById('completions');
    var input = null;
    var timer = 0;
    var asked = 0;
    var selected = -1;
    function options() { return list.querySelectorAll('[role="option"]'); }
    function close() { list.hidden = true; list.replaceChildren(); selected = -1; if (input) input.setAttribute('aria-expanded', 'false'); }
    function choose(text) {
      store.dispatch({ type: 'WEB_CHAT/SET_SEND_BOX', payload: { text: text } });
      close();
      if (input) input.focus();
    }
    function mark(i) {
      var all = options();
      selected = Math.max(-1, Math.min(all.length - 1, i));
      for (var k = 0; k < all.length; k++) all[k].setAttribute('aria-selected', k === selected ? 'true' : 'false');
      if (input) { if (selected >= 0) input.setAttribute('aria-activedescendant', all[selected].id); else input.removeAttribute('aria-activedescendant'); }
    }
    function ask(text) {
      var n = ++asked;
      if (!text.trim()) return close();
      fetch('/chat/completions?q=' + encodeURIComponent(text), { headers: { Authorization: 'Bearer ' + currentToken() } })
        .then(function (r) { return r.ok ? r.json() : { completions: [] }; })
        .then(function (got) {
          if (n !== asked || !input || input.value !== text) return;
          var items = (got.completions || []).map(function (c, i) {
            var li = document.createElement('li');
            li.id = 'completion-' + i;
            li.setAttribute('role', 'option');
            li.setAttribute('aria-selected', 'false');
            li.textContent = c;
            li.addEventListener('mousedown', function (e) { e.preventDefault(); choose(c); });
            return li;
          });
          list.replaceChildren.apply(list, items);
          list.hidden = items.length === 0;
          input.setAttribute('aria-expanded', items.length ? 'true' : 'false');
          selected = -1;
        })
        .catch(close);
    }
    function attach() {
      var found = document.querySelector('#webchat [data-id="webchat-sendbox-input"], #webchat .webchat__send-box-text-box__input');
      if (!found || found === input) return;
      input = found;
      input.setAttribute('aria-autocomplete', 'list');
      input.setAttribute('aria-controls', 'completions');
      input.setAttribute('aria-expanded', 'false');
      input.addEventListener('input', function () {
        clearTimeout(timer);
        var text = input.value;
        timer = setTimeout(function () { ask(text); }, 120);
      });
      input.addEventListener('keydown', function (e) {
        if (list.hidden) return;
        if (e.key === 'Enter' && selected < 0) { close(); return; }
        if (e.key === 'ArrowDown') { e.preventDefault(); mark(selected + 1); }
        else if (e.key === 'ArrowUp') { e.preventDefault(); mark(selected - 1); }
        else if (e.key === 'Escape') { close(); }
        else if ((e.key === 'Enter' || e.key === 'Tab') && selected >= 0) { e.preventDefault(); e.stopPropagation(); choose(options()[selected].textContent); }
      }, true);
      input.addEventListener('blur', function () { setTimeout(close, 150); });
    }
    new MutationObserver(attach).observe(document.getElementById('webchat'), { childList: true, subtree: true });
    attach();
  }
  if (config.token) return start(config.token);
  if (!config.canStart) { status.textContent = config.needToken; return; }
  document.getElementById('start').addEventListener('submit', function (e) {
    e.preventDefault();
    status.textContent = config.starting;
    fetch('/chat/token', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ as: document.getElementById('as').value }) })
      .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
      .then(function (made) { start(made.token); })
      .catch(function () { status.textContent = config.failed; });
  });
})();
</script>
</body>
</html>
`;
}
