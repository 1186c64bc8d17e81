// The console's texts: its dictionary in the kit's convention (zh-CN by default, English on request, remembered
// in localStorage), the server errors from the kit's table, times in the sitting's zone, and the rules engine's
// explanations rendered from explanations.json.
import { createI18n } from '../kit/i18n.js';
import { errorMessage, serverMessage } from '../kit/errors.js';
import { EVENT_KINDS } from './kinds.js';

export const MESSAGES = {
  'zh-CN': {
    title: '监考台', sitting: '场次', site: '全场概览', logout: '退出', login: '考务人员登录', username: '用户名',
    password: '密码', loginButton: '登录', siteTitle: '全场概览（主考）', room: '考场', seats: '考位', present: '在场',
    absent: '未登录', submitted: '已交卷', offline: '离线', openFlags: '待处理标记', roomPause: '全场暂停',
    roomResume: '全场恢复', flags: '拟标记', actions: '操作', message: '提醒内容', category: '类别', remind: '提醒',
    minutes: '分钟', reason: '原因', permitLeave: '准予离座', extend: '延时', pause: '暂停', resume: '恢复',
    toSeat: '新考位', changeSeat: '调换考位', forceSubmit: '强制交卷', note: '情况', recordIncident: '记录情况',
    feed: '事件', type: '类型', all: '全部', seat: '考位', none: '（无）',
    st_empty: '空位', st_absent: '未登录', st_loggedIn: '已登录', st_waiting: '候考', st_held: '待核验身份', identityHeld: '身份未核验：核验后才发放试卷，请核对照片、证件与本人后点“核验身份”', st_answering: '答题中',
    st_paused: '已暂停', st_offline: '离线', st_submitted: '已交卷',
    photoOf: '{name} 的照片', noPhoto: '无照片',
    confirmIdentity: '核验身份（照片、证件与本人一致）', roomIdentity: '全场身份核验',
    confirmRoomIdentity: '确认本考场所有考生均已逐一核对照片、身份证件与本人？', identityPending: '身份未核验',
    identityDone: '身份已核验（{how}，{by}，{time}）', identityBy_SEAT: '监考员', identityBy_ROOM: '全场核验',
    identityBy_READER: '读卡器',
    candidate: '考生', progress: '进度', timeLeft: '剩余时间', skew: '终端时钟偏差', skewShort: '钟差', state: '状态',
    confirm: '确认', dismiss: '驳回', minor: '情节较轻', serious: '情节严重', decided: '已处理',
    suggestRemind: '建议提醒（A类须先提醒，拒不改正方可标记）', live: '实时', reconnecting: '重连中…',
    done: '已执行', refused: '未执行', confirmForce: '确定强制交卷？', roomOf: '考场 {name}',
    summary: '在场 {present} · 未登录 {absent} · 已交卷 {submitted} · 离线 {offline} · 待处理标记 {flags}', evidence: '证据',
    reminderOpen: '已提醒，待观察', reminderOpenAt: '{time} 已提醒，待观察', reasonShown: '原因（考生可见）', noRooms: '没有分配给您的考场',
    sessionExpired: '登录已过期或失效，请重新登录',
    // The live-data texts (answer-similarity runs and their flags).
    runSimilarity: '答案雷同检测', similarityRunning: '检测中…',
    similarityDone: '已检测 {candidates} 名考生：{suspicions} 项疑似（{newOrChanged} 个新标记）', similarityFinal: '（全部交卷后的最终检测）',
    similarityEvidence: '雷同错答 {identicalWrong} 题（共同答错 {bothWrong} 题，独立作答期望 {expected}），p = {p}', similaritySeats: '考位',
    neighbours: '相邻',
    similarityWithdrawn: '撤回 {withdrawn} 个不再成立的标记。',
    simSeatMap: '座位图：{seats} 及四周', simRowCol: '第 {row} 排第 {col} 列',
    simPairP: '综合 p = {p}（标记阈值 {threshold}）',
    simAnswers: '共同作答 {items} 题：相同错误答案 {identicalWrong} 题（共同答错 {bothWrong} 题，独立作答期望 {expected}），相同正确答案 {identicalCorrect} 题（其中对两人均属难题 {hard} 题）；答案检验 p = {p}',
    simTimingLockstep: '作答时间：{items} 题中有 {lockstep} 题答案相同且保存时间相差不超过 30 秒（同步作答检验 p = {p}）',
    simTimingCorrelation: '作答时间：{items} 题的每题用时相关系数 r = {r}（独立作答时不相关，p = {p}）',
    simNoTiming: '作答时间：可比较的保存时间不足，未做时间检验',
    simChanges: '改答：{followed} 次一人在另一人改答后 60 秒内把同一题改成相同答案（改答检验 p = {p}）',
    simItemsCaption: '{a} 与 {b} 共同作答的题目（答案内容与对错不在监考台显示）', simItem: '题目',
    simResult: '答案', simSavedA: '{a} 保存', simSavedB: '{b} 保存', simLag: '{b} 晚于 {a}',
    sim_same: '相同', sim_different: '不同',
    simJoined: '经群体检验加入：{list}', simJoinedOne: '与群体共同答案一致 {agreeing}/{items} 题，p = {p}',
    simRingOne: '与 {anchor} 的答案一致 {agreeing}/{items} 题，p = {p}（团伙检验：每人须达 {threshold}）',
    simPower: '本场检测能力：相邻考生通常共同作答 {shared} 题，仅凭答案，抄袭约 {percent}% 以上题目时有约一半机会被标记。',
    simPowerNone: '本场检测能力：相邻考生通常只共同作答 {shared} 题，仅凭答案无法检出抄袭。',
    simWithdrawnUnsupported: '已撤回 {seat} 的 {category} 标记：{time} 的检测按此后的作答不再支持该疑似。',
    simWithdrawnSuperseded: '已撤回 {seat} 的 {category} 标记：{time} 的检测以新的疑似取代。',
    // The seat map and the seat panel as a keyboard and a screen reader meet them.
    legend: '考位状态图例', seatMapHelp: '方向键在考位间移动，Home / End 到本排首尾，Enter 打开考位详情，Esc 从详情返回考位',
    seatTitle: '考位 {code} · {name}', minutesLeft: '剩 {m} 分', openFlagCount: '{n} 个待处理标记', away: '离座',
    awayUntil: '离座（准予至 {time}）', severity: '情节', confirmed: '已确认', dismissed: '已驳回',
    // Room-wide actions, announcements, reopening, extra time and the room record.
    scope: '范围', scopeRoom: '本考场', scopeSitting: '全部考场', roomAction: '考场操作', roomActionGo: '执行',
    roomActionDone: '已执行：{action}，{n} 个考位', announcement: '公告内容', announce: '发布公告',
    announceDone: '已发布公告，送达 {n} 个考位',
    offlineFile: '离线答卷文件', offlineUpload: '上传离线答卷', offlineNoFile: '请先选择考生终端保存的离线答卷文件',
    offlineDone: '已合并：考位 {seat}（准考证 {ticket}）合并答案 {merged} 条，已答 {answered} 题；客观题 {score}/{max}，{verdict}；回执码 {receipt}',
    verdictPending: '待阅卷', verdictPassed: '合格', verdictFailed: '不合格', reopen: '重新开放作答', extraTime: '照顾延时',
    extraTimeText: '{percent}% + {minutes} 分钟（共 {total} 分钟，批准：{by}）', roomReport: '考场记录：',
    reportPdf: 'PDF', reportXlsx: 'Excel', reportSittingPdf: '全场 PDF'
  },
  en: {
    title: 'Proctor console', sitting: 'Sitting', site: 'Site overview', logout: 'Log out', login: 'Staff login',
    username: 'User name', password: 'Password', loginButton: 'Log in', siteTitle: 'Site overview (chief proctor)',
    room: 'Room', seats: 'Seats', present: 'Present', absent: 'Not logged in', submitted: 'Submitted', offline: 'Offline',
    openFlags: 'Open flags', roomPause: 'Pause room', roomResume: 'Resume room', flags: 'Proposed flags',
    actions: 'Actions', message: 'Reminder', category: 'Category', remind: 'Remind', minutes: 'Minutes',
    reason: 'Reason', permitLeave: 'Permit leave', extend: 'Extend', pause: 'Pause', resume: 'Resume',
    toSeat: 'New seat', changeSeat: 'Change seat', forceSubmit: 'Force submit', note: 'Observation',
    recordIncident: 'Record incident', feed: 'Events', type: 'Type', all: 'All', seat: 'Seat', none: '(none)',
    st_empty: 'empty', st_absent: 'not logged in', st_loggedIn: 'logged in', st_waiting: 'waiting', st_held: 'awaiting identity check',
    identityHeld: 'Identity not confirmed: the paper is released only after the check (compare photo, ID card and person, then confirm)',
    st_answering: 'answering', st_paused: 'paused', st_offline: 'offline', st_submitted: 'submitted',
    photoOf: 'Photo of {name}', noPhoto: 'No photo',
    confirmIdentity: 'Confirm identity (photo and ID card match the person)', roomIdentity: 'Confirm the whole room',
    confirmRoomIdentity: 'Have you checked every candidate of this room against their photo and ID card?',
    identityPending: 'Identity not confirmed',
    identityDone: 'Identity confirmed ({how}, {by}, {time})', identityBy_SEAT: 'proctor', identityBy_ROOM: 'whole room',
    identityBy_READER: 'reader',
    candidate: 'Candidate', progress: 'Progress', timeLeft: 'Time left', skew: 'Terminal clock skew', skewShort: 'skew', state: 'State',
    confirm: 'Confirm', dismiss: 'Dismiss', minor: 'minor', serious: 'serious', decided: 'decided',
    suggestRemind: 'Remind first (tier A is flagged only when a reminder is not heeded)', live: 'live',
    reconnecting: 'reconnecting…', done: 'Done', refused: 'Refused', confirmForce: 'Force-submit this seat?',
    roomOf: 'Room {name}', summary: 'present {present} · not logged in {absent} · submitted {submitted} · offline {offline} · open flags {flags}',
    evidence: 'evidence', reminderOpen: 'reminded, watching', reminderOpenAt: 'reminded at {time}, watching',
    reasonShown: 'Reason (shown to the candidate)', noRooms: 'No room is assigned to you',
    sessionExpired: 'Your login expired or is no longer valid; please log in again',
    runSimilarity: 'Answer similarity check', similarityRunning: 'checking…',
    similarityDone: '{candidates} candidates checked: {suspicions} suspicions ({newOrChanged} new flags)', similarityFinal: ' (final check, all submitted)',
    similarityEvidence: '{identicalWrong} identical wrong answers (of {bothWrong} both wrong; {expected} expected if independent), p = {p}',
    similaritySeats: 'seats', neighbours: 'neighbours',
    similarityWithdrawn: '{withdrawn} flags no longer supported were withdrawn.',
    simSeatMap: 'Seat map: {seats} and around', simRowCol: 'row {row}, column {col}',
    simPairP: 'pair p = {p} (flag threshold {threshold})',
    simAnswers: '{items} items both answered: the same wrong answer on {identicalWrong} (both wrong on {bothWrong}; {expected} expected if independent), the same right answer on {identicalCorrect} ({hard} of them hard for both); answers test p = {p}',
    simTimingLockstep: 'Timing: of {items} items, {lockstep} answered alike were saved within 30 s of each other (lockstep test p = {p})',
    simTimingCorrelation: 'Timing: times per item correlate at r = {r} over {items} items (independent candidates do not; p = {p})',
    simNoTiming: 'Timing: too few save times to compare; no timing test',
    simChanges: 'Answer changes: {followed} times one changed an item to what the other had changed it to less than 60 s before (answer-change test p = {p})',
    simItemsCaption: 'Items both {a} and {b} answered (the console shows neither the options nor right and wrong)', simItem: 'Item',
    simResult: 'Answers', simSavedA: '{a} saved', simSavedB: '{b} saved', simLag: '{b} after {a}',
    sim_same: 'same', sim_different: 'different',
    simJoined: 'Joined through the group statistic: {list}', simJoinedOne: 'agrees with the group\'s consensus on {agreeing}/{items} items, p = {p}',
    simRingOne: 'agrees with the answers of {anchor} on {agreeing}/{items} items, p = {p} (ring statistic: each partner had to reach {threshold})',
    simPower: 'What this sitting can detect: neighbours typically both answered {shared} items; from the answers alone, a copier of about {percent}% of the items or more is flagged about half the time.',
    simPowerNone: 'What this sitting can detect: neighbours typically both answered only {shared} items; the answers alone cannot show copying.',
    simWithdrawnUnsupported: 'The {category} flag of {seat} was withdrawn: the check at {time}, over the answers since, no longer supports it.',
    simWithdrawnSuperseded: 'The {category} flag of {seat} was withdrawn: the check at {time} replaced it with a new proposal.',
    legend: 'Seat states', seatMapHelp: 'Arrow keys move between seats, Home / End to the row\'s ends, Enter opens the seat, Esc returns from it to the seat',
    seatTitle: 'Seat {code} · {name}', minutesLeft: '{m} min left', openFlagCount: '{n} open flag(s)', away: 'away from seat',
    awayUntil: 'away (permitted until {time})', severity: 'Severity', confirmed: 'confirmed', dismissed: 'dismissed',
    scope: 'Scope', scopeRoom: 'This room', scopeSitting: 'All rooms', roomAction: 'Room action', roomActionGo: 'Apply',
    roomActionDone: 'Done: {action}, {n} seats', announcement: 'Announcement', announce: 'Announce',
    announceDone: 'Announced, reached {n} seats',
    offlineFile: 'Offline answer file', offlineUpload: 'Upload offline answers',
    offlineNoFile: 'Choose the offline answer file the candidate terminal saved first',
    offlineDone: 'Merged: seat {seat} (ticket {ticket}); answers merged: {merged}, answered: {answered}; objective {score}/{max}, {verdict}; receipt {receipt}',
    verdictPending: 'awaiting marking', verdictPassed: 'passed', verdictFailed: 'failed', reopen: 'Reopen attempt', extraTime: 'Extra time',
    extraTimeText: '{percent}% + {minutes} min ({total} min in all, approved by {by})', roomReport: 'Room record:',
    reportPdf: 'PDF', reportXlsx: 'Excel', reportSittingPdf: 'All rooms PDF'
  },
};

