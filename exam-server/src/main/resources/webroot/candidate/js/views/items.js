// Answer controls for every item type. Stems and option texts are the server's sanitised HTML
// (trustedHtml); everything the candidate types stays in form controls and textContent.
// Value shapes follow docs/candidate-protocol.md §4; an emptied answer becomes null.
import { h, trustedHtml } from '../dom.js';
import { t, lang, contentLang } from '../i18n.js';
import { serverMessage } from '../../../kit/errors.js';

// The server's limits (AnswerValues): longer values would only come back as BAD_VALUE.
const MAX_TEXT = 20000;
const MAX_BLANK = 500;
const chars = (text) => Array.from(text).length; // code points, so a CJK character counts once

/**
 * Renders the answer area of `item`.
 * ctx: {value, change(value, typing), upload(file) → Promise, download(name), fileInfo(id), online()}
 */
export function renderAnswer(item, ctx) {
  switch (item.type) {
    case 'SINGLE_CHOICE': return choice(item, ctx, false);
    case 'MULTIPLE_CHOICE': return choice(item, ctx, true);
    case 'TRUE_FALSE': return trueFalse(item, ctx);
    case 'FILL_IN': return fillIn(item, ctx);
    case 'SHORT_ANSWER': return textAnswer(item, ctx, 6);
    case 'ESSAY': return textAnswer(item, ctx, 12);
    case 'OPERATION': return operation(item, ctx);
    default: return h('p', { class: 'notice', text: `${item.type}` });
  }
}

/** The option inputs in display order, for the 1–9 / A–H shortcuts. */
export function optionInputs(root) {
  return Array.from(root.querySelectorAll('input[data-option]'));
}

function optionRow(item, inputType, id, keyLabel, content, checked, onChange) {
  const inputId = `item-${item.number}-opt-${id}`;
  const input = h('input', {
    type: inputType, id: inputId, name: `item-${item.number}`, value: String(id), checked,
    dataset: { option: String(id) }, on: { change: onChange },
  });
  return h('label', { class: 'option', for: inputId },
    input, h('span', { class: 'option-key', 'aria-hidden': 'true', text: keyLabel }), content);
}

function choice(item, ctx, multiple) {
  const selected = new Set(multiple ? (ctx.value || []) : (ctx.value ? [ctx.value] : []));
  const fieldset = h('fieldset', { class: 'options' },
    h('legend', { class: multiple ? 'hint' : 'sr-only', text: multiple ? t('item.multipleHint') : t('item.options') }));
  for (const option of item.options || []) {
    fieldset.append(optionRow(item, multiple ? 'checkbox' : 'radio', option.id, option.id,
      trustedHtml('span', option.html, { class: 'option-text', lang: contentLang(option.html) }), selected.has(option.id), () => {
        if (multiple) {
          const chosen = Array.from(fieldset.querySelectorAll('input:checked'), (i) => i.value).sort();
          ctx.change(chosen.length ? chosen : null, false);
        } else {
          ctx.change(option.id, false);
        }
      }));
  }
  return fieldset;
}

function trueFalse(item, ctx) {
  const fieldset = h('fieldset', { class: 'options tf' },
    h('legend', { class: 'sr-only', text: t('item.options') }));
  [[true, 'A', 'tf.true', '✓'], [false, 'B', 'tf.false', '✗']].forEach(([value, key, label, mark]) => {
    fieldset.append(optionRow(item, 'radio', String(value), key,
      h('span', { class: 'option-text' }, h('span', { class: 'tf-mark', 'aria-hidden': 'true', text: mark }), ' ', t(label)),
      ctx.value === value, () => ctx.change(value, false)));
  });
  return fieldset;
}

function fillIn(item, ctx) {
  const count = Math.max(1, item.blanks || 1);
  const values = Array.isArray(ctx.value) ? ctx.value : [];
  const inputs = [];
  const wrap = h('div', { class: 'blanks' });
  for (let i = 0; i < count; i += 1) {
    const id = `item-${item.number}-blank-${i + 1}`;
    const input = h('input', {
      type: 'text', id, value: values[i] || '', autocomplete: 'off', spellcheck: 'false', maxlength: MAX_BLANK,
      dataset: { blank: String(i + 1) },
      on: {
        input: () => {
          const all = inputs.map((el) => el.value);
          ctx.change(all.some((v) => v.trim() !== '') ? all : null, true);
        },
      },
    });
    inputs.push(input);
    wrap.append(h('div', { class: 'blank' }, h('label', { for: id, text: t('fill.blank', { n: i + 1 }) }), input));
  }
  return wrap;
}

function counter(textarea, id) {
  const el = h('p', { class: 'char-count', id, 'aria-live': 'off' });
  const update = () => { el.textContent = t('text.count', { n: chars(textarea.value) }); };
  update();
  return { el, update };
}

