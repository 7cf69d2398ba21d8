import type { Texts } from './i18n';
import type { ChatMessage } from './messages';
import { icons } from './icons';
import { STYLES } from './styles';

/** Small DOM helper: an element with attributes and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | undefined> = {},
  ...children: (Node | string | null)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k === 'html') el.innerHTML = String(v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== null) el.append(c);
  return el;
}

/** Dark text on light brand colours, white on dark ones (WCAG relative luminance). */
export function onColor(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.45 ? '#111827' : '#ffffff';
}

export const formatSize = (bytes: number) =>
  bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1).replace('.0', '')} MB`;

export interface FieldRefs {
  input: HTMLInputElement;
  error: HTMLElement;
}

/** The widget's static frame: launcher, panel, header, notices, pre-chat form, log, composer. */
export function buildFrame(host: HTMLElement, t: Texts) {
  const shadow = host.attachShadow({ mode: 'open' });
  shadow.append(h('style', {}, STYLES));

  const field = (id: string, label: string, type: string, testid: string, autocomplete: string): FieldRefs & { el: HTMLElement } => {
    const input = h('input', { id, type, 'data-testid': testid, autocomplete, 'aria-describedby': `${id}-err` });
    const error = h('div', { class: 'err', id: `${id}-err`, 'aria-live': 'polite' });
    return { input, error, el: h('div', { class: 'field' }, h('label', { for: id }, label), input, error) };
  };
  const name = field('atende-name', t.name, 'text', 'atende-prechat-name', 'name');
  const phone = field('atende-phone', t.phone, 'tel', 'atende-prechat-phone', 'tel');
  const email = field('atende-email', t.email, 'email', 'atende-prechat-email', 'email');
  name.input.maxLength = 120;
  phone.input.maxLength = 40;
  email.input.maxLength = 254;

  const title = h('div', { class: 'title', id: 'atende-title' });
  const dot = h('span', { class: 'dot' });
  const presenceText = h('span');
  const close = h('button', { type: 'button', class: 'icon-btn', 'aria-label': t.close, html: icons.close });
  const offline = h('div', { class: 'notice offline', role: 'status', 'data-testid': 'atende-offline', hidden: true });
  const conn = h('div', { class: 'notice conn', role: 'status', hidden: true }, t.reconnecting);
  const welcome = h('div', { class: 'welcome' });
  const hint = h('div', { class: 'hint', id: 'atende-hint' }, t.phoneOrEmail);
  const formError = h('div', { class: 'form-error', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'primary', 'data-testid': 'atende-prechat-submit' }, t.start);
  const prechat = h('form', { class: 'prechat', novalidate: true, hidden: true }, welcome, h('p', { class: 'intro' }, t.prechatIntro), name.el, phone.el, email.el, hint, formError, submit);
  const log = h('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions', 'aria-labelledby': 'atende-title', hidden: true });
  const body = h('div', { class: 'body' }, prechat, log);
  const typing = h('div', { class: 'typing', 'data-testid': 'atende-typing', hidden: true }, h('span', { class: 'dots', 'aria-hidden': 'true' }, h('i'), h('i'), h('i')), t.typing);
  const fileInput = h('input', { type: 'file', hidden: true, tabindex: '-1' });
  const attach = h('button', { type: 'button', class: 'icon-btn', 'aria-label': t.attach, title: t.attach, html: icons.attach });
  const composer = h('textarea', { rows: '1', 'data-testid': 'atende-composer', 'aria-label': t.composer, placeholder: t.composer, maxlength: '4000' });
  const send = h('button', { type: 'submit', class: 'send', 'data-testid': 'atende-send', 'aria-label': t.send, title: t.send, html: icons.send });
  const composerForm = h('form', { class: 'composer', hidden: true }, attach, fileInput, composer, send);
  const panel = h(
    'div',
    { class: 'panel', role: 'dialog', 'aria-labelledby': 'atende-title', hidden: true },
    h('div', { class: 'head' }, h('div', { class: 'avatar', html: icons.chat }), h('div', { class: 'titles' }, title, h('div', { class: 'presence' }, dot, presenceText)), close),
    offline,
    conn,
    body,
    typing,
    composerForm,
    h('div', { class: 'footer' }, t.poweredBy),
  );
  const badge = h('span', { class: 'badge', hidden: true });
  const launcherLabel = h('span', { class: 'sr' });
  const launcher = h('button', { type: 'button', class: 'launcher', 'data-testid': 'atende-launcher', 'aria-expanded': 'false', 'aria-haspopup': 'dialog' });
  const root = h('div', { class: 'root' }, panel, launcher);
  shadow.append(root);

  return {
    shadow, root, panel, launcher, launcherLabel, badge, title, dot, presenceText, close, offline, conn, body, welcome,
    prechat, fields: { name, phone, email }, hint, formError, submit, log, typing, composerForm, composer, send, attach, fileInput,
  };
}
export type Frame = ReturnType<typeof buildFrame>;

const sameDay = (a: Date, b: Date) => a.toDateString() === b.toDateString();

export function dayLabel(d: Date, lang: string, t: Texts, now = new Date()): string {
  if (sameDay(d, now)) return t.today;
  const y = new Date(now);
  y.setDate(now.getDate() - 1);
  if (sameDay(d, y)) return t.yesterday;
  return new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'long', year: d.getFullYear() === now.getFullYear() ? undefined : 'numeric' }).format(d);
}

export interface MessageCallbacks {
  imageUrl(attachmentId: string): Promise<string>;
  download(attachmentId: string, fileName: string): void;
  retry(clientMessageId: string): void;
  discard(clientMessageId: string): void;
  /** An image loaded: the message grew. */
  grown(): void;
}

/** The status of the visitor's own message as ticks, with its name for screen readers. */
function ticks(m: ChatMessage, t: Texts): HTMLElement {
  const [icon, label, cls] =
    m.status === 'pending' ? [icons.clock, t.sending, ''] :
    m.status === 'failed' ? [icons.alert, t.failed, 'failed'] :
    m.status === 'read' ? [icons.checks, t.read, 'read'] :
    m.status === 'delivered' ? [icons.checks, t.delivered, ''] : [icons.check, t.sent, ''];
  return h('span', { class: `ticks ${cls}`, title: label, 'aria-label': label, role: 'img', html: icon });
}

/** One message's element (rebuilt when what it shows changes). */
export function messageElement(m: ChatMessage, opts: { lang: string; t: Texts; showAuthor: boolean; continued: boolean }, cb: MessageCallbacks): HTMLElement {
  const { t } = opts;
  const bubble = h('div', { class: 'bubble' });
  const file = m.attachment ?? (m.localFile ? { id: '', fileName: m.localFile.name, mimeType: m.localFile.type, size: m.localFile.size } : null);
  if (file && file.id && file.mimeType.startsWith('image/')) {
    const img = h('img', { class: 'img', alt: file.fileName });
    cb.imageUrl(file.id).then((url) => (img.src = url)).catch(() => img.replaceWith(chip()));
    img.addEventListener('click', () => cb.download(file.id, file.fileName));
    img.addEventListener('load', () => cb.grown());
    bubble.append(img);
  } else if (file) {
    bubble.append(chip());
  }
  if (m.text) bubble.append(h('div', { class: 'text' }, m.text));
  const time = new Intl.DateTimeFormat(opts.lang, { hour: '2-digit', minute: '2-digit' }).format(new Date(m.createdAt));
  bubble.append(h('div', { class: 'meta' }, h('time', { datetime: m.createdAt }, time), m.direction === 'in' ? ticks(m, t) : null));

  const el = h(
    'div',
    { class: `msg ${m.direction}${opts.continued ? ' cont' : ''}`, 'data-testid': 'atende-message', 'data-direction': m.direction, 'data-key': m.key },
    opts.showAuthor && m.authorName ? h('div', { class: 'author' }, m.authorName) : null,
    m.direction === 'in' ? h('span', { class: 'sr' }, `${t.you}: `) : m.authorName ? h('span', { class: 'sr' }, `${m.authorName}: `) : null,
    bubble,
  );
  if (m.status === 'failed' && m.clientMessageId) {
    const cid = m.clientMessageId;
    const retry = h('button', { type: 'button', class: 'link' }, t.retry);
    const discard = h('button', { type: 'button', class: 'link' }, t.discard);
    retry.addEventListener('click', () => cb.retry(cid));
    discard.addEventListener('click', () => cb.discard(cid));
    el.append(h('div', { class: 'failed-note', role: 'alert' }, m.error ?? t.failed, retry, discard));
  }
  return el;

  function chip(): HTMLElement {
    const c = h(
      file!.id ? 'button' : 'div',
      { class: 'chip', type: file!.id ? 'button' : undefined, title: file!.id ? `${t.download} ${file!.fileName}` : undefined },
      h('span', { html: icons.file }),
      h('span', {}, h('span', { class: 'fname' }, file!.fileName), h('span', { class: 'fsize' }, formatSize(file!.size))),
      file!.id ? h('span', { class: 'dl', html: icons.download }) : null,
    );
    if (file!.id) c.addEventListener('click', () => cb.download(file!.id, file!.fileName));
    return c;
  }
}
