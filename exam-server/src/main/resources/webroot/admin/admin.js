// 考务管理: the administrators' pages over /api/admin/*. zh-CN by default, English on request; every control is a
// native form element, so the pages work from the keyboard alone.

const MESSAGES = {
  'zh-CN': {
    'app.title': '考务管理', 'nav.sittings': '场次', 'nav.banks': '题库', 'nav.results': '成绩', 'nav.bans': '禁考名册',
    'nav.logout': '退出', 'login.title': '管理员登录', 'login.user': '用户名', 'login.password': '密码', 'login.submit': '登录',
    'sittings.title': '场次', 'sittings.create': '新建场次', 'sittings.duration': '时长（分钟）', 'sittings.pin': '登记口令（可选）',
    'sittings.submit': '创建', 'sittings.detail': '场次详情', 'sittings.open': '管理', 'sittings.counts': '考场 {rooms} 个，座位 {seats} 个，考生 {candidates} 人，已组卷：{assembled}',
    'rooms.title': '添加考场', 'rooms.name': '考场名', 'rooms.rows': '行', 'rooms.cols': '列', 'rooms.submit': '添加',
    'roster.title': '导入名册（CSV 或 xlsx）', 'roster.file': '名册文件', 'roster.submit': '导入', 'roster.errors': '名册问题（未导入任何考生）',
    'blueprint.title': '组卷方案与组卷', 'blueprint.bank': '题库编号', 'blueprint.json': '组卷方案（JSON）', 'blueprint.submit': '保存方案', 'blueprint.assemble': '组卷',
    'banks.title': '上传题库', 'banks.file': '题库文件', 'banks.submit': '上传并校验', 'banks.report': '校验报告',
    'banks.accepted': '题库 {bankId} 已接收，共 {items} 题，问题 {issues} 条。', 'banks.rejected': '题库未接收：{issues} 条问题，见下表。',
    'results.title': '成绩', 'results.sitting': '场次', 'results.show': '查看', 'results.csv': '导出 CSV', 'results.xlsx': '导出 xlsx',
    'bans.title': '禁考名册', 'bans.idNumber': '身份证号（可选）', 'bans.search': '查询',
    'col.title': '名称', 'col.occupation': '职业', 'col.level': '等级', 'col.subject': '科目', 'col.t0': '开考时间', 'col.actions': '操作',
    'col.row': '行', 'col.column': '列', 'col.field': '字段', 'col.message': '问题', 'col.severity': '级别', 'col.rule': '规则', 'col.location': '位置',
    'col.ticket': '准考证号', 'col.name': '姓名', 'col.seat': '座位', 'col.status': '状态', 'col.score': '客观题得分', 'col.passed': '合格',
    'col.cancellation': '取消原因', 'col.idNumber': '身份证号', 'col.category': '类别', 'col.from': '起', 'col.until': '止（含）', 'col.decision': '决定编号',
    'subject.THEORY': '理论知识', 'subject.OPERATION': '操作技能',
    'status.SUBMITTED': '已交卷', 'status.AUTO_SUBMITTED': '到时自动交卷', 'status.FORCED': '强制交卷', 'status.ABSENT': '缺考', 'status.OPEN': '作答中', 'status.CANCELLED': '成绩取消',
    'yes': '是', 'no': '否', 'pending': '待评', 'done': '完成', 'working': '处理中…', 'who': '{user}（{role}）',
    'roster.rejected': '名册有 {n} 处问题，未导入任何考生，见下表。',
    'saved': '已保存。', 'imported': '已导入 {n} 名考生。', 'assembled': '已组卷 {n} 份。', 'cancelled.by': '决定 {id}', 'invalid': '（事后发现，成绩无效）',
    'sittings.pinShown': '终端登记口令：{pin}', 'sittings.notStarted': '未开考（开考时间 {t0}）', 'sittings.started': '已开考（{at}）',
    'start.title': '开考与座位代理', 'start.submit': '立即开考（发放密钥）', 'start.done': '已开考，密钥已发放（{at}）。',
    'agent.submit': '生成座位代理密钥', 'agent.done': '座位代理密钥只显示这一次，请立即配置到代理：', 'agent.label': '座位代理密钥',
    'staff.title': '添加工作人员', 'staff.username': '用户名', 'staff.password': '密码（至少 10 位）', 'staff.role': '角色',
    'staff.rooms': '负责考场（监考员）', 'staff.submit': '创建账号', 'staff.done': '已创建 {username}（{role}）。',
    'role.ADMIN': '管理员', 'role.PROCTOR': '监考员',
    'col.lift': '解除', 'bans.lift': '解除禁考', 'bans.liftTitle': '解除禁考（须注明原因）', 'bans.decision': '决定编号', 'bans.reason': '原因',
    'bans.lifted': '{by} 于 {at} 解除：{reason}', 'bans.liftDone': '决定 {id} 的禁考已解除。',
    'error.field': '字段', 'error.generic': '操作失败',
    'error.BAD_REQUEST': '请求有误', 'error.BAD_VALUE': '取值有误', 'error.UNAUTHORIZED': '请先登录', 'error.BAD_TOKEN': '登录已失效，请重新登录',
    'error.STALE_TOKEN': '登录已过期，请重新登录', 'error.BAD_CREDENTIALS': '用户名或密码错误', 'error.FORBIDDEN': '无权执行此操作',
    'error.NOT_FOUND': '找不到对象', 'error.UNKNOWN_SITTING': '找不到该场次', 'error.UNKNOWN_SEAT': '找不到该座位', 'error.CONFLICT': '与当前状态冲突',
    'error.NOT_STARTED': '尚未开考', 'error.ILLEGAL_TRANSITION': '当前状态下不能这样操作', 'error.BANK_REJECTED': '题库未通过校验',
    'error.ROSTER_REJECTED': '名册未通过校验', 'error.BLUEPRINT_REJECTED': '组卷方案不适用', 'error.ASSEMBLY_FAILED': '组卷失败',
    'error.PAYLOAD_TOO_LARGE': '文件过大', 'error.UNSUPPORTED_MEDIA_TYPE': '不支持的文件类型', 'error.RATE_LIMITED': '尝试过于频繁，请稍后再试',
    'error.RETRY': '服务暂时不可用，请重试', 'error.INTERNAL': '服务器内部错误', 'error.NETWORK': '无法连接服务器',
  },
  en: {
    'app.title': 'Exam administration', 'nav.sittings': 'Sittings', 'nav.banks': 'Banks', 'nav.results': 'Results', 'nav.bans': 'Ban registry',
    'nav.logout': 'Log out', 'login.title': 'Administrator login', 'login.user': 'User name', 'login.password': 'Password', 'login.submit': 'Log in',
    'sittings.title': 'Sittings', 'sittings.create': 'New sitting', 'sittings.duration': 'Duration (minutes)', 'sittings.pin': 'Enrolment PIN (optional)',
    'sittings.submit': 'Create', 'sittings.detail': 'Sitting', 'sittings.open': 'Manage', 'sittings.counts': '{rooms} rooms, {seats} seats, {candidates} candidates, papers assembled: {assembled}',
    'rooms.title': 'Add a room', 'rooms.name': 'Room name', 'rooms.rows': 'Rows', 'rooms.cols': 'Columns', 'rooms.submit': 'Add',
    'roster.title': 'Import the roster (CSV or xlsx)', 'roster.file': 'Roster file', 'roster.submit': 'Import', 'roster.errors': 'Roster problems (nothing imported)',
    'blueprint.title': 'Blueprint and assembly', 'blueprint.bank': 'Bank id', 'blueprint.json': 'Blueprint (JSON)', 'blueprint.submit': 'Save blueprint', 'blueprint.assemble': 'Assemble papers',
    'banks.title': 'Upload a bank', 'banks.file': 'Bank file', 'banks.submit': 'Upload and validate', 'banks.report': 'Validation report',
    'banks.accepted': 'Bank {bankId} accepted: {items} items, {issues} issues.', 'banks.rejected': 'Bank refused: {issues} issues, listed below.',
    'results.title': 'Results', 'results.sitting': 'Sitting', 'results.show': 'Show', 'results.csv': 'Export CSV', 'results.xlsx': 'Export xlsx',
    'bans.title': 'Ban registry', 'bans.idNumber': 'ID number (optional)', 'bans.search': 'Search',
    'col.title': 'Title', 'col.occupation': 'Occupation', 'col.level': 'Level', 'col.subject': 'Subject', 'col.t0': 'Start', 'col.actions': 'Actions',
    'col.row': 'Row', 'col.column': 'Column', 'col.field': 'Field', 'col.message': 'Problem', 'col.severity': 'Severity', 'col.rule': 'Rule', 'col.location': 'Location',
    'col.ticket': 'Ticket', 'col.name': 'Name', 'col.seat': 'Seat', 'col.status': 'Status', 'col.score': 'Objective score', 'col.passed': 'Passed',
    'col.cancellation': 'Cancellation', 'col.idNumber': 'ID number', 'col.category': 'Category', 'col.from': 'From', 'col.until': 'Until (incl.)', 'col.decision': 'Decision',
    'subject.THEORY': 'Theory', 'subject.OPERATION': 'Operation',
    'status.SUBMITTED': 'Submitted', 'status.AUTO_SUBMITTED': 'Auto-submitted', 'status.FORCED': 'Force-submitted', 'status.ABSENT': 'Absent', 'status.OPEN': 'Answering', 'status.CANCELLED': 'Cancelled',
    'yes': 'yes', 'no': 'no', 'pending': 'pending', 'done': 'Done', 'working': 'Working…', 'who': '{user} ({role})',
    'roster.rejected': 'The roster has {n} problem(s); nothing was imported. See the table below.',
    'saved': 'Saved.', 'imported': '{n} candidates imported.', 'assembled': '{n} papers assembled.', 'cancelled.by': 'decision {id}', 'invalid': ' (found after the sitting: declared invalid)',
    'sittings.pinShown': 'Terminal enrolment PIN: {pin}', 'sittings.notStarted': 'Not started (T0 {t0})', 'sittings.started': 'Started ({at})',
    'start.title': 'Start and seat agents', 'start.submit': 'Start now (release the key)', 'start.done': 'Started; the key was released ({at}).',
    'agent.submit': 'Issue a seat-agent key', 'agent.done': 'The seat-agent key is shown only this once; configure the agent now:', 'agent.label': 'Seat-agent key',
    'staff.title': 'Add a staff account', 'staff.username': 'User name', 'staff.password': 'Password (10 characters or more)', 'staff.role': 'Role',
    'staff.rooms': 'Rooms (proctors)', 'staff.submit': 'Create account', 'staff.done': '{username} created ({role}).',
    'role.ADMIN': 'Administrator', 'role.PROCTOR': 'Proctor',
    'col.lift': 'Lifted', 'bans.lift': 'Lift', 'bans.liftTitle': 'Lift a ban (a reason is required)', 'bans.decision': 'Decision', 'bans.reason': 'Reason',
    'bans.lifted': 'lifted by {by} at {at}: {reason}', 'bans.liftDone': 'The ban of decision {id} was lifted.',
    'error.field': 'field', 'error.generic': 'Failed',
    'error.BAD_REQUEST': 'Bad request', 'error.BAD_VALUE': 'Bad value', 'error.UNAUTHORIZED': 'Please log in', 'error.BAD_TOKEN': 'Your session is invalid; log in again',
    'error.STALE_TOKEN': 'Your session expired; log in again', 'error.BAD_CREDENTIALS': 'Wrong user name or password', 'error.FORBIDDEN': 'Not allowed',
    'error.NOT_FOUND': 'Not found', 'error.UNKNOWN_SITTING': 'No such sitting', 'error.UNKNOWN_SEAT': 'No such seat', 'error.CONFLICT': 'Conflicts with the current state',
    'error.NOT_STARTED': 'Not started yet', 'error.ILLEGAL_TRANSITION': 'Not possible in the current state', 'error.BANK_REJECTED': 'Bank refused',
    'error.ROSTER_REJECTED': 'Roster refused', 'error.BLUEPRINT_REJECTED': 'Blueprint does not fit', 'error.ASSEMBLY_FAILED': 'Assembly failed',
    'error.PAYLOAD_TOO_LARGE': 'File too large', 'error.UNSUPPORTED_MEDIA_TYPE': 'Unsupported file type', 'error.RATE_LIMITED': 'Too many attempts; try again later',
    'error.RETRY': 'Service briefly unavailable; retry', 'error.INTERNAL': 'Server error', 'error.NETWORK': 'Cannot reach the server',
  },
};

