// The frame the public pages share (成绩查询, 证书查验, 准考证下载): the static texts and the language switch, and one
// status line that keeps its message as a function of the language, so that a switch says it again in the new one.
import { api } from './api.js';

/** Writes the title and every `[data-t]` element in the current language and labels the switch with the other. */
export function relabel(i18n, titleKey = 'app.title') {
  const { t } = i18n;
  document.title = t(titleKey);
  document.querySelectorAll('[data-t]').forEach((el) => { el.textContent = t(el.dataset.t); });
  const other = i18n.otherLanguage();
  const button = document.getElementById('lang');
  button.textContent = other.label;
  button.lang = other.code;
}

/**
 * The status line `element`: `say(() => text, kind)` shows a message with `kind` as its class ('error', 'ok' or
 * ''); `say(null)` clears it; `render()` says the current one again (after a language switch).
 */
export function statusLine(element) {
  let current = null;
  const render = () => {
    element.textContent = current ? current.text() : '';
    element.className = current ? current.kind : '';
  };
  return {
    say(text, kind = '') {
      current = typeof text === 'function' ? { text, kind } : null;
      render();
    },
    render,
  };
}

/** Wires the language switch: a click toggles the language, every change runs `apply`, and `apply` runs now. */
export function languageSwitch(i18n, apply) {
  document.getElementById('lang').addEventListener('click', () => i18n.toggle());
  i18n.onLangChange(apply);
  apply();
}

/**
 * Sends one public form (its fields read by `read(field)` into `{missing, body}`): the first missing field is named
 * and focused, the page says it is working, and the answer goes to `show` (or the refusal, worded by `refusal`, to
 * the status line). `show(null)` clears the previous answer first. `prefix` names the page's message keys:
 * `<prefix>.missing`, `<prefix>.working` and `<prefix>.<field>`.
 */
export async function sendForm(event, { read, prefix, path, status, t, show, refusal }) {
  event.preventDefault();
  const form = event.target;
  // namedItem, not form.name: a form's own `name` property shadows its field called "name".
  const field = (n) => form.elements.namedItem(n);
  const { missing, body } = read(field);
  show(null);
  if (missing) {
    status.say(() => t(`${prefix}.missing`, { field: t(`${prefix}.${missing}`) }), 'error');
    field(missing).focus();
    return;
  }
  status.say(() => t(`${prefix}.working`));
  try {
    const found = await api('POST', path, { body });
    status.say(null);
    show(found);
  } catch (e) {
    status.say(() => refusal(e, t), 'error');
  }
}
