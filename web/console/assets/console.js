// The managers' console in the browser: sign-in, then three regions over the console's JSON API:
// Volume (charts and a table), Staffing (Erlang C per hour of day), Standard replies (approve,
// optionally edited, or reject) and each line's reception mode. Plain DOM; the charts are uPlot's
// (served by the desk from node_modules, no CDN); both languages.
'use strict';

const LOCALE = document.documentElement.lang === 'en-US' ? 'en-US' : 'zh-CN';
const W = {
  'zh-CN': {
    volume: '咨询量', staffing: '排班', replies: '标准回复', line: '业务线', from: '开始日期', to: '结束日期', target: '服务水平目标', answer: '应答时间（秒）', show: '查看',
    byDay: '每日咨询量', byHour: '各时段咨询量', contacts: '咨询', queued: '转人工', date: '日期', hour: '时段', resolvedByBot: '机器人独立解决', wait: '平均排队', satisfaction: '满意度',
    arrivals: '需人工的咨询（每天）', handle: '平均处理时长（分钟）', load: '话务量', seats: '席位', agents: '所需客服（Agents）', handleLine: (m, k) => `平均处理 ${m} 分钟，每位客服同时接待 ${k} 位`,
    approve: '采纳', reject: '拒绝', uses: (n) => `使用 ${n} 次`, proposed: '待审核', approved: '已采纳', rejected: '已拒绝', edit: '回复内容', none: '暂无', signOut: '退出登录',
    firstReply: '平均首次回复', reception: '接待方式', botFirst: '机器人优先', agentsFirst: '人工优先', shareMode: '按比例转人工', share: '转人工比例（%）', save: '保存', saved: '已保存',
    receptionHelp: '新咨询的第一条消息：机器人优先（默认）；人工优先（本线有客服在线时直接排队）；或按比例直接转人工。',
    wrong: '账号或密码不对。', slow: (s) => `失败次数太多，请 ${s} 秒后再试。`, forManagers: '此处仅供经理登录，客服请用工作台。', failed: '操作没有成功，请再试一次。', seconds: (s) => `${s} 秒`,
  },
  'en-US': {
    volume: 'Volume', staffing: 'Staffing', replies: 'Standard replies', line: 'Business line', from: 'From', to: 'To', target: 'Service level target', answer: 'Answer time (s)', show: 'Show',
    byDay: 'Contacts by day', byHour: 'Contacts by hour of day', contacts: 'Contacts', queued: 'Needed an agent', date: 'Date', hour: 'Hour', resolvedByBot: 'Resolved without a person', wait: 'Mean wait in queue', satisfaction: 'Satisfaction',
    arrivals: 'Arrivals needing an agent (per day)', handle: 'Mean handle time (min)', load: 'Load', seats: 'Seats', agents: 'Agents', handleLine: (m, k) => `Mean handle time ${m} min; each agent serves ${k} at once`,
    approve: 'Approve', reject: 'Reject', uses: (n) => `used ${n} times`, proposed: 'proposed', approved: 'approved', rejected: 'rejected', edit: 'Reply text', none: 'none yet', signOut: 'Sign out',
    firstReply: 'Mean time to first reply', reception: 'Reception', botFirst: 'Bot first', agentsFirst: 'Agents first', shareMode: 'A share to agents', share: 'Share to agents (%)', save: 'Save', saved: 'Saved',
    receptionHelp: "A new contact's first message: the bot first (default); agents first (straight to the queue while an agent of the line is online); or a share of contacts straight to agents.",
    wrong: 'Wrong ID or password.', slow: (s) => `Too many failed tries: try again in ${s} s.`, forManagers: 'This sign-in is for managers; agents use the desk.', failed: 'That did not work; please try again.', seconds: (s) => `${s} s`,
  },
};
const t = W[LOCALE];