const i18n = createI18n(MESSAGES, { storageKey: 'examcore.console.lang' });
export const { t, lang, setLang, toggle, onLangChange } = i18n;
const isEnglish = () => lang() === 'en';

/** An error {code, message} (an ApiError or a stream message): its code in the page's language, then the detail. */
export function errorText(body) {
  if (!body) return '';
  const mapped = errorMessage(body.code, lang());
  const said = serverMessage(body, lang());
  if (!mapped) return said || body.code || '';
  return said ? mapped + ' — ' + said : mapped;
}

/*
 * Times and dates: always in the sitting's zone (every sitting is in Asia/Shanghai; the console says so at
 * /live/settings), never the browser's; 24-hour in both languages.
 */
let zone = 'Asia/Shanghai';
const FORMATS = new Map();

function formatter(kind) {
  const key = lang() + '|' + zone + '|' + kind;
  let f = FORMATS.get(key);
  if (!f) {
    const opts = {timeZone: zone, hourCycle: 'h23', hour: '2-digit', minute: '2-digit', second: '2-digit'};
    if (kind === 'dateTime') Object.assign(opts, {year: 'numeric', month: isEnglish() ? 'short' : 'long', day: 'numeric'});
    f = new Intl.DateTimeFormat(isEnglish() ? 'en-GB' : 'zh-CN', opts);
    FORMATS.set(key, f);
  }
  return f;
}

