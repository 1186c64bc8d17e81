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
    reminderOpen: '已提醒，待观察', noRooms: '没有分配给您的考场'
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
    evidence: 'evidence', reminderOpen: 'reminded, watching', noRooms: 'No room is assigned to you'
  }
};
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