const state = {
  lang: localStorage.getItem('examcore.admin.lang') || 'zh-CN',
  token: sessionStorage.getItem('examcore.admin.token'),
  user: JSON.parse(sessionStorage.getItem('examcore.admin.user') || 'null'),
  sitting: null,
  sittings: [],
};

const $ = (sel) => document.querySelector(sel);

function t(key, params = {}) {
  const text = MESSAGES[state.lang][key] ?? MESSAGES['zh-CN'][key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, k) => String(params[k] ?? ''));
}

function applyLanguage() {
  document.documentElement.lang = state.lang;
  document.title = t('app.title');
  document.querySelectorAll('[data-t]').forEach((el) => { el.textContent = t(el.dataset.t); });
  const other = state.lang === 'en' ? 'zh-CN' : 'en';
  $('#lang').textContent = other === 'en' ? 'English' : '中文';
  $('#lang').lang = other;
  renderWho();
}

function say(text, isError = false) {
  const s = $('#status');
  s.textContent = text;
  s.className = isError ? 'error' : '';
}

/**
 * The one request helper: calls the admin API with a JSON body, or raw bytes (uploads); answers JSON, or a blob
 * (exports). A failure becomes an Error carrying the server's {code, message, details}.
 */
async function api(method, path, body, raw) {
  const headers = {};
  if (state.token) headers.Authorization = `Bearer ${state.token}`;
  let payload;
  if (raw) { headers['Content-Type'] = 'application/octet-stream'; payload = raw; }
  else if (body !== undefined) { headers['Content-Type'] = 'application/json'; payload = JSON.stringify(body); }
  let res;
  try {
    res = await fetch(path, { method, headers, body: payload });
  } catch (e) {
    const err = new Error(e.message);
    err.body = { code: 'NETWORK', message: e.message };
    throw err;
  }
  const type = res.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await res.json() : await res.blob();
  if (!res.ok) {
    if (res.status === 401 && path !== '/api/admin/login') logout();
    const err = new Error(data && data.message ? data.message : `HTTP ${res.status}`);
    err.body = data && data.code ? data : { code: res.status >= 500 ? 'INTERNAL' : 'BAD_REQUEST', message: err.message };
    throw err;
  }
  return data;
}

