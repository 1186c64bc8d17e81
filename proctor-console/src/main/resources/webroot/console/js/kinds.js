// Names of seat-event kinds for the event feed, in a module of its own so that node --test can check them.

/**
 * The kinds the rules engine never cites, so the catalogue does not name them: the seat's session and the proctors'
 * actions. Every other kind is named by explanations.json.
 */
export const EVENT_KINDS = {
  LOGIN: {zh: '考生登录', en: 'candidate logged in'}, SOCKET_OPENED: {zh: '试卷页已连接', en: 'exam page connected'},
  RECONNECT: {zh: '重新连接', en: 'reconnected'}, PAUSED: {zh: '暂停', en: 'paused'}, RESUMED: {zh: '恢复', en: 'resumed'},
  EXTENDED: {zh: '延时', en: 'time extended'}, LEAVE_PERMITTED: {zh: '准予离座', en: 'leave permitted'},
  SUBMITTED: {zh: '交卷', en: 'submitted'}, AUTO_SUBMITTED: {zh: '到时自动交卷', en: 'submitted at the deadline'},
  FORCE_SUBMITTED: {zh: '强制交卷', en: 'force-submitted'}, DECISION_RECORDED: {zh: '处理决定', en: 'decision recorded'},
  SEAT_CHANGED: {zh: '调换考位', en: 'seat changed'},
  OFFLINE_ANSWERS_MERGED: {zh: '离线答卷已合并', en: 'offline answer file merged'},
  IDENTITY_VERIFIED: {zh: '监考员核验身份', en: 'identity confirmed by the proctor'},
  REOPENED: {zh: '重新开放作答', en: 'reopened'},
  ANNOUNCEMENT_ACKNOWLEDGED: {zh: '考生确认公告', en: 'announcement acknowledged'},
  RULES_ACKNOWLEDGED: {zh: '考生承诺（已确认守则）', en: 'rules acknowledged'},
  LATE_ENTRY_REFUSED: {zh: '迟到拒绝入场（记缺考）', en: 'late entry refused (recorded absent)'},
  EVENTS_FOLDED: {zh: '过频事件（已合并计数）', en: 'too frequent events (counted together)'},
  // Audit records in the feed, by action: the one a proctor must notice even without a seat of theirs.
  'AUDIT:sitting.pin-guessing': {zh: '登记口令被反复猜测', en: 'enrolment PIN being guessed'},
  // The rest a proctor or chief proctor meets in the feed (seat.* records are left out: they repeat the seat's event).
  'AUDIT:room.pause': {zh: '全场暂停', en: 'room paused'}, 'AUDIT:room.resume': {zh: '全场恢复', en: 'room resumed'},
  'AUDIT:room.extend': {zh: '全场延时', en: 'room extended'},
  'AUDIT:sitting.pause': {zh: '全部考场暂停', en: 'all rooms paused'},
  'AUDIT:sitting.resume': {zh: '全部考场恢复', en: 'all rooms resumed'},
  'AUDIT:sitting.extend': {zh: '全部考场延时', en: 'all rooms extended'},
  'AUDIT:announcement.make': {zh: '发布公告', en: 'announcement made'},
  'AUDIT:identity.confirm': {zh: '身份核验', en: 'identity confirmed'},
  'AUDIT:decision.record': {zh: '处理决定', en: 'decision recorded'},
  'AUDIT:sitting.start': {zh: '立即开考', en: 'sitting started'},
  'AUDIT:sitting.rules': {zh: '考场规则修改', en: 'room rules changed'},
  'AUDIT:roster.import': {zh: '导入考生名单', en: 'roster imported'},
  'AUDIT:photos.import': {zh: '导入照片', en: 'photos imported'},
  'AUDIT:papers.assemble': {zh: '组卷', en: 'papers assembled'},
  'AUDIT:admission.settings': {zh: '准考证与身份核验设置', en: 'admission settings changed'},
  'AUDIT:certificates.issue': {zh: '颁发证书', en: 'certificates issued'},
};

/** Audit actions the feed leaves out: each repeats a seat event the feed already shows (the proctor's action). */
export const REPEATS_A_SEAT_EVENT = (action) => action.startsWith('seat.');

// Detail fields that identify records rather than say anything a proctor reads.
const IDS = new Set(['attemptId', 'eventId', 'announcementId', 'id', 'digest', 'clientTime', 'reminderId', 'flagId',
  'decisionId', 'detail', 'fileCreatedAt']);

const FIELDS = {
  by: {zh: (v) => `操作人 ${v}`, en: (v) => `by ${v}`},
  reason: {zh: (v) => `原因：${v}`, en: (v) => `reason: ${v}`},
  seconds: {zh: (v) => `${Math.round(v / 60)} 分钟`, en: (v) => `${Math.round(v / 60)} min`},
  message: {zh: (v) => `内容：「${v}」`, en: (v) => `message: “${v}”`},
  category: {zh: (v) => `类别 ${v}`, en: (v) => `category ${v}`},
  answered: {zh: (v) => `已答 ${v} 题`, en: (v) => `${v} answered`},
  code: {zh: (v) => `回执码 ${v}`, en: (v) => `receipt ${v}`},
  receipt: {zh: (v) => `回执码 ${v}`, en: (v) => `receipt ${v}`},
  merged: {zh: (v) => `合并答案 ${v} 条`, en: (v) => `answers merged: ${v}`},
  from: {zh: (v) => `原考位 ${v}`, en: (v) => `from ${v}`},
  to: {zh: (v) => `新考位 ${v}`, en: (v) => `to ${v}`},
  method: {zh: (v) => ({SEAT: '逐个核验', ROOM: '全场核验', READER: '读卡器'}[v] || v),
    en: (v) => ({SEAT: 'at the seat', ROOM: 'whole room', READER: 'reader'}[v] || v)},
  reader: {zh: (v) => `读卡器 ${v}`, en: (v) => `reader ${v}`},
  count: {zh: (v) => `${v} 次`, en: (v) => `${v} times`},
  seats: {zh: (v) => `${v} 个考位`, en: (v) => `${v} seats`},
};

/**
 * A seat event's or audit record's detail as a proctor reads it, in {@code lang} ('zh' or 'en'): the known fields
 * labelled, in a fixed order, record ids left out, any other plain value as "name: value"; an audit record's JSON
 * detail is opened first. Never JSON.
 */
export function describeDetail(detail, lang) {
  if (!detail || typeof detail !== 'object') return '';
  let all = {...detail};
  if (typeof detail.detail === 'string') {
    try {
      const inner = JSON.parse(detail.detail);
      if (inner && typeof inner === 'object') all = {...inner, ...all};
    } catch {
      all.note = detail.detail;
    }
  } else if (detail.detail && typeof detail.detail === 'object') {
    all = {...detail.detail, ...all};
  }
  const out = [];
  for (const [key, f] of Object.entries(FIELDS)) {
    const v = all[key];
    if (v !== undefined && v !== null && v !== '') out.push(f[lang === 'en' ? 'en' : 'zh'](v));
  }
  for (const [key, v] of Object.entries(all)) {
    if (FIELDS[key] || IDS.has(key) || v === null || v === undefined || v === '' || typeof v === 'object') continue;
    out.push(`${key}: ${v}`);
  }
  return out.join(lang === 'en' ? '; ' : '；');
}
