// The agents' desk in the browser: signs in, then keeps one live page over the desk's JSON API
// and its WebSocket (/desk/api/live). Plain DOM, no framework: a handful of regions redrawn from
// the state the desk sends. Every word exists in Chinese and English.
'use strict';

const LOCALE = document.documentElement.lang === 'en-US' ? 'en-US' : 'zh-CN';
const W = {
  'zh-CN': {
    queue: '排队中', claim: '+1', nobodyWaiting: '没有人在排队。', waited: (m) => `等了 ${m} 分钟`,
    buyers: '接待中的买家', noBuyers: '还没有接待买家：点「+1」接待排队的下一位。', conversation: '对话记录',
    order: '订单', profile: '买家资料', suggested: '建议回复', message: '消息', send: '发送', merchant: '商家',
    end: '结束', completions: '补全', signOut: '退出登录', reason: '转人工原因', ended: '已结束',
    rating: (r) => (r ? (r.satisfied ? '买家评价：满意' : `买家评价：不满意${r.why ? `（${WHY['zh-CN'][r.why] ?? r.why}）` : ''}`) : '等待买家评价…'),
    noOrder: '这位买家没有关联订单。', guest: '访客（未验证身份）', credit: '信用', refunds: '近30天退款', penalties: '未结处罚', preferences: '偏好', recent: '最近订单', phone: '手机', none: '无',
    merchantContact: (m) => `${m.merchant}：${m.contact}（订单 ${m.orderId}）`, merchantMessage: '给商家留言', leaveMessage: '留言给商家', merchantLeft: (id) => `已给商家留言，已记在订单 ${id} 上。`,
    full: '您接待的买家已满。', noneWaiting: '现在没有人在排队。', othersLanguage: '排队的买家说的语言有会的同事在线，先留给他们。',
    wrong: '账号或密码不对。', slow: (s) => `失败次数太多，请 ${s} 秒后再试。`, failed: '操作没有成功，请再试一次。', left: '买家留言：',
    photo: '照片', goodsTotal: '金额', status: '状态', tracking: '物流', merchantName: '商家', orderNo: '订单号',
  },
  'en-US': {
    queue: 'Queue', claim: '+1', nobodyWaiting: 'Nobody is waiting.', waited: (m) => `waiting ${m} min`,
    buyers: 'Buyers you serve', noBuyers: 'You are not serving anyone yet: press "+1" to take the next waiting buyer.', conversation: 'Conversation',
    order: 'Order', profile: 'Buyer profile', suggested: 'Suggested replies', message: 'Message', send: 'Send', merchant: 'Merchant',
    end: 'End', completions: 'Completions', signOut: 'Sign out', reason: 'Why a person', ended: 'Finished',
    rating: (r) => (r ? (r.satisfied ? 'Buyer rating: satisfied' : `Buyer rating: not satisfied${r.why ? ` (${WHY['en-US'][r.why] ?? r.why})` : ''}`) : 'Waiting for the buyer\'s rating…'),
    noOrder: 'No order is linked to this buyer.', guest: 'Guest (not verified)', credit: 'Credit', refunds: 'Refunds, last 30 days', penalties: 'Open penalties', preferences: 'Preferences', recent: 'Recent orders', phone: 'Phone', none: 'none',
    merchantContact: (m) => `${m.merchant}: ${m.contact} (order ${m.orderId})`, merchantMessage: 'Message to the merchant', leaveMessage: 'Leave message', merchantLeft: (id) => `Message left for the merchant, recorded on order ${id}.`,
    full: 'You are serving as many buyers as you can.', noneWaiting: 'Nobody is waiting right now.', othersLanguage: 'The waiting buyer writes a language a free colleague online reads: left for them.',
    wrong: 'Wrong ID or password.', slow: (s) => `Too many failed tries: try again in ${s} s.`, failed: 'That did not work; please try again.', left: 'Message left by the buyer:',
    photo: 'Photo', goodsTotal: 'Total', status: 'Status', tracking: 'Tracking', merchantName: 'Merchant', orderNo: 'Order no.',
  },
};
const WHY = { 'zh-CN': { slow: '太慢', unsolved: '没解决', attitude: '态度', other: '其他' }, 'en-US': { slow: 'too slow', unsolved: 'not solved', attitude: 'attitude', other: 'other' } };
const t = W[LOCALE];

