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
  IDENTITY_VERIFIED: {zh: '监考员核验身份', en: 'identity confirmed by the proctor'},
  REOPENED: {zh: '重新开放作答', en: 'reopened'},
  ANNOUNCEMENT_ACKNOWLEDGED: {zh: '考生确认公告', en: 'announcement acknowledged'},
  RULES_ACKNOWLEDGED: {zh: '考生承诺（已确认守则）', en: 'rules acknowledged'},
  LATE_ENTRY_REFUSED: {zh: '迟到拒绝入场（记缺考）', en: 'late entry refused (recorded absent)'},
  EVENTS_FOLDED: {zh: '过频事件（已合并计数）', en: 'too frequent events (counted together)'},
  // Audit records in the feed, by action: the one a proctor must notice even without a seat of theirs.
  'AUDIT:sitting.pin-guessing': {zh: '登记口令被反复猜测', en: 'enrolment PIN being guessed'},
};