/** The buyer's question a group of replies answers, as a manager reads it (intents.md's ids, named in both languages). */
const INTENT_NAMES = {
  'chitchat.greeting': ['问候', 'Greeting'], 'chitchat.thanks': ['道谢', 'Thanks'], 'chitchat.goodbye': ['道别', 'Goodbye'],
  'chitchat.bot_identity': ['问是不是机器人', 'Is this a bot?'], 'chitchat.fun': ['闲聊', 'Small talk'], 'chitchat.mood': ['情绪', 'Mood'],
  'chitchat.abuse': ['辱骂', 'Abuse'], 'chitchat.off_topic': ['无关话题', 'Off topic'],
  'question.return_policy': ['退货政策', 'Return policy'], 'question.refund_time': ['退款时效', 'Refund time'], 'question.shipping': ['发货与配送', 'Shipping'],
  'question.coupon': ['优惠券', 'Coupons'], 'question.invoice_policy': ['发票政策', 'Invoice policy'], 'question.payment': ['支付方式', 'Payment'],
  'question.account': ['账号', 'Account'], 'question.price_protection': ['价格保护', 'Price protection'], 'question.warranty': ['保修', 'Warranty'],
  'question.membership': ['会员', 'Membership'],
  'task.cancel_order': ['取消订单', 'Cancel an order'], 'task.return_refund': ['退货退款', 'Return or refund'], 'task.exchange': ['换货', 'Exchange'],
  'task.track_logistics': ['查物流', 'Track a parcel'], 'task.urge_shipping': ['催发货', 'Hurry shipping'], 'task.change_address': ['改地址', 'Change the address'],
  'task.request_invoice': ['开发票', 'Request an invoice'], 'task.report_problem': ['商品问题', 'Report a problem'], 'task.contact_merchant': ['联系商家', 'Contact the seller'],
  'task.complain': ['投诉', 'Complaint'], 'task.human_agent': ['转人工', 'Ask for a person'], none: ['其他', 'Other'],
};
const intentName = (id) => (INTENT_NAMES[id] ? `${INTENT_NAMES[id][LOCALE === 'zh-CN' ? 0 : 1]} · ${id}` : id);

/** The console's API (page.js's requestJson). */
function call(method, path, body) {
  return requestJson(method, path, body);
}

const state = { me: null, line: null, from: '', to: '', target: 0.8, answer: 30 };

document.addEventListener('DOMContentLoaded', () => {
  const form = onSignIn('/console/api/sign-in', start, (err) => (err.status === 429 ? t.slow(err.retryAfter || '60') : err.status === 403 ? t.forManagers : t.wrong));
  start().catch(() => {
    form.hidden = false;
    document.getElementById('sign-in-id').focus();
  });
});

async function start() {
  state.me = await call('GET', '/console/api/me');
  state.line = state.line || (state.me.lines[0] && state.me.lines[0].id);
  document.getElementById('sign-in').hidden = true;
  document.getElementById('who').replaceChildren(`${state.me.manager ? state.me.manager.name : ''} `, el('button', { type: 'button', onclick: signOut }, t.signOut));
  const root = document.getElementById('console');
  root.hidden = false;
  root.replaceChildren(
    filters(),
    el('section', { 'aria-label': t.volume, id: 'volume' }),
    el('section', { 'aria-label': t.staffing, id: 'staffing' }),
    el('section', { 'aria-label': t.reception, id: 'reception' }),
    el('section', { 'aria-label': t.replies, id: 'replies' }),
  );
  await Promise.all([drawVolume(), drawStaffing(), drawReception(), drawReplies()]);
}

async function signOut() {
  await call('POST', '/console/api/sign-out').catch(() => undefined);
  location.reload();
}

function filters() {
  const name = (l) => (LOCALE === 'zh-CN' ? l.name.zh : l.name.en);
  const line = el('select', { id: 'f-line' }, state.me.lines.map((l) => el('option', { value: l.id, selected: l.id === state.line }, name(l))));
  const from = el('input', { id: 'f-from', type: 'date', value: state.from });
  const to = el('input', { id: 'f-to', type: 'date', value: state.to });
  const target = el('input', { id: 'f-target', type: 'number', min: '0.5', max: '0.99', step: '0.01', value: state.target });
  const answer = el('input', { id: 'f-answer', type: 'number', min: '1', step: '1', value: state.answer });
  return el(
    'form',
    {
      class: 'filters panel',
      onsubmit: async (e) => {
        e.preventDefault();
        Object.assign(state, { line: line.value, from: from.value, to: to.value, target: Number(target.value), answer: Number(answer.value) });
        await Promise.all([drawVolume(), drawStaffing()]);
      },
    },
    el('label', { for: 'f-line' }, t.line, line),
    el('label', { for: 'f-from' }, t.from, from),
    el('label', { for: 'f-to' }, t.to, to),
    el('label', { for: 'f-target' }, t.target, target),
    el('label', { for: 'f-answer' }, t.answer, answer),
    el('button', { type: 'submit' }, t.show),
  );
}

