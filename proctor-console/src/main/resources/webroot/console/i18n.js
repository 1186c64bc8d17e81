/* Console texts: zh-CN by default, English on request (remembered in localStorage). */
'use strict';
const TEXTS = {
  zh: {
    title: '监考台', sitting: '场次', site: '全场概览', logout: '退出', login: '考务人员登录', username: '用户名',
    password: '密码', loginButton: '登录', siteTitle: '全场概览（主考）', room: '考场', seats: '考位', present: '在场',
    absent: '缺考', submitted: '已交卷', offline: '离线', openFlags: '待处理标记', roomPause: '全场暂停',
    roomResume: '全场恢复', flags: '拟标记', actions: '操作', message: '提醒内容', category: '类别', remind: '提醒',
    minutes: '分钟', reason: '原因', permitLeave: '准予离座', extend: '延时', pause: '暂停', resume: '恢复',
    toSeat: '新考位', changeSeat: '调换考位', forceSubmit: '强制交卷', note: '情况', recordIncident: '记录情况',
    feed: '事件', type: '类型', all: '全部', seat: '考位', none: '（无）',
    st_empty: '空位', st_absent: '未登录', st_loggedIn: '已登录', st_waiting: '候考', st_answering: '答题中',
    st_paused: '已暂停', st_offline: '离线', st_submitted: '已交卷',
    candidate: '考生', progress: '进度', timeLeft: '剩余时间', skew: '终端时钟偏差', skewShort: '钟差', state: '状态',
    confirm: '确认', dismiss: '驳回', minor: '情节较轻', serious: '情节严重', decided: '已处理',
    suggestRemind: '建议提醒（A类须先提醒，拒不改正方可标记）', live: '实时', reconnecting: '重连中…',
    done: '已执行', refused: '未执行', confirmForce: '确定强制交卷？', roomOf: '考场 {0}',
    summary: '在场 {0} · 缺考 {1} · 已交卷 {2} · 离线 {3} · 待处理标记 {4}', evidence: '证据',
    reminderOpen: '已提醒，待观察', noRooms: '没有分配给您的考场',
    sessionExpired: '登录已过期或失效，请重新登录'
  },
  en: {
    title: 'Proctor console', sitting: 'Sitting', site: 'Site overview', logout: 'Log out', login: 'Staff login',
    username: 'User name', password: 'Password', loginButton: 'Log in', siteTitle: 'Site overview (chief proctor)',
    room: 'Room', seats: 'Seats', present: 'Present', absent: 'Absent', submitted: 'Submitted', offline: 'Offline',
    openFlags: 'Open flags', roomPause: 'Pause room', roomResume: 'Resume room', flags: 'Proposed flags',
    actions: 'Actions', message: 'Reminder', category: 'Category', remind: 'Remind', minutes: 'Minutes',
    reason: 'Reason', permitLeave: 'Permit leave', extend: 'Extend', pause: 'Pause', resume: 'Resume',
    toSeat: 'New seat', changeSeat: 'Change seat', forceSubmit: 'Force submit', note: 'Observation',
    recordIncident: 'Record incident', feed: 'Events', type: 'Type', all: 'All', seat: 'Seat', none: '(none)',
    st_empty: 'empty', st_absent: 'not logged in', st_loggedIn: 'logged in', st_waiting: 'waiting',
    st_answering: 'answering', st_paused: 'paused', st_offline: 'offline', st_submitted: 'submitted',
    candidate: 'Candidate', progress: 'Progress', timeLeft: 'Time left', skew: 'Terminal clock skew', skewShort: 'skew', state: 'State',
    confirm: 'Confirm', dismiss: 'Dismiss', minor: 'minor', serious: 'serious', decided: 'decided',
    suggestRemind: 'Remind first (tier A is flagged only when a reminder is not heeded)', live: 'live',
    reconnecting: 'reconnecting…', done: 'done', refused: 'refused', confirmForce: 'Force-submit this seat?',
    roomOf: 'Room {0}', summary: 'present {0} · absent {1} · submitted {2} · offline {3} · open flags {4}',
    evidence: 'evidence', reminderOpen: 'reminded, watching', noRooms: 'No room is assigned to you',
    sessionExpired: 'Your login expired or is no longer valid; please log in again'
  }
};

/*
 * exam-server's error codes (ErrorType) and the console's own, as the staff member's language says them; the
 * server's English detail stays shown after the dash.
 */