/** The desk's API (`/desk/api…`, page.js's requestJson); a 401 shows the sign-in again. */
function call(method, path, body) {
  return requestJson(method, `/desk/api${path}`, body, showSignIn);
}

const app = {
  state: null,
  front: null, // the handoff id in front
  views: new Map(), // handoff id → its view
  unread: new Set(),
  socket: null,
  drafts: new Map(), // handoff id → unsent text
};

// ── Sign-in ───────────────────────────────────────────────────────────────

function showSignIn() {
  document.getElementById('desk').hidden = true;
  document.getElementById('who').textContent = '';
  const form = document.getElementById('sign-in');
  form.hidden = false;
  document.getElementById('sign-in-id').focus();
  if (app.socket) app.socket.close();
  app.socket = null;
}

document.addEventListener('DOMContentLoaded', () => {
  const form = onSignIn(
    '/desk/api/sign-in',
    async () => {
      form.hidden = true;
      await start();
    },
    (err) => (err.status === 429 ? t.slow(err.retryAfter || '60') : t.wrong),
  );
  call('GET', '/state').then((state) => start(state), () => showSignIn());
});

async function start(state) {
  app.state = state || (await call('GET', '/state'));
  document.getElementById('sign-in').hidden = true;
  const desk = document.getElementById('desk');
  desk.hidden = false;
  const who = document.getElementById('who');
  who.replaceChildren(
    `${app.state.agent.name} · ${app.state.agent.lines.map((l) => l.name).join(LOCALE === 'zh-CN' ? '、' : ', ')} `,
    el('button', { type: 'button', onclick: signOut }, t.signOut),
  );
  if (!app.front && app.state.serving.length) app.front = (app.state.serving.find((s) => s.current) || app.state.serving[0]).handoffId;
  await refreshFront();
  draw();
  connect();
}

async function signOut() {
  await call('POST', '/sign-out').catch(() => undefined);
  app.state = null;
  app.front = null;
  app.views.clear();
  showSignIn();
}

// ── Live ──────────────────────────────────────────────────────────────────