/** Server epoch ms as a time of day in the sitting's zone, e.g. 14:03:05. */
export function fmtTime(ms) {
  return formatter('time').format(new Date(Number(ms)));
}

/** Server epoch ms as date and time in the sitting's zone: 2026年12月2日 14:03:05 / 2 Dec 2026, 14:03:05. */
export function fmtDateTime(ms) {
  return formatter('dateTime').format(new Date(Number(ms)));
}

/*
 * The rules engine's explanations: message keys and parameters rendered from explanations.json, the catalogue the
 * server renders its English audit text from; until it is loaded (or for an unknown key) the English text shows.
 */
let catalog = null;
const PLACEHOLDER = /\{(\w+)(?:,(time|category|list|kind|kinds))?\}/g;

/** True once the catalogue is in and the zone is the sitting's (the browser test waits for it). */
export const textsLoaded = () => catalog !== null;
export const sittingZone = () => zone;

function renderMessage(m) {
  const entry = catalog && catalog.messages[m.key];
  if (!entry) return null;
  const zh = !isEnglish();
  return (zh ? entry.zh : entry.en).replace(PLACEHOLDER, (all, name, type) => {
    const v = m.params[name];
    if (v === undefined || v === null) return all;
    if (type === 'time') return fmtTime(v);
    if (type === 'category') {
      const c = catalog.categories[v];
      return c ? v + (zh ? '（' + c.zh + '）' : ' (' + c.en + ')') : String(v);
    }
    if (type === 'kind') return kindText(v);
    const list = type === 'kinds' ? v.map(kindText) : v;
    return Array.isArray(list) ? list.join(zh ? '、' : ', ') : String(list);
  });
}