/** The server's error in the page's language (its ErrorType code), then the server's own detail and field. */
function describeError(e) {
  const body = e.body || {};
  const key = `error.${body.code}`;
  const headline = MESSAGES[state.lang][key] ? t(key) : t('error.generic');
  const field = body.details && body.details.field;
  const detail = body.message || e.message;
  return `${headline}${state.lang === 'en' ? ': ' : '：'}${detail}${field ? ` [${t('error.field')}: ${field}]` : ''}`;
}

function failure(e) {
  say(describeError(e), true);
}

/** Runs one user action: says it is working, and shows any failure. */
function act(work) {
  say(t('working'));
  return Promise.resolve().then(work).catch(failure);
}

function cell(tr, text, cls) {
  const td = document.createElement('td');
  td.textContent = text == null ? '' : String(text);
  if (cls) td.className = cls;
  tr.appendChild(td);
  return td;
}

function rows(table, items, fill) {
  const body = $(`${table} tbody`);
  body.replaceChildren();
  items.forEach((item) => { const tr = document.createElement('tr'); fill(tr, item); body.appendChild(tr); });
}

function show(view) {
  document.querySelectorAll('main > section').forEach((s) => { s.hidden = s.id !== `view-${view}`; });
  document.querySelectorAll('#nav button').forEach((b) => {
    if (b.dataset.view === view) b.setAttribute('aria-current', 'page'); else b.removeAttribute('aria-current');
  });
  const first = $(`#view-${view} input, #view-${view} select, #view-${view} button`);
  if (first) first.focus();
  if (view === 'sittings') loadSittings().catch(failure);
  if (view === 'results') loadSittings().then(fillResultSittings).catch(failure);
  if (view === 'bans') loadBans('').catch(failure);
}