function connect() {
  if (app.socket) return;
  const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/desk/api/live`);
  app.socket = ws;
  ws.onmessage = (m) => {
    let n;
    try {
      n = JSON.parse(m.data);
    } catch {
      return;
    }
    if (n.kind === 'hello') return;
    if (n.kind === 'desk.message' && n.payload && n.payload.handoffId) app.unread.add(n.payload.handoffId);
    scheduleRefresh();
    // A buyer's words reach the transcript a moment after the desk relays them: look again then.
    if (n.kind === 'desk.message') setTimeout(scheduleRefresh, 1200);
  };
  ws.onclose = () => {
    app.socket = null;
    if (app.state) setTimeout(() => app.state && connect(), 2000);
  };
}

let refreshTimer = null;
function scheduleRefresh() {
  if (refreshTimer) return;
  refreshTimer = setTimeout(async () => {
    refreshTimer = null;
    await refresh();
  }, 150);
}

async function refresh() {
  try {
    app.state = await call('GET', '/state');
  } catch {
    return;
  }
  const ids = new Set([...app.state.serving.map((s) => s.handoffId), ...app.state.ended.map((e) => e.handoffId)]);
  if (app.front && !ids.has(app.front)) app.front = null;
  if (!app.front && app.state.serving.length) app.front = app.state.serving[0].handoffId;
  await refreshFront();
  draw();
}

async function refreshFront() {
  if (!app.front) return;
  try {
    app.views.set(app.front, await call('GET', `/handoffs/${encodeURIComponent(app.front)}`));
    app.unread.delete(app.front);
  } catch {
    app.views.delete(app.front);
  }
}

// ── Drawing ───────────────────────────────────────────────────────────────

let drawn = '';
function draw() {
  // Nothing changed since the last drawing (a notification about someone else): leave the page as the agent has it.
  const now = JSON.stringify([app.state, app.front, app.front && app.views.get(app.front), [...app.unread]]);
  if (now === drawn && document.getElementById('desk').childElementCount) return;
  drawn = now;
  const desk = document.getElementById('desk');
  const box = document.getElementById('message');
  const typing = box && document.activeElement === box;
  if (box && app.front) app.drafts.set(app.front, box.value);
  desk.replaceChildren(el('div', { class: 'desk' }, drawQueue(), drawCenter(), drawSide()));
  const again = document.getElementById('message');
  if (again && typing) {
    // A live update redrew the page under the agent's fingers: keep typing where they were, completions included.
    again.focus();
    again.setSelectionRange(again.value.length, again.value.length);
    if (again.value.trim()) again.dispatchEvent(new Event('input'));
  }
}

function drawQueue() {
  const s = app.state;
  return el(
    'section',
    { class: 'panel queue', 'aria-label': t.queue },
    el('h2', {}, `${t.queue} (${s.queue.length})`),
    s.queue.length
      ? el('ol', {}, s.queue.map((q) => el('li', {}, el('strong', {}, q.buyerName), ' ', el('span', { class: 'meta' }, `${q.lineName} · ${t.waited(q.waitedMinutes)}`), el('div', { class: 'meta' }, q.reason))))
      : el('p', { class: 'muted' }, t.nobodyWaiting),
    el('button', { type: 'button', class: 'claim', 'aria-label': '+1', onclick: claim }, t.claim),
    el('p', { class: 'status', role: 'status', id: 'queue-status' }),
    s.ended.length
      ? el('section', { class: 'ended', 'aria-label': t.ended }, el('h2', {}, t.ended), el('ul', {}, s.ended.map((e) => el('li', {}, el('strong', {}, e.buyerName), ' ', el('span', { class: 'meta' }, t.rating(e.rating))))))
      : null,
  );
}

function drawCenter() {
  const s = app.state;
  const tabs = el(
    'div',
    { role: 'tablist', 'aria-label': t.buyers },
    s.serving.map((b) =>
      el(
        'button',
        { type: 'button', role: 'tab', id: `tab-${b.handoffId}`, 'aria-selected': String(b.handoffId === app.front), 'aria-controls': 'front', onclick: () => pick(b.handoffId) },
        b.buyerName,
        app.unread.has(b.handoffId) && b.handoffId !== app.front ? el('span', { class: 'unread', 'aria-hidden': 'true' }, '●') : null,
      ),
    ),
  );
  const view = app.front ? app.views.get(app.front) : undefined;
  return el('section', { class: 'panel center', 'aria-label': t.buyers }, tabs, view ? drawFront(view) : el('p', { class: 'front muted' }, t.noBuyers));
}

function drawFront(v) {
  const serving = v.state === 'claimed';
  const log = el(
    'ol',
    { class: 'log', role: 'log', 'aria-label': t.conversation },
    v.conversation.map((m) =>
      el(
        'li',
        { class: `from-${m.from}` },
        el('time', { datetime: m.at }, m.time),
        m.text ? el('div', { class: 'text' }, m.text) : null,
        (m.links || []).map((url, i) =>
          el('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, new URL(url, location.href).origin === location.origin ? el('img', { src: url, alt: `${t.photo} ${i + 1}`, class: 'photo' }) : url),
        ),
      ),
    ),
  );
  setTimeout(() => (log.scrollTop = log.scrollHeight), 0);
  const front = el(
    'div',
    { class: 'front', role: 'tabpanel', id: 'front', 'aria-labelledby': `tab-${v.handoffId}` },
    el('p', { class: 'reason' }, el('strong', {}, `${t.reason}: `), v.reason, ` · ${v.lineName}`),
    v.leftMessages.length ? el('p', { class: 'muted' }, `${t.left} ${v.leftMessages.join(' / ')}`) : null,
    log,
    serving ? drawSuggestions(v) : el('p', { class: 'muted' }, t.rating(v.rating)),
    serving ? drawComposer(v) : null,
  );
  return front;
}

function drawSuggestions(v) {
  return el(
    'section',
    { class: 'suggested', 'aria-label': t.suggested },
    v.suggestions.slice(0, 3).map((s) =>
      el('button', { type: 'button', onclick: () => send(v.handoffId, s.text) }, `${s.text} (${Math.round(s.confidence * 100)}%)`),
    ),
  );
}

function drawComposer(v) {
  const list = el('ul', { id: 'completions', role: 'listbox', 'aria-label': t.completions });
  // A text box (its native role, as web.md names it) whose completions are the listbox it controls.
  const box = el('textarea', {
    id: 'message',
    'aria-autocomplete': 'list',
    'aria-controls': 'completions',
    oninput: () => complete(box, list),
    onkeydown: (e) => onComposerKey(e, box, list, v.handoffId),
  });
  box.value = app.drafts.get(v.handoffId) || '';
  const merchantBox = el('div', { id: 'merchant-box', class: 'merchant-box', hidden: true });
  return el(
    'form',
    { class: 'composer', onsubmit: (e) => (e.preventDefault(), send(v.handoffId, box.value)) },
    el('label', { for: 'message' }, t.message),
    box,
    list,
    el(
      'div',
      { class: 'row' },
      el('button', { type: 'submit' }, t.send),
      el('span', { class: 'grow' }),
      el('button', { type: 'button', onclick: () => merchant(v.handoffId, merchantBox) }, t.merchant),
      el('button', { type: 'button', onclick: () => end(v.handoffId) }, t.end),
    ),
    merchantBox,
    el('p', { class: 'status', role: 'status', id: 'front-status' }),
  );
}

function drawSide() {
  const v = app.front ? app.views.get(app.front) : undefined;
  const facts = (pairs) => el('dl', { class: 'facts' }, pairs.flatMap(([k, val]) => [el('dt', {}, k), el('dd', {}, val)]));
  const order = v && v.order
    ? facts([[t.orderNo, v.order.id], [t.order, v.order.goods], [t.goodsTotal, v.order.total], [t.status, v.order.status], [t.tracking, v.order.tracking], [t.merchantName, v.order.merchant || '']])
    : el('p', { class: 'muted' }, t.noOrder);
  const p = v && v.profile;
  const profile = p
    ? el(
        'div',
        {},
        facts([
          [p.name, p.id],
          [t.phone, p.phone],
          [t.credit, p.credit],
          [t.refunds, String(p.refundsLast30Days)],
          [t.penalties, p.penalties.length ? p.penalties.join('; ') : t.none],
          [t.preferences, p.preferences.length ? p.preferences.join('; ') : t.none],
        ]),
        el('h3', { class: 'muted' }, t.recent),
        el('ul', {}, p.recentOrders.map((o) => el('li', {}, `${o.id} · ${o.goods} · ${o.total} · ${o.status}`))),
      )
    : el('p', { class: 'muted' }, v ? t.guest : '');
  return el(
    'div',
    { class: 'panel side' },
    el('section', { 'aria-label': t.order }, el('h2', {}, t.order), v ? order : null),
    el('section', { 'aria-label': t.profile }, el('h2', {}, t.profile), profile),
  );
}

// ── Actions ───────────────────────────────────────────────────────────────

function say(id, text) {
  const status = document.getElementById(id);
  if (status) status.textContent = text;
}

async function claim() {
  try {
    const result = await call('POST', '/claim');
    if (!result.ok) return say('queue-status', t[result.why === 'full' ? 'full' : result.why === 'others_language' ? 'othersLanguage' : 'noneWaiting']);
    app.front = result.handoffId;
    await refresh();
  } catch {
    say('queue-status', t.failed);
  }
}

async function pick(handoffId) {
  const box = document.getElementById('message');
  if (box && app.front) app.drafts.set(app.front, box.value);
  app.front = handoffId;
  await refreshFront();
  draw();
}

async function send(handoffId, text) {
  text = (text || '').trim();
  if (!text) return;
  try {
    await call('POST', `/handoffs/${encodeURIComponent(handoffId)}/messages`, { text });
    app.drafts.delete(handoffId);
    const box = document.getElementById('message');
    if (box) box.value = '';
    await refreshFront();
    draw();
    document.getElementById('message')?.focus();
  } catch {
    say('front-status', t.failed);
  }
}

async function end(handoffId) {
  try {
    await call('POST', `/handoffs/${encodeURIComponent(handoffId)}/end`);
    await refresh();
  } catch {
    say('front-status', t.failed);
  }
}

async function merchant(handoffId, box) {
  try {
    const m = await call('GET', `/handoffs/${encodeURIComponent(handoffId)}/merchant`);
    const input = el('input', { id: 'merchant-message', 'aria-label': t.merchantMessage });
    box.replaceChildren(
      el('p', {}, t.merchantContact(m)),
      el('label', { for: 'merchant-message' }, t.merchantMessage),
      input,
      el('button', {
        type: 'button',
        onclick: async () => {
          try {
            const r = await call('POST', `/handoffs/${encodeURIComponent(handoffId)}/merchant`, { message: input.value });
            say('front-status', t.merchantLeft(r.orderId));
            box.hidden = true;
          } catch {
            say('front-status', t.failed);
          }
        },
      }, t.leaveMessage),
    );
    box.hidden = false;
  } catch {
    say('front-status', t.noOrder);
  }
}

// ── Completions ───────────────────────────────────────────────────────────

let completing = 0;
async function complete(box, list) {
  const q = box.value;
  const mine = ++completing;
  if (!q.trim()) return showCompletions(box, list, []);
  const locale = (app.views.get(app.front) || {}).locale || LOCALE;
  try {
    const { completions } = await call('GET', `/completions?q=${encodeURIComponent(q)}&locale=${locale}`);
    if (mine === completing) showCompletions(box, list, completions);
  } catch {
    showCompletions(box, list, []);
  }
}

function showCompletions(box, list, items) {
  list.replaceChildren(
    ...items.map((text, i) =>
      el('li', { role: 'option', id: `completion-${i}`, 'aria-selected': 'false', onmousedown: (e) => (e.preventDefault(), accept(box, list, text)) }, text),
    ),
  );
  box.removeAttribute('aria-activedescendant');
}

function accept(box, list, text) {
  box.value = text;
  showCompletions(box, list, []);
  box.focus();
}

function onComposerKey(e, box, list, handoffId) {
  const options = [...list.querySelectorAll('[role="option"]')];
  const at = options.findIndex((o) => o.getAttribute('aria-selected') === 'true');
  if (options.length && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
    e.preventDefault();
    const next = e.key === 'ArrowDown' ? (at + 1) % options.length : (at - 1 + options.length) % options.length;
    options.forEach((o, i) => o.setAttribute('aria-selected', String(i === next)));
    box.setAttribute('aria-activedescendant', options[next].id);
    return;
  }
  if (options.length && (e.key === 'Tab' || e.key === 'Enter') && at >= 0) {
    e.preventDefault();
    return accept(box, list, options[at].textContent);
  }
  if (e.key === 'Escape') return showCompletions(box, list, []);
  if (e.key === 'Enter' && !e.shiftKey) {
    e.preventDefault();
    send(handoffId, box.value);
  }
}
