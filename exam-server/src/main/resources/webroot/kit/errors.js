// What each server error code (exam-server's ErrorType, plus the proctor console's own BAD_TICKET and
// UNAVAILABLE and the kit's NETWORK) means, in both languages: the one table the staff pages show errors from.
// The candidate page words the few codes a candidate can meet as instructions of its own (its messages.js).
import { DEFAULT_LANG } from './i18n.js';

export const ERROR_MESSAGES = {
  'zh-CN': {
    BAD_REQUEST: '请求有误', BAD_MESSAGE: '消息格式有误', BAD_VALUE: '填写的值有误', UNKNOWN_ITEM: '没有这道试题',
    MESSAGE_TOO_LARGE: '消息过大', PAYLOAD_TOO_LARGE: '提交的内容过大', UNSUPPORTED_MEDIA_TYPE: '不支持的内容类型',
    UNAUTHORIZED: '请先登录', BAD_TOKEN: '登录已失效，请重新登录', STALE_TOKEN: '登录已过期，请重新登录',
    WRONG_KIND: '凭证类型不符', BAD_CREDENTIALS: '用户名或密码错误', BAD_AGENT_KEY: '考位代理密钥无效',
    FORBIDDEN: '无权执行此操作', BAD_PIN: '考场口令错误', WRONG_SEAT: '考位不符', CHECK_IN_NOT_OPEN: '尚未开放签到',
    LATE_ENTRY_CLOSED: '已过迟到入场时限，记为缺考', TOO_EARLY: '尚未到最早交卷时间',
    NOT_FOUND: '未找到', UNKNOWN_SEAT: '没有这个考位', UNKNOWN_SITTING: '没有这个场次', CONFLICT: '与当前状态冲突',
    ALREADY_SUBMITTED: '已经交卷', ATTEMPT_SUBMITTED: '该考生已交卷',
    SEAT_CHANGED: '考位已调换，此终端只能补交未确认的答案', NOT_STARTED: '尚未开考', PAUSED: '已暂停',
    ILLEGAL_TRANSITION: '当前状态下不能执行此操作', NOT_READY: '尚未就绪', BANK_REJECTED: '题库未通过校验',
    ROSTER_REJECTED: '名册未通过校验', PHOTOS_REJECTED: '照片包未通过校验', BLUEPRINT_REJECTED: '组卷方案未通过校验', ASSEMBLY_FAILED: '组卷失败',
    RATE_LIMITED: '操作过于频繁，请稍后再试', RETRY: '服务暂时不可用，请重试', INTERNAL: '服务器内部错误',
    BAD_TICKET: '实时连接凭据无效，正在重新连接', UNAVAILABLE: '暂时无法从考试服务器读取数据，请重试',
    NETWORK: '无法连接服务器',
    OFFLINE_FILE_INVALID: '不是有效的离线答卷文件', OFFLINE_FILE_FORGED: '离线答卷文件校验未通过（被改动、伪造或不属于该考生）',
    OFFLINE_WINDOW_CLOSED: '不在离线答卷的上传时限内',
  },
  en: {
    BAD_REQUEST: 'Bad request', BAD_MESSAGE: 'Malformed message', BAD_VALUE: 'Invalid value',
    UNKNOWN_ITEM: 'No such item', MESSAGE_TOO_LARGE: 'Message too large', PAYLOAD_TOO_LARGE: 'Upload too large',
    UNSUPPORTED_MEDIA_TYPE: 'Unsupported content type', UNAUTHORIZED: 'Please log in',
    BAD_TOKEN: 'Login not valid; please log in again', STALE_TOKEN: 'Login expired; please log in again',
    WRONG_KIND: 'Wrong kind of credential', BAD_CREDENTIALS: 'Wrong user name or password',
    BAD_AGENT_KEY: 'Seat agent key not valid', FORBIDDEN: 'Not allowed', BAD_PIN: 'Wrong room PIN',
    WRONG_SEAT: 'Wrong seat', CHECK_IN_NOT_OPEN: 'Check-in is not open', NOT_FOUND: 'Not found',
    LATE_ENTRY_CLOSED: 'Late entry has closed; recorded absent', TOO_EARLY: 'Too early to submit',
    UNKNOWN_SEAT: 'No such seat', UNKNOWN_SITTING: 'No such sitting', CONFLICT: 'Conflicts with the current state',
    ALREADY_SUBMITTED: 'Already submitted', ATTEMPT_SUBMITTED: 'The attempt is submitted',
    SEAT_CHANGED: 'The seat was changed; this terminal may only send its unacknowledged answers',
    NOT_STARTED: 'Not started yet', PAUSED: 'Paused', ILLEGAL_TRANSITION: 'Not possible in the current state',
    NOT_READY: 'Not ready', BANK_REJECTED: 'Item bank rejected', ROSTER_REJECTED: 'Roster rejected', PHOTOS_REJECTED: 'Photo archive rejected',
    BLUEPRINT_REJECTED: 'Blueprint rejected', ASSEMBLY_FAILED: 'Paper assembly failed',
    RATE_LIMITED: 'Too many requests; try again shortly', RETRY: 'Temporarily unavailable; try again',
    INTERNAL: 'Internal server error', BAD_TICKET: 'Live stream ticket not valid; reconnecting',
    UNAVAILABLE: 'Cannot read from exam-server right now; try again', NETWORK: 'Cannot reach the server',
    OFFLINE_FILE_INVALID: 'Not a valid offline answer file',
    OFFLINE_FILE_FORGED: 'The offline answer file failed its check (changed, forged, or not this candidate\'s)',
    OFFLINE_WINDOW_CLOSED: 'Outside the upload window for offline answer files',
  },
};

/** The text for an error `code` in `lang` (falling back to zh-CN), or undefined for a code the table lacks. */
export function errorMessage(code, lang) {
  if (!code) return undefined;
  return (ERROR_MESSAGES[lang] && ERROR_MESSAGES[lang][code]) ?? ERROR_MESSAGES[DEFAULT_LANG][code];
}

/**
 * The server's own sentence of an error in `lang`: its Chinese text (details.messageZh) on a page that is not in
 * English where the server gave one, else its message. An English sentence inside a Chinese page reads as a fault.
 */
export function serverMessage(e, lang) {
  const zh = e && e.details && e.details.messageZh;
  return lang !== 'en' && zh ? zh : (e && e.message);
}