function renderWho() {
  $('#who').textContent = state.user ? t('who', { user: state.user.username, role: state.user.role }) : '';
  $('#nav').hidden = !state.token;
  $('#logout').hidden = !state.token;
}

function logout() {
  state.token = null; state.user = null;
  sessionStorage.removeItem('examcore.admin.token'); sessionStorage.removeItem('examcore.admin.user');
  renderWho();
  show('login');
}

function shanghaiTime(ms) {
  return new Date(ms).toLocaleString(state.lang, { timeZone: 'Asia/Shanghai', hour12: false });
}

async function loadSittings() {
  state.sittings = await api('GET', '/api/admin/sittings');
  rows('#sittings-table', state.sittings, (tr, s) => {
    cell(tr, s.title); cell(tr, s.occupation); cell(tr, s.level);
    cell(tr, t(`subject.${s.subject}`)); cell(tr, shanghaiTime(s.t0));
    const b = document.createElement('button');
    b.type = 'button'; b.textContent = t('sittings.open'); b.className = 'secondary';
    b.setAttribute('aria-label', `${t('sittings.open')} ${s.title}`);
    b.addEventListener('click', () => openSitting(s.id).catch(failure));
    cell(tr, '').appendChild(b);
  });
}

async function openSitting(id) {
  const s = await api('GET', `/api/admin/sittings/${encodeURIComponent(id)}`);
  state.sitting = s;
  $('#sitting-detail').hidden = false;
  $('#detail-title').textContent = `${s.title} (${s.id})`;
  $('#detail-counts').textContent = t('sittings.counts', {
    rooms: s.rooms.length, seats: s.seats, candidates: s.candidates, assembled: s.assembledAt > 0 ? t('yes') : t('no'),
  });
  $('#detail-pin').textContent = s.enrolmentPin ? t('sittings.pinShown', { pin: s.enrolmentPin }) : '';
  $('#detail-start').textContent = s.startAt <= Date.now() ? t('sittings.started', { at: shanghaiTime(s.startAt) })
    : t('sittings.notStarted', { t0: shanghaiTime(s.t0) });
  $('#staff-rooms').replaceChildren(...s.rooms.map((r) => {
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox'; box.name = 'roomIds'; box.value = r.id;
    label.append(box, ` ${r.name}`);
    return label;
  }));
  $('#room-form [name=name]').focus();
}

