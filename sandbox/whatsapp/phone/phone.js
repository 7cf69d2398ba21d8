// The sandbox phone: a customer's WhatsApp talking to the business number Atende serves.
// data-direction is the phone's point of view: "out" = the customer wrote it, "in" = the business did.

const TEXTS = {
  'pt-BR': {
    pickTitle: 'Quem está com o celular?', pickHint: 'Escolha ou crie o cliente que vai conversar com a empresa.',
    name: 'Nome', number: 'Número (com DDI e DDD)', start: 'Começar conversa', recent: 'Clientes deste sandbox',
    message: 'Mensagem', attach: 'Anexar imagem ou documento', location: 'Enviar localização', send: 'Enviar',
    replyingTo: 'Respondendo', online: 'conta comercial', windowOpen: 'Janela de 24 h aberta até {{t}}',
    windowClosed: 'Janela de 24 h fechada: a empresa só pode enviar templates', empty: 'As mensagens são de mentira: tudo fica neste sandbox. Escreva algo para a empresa.',
    panelTitle: 'WhatsApp Sandbox', panelHint: 'Uma Cloud API de mentira para testar o Atende sem a Meta. Cole os dados abaixo em Administração → Canais → WhatsApp.',
    clock: 'Relógio simulado', clockHint: 'Avance o relógio para testar a regra das 24 horas.', plus1h: '+1 hora', plus25h: '+25 horas',
    channel: 'Dados do canal', graphUrl: 'Graph URL', phoneNumberId: 'Phone number ID', displayNumber: 'Número da empresa',
    templates: 'Templates (revisão da Meta)', noTemplates: 'Nenhum template. Crie um no Atende e aprove aqui.',
    approve: 'Aprovar', reject: 'Rejeitar', pendingWebhooks: '{{n}} webhook(s) aguardando o Atende responder 200 (tentando de novo)',
    allDelivered: 'Todos os webhooks foram entregues.', invalidNumber: 'Informe de 8 a 15 dígitos.', reply: 'Responder', react: 'Reagir',
    template: 'Template', unsupported: 'Mensagem não suportada', viewOptions: 'Ver opções', you: 'Você', business: 'Empresa',
    location1: 'Av. Paulista, 1578 — São Paulo', today: 'HOJE', document: 'Documento', sticker: 'Figurinha', audio: 'Áudio',
  },
  en: {
    pickTitle: 'Who is holding the phone?', pickHint: 'Pick or create the customer who will chat with the business.',
    name: 'Name', number: 'Number (with country and area code)', start: 'Start chatting', recent: 'Customers in this sandbox',
    message: 'Message', attach: 'Attach an image or document', location: 'Send location', send: 'Send',
    replyingTo: 'Replying to', online: 'business account', windowOpen: '24-hour window open until {{t}}',
    windowClosed: '24-hour window closed: the business may only send templates', empty: 'Messages are make-believe: everything stays in this sandbox. Write something to the business.',
    panelTitle: 'WhatsApp Sandbox', panelHint: 'A fake Cloud API to try Atende without Meta. Paste the values below into Administration → Channels → WhatsApp.',
    clock: 'Simulated clock', clockHint: 'Move the clock forward to try the 24-hour rule.', plus1h: '+1 hour', plus25h: '+25 hours',
    channel: 'Channel values', graphUrl: 'Graph URL', phoneNumberId: 'Phone number ID', displayNumber: 'Business number',
    templates: 'Templates (Meta review)', noTemplates: 'No templates yet. Create one in Atende and approve it here.',
    approve: 'Approve', reject: 'Reject', pendingWebhooks: '{{n}} webhook(s) waiting for Atende to answer 200 (retrying)',
    allDelivered: 'Every webhook was delivered.', invalidNumber: 'Enter 8 to 15 digits.', reply: 'Reply', react: 'React',
    template: 'Template', unsupported: 'Unsupported message', viewOptions: 'View options', you: 'You', business: 'Business',
    location1: 'Av. Paulista, 1578 — São Paulo', today: 'TODAY', document: 'Document', sticker: 'Sticker', audio: 'Audio',
  },
};