function query() {
  const q = new URLSearchParams({ line: state.line || '' });
  if (state.from) q.set('from', state.from);
  if (state.to) q.set('to', state.to);
  return q;
}

/**
 * A bar chart of two series (contacts, and those that needed an agent) drawn by uPlot, in a figure
 * with the chart's accessible name; the numbers are also in the tables below it.
 */
function bars(title, rows, label) {
  const figure = el('figure', { class: 'chart', role: 'img', 'aria-label': title }, el('figcaption', {}, title));
  const xs = rows.map((_, i) => i);
  const draw = () => {
    const width = Math.max(320, Math.min(900, (figure.parentElement && figure.parentElement.clientWidth) || 720) - 8);
    const paths = uPlot.paths.bars({ size: [0.7, 40] });
    const every = Math.ceil(rows.length / 14);
    new uPlot(
      {
        width,
        height: 200,
        scales: { x: { time: false, range: [-0.5, rows.length - 0.5] } },
        axes: [{ splits: () => xs.filter((i) => i % every === 0), values: (_, splits) => splits.map((i) => (rows[i] ? label(rows[i]) : '')) }, {}],
        series: [
          { label: title, value: (_, i) => (i === null || !rows[i] ? '–' : label(rows[i])) },
          { label: t.contacts, fill: 'rgba(47, 111, 176, 0.75)', stroke: '#2f6fb0', paths, points: { show: false } },
          { label: t.queued, fill: 'rgba(214, 124, 20, 0.85)', stroke: '#b0600c', paths, points: { show: false } },
        ],
        cursor: { drag: { x: false, y: false }, points: { show: false } },
        legend: { live: false },
      },
      [xs, rows.map((r) => r.contacts), rows.map((r) => r.queued)],
      figure,
    );
  };
  requestAnimationFrame(draw);
  return figure;
}

function table(caption, head, rows) {
  return el('table', {}, el('caption', {}, caption), el('thead', {}, el('tr', {}, head.map((x) => el('th', { scope: 'col' }, x)))), el('tbody', {}, rows.map((r) => el('tr', {}, r.map((x, i) => (i === 0 ? el('th', { scope: 'row' }, x) : el('td', {}, x)))))));
}

const pct = (x) => (x === null || x === undefined ? '–' : `${Math.round(x * 100)}%`);

async function drawVolume() {
  const root = document.getElementById('volume');
  try {
    const v = await call('GET', `/api/console/volume?${query()}`);
    // The period the desk chose (the four weeks to today) shows in the date boxes.
    for (const [id, value] of [['f-from', v.from], ['f-to', v.to]]) {
      const input = document.getElementById(id);
      if (input && !input.value) input.value = value;
    }
    root.replaceChildren(
      el('h2', {}, t.volume),
      el(
        'div',
        { class: 'figures' },
        el('div', {}, el('strong', {}, v.contacts), t.contacts),
        el('div', {}, el('strong', {}, pct(v.resolvedByBot)), t.resolvedByBot),
        el('div', {}, el('strong', {}, v.meanWaitSeconds === null ? '–' : t.seconds(Math.round(v.meanWaitSeconds))), t.wait),
        el('div', {}, el('strong', {}, v.meanFirstReplySeconds === null ? '–' : t.seconds(Math.round(v.meanFirstReplySeconds))), t.firstReply),
        el('div', {}, el('strong', {}, pct(v.satisfaction)), t.satisfaction),
      ),
      bars(t.byHour, v.byHour, (r) => String(r.hour).padStart(2, '0')),
      bars(t.byDay, v.byDay, (r) => r.date.slice(5)),
      el('details', {}, el('summary', {}, `${t.byHour} / ${t.byDay}`),
        table(t.byHour, [t.hour, t.contacts, t.queued], v.byHour.map((r) => [String(r.hour).padStart(2, '0'), r.contacts, r.queued])),
        table(t.byDay, [t.date, t.contacts, t.queued], v.byDay.map((r) => [r.date, r.contacts, r.queued]))),
    );
  } catch {
    root.replaceChildren(el('h2', {}, t.volume), el('p', { role: 'status' }, t.failed));
  }
}

