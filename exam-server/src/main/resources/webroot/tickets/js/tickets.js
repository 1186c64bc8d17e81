// 准考证下载: the public page where a candidate downloads their admission ticket with name and ID number, no login.
// zh-CN by default, English on request. The name and ID number travel in a POST body, never in the URL.
import { api } from '../../kit/api.js';
import { createI18n } from '../../kit/i18n.js';
import { relabel, statusLine, languageSwitch } from '../../kit/public-page.js';
import { MESSAGES } from './messages.js';
import { missingField, refusal } from './format.js';

const i18n = createI18n(MESSAGES, { storageKey: 'examcore.tickets.lang' });
const { t } = i18n;
const $ = (sel) => document.querySelector(sel);
// The last message, as a function of the language, so a switch says it again in the new one.
const status = statusLine($('#status'));
let savedUrl = null;

function applyLanguage() {
  relabel(i18n);
  status.render();
}

function saveBlob(blob) {
  if (savedUrl) URL.revokeObjectURL(savedUrl);
  savedUrl = URL.createObjectURL(blob);
  const link = $('#saved-link');
  link.href = savedUrl;
  $('#saved').hidden = false;
  link.click();
}

$('#ticket-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const form = new FormData(ev.target);
  const name = String(form.get('name') || '');
  const idNumber = String(form.get('idNumber') || '');
  const missing = missingField(name, idNumber);
  if (missing) {
    status.say(() => t(missing), 'error');
    $(missing === 'need.name' ? '#name' : '#idNumber').focus();
    return;
  }
  $('#submit').disabled = true;
  $('#saved').hidden = true;
  status.say(() => t('working'));
  try {
    const pdf = await api('POST', '/api/public/tickets', { body: { name: name.trim(), idNumber: idNumber.trim(), paper: form.get('paper') } });
    saveBlob(pdf);
    status.say(() => t('done'), 'ok');
  } catch (e) {
    const { key, params } = refusal(e);
    status.say(() => t(key, params), 'error');
  } finally {
    $('#submit').disabled = false;
  }
});

languageSwitch(i18n, applyLanguage);
$('#name').focus();