function fillResultSittings() {
  const sel = $('#results-sitting');
  const keep = sel.value;
  sel.replaceChildren(...state.sittings.map((s) => {
    const o = document.createElement('option'); o.value = s.id; o.textContent = `${s.title} (${s.id})`; return o;
  }));
  if (keep) sel.value = keep;
}

async function loadResults(id) {
  const list = await api('GET', `/api/admin/sittings/${encodeURIComponent(id)}/results`);
  rows('#results-table', list, (tr, r) => {
    if (r.status === 'CANCELLED') tr.className = 'cancelled';
    cell(tr, r.ticket); cell(tr, r.name); cell(tr, r.seatCode); cell(tr, t(`status.${r.status}`));
    cell(tr, r.objectiveScore == null ? '' : `${r.objectiveScore} / ${r.maxScore}`);
    cell(tr, r.passed == null ? (r.pendingMarking ? t('pending') : '') : (r.passed ? t('yes') : t('no')));
    cell(tr, (r.cancellations || []).map((c) => `${c.reason} — ${t('cancelled.by', { id: c.decisionId })}${c.declaredInvalid ? t('invalid') : ''}`).join('; '));
  });
}

async function loadBans(idNumber) {
  const q = idNumber ? `?idNumber=${encodeURIComponent(idNumber)}` : '';
  const list = await api('GET', `/api/admin/bans${q}`);
  rows('#bans-table', list, (tr, b) => {
    if (b.lift) tr.className = 'lifted';
    cell(tr, b.idNumber); cell(tr, `${b.category} ${b.noticeText}${b.severity ? ` (${b.severity})` : ''}`);
    cell(tr, b.from); cell(tr, b.until); cell(tr, b.decisionId);
    cell(tr, b.lift ? t('bans.lifted', { by: b.lift.by, at: shanghaiTime(b.lift.at), reason: b.lift.reason }) : '');
    const actions = cell(tr, '');
    if (!b.lift) {
      const lift = document.createElement('button');
      lift.type = 'button'; lift.className = 'secondary'; lift.textContent = t('bans.lift');
      lift.setAttribute('aria-label', `${t('bans.lift')} ${b.decisionId}`);
      lift.addEventListener('click', () => {
        $('#lift-form [name=decisionId]').value = b.decisionId;
        $('#lift-form [name=reason]').focus();
      });
      actions.appendChild(lift);
    }
  });
}