const ERROR_TEXTS = {
  zh: {
    BAD_REQUEST: '请求有误', BAD_MESSAGE: '消息格式有误', BAD_VALUE: '填写的值有误', UNKNOWN_ITEM: '没有这道试题',
    MESSAGE_TOO_LARGE: '消息过大', PAYLOAD_TOO_LARGE: '提交的内容过大', UNSUPPORTED_MEDIA_TYPE: '不支持的内容类型',
    UNAUTHORIZED: '请先登录', BAD_TOKEN: '登录凭证无效，请重新登录', STALE_TOKEN: '登录已过期，请重新登录',
    WRONG_KIND: '凭证类型不符', BAD_CREDENTIALS: '用户名或密码错误', BAD_AGENT_KEY: '考位代理密钥无效',
    FORBIDDEN: '无权执行此操作', BAD_PIN: '考场口令错误', WRONG_SEAT: '考位不符', CHECK_IN_NOT_OPEN: '尚未开放签到',
    NOT_FOUND: '未找到', UNKNOWN_SEAT: '没有这个考位', UNKNOWN_SITTING: '没有这个场次', CONFLICT: '与当前状态冲突',
    ALREADY_SUBMITTED: '已经交卷', ATTEMPT_SUBMITTED: '该考生已交卷', SEAT_CHANGED: '考位已调换，此终端只能补交未确认的答案', NOT_STARTED: '评价尚未开始', PAUSED: '已暂停',
    ILLEGAL_TRANSITION: '当前状态下不能执行此操作', NOT_READY: '尚未就绪', BANK_REJECTED: '题库未通过校验',
    ROSTER_REJECTED: '名单未通过校验', BLUEPRINT_REJECTED: '组卷方案未通过校验', ASSEMBLY_FAILED: '组卷失败',
    RATE_LIMITED: '操作过于频繁，请稍后再试', RETRY: '服务暂时不可用，请重试', INTERNAL: '服务器内部错误',
    BAD_TICKET: '实时连接凭据无效，正在重新连接', UNAVAILABLE: '暂时无法从考试服务器读取数据，请重试'
  },
  en: {
    BAD_REQUEST: 'Bad request', BAD_MESSAGE: 'Malformed message', BAD_VALUE: 'Invalid value',
    UNKNOWN_ITEM: 'No such item', MESSAGE_TOO_LARGE: 'Message too large', PAYLOAD_TOO_LARGE: 'Upload too large',
    UNSUPPORTED_MEDIA_TYPE: 'Unsupported content type', UNAUTHORIZED: 'Please log in',
    BAD_TOKEN: 'Login not valid; please log in again', STALE_TOKEN: 'Login expired; please log in again',
    WRONG_KIND: 'Wrong kind of credential', BAD_CREDENTIALS: 'Wrong user name or password',
    BAD_AGENT_KEY: 'Seat agent key not valid', FORBIDDEN: 'Not allowed', BAD_PIN: 'Wrong room PIN',
    WRONG_SEAT: 'Wrong seat', CHECK_IN_NOT_OPEN: 'Check-in is not open', NOT_FOUND: 'Not found',
    UNKNOWN_SEAT: 'No such seat', UNKNOWN_SITTING: 'No such sitting', CONFLICT: 'Conflicts with the current state',
    ALREADY_SUBMITTED: 'Already submitted', ATTEMPT_SUBMITTED: 'The attempt is submitted',
    SEAT_CHANGED: 'The seat was changed; this terminal may only send its unacknowledged answers',
    NOT_STARTED: 'Not started yet', PAUSED: 'Paused', ILLEGAL_TRANSITION: 'Not possible in the current state',
    NOT_READY: 'Not ready', BANK_REJECTED: 'Item bank rejected', ROSTER_REJECTED: 'Roster rejected',
    BLUEPRINT_REJECTED: 'Blueprint rejected', ASSEMBLY_FAILED: 'Paper assembly failed',
    RATE_LIMITED: 'Too many requests; try again shortly', RETRY: 'Temporarily unavailable; try again',
    INTERNAL: 'Internal server error', BAD_TICKET: 'Live stream ticket not valid; reconnecting',
    UNAVAILABLE: 'Cannot read from exam-server right now; try again'
  }
};

/** An error body {code, message}: its code in the page's language, then the server's own detail. */
function errorText(body) {
  if (!body) return '';
  const mapped = body.code && (ERROR_TEXTS[LANG][body.code] ?? ERROR_TEXTS.zh[body.code]);
  if (!mapped) return body.message || body.code || '';
  return body.message ? mapped + ' — ' + body.message : mapped;
}

/*
 * Times and dates: always in the sitting's zone (every sitting is in Asia/Shanghai; the console says so at
 * /live/settings), never the browser's; 24-hour in both languages.
 */
let ZONE = 'Asia/Shanghai';
const FORMATS = new Map();