/** An event kind's label in the page's language: the catalogue's, kinds.js's, or else the code itself. */
export function kindText(kind) {
  const x = (catalog && catalog.kinds && catalog.kinds[kind]) || EVENT_KINDS[kind];
  return x ? (isEnglish() ? x.en : x.zh) : String(kind);
}

/** An explanation {parts, text} in the page's language. */
export function explain(x) {
  if (!x) return '';
  if (typeof x === 'string') return x;
  const parts = (x.parts || []).map(renderMessage);
  if (parts.length === 0 || parts.includes(null)) return x.text || '';
  return parts.join(isEnglish() ? '; ' : '；');
}

/** Loads the catalogue and the sitting zone; calls done() once both are in (or failed: then English texts). */
export function loadTexts(done) {
  Promise.all([
    fetch('explanations.json').then(r => r.ok ? r.json() : null).then(c => { if (c) catalog = c; }),
    fetch('/live/settings').then(r => r.ok ? r.json() : null).then(s => { if (s && s.zone) zone = s.zone; })
  ]).catch(e => console.warn('texts not loaded: ' + e.message)).finally(done);
}

/**
 * Puts the static texts (data-i18n), the names of controls without a visible label (data-i18n-label), the language
 * switch and the title in the page's language. The switch is named by what it shows ("English" on the Chinese page,
 * WCAG 2.5.3) and marked in that language, so a screen reader says it with the right voice (3.1.2).
 */
export function applyTexts() {
  document.querySelectorAll('[data-i18n]').forEach(el => { el.textContent = t(el.dataset.i18n); });
  document.querySelectorAll('[data-i18n-label]').forEach(el => el.setAttribute('aria-label', t(el.dataset.i18nLabel)));
  const other = i18n.otherLanguage();
  const switcher = document.getElementById('lang');
  switcher.textContent = other.label;
  switcher.lang = other.code;
  document.title = t('title') + ' · examcore';
}