async function drawStaffing() {
  const root = document.getElementById('staffing');
  try {
    const q = query();
    q.set('target', String(state.target));
    q.set('answerSeconds', String(state.answer));
    const s = await call('GET', `/api/console/staffing?${q}`);
    root.replaceChildren(
      el('h2', {}, t.staffing),
      el('p', {}, t.handleLine(s.handleMinutes.toFixed(1), s.seatsPerAgent.toFixed(1))),
      table(t.staffing, [t.hour, t.arrivals, t.handle, t.load, t.seats, t.agents], s.hours.map((h) => [String(h.hour).padStart(2, '0'), h.arrivals.toFixed(1), s.handleMinutes.toFixed(1), h.load.toFixed(2), h.seats, h.agents])),
    );
  } catch {
    root.replaceChildren(el('h2', {}, t.staffing), el('p', { role: 'status' }, t.failed));
  }
}

async function drawReception() {
  const root = document.getElementById('reception');
  try {
    const settings = await call('GET', '/api/console/reception');
    const name = (id) => {
      const l = state.me.lines.find((x) => x.id === id);
      return l ? (LOCALE === 'zh-CN' ? l.name.zh : l.name.en) : id;
    };
    root.replaceChildren(el('h2', {}, t.reception), el('p', { class: 'muted' }, t.receptionHelp), ...settings.map((s) => receptionRow(s, name(s.line))));
  } catch {
    root.replaceChildren(el('h2', {}, t.reception), el('p', { role: 'status' }, t.failed));
  }
}

function receptionRow(s, lineName) {
  const mode = el('select', { 'aria-label': `${t.reception}: ${lineName}` },
    ['bot_first', 'agents_first', 'share'].map((m) => el('option', { value: m, selected: s.mode === m }, m === 'bot_first' ? t.botFirst : m === 'agents_first' ? t.agentsFirst : t.shareMode)));
  const share = el('input', { type: 'number', min: '0', max: '100', step: '5', value: s.mode === 'share' ? Math.round(s.share * 100) : 30, 'aria-label': `${t.share}: ${lineName}` });
  const status = el('span', { class: 'status', role: 'status' });
  const showShare = () => { share.hidden = mode.value !== 'share'; };
  mode.addEventListener('change', showShare);
  showShare();
  return el('form', {
    class: 'reception',
    onsubmit: async (e) => {
      e.preventDefault();
      try {
        await call('POST', `/api/console/reception/${encodeURIComponent(s.line)}`, mode.value === 'share' ? { mode: 'share', share: Number(share.value) / 100 } : { mode: mode.value });
        status.textContent = t.saved;
      } catch {
        status.textContent = t.failed;
      }
    },
  }, el('strong', {}, lineName), mode, share, el('button', { type: 'submit' }, t.save), status);
}

async function drawReplies() {
  const root = document.getElementById('replies');
  try {
    const replies = await call('GET', '/api/console/replies');
    const byIntent = new Map();
    for (const r of replies) byIntent.set(r.intent, [...(byIntent.get(r.intent) || []), r]);
    root.replaceChildren(
      el('h2', {}, t.replies),
      ...(replies.length ? [] : [el('p', {}, t.none)]),
      ...[...byIntent.entries()].map(([intent, list]) => el('div', {}, el('h3', {}, intentName(intent)), list.map(replyRow))),
    );
  } catch {
    root.replaceChildren(el('h2', {}, t.replies), el('p', { role: 'status' }, t.failed));
  }
}

function replyRow(r) {
  const text = el('textarea', { 'aria-label': `${t.edit}: ${r.text}` });
  text.value = r.text;
  const status = el('span', { class: 'status', role: 'status' }, t[r.status]);
  const act = async (action) => {
    try {
      const done = await call('POST', `/api/console/replies/${encodeURIComponent(r.id)}/${action}`, action === 'approve' ? { text: text.value } : {});
      status.textContent = t[done.status];
    } catch {
      status.textContent = t.failed;
    }
  };
  return el('div', { class: 'reply' }, text, el('span', { class: 'muted' }, t.uses(r.uses)), status,
    el('button', { type: 'button', onclick: () => act('approve') }, t.approve),
    el('button', { type: 'button', onclick: () => act('reject') }, t.reject));
}