function textAnswer(item, ctx, rows) {
  const id = `item-${item.number}-text`;
  const textarea = h('textarea', { id, rows, maxlength: MAX_TEXT, spellcheck: 'false', 'aria-describedby': `${id}-count` });
  textarea.value = ctx.value?.text || '';
  const count = counter(textarea, `${id}-count`);
  textarea.addEventListener('input', () => {
    count.update();
    ctx.change(textarea.value.trim() === '' ? null : { text: textarea.value }, true);
  });
  return h('div', { class: 'text-answer' }, h('label', { for: id, class: 'field-label', text: t('text.answer') }), textarea, count.el);
}

function operation(item, ctx) {
  const spec = item.operation || { attachments: [], deliverableTypes: [] };
  const types = (spec.deliverableTypes || []).map((x) => x.toLowerCase());
  const typeList = types.map((x) => `.${x}`).join(', ');
  let files = [...(ctx.value?.files || [])];
  const id = `item-${item.number}`;
  const textarea = h('textarea', { id: `${id}-notes`, rows: 4, maxlength: MAX_TEXT, spellcheck: 'false' });
  textarea.value = ctx.value?.text || '';
  textarea.addEventListener('input', () => current(true));
  const status = h('p', { class: 'upload-status', id: `${id}-upload-status`, role: 'status' });
  const fileList = h('ul', { class: 'file-list' });

  const current = (typing) => {
    const text = textarea.value;
    ctx.change(text.trim() === '' && files.length === 0 ? null : { text, files: [...files] }, typing);
  };
  const drawFiles = () => {
    fileList.replaceChildren();
    if (files.length === 0) fileList.append(h('li', { class: 'muted', text: t('op.none') }));
    for (const fileId of files) {
      const info = ctx.fileInfo(fileId);
      fileList.append(h('li', {},
        h('span', { class: 'file-name', text: info.name }),
        info.size !== null ? h('span', { class: 'muted', text: ` (${Math.ceil(info.size / 1024)} KB)` }) : null,
        h('button', { type: 'button', class: 'small', text: '×', 'aria-label': t('op.remove', { name: info.name }), on: {
          click: () => { files = files.filter((f) => f !== fileId); drawFiles(); current(false); },
        } })));
    }
  };
  drawFiles();

  // The native picker stays hidden behind a real button: same keyboard behaviour in every language.
  const picker = h('input', {
    type: 'file', id: `${id}-file`, accept: typeList || undefined, hidden: true, tabindex: '-1',
    on: {
      change: async () => {
        const file = picker.files[0];
        picker.value = '';
        if (!file) return;
        const ext = file.name.includes('.') ? file.name.split('.').pop().toLowerCase() : '';
        status.dataset.state = 'error';
        if (types.length && !types.includes(ext)) {
          status.textContent = t('op.badType', { name: file.name, types: typeList });
          return;
        }
        if (!ctx.online()) { status.textContent = t('op.offline'); return; }
        status.dataset.state = 'busy';
        status.textContent = t('op.uploading', { name: file.name });
        try {
          const uploaded = await ctx.upload(file);
          files.push(uploaded.fileId);
          status.dataset.state = 'ok';
          status.textContent = '';
          drawFiles();
          current(false);
        } catch (error) {
          status.dataset.state = 'error';
          // The server's own sentence in the page's language where it gave one (details.messageZh).
          status.textContent = t('op.uploadFailed', { name: file.name, message: serverMessage(error, lang()) });
        }
      },
    },
  });

  const attachments = spec.attachments || [];
  return h('div', { class: 'operation' },
    h('section', { class: 'op-block', 'aria-labelledby': `${id}-att` },
      h('h3', { id: `${id}-att`, text: t('op.attachments') }),
      attachments.length === 0 ? h('p', { class: 'muted', text: t('op.noAttachments') })
        : h('ul', { class: 'attachments' }, attachments.map((name) => h('li', {},
          h('button', { type: 'button', class: 'link', text: t('op.download', { name }), on: { click: () => ctx.download(name) } }))))),
    h('section', { class: 'op-block', 'aria-labelledby': `${id}-up` },
      h('h3', { id: `${id}-up`, text: t('op.deliverable') }),
      h('p', { class: 'hint', id: `${id}-types`, text: t('op.types', { types: typeList || '—' }) }),
      h('button', { type: 'button', class: 'file-button', id: `${id}-choose`, 'aria-describedby': `${id}-types ${id}-upload-status`,
        text: t('op.choose'), on: { click: () => picker.click() } }),
      picker, status,
      h('h4', { text: t('op.uploaded') }), fileList),
    h('div', { class: 'text-answer' },
      h('label', { for: `${id}-notes`, class: 'field-label', text: t('op.notes') }), textarea));
}