function formatter(kind) {
  const key = LANG + '|' + ZONE + '|' + kind;
  let f = FORMATS.get(key);
  if (!f) {
    const opts = {timeZone: ZONE, hourCycle: 'h23', hour: '2-digit', minute: '2-digit', second: '2-digit'};
    if (kind === 'dateTime') Object.assign(opts, {year: 'numeric', month: LANG === 'en' ? 'short' : 'long', day: 'numeric'});
    f = new Intl.DateTimeFormat(LANG === 'en' ? 'en-GB' : 'zh-CN', opts);
    FORMATS.set(key, f);
  }
  return f;
}

/** Server epoch ms as a time of day in the sitting's zone, e.g. 14:03:05. */
function fmtTime(ms) {
  return formatter('time').format(new Date(Number(ms)));
}

/** Server epoch ms as date and time in the sitting's zone: 2026年12月2日 14:03:05 / 2 Dec 2026, 14:03:05. */
function fmtDateTime(ms) {
  return formatter('dateTime').format(new Date(Number(ms)));
}

/*
 * The rules engine's explanations: message keys and parameters rendered from explanations.json, the catalogue the
 * server renders its English audit text from; until it is loaded (or for an unknown key) the English text shows.
 */
let CATALOG = null;
const PLACEHOLDER = /\{(\w+)(?:,(time|category|list|kind|kinds))?\}/g;

function renderMessage(m) {
  const entry = CATALOG && CATALOG.messages[m.key];
  if (!entry) return null;
  const zh = LANG !== 'en';
  return (zh ? entry.zh : entry.en).replace(PLACEHOLDER, (all, name, type) => {
    const v = m.params[name];
    if (v === undefined || v === null) return all;
    if (type === 'time') return fmtTime(v);
    if (type === 'category') {
      const c = CATALOG.categories[v];
      return c ? v + (zh ? '（' + c.zh + '）' : ' (' + c.en + ')') : String(v);
    }
    if (type === 'kind') return kindText(v);
    const list = type === 'kinds' ? v.map(kindText) : v;
    return Array.isArray(list) ? list.join(zh ? '、' : ', ') : String(list);
  });
}

/** An event kind's label in the page's language (the code itself until the catalogue is in, or when it has none). */
function kindText(kind) {
  const x = CATALOG && CATALOG.kinds && CATALOG.kinds[kind];
  return x ? (LANG === 'en' ? x.en : x.zh) : String(kind);
}

/** An explanation {parts, text} in the page's language. */
function explain(x) {
  if (!x) return '';
  if (typeof x === 'string') return x;
  const parts = (x.parts || []).map(renderMessage);
  if (parts.length === 0 || parts.includes(null)) return x.text || '';
  return parts.join(LANG === 'en' ? '; ' : '；');
}

/** Loads the catalogue and the sitting zone; calls done() once both are in (or failed: then English texts). */
function loadTexts(done) {
  Promise.all([
    fetch('explanations.json').then(r => r.ok ? r.json() : null).then(c => { if (c) CATALOG = c; }),
    fetch('/live/settings').then(r => r.ok ? r.json() : null).then(s => { if (s && s.zone) ZONE = s.zone; })
  ]).catch(e => console.warn('texts not loaded: ' + e.message)).finally(done);
}

/* The live-data texts (answer-similarity runs and their flags). */
Object.assign(TEXTS.zh, {
  runSimilarity: '答案雷同检测', similarityRunning: '检测中…',
  similarityDone: '已检测 {0} 名考生：{1} 项疑似（{2} 个新标记）', similarityFinal: '（全部交卷后的最终检测）',
  similarityEvidence: '雷同错答 {0} 题（共同答错 {1} 题，独立作答期望 {2}），p = {3}', similaritySeats: '考位',
  neighbours: '相邻'
});
Object.assign(TEXTS.en, {
  runSimilarity: 'Answer similarity check', similarityRunning: 'checking…',
  similarityDone: '{0} candidates checked: {1} suspicions ({2} new flags)', similarityFinal: ' (final check, all submitted)',
  similarityEvidence: '{0} identical wrong answers (of {1} both wrong; {2} expected if independent), p = {3}',
  similaritySeats: 'seats', neighbours: 'neighbours'
});
let LANG = localStorage.getItem('examcore.console.lang') === 'en' ? 'en' : 'zh';

function t(key, ...args) {
  const s = (TEXTS[LANG][key] ?? TEXTS.zh[key] ?? key);
  return s.replace(/\{(\d)\}/g, (m, i) => String(args[Number(i)]));
}

function applyTexts() {
  document.documentElement.lang = LANG === 'en' ? 'en' : 'zh-CN';
  document.querySelectorAll('[data-i18n]').forEach(el => { el.textContent = t(el.dataset.i18n); });
  document.getElementById('lang').textContent = LANG === 'en' ? '中文' : 'English';
  document.title = t('title') + ' · examcore';
}