const S = { lang: localStorage.getItem('sandbox.lang') || 'pt-BR', waId: sessionStorage.getItem('sandbox.waId'), info: null, thread: [], replyTo: null };
const $ = (id) => document.getElementById(id);
/** replaceChildren that accepts nested arrays, like h(). */
const fill = (el, ...children) => el.replaceChildren(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
const t = (key, vars = {}) => (TEXTS[S.lang][key] ?? key).replace(/\{\{(\w+)\}\}/g, (_, k) => vars[k] ?? '');

function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat(Infinity)) if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}

const api = async (path, body) => {
  const init = body instanceof FormData ? { method: 'POST', body } : body ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {};
  const res = await fetch(`/phone/api${path}`, init);
  const data = await res.json();
  if (!res.ok) throw new Error(data.message || res.statusText);
  return data;
};

const clockFmt = (iso, opts) => new Date(iso).toLocaleString(S.lang, opts);
const hhmm = (iso) => clockFmt(iso, { hour: '2-digit', minute: '2-digit' });

/** WhatsApp's own light formatting: *bold*, _italic_, ~strike~, ```mono```. */
function formatted(text) {
  const out = h('span');
  const parts = String(text ?? '').split(/(\*[^*\n]+\*|_[^_\n]+_|~[^~\n]+~|```[^`]+```)/g);
  for (const p of parts) {
    if (/^\*.+\*$/.test(p)) out.append(h('strong', {}, p.slice(1, -1)));
    else if (/^_.+_$/.test(p)) out.append(h('em', {}, p.slice(1, -1)));
    else if (/^~.+~$/.test(p)) out.append(h('s', {}, p.slice(1, -1)));
    else if (/^```[\s\S]+```$/.test(p)) out.append(h('code', {}, p.slice(3, -3)));
    else out.append(p);
  }
  return out;
}

const mediaSrc = (m) => (m.id ? `/phone/api/media/${encodeURIComponent(m.id)}` : m.link);

/** A short text for quotes and the reply bar. */
function summary(item) {
  const p = item.payload;
  const obj = p[item.type] || {};
  if (item.type === 'text') return p.text.body;
  if (item.type === 'template') return templateText(p.template).body;
  if (item.type === 'interactive') return obj.body?.text || obj.button_reply?.title || obj.list_reply?.title || '';
  if (item.type === 'button') return p.button.text;
  if (item.type === 'location') return `📍 ${obj.name || obj.address || `${obj.latitude}, ${obj.longitude}`}`;
  return obj.caption || obj.filename || `[${t(item.type)}]`;
}

/** Fills the template definition's {{n}} with the parameters sent. */
function templateText(tpl) {
  const def = tpl.definition || [];
  const params = (kind) => (tpl.components || []).find((c) => c.type === kind)?.parameters || [];
  const fill = (text, ps) => String(text || '').replace(/\{\{\s*(\d+)\s*\}\}/g, (_, n) => ps[n - 1]?.text ?? `{{${n}}}`);
  const comp = (type) => def.find((c) => String(c.type).toUpperCase() === type);
  const buttons = (comp('BUTTONS')?.buttons || []).map((b, i) => {
    const given = (tpl.components || []).find((c) => c.type === 'button' && String(c.index) === String(i));
    return { ...b, payload: given?.parameters?.[0]?.payload ?? b.text };
  });
  return {
    header: comp('HEADER')?.format === 'TEXT' || comp('HEADER')?.text ? fill(comp('HEADER').text, params('header')) : null,
    body: fill(comp('BODY')?.text, params('body')),
    footer: comp('FOOTER')?.text || null,
    buttons,
  };
}

function replyButton(item, id, title, action, disabled) {
  return h('button', { class: 'reply-btn', 'data-testid': 'phone-button', 'data-id': id, disabled, onclick: action }, title);
}

function openList(item) {
  const i = item.payload.interactive;
  const sheet = $('sheet');
  fill(sheet, h('div', { class: 'sheet-card', onclick: (e) => e.stopPropagation() },
    h('h4', {}, i.action.button),
    i.action.sections.map((s) => [
      s.title ? h('div', { class: 'sheet-section' }, s.title) : null,
      s.rows.map((r) => h('button', {
        class: 'sheet-row', 'data-testid': 'phone-list-row', 'data-id': r.id,
        onclick: () => { sheet.hidden = true; act({ kind: 'list', replyTo: item.wamid, id: r.id, title: r.title, description: r.description }); },
      }, r.title, r.description ? h('small', {}, r.description) : null)),
    ])));
  sheet.onclick = () => { sheet.hidden = true; };
  sheet.hidden = false;
}

function content(item) {
  const p = item.payload;
  const obj = p[item.type] || {};
  const caption = obj.caption ? formatted(obj.caption) : null;
  switch (item.type) {
    case 'text': return [formatted(p.text.body)];
    case 'image': case 'sticker': return [h('img', { class: 'media', src: mediaSrc(obj), alt: '', style: item.type === 'sticker' ? 'width:120px' : null }), caption];
    case 'video': return [h('video', { class: 'media', src: mediaSrc(obj), controls: true }), caption];
    case 'audio': return [h('audio', { src: mediaSrc(obj), controls: true, style: 'width:230px' })];
    case 'document': return [h('a', { class: 'doc', href: mediaSrc(obj), target: '_blank', download: obj.filename || true },
      h('span', { class: 'doc-icon' }, (obj.filename?.split('.').pop() || 'DOC').toUpperCase().slice(0, 4)), h('span', {}, obj.filename || t('document'))), caption];
    case 'location': return [h('span', { class: 'location' }), h('strong', {}, obj.name || ''), obj.address ? h('div', { class: 'footer-text' }, obj.address) : null];
    case 'contacts': return [(p.contacts || []).map((c) => h('div', {}, '👤 ', c.name?.formatted_name || ''))];
    case 'interactive': {
      if (item.direction === 'in') return [formatted(obj.button_reply?.title ?? obj.list_reply?.title)];
      return [obj.header?.type === 'text' ? h('div', { class: 'header-text' }, obj.header.text) : null, formatted(obj.body?.text), obj.footer ? h('div', { class: 'footer-text' }, obj.footer.text) : null];
    }
    case 'template': {
      const tt = templateText(p.template);
      return [h('div', { class: 'template-tag' }, `${t('template')} · ${p.template.name}`), tt.header ? h('div', { class: 'header-text' }, tt.header) : null, formatted(tt.body), tt.footer ? h('div', { class: 'footer-text' }, tt.footer) : null];
    }
    case 'button': return [formatted(p.button.text)];
    default: return [h('span', { class: 'unsupported' }, t('unsupported'))];
  }
}

function buttonsOf(item) {
  const p = item.payload;
  if (item.direction !== 'out') return null;
  if (item.type === 'interactive' && p.interactive.type === 'button') {
    return h('div', { class: 'buttons' }, p.interactive.action.buttons.map((b) =>
      replyButton(item, b.reply.id, b.reply.title, () => act({ kind: 'button', replyTo: item.wamid, id: b.reply.id, title: b.reply.title }))));
  }
  if (item.type === 'interactive' && p.interactive.type === 'list') {
    return h('div', { class: 'buttons' }, h('button', { class: 'reply-btn', 'data-testid': 'phone-list-open', onclick: () => openList(item) }, `☰ ${p.interactive.action.button}`));
  }
  if (item.type === 'template') {
    const quick = templateText(p.template).buttons.filter((b) => b.type === 'QUICK_REPLY');
    if (quick.length) return h('div', { class: 'buttons' }, quick.map((b) => replyButton(item, b.payload, b.text, () => act({ kind: 'template-button', replyTo: item.wamid, payload: b.payload, title: b.text }))));
  }
  return null;
}

function ticks(item) {
  if (item.direction !== 'in') return null; // the customer's own messages (phone side "out")
  if (item.status === 'pending') return h('span', { class: 'ticks' }, '◷');
  return h('span', { class: `ticks${item.status === 'read' ? ' read' : ''}` }, item.status === 'read' ? '✓✓' : '✓');
}

function renderMessage(item, byId) {
  const phoneDirection = item.direction === 'in' ? 'out' : 'in';
  const ctxId = item.payload.context?.message_id || item.payload.context?.id;
  const quoted = ctxId && byId.get(ctxId);
  const bubble = h('div', { class: 'bubble' },
    quoted ? h('div', { class: 'quote' }, h('b', {}, quoted.direction === 'in' ? t('you') : 'Atende'), summary(quoted)) : null,
    content(item),
    h('span', { class: 'meta' }, hhmm(item.at), ticks(item)));
  const reactions = item.reactions?.length ? h('div', { class: 'reactions' }, item.reactions.map((r) => r.emoji).join(' ')) : null;
  const actions = h('div', { class: 'msg-actions' },
    h('button', { class: 'mini', onclick: () => setReply(item) }, t('reply')),
    phoneDirection === 'in' ? h('button', { class: 'mini', onclick: () => act({ kind: 'react', wamid: item.wamid, emoji: item.reactions?.some((r) => r.from === 'customer') ? '' : '👍' }) }, '👍') : null);
  return h('div', { class: 'msg', 'data-testid': 'phone-message', 'data-direction': phoneDirection, 'data-type': item.type, 'data-wamid': item.wamid }, bubble, reactions, buttonsOf(item), actions);
}

function setReply(item) {
  S.replyTo = item;
  $('reply-bar').hidden = !item;
  if (item) $('reply-text').textContent = summary(item);
  $('composer-input').focus();
}

function renderChat() {
  const c = S.info?.customers.find((x) => x.waId === S.waId);
  if (!c) return;
  $('chat-biz').textContent = 'Atende';
  $('chat-sub').textContent = `+${S.info.displayPhoneNumber} · ${t('online')}`;
  const banner = $('window-banner');
  banner.hidden = !c.lastInboundAt;
  if (c.lastInboundAt) {
    const until = new Date(new Date(c.lastInboundAt).getTime() + 24 * 3600 * 1000).toISOString();
    banner.textContent = c.windowOpen ? t('windowOpen', { t: clockFmt(until, { day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit' }) }) : t('windowClosed');
  }
  const list = $('messages');
  const stick = list.scrollHeight - list.scrollTop - list.clientHeight < 60;
  const byId = new Map(S.thread.map((i) => [i.wamid, i]));
  fill(list, S.thread.length ? h('div', { class: 'day' }, t('today')) : h('div', { class: 'empty' }, t('empty')), S.thread.map((i) => renderMessage(i, byId)));
  if (stick || S.justOpened) list.scrollTop = list.scrollHeight;
  S.justOpened = false;
  if (document.visibilityState === 'visible' && S.thread.some((i) => i.direction === 'out' && ['sent', 'delivered'].includes(i.status))) {
    api('/seen', { waId: S.waId }).catch(() => {});
  }
}

function renderPick() {
  const list = $('pick-list');
  const customers = S.info?.customers || [];
  fill(list, customers.length ? h('h4', {}, t('recent')) : '', customers.map((c) =>
    h('button', { class: 'pick-item', 'data-testid': 'phone-customer', onclick: () => openChat(c.waId) },
      h('div', { class: 'avatar' }, c.name.slice(0, 1).toUpperCase()), h('div', {}, c.name, h('small', {}, `+${c.waId}`)))));
}

function renderPanel() {
  if (!S.info) return;
  $('clock-now').textContent = clockFmt(S.info.now, { weekday: 'short', day: '2-digit', month: 'short', hour: '2-digit', minute: '2-digit' });
  $('sb-time').textContent = hhmm(S.info.now);
  fill($('channel-kv'), 
    h('dt', {}, t('graphUrl')), h('dd', {}, location.origin),
    h('dt', {}, t('phoneNumberId')), h('dd', {}, S.info.phoneNumberId),
    h('dt', {}, t('displayNumber')), h('dd', {}, `+${S.info.displayPhoneNumber}`));
  const tpls = S.info.templates;
  fill($('templates'), tpls.length ? '' : h('p', { class: 'muted' }, t('noTemplates')), tpls.map((tp) => h('div', { class: 'tpl' },
    h('div', { class: 'tpl-head' }, h('strong', {}, `${tp.name} · ${tp.language}`), h('span', { class: `badge ${tp.status}` }, tp.status)),
    h('div', { class: 'tpl-body' }, tp.components.find((c) => String(c.type).toUpperCase() === 'BODY')?.text || ''),
    tp.status === 'PENDING' ? h('div', { class: 'row' },
      h('button', { class: 'btn ok', onclick: () => review(tp, 'approve') }, t('approve')),
      h('button', { class: 'btn no', onclick: () => review(tp, 'reject') }, t('reject'))) : null)));
  $('webhooks').textContent = S.info.pendingWebhooks ? t('pendingWebhooks', { n: S.info.pendingWebhooks }) : t('allDelivered');
}

function applyTexts() {
  document.documentElement.lang = S.lang;
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
  for (const el of document.querySelectorAll('[data-i18n-title]')) el.title = t(el.dataset.i18nTitle);
  for (const b of document.querySelectorAll('.lang button')) b.classList.toggle('active', b.dataset.lang === S.lang);
}

async function refresh() {
  S.info = await api('/state');
  if (S.waId && !S.info.customers.some((c) => c.waId === S.waId)) S.waId = null;
  $('screen-pick').hidden = !!S.waId;
  $('screen-chat').hidden = !S.waId;
  if (S.waId) {
    S.thread = await api(`/thread?waId=${encodeURIComponent(S.waId)}`);
    renderChat();
  } else renderPick();
  renderPanel();
}

function openChat(waId) {
  S.waId = waId;
  S.justOpened = true;
  sessionStorage.setItem('sandbox.waId', waId);
  setReply(null);
  refresh();
}

async function act(body) {
  await api('/act', { waId: S.waId, ...body });
  await refresh();
}

async function review(tp, decision) {
  await api('/templates/review', { name: tp.name, language: tp.language, decision, reason: 'INVALID_FORMAT' });
  await refresh();
}

$('pick-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const digits = $('pick-number').value.replace(/\D/g, '');
  const err = $('pick-error');
  err.hidden = digits.length >= 8 && digits.length <= 15;
  if (!err.hidden) return void (err.textContent = t('invalidNumber'));
  const c = await api('/customers', { waId: digits, name: $('pick-name').value.trim() });
  openChat(c.waId);
});

$('composer').addEventListener('submit', async (e) => {
  e.preventDefault();
  const input = $('composer-input');
  const text = input.value.trim();
  if (!text) return;
  input.value = '';
  const replyTo = S.replyTo?.wamid;
  setReply(null);
  await act({ kind: 'text', text, replyTo });
});

$('attach-input').addEventListener('change', async (e) => {
  const file = e.target.files?.[0];
  if (!file) return;
  const form = new FormData();
  form.set('waId', S.waId);
  form.set('file', file);
  e.target.value = '';
  await api('/upload', form);
  await refresh();
});

$('send-location').addEventListener('click', () => act({ kind: 'location', latitude: -23.5613, longitude: -46.6565, name: 'Av. Paulista', address: t('location1') }));
$('chat-back').addEventListener('click', () => { S.waId = null; sessionStorage.removeItem('sandbox.waId'); refresh(); });
$('reply-cancel').addEventListener('click', () => setReply(null));
for (const b of document.querySelectorAll('[data-advance]')) {
  b.addEventListener('click', async () => { await api('/clock', { advanceMs: Number(b.dataset.advance) }); await refresh(); });
}
for (const b of document.querySelectorAll('.lang button')) {
  b.addEventListener('click', () => { S.lang = b.dataset.lang; localStorage.setItem('sandbox.lang', S.lang); applyTexts(); refresh(); });
}
document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'visible') refresh(); });

applyTexts();
refresh();
new EventSource('/phone/api/events').addEventListener('change', () => refresh());