async function download(format) {
  const id = $('#results-sitting').value;
  const blob = await api('GET', `/api/admin/sittings/${encodeURIComponent(id)}/results/export?format=${format}`);
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob); a.download = `results-${id}.${format}`;
  document.body.appendChild(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

function form(sel, handler) {
  $(sel).addEventListener('submit', (ev) => {
    ev.preventDefault();
    act(() => handler(new FormData(ev.target), ev.target));
  });
}

function button(sel, handler) {
  $(sel).addEventListener('click', () => act(handler));
}

form('#login-form', async (f) => {
  const out = await api('POST', '/api/admin/login', { username: f.get('username'), password: f.get('password') });
  state.token = out.token; state.user = { username: out.username, role: out.role };
  sessionStorage.setItem('examcore.admin.token', out.token);
  sessionStorage.setItem('examcore.admin.user', JSON.stringify(state.user));
  renderWho(); say(''); show('sittings');
});

form('#sitting-form', async (f, el) => {
  const body = {
    title: f.get('title'), occupation: f.get('occupation'), level: Number(f.get('level')), subject: f.get('subject'),
    t0: `${f.get('t0')}:00+08:00`, durationMinutes: Number(f.get('durationMinutes')),
  };
  if (f.get('enrolmentPin')) body.enrolmentPin = f.get('enrolmentPin');
  const s = await api('POST', '/api/admin/sittings', body);
  el.reset(); say(t('saved'));
  await loadSittings(); await openSitting(s.id);
});

form('#room-form', async (f, el) => {
  await api('POST', `/api/admin/sittings/${state.sitting.id}/rooms`,
    { name: f.get('name'), rows: Number(f.get('rows')), cols: Number(f.get('cols')) });
  el.reset(); say(t('saved')); await openSitting(state.sitting.id);
});

form('#roster-form', async (f) => {
  const file = f.get('file');
  const table = $('#roster-errors');
  try {
    const out = await api('POST', `/api/admin/sittings/${state.sitting.id}/roster?fileName=${encodeURIComponent(file.name)}`,
      undefined, await file.arrayBuffer());
    table.hidden = true; say(t('imported', { n: out.imported })); await openSitting(state.sitting.id);
  } catch (e) {
    const errors = e.body && e.body.details && e.body.details.errors;
    if (!errors) throw e;
    rows('#roster-errors', errors, (tr, x) => { cell(tr, x.row); cell(tr, x.column); cell(tr, x.field); cell(tr, x.message); });
    table.hidden = false; say(t('roster.rejected', { n: errors.length }), true);
    table.scrollIntoView({ block: 'nearest' });
  }
});

form('#blueprint-form', async (f) => {
  let blueprint;
  try { blueprint = JSON.parse(f.get('blueprint')); } catch (e) { say(`${t('blueprint.json')}: ${e.message}`, true); return; }
  await api('PUT', `/api/admin/sittings/${state.sitting.id}/blueprint`, { bankId: f.get('bankId'), blueprint });
  say(t('saved'));
});

button('#assemble', async () => {
  const out = await api('POST', `/api/admin/sittings/${state.sitting.id}/assemble`);
  say(t('assembled', { n: out.papers })); await openSitting(state.sitting.id);
});

button('#start-sitting', async () => {
  const s = await api('POST', `/api/admin/sittings/${state.sitting.id}/start`);
  await openSitting(s.id); say(t('start.done', { at: shanghaiTime(s.startAt) }));
});

button('#agent-key', async () => {
  const out = await api('POST', `/api/admin/sittings/${state.sitting.id}/agent-keys`);
  $('#agent-key-value').value = out.agentKey;
  $('#agent-key-box').hidden = false;
  say(t('agent.done'));
  $('#agent-key-value').select();
});

form('#staff-form', async (f, el) => {
  const out = await api('POST', '/api/admin/staff', {
    username: f.get('username'), password: f.get('password'), role: f.get('role'), roomIds: f.getAll('roomIds'),
  });
  el.reset(); say(t('staff.done', { username: out.username, role: t(`role.${out.role}`) }));
});

form('#lift-form', async (f, el) => {
  const id = (f.get('decisionId') || '').trim();
  await api('POST', `/api/admin/bans/${encodeURIComponent(id)}/lift`, { reason: f.get('reason') });
  el.reset(); await loadBans(($('#bans-form [name=idNumber]').value || '').trim());
  say(t('bans.liftDone', { id }));
});

form('#bank-form', async (f) => {
  const file = f.get('file');
  let report;
  try {
    report = await api('POST', `/api/admin/banks?fileName=${encodeURIComponent(file.name)}`, undefined, await file.arrayBuffer());
    say(t('banks.accepted', { bankId: report.bankId, items: report.items, issues: report.issues.length }));
  } catch (e) {
    report = e.body && e.body.details && e.body.details.issues ? e.body.details : null;
    if (!report) throw e;
    say(t('banks.rejected', { issues: report.issues.length }), true);
  }
  $('#bank-summary').textContent = report.bankId ? `${report.bankId}: ${report.title ?? ''}` : '';
  rows('#bank-issues', report.issues, (tr, i) => { cell(tr, i.severity); cell(tr, i.rule); cell(tr, i.location); cell(tr, i.message); });
  $('#bank-issues').hidden = report.issues.length === 0;
});

form('#results-form', async (f) => { await loadResults(f.get('sitting')); say(''); });
form('#bans-form', async (f) => { await loadBans((f.get('idNumber') || '').trim()); say(''); });
button('#export-csv', async () => { await download('csv'); say(''); });
button('#export-xlsx', async () => { await download('xlsx'); say(''); });
document.querySelectorAll('#nav button').forEach((b) => b.addEventListener('click', () => show(b.dataset.view)));
$('#logout').addEventListener('click', logout);
$('#lang').addEventListener('click', () => {
  state.lang = state.lang === 'en' ? 'zh-CN' : 'en';
  localStorage.setItem('examcore.admin.lang', state.lang);
  applyLanguage();
});

applyLanguage();
show(state.token ? 'sittings' : 'login');
