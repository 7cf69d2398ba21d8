import { io, type Socket } from 'socket.io-client';
import { Api, ApiError, type ServerMessage, type WidgetConfig } from './api';
import { Sender } from './sender';
import { textsFor, type Lang, type Texts } from './i18n';
import { MessageStore } from './messages';
import { LogView } from './log-view';
import { PrechatForm } from './prechat';
import { SessionStore } from './session';
import { icons } from './icons';
import { buildFrame, h, onColor, type Frame } from './view';

const PAGE = 200;
const TYPING_EVERY_MS = 2000;
const AGENT_TYPING_SHOWN_MS = 6000;
const CONFIG_REFRESH_MS = 30_000;
const FALLBACK_POLL_MS = 15_000;

export interface WidgetOptions {
  base: string;
  channelId: string;
  lang: Lang;
  host: HTMLElement;
}

/**
 * The web chat on a customer's site (CHAN-3): pre-chat form, live conversation through the
 * `/webchat` socket, and a reconnect that neither loses nor repeats messages — history is
 * fetched after the last known message and every message is deduplicated by id, while texts
 * written offline wait in localStorage and are sent with their clientMessageId.
 */
export class AtendeWidget {
  private readonly api: Api;
  private readonly t: Texts;
  private readonly session: SessionStore;
  private store = new MessageStore();
  private frame!: Frame;
  private config!: WidgetConfig;
  private socket: Socket | null = null;
  private isOpen = false;
  private unread = 0;
  private readonly acked = new Set<string>();
  private readonly imageUrls = new Map<string, Promise<string>>();
  private log!: LogView;
  private syncing: Promise<void> | null = null;
  private lastTypingSent = 0;
  private typingTimer = 0;
  private configTimer = 0;
  private readonly sender: Sender;

  constructor(private readonly opts: WidgetOptions) {
    this.api = new Api(opts.base, opts.channelId);
    this.t = textsFor(opts.lang);
    this.session = new SessionStore(opts.channelId);
    this.sender = new Sender({
      api: this.api,
      session: this.session,
      t: this.t,
      store: () => this.store,
      render: (forceScroll) => this.render(forceScroll),
      lost: () => this.resetSession(),
    });
  }

  /** Renders nothing when the channel is unknown or inactive: the site stays as it was. */
  async start(): Promise<boolean> {
    try {
      this.config = await this.api.config();
    } catch (err) {
      console.warn('[Atende] web chat unavailable for this channel', err);
      return false;
    }
    this.frame = buildFrame(this.opts.host, this.t);
    this.log = new LogView(this.frame, this.opts.lang, this.t, {
      imageUrl: (id) => this.imageUrl(id),
      download: (id, name) => this.download(id, name),
      retry: (cid) => this.sender.retry(cid),
      discard: (cid) => this.sender.discard(cid),
      grown: () => this.log.grown(),
    });
    new PrechatForm(this.frame, this.t, this.api, (token, name) => {
      this.session.saveSession({ token, name });
      this.api.token = token;
      this.showChat();
      this.connect();
      void this.sync();
      this.frame.composer.focus();
    });
    this.bind();
    this.applyConfig();
    const saved = this.session.session();
    if (saved) {
      this.api.token = saved.token;
      for (const item of this.session.outbox()) this.store.addPending(item);
      this.showChat();
      this.connect();
      void this.sync();
    } else {
      this.showPrechat();
    }
    this.renderLauncher();
    setInterval(() => {
      // websockets blocked by a proxy: the chat still works, a little later
      if (this.api.token && !this.socket?.connected) void this.sync().then(() => this.sender.flush());
    }, FALLBACK_POLL_MS);
    return true;
  }

  open() {
    if (this.isOpen || !this.frame) return;
    this.isOpen = true;
    this.frame.panel.hidden = false;
    this.frame.root.classList.add('open');
    this.unread = 0;
    this.renderLauncher();
    this.refreshConfig();
    this.configTimer = window.setInterval(() => this.refreshConfig(), CONFIG_REFRESH_MS);
    if (this.api.token) this.log.scrollToEnd();
    const target = this.api.token ? this.frame.composer : this.frame.fields.name.input;
    // preventScroll: the pre-chat form opens at its top, with the welcome message in view.
    setTimeout(() => target.focus({ preventScroll: true }), 30);
    this.ackRead();
  }

  close() {
    if (!this.isOpen) return;
    this.isOpen = false;
    this.frame.panel.hidden = true;
    this.frame.root.classList.remove('open');
    clearInterval(this.configTimer);
    this.renderLauncher();
    this.frame.launcher.focus();
  }

  private bind() {
    const f = this.frame;
    f.launcher.addEventListener('click', () => (this.isOpen ? this.close() : this.open()));
    f.close.addEventListener('click', () => this.close());
    f.panel.addEventListener('keydown', (e) => e.key === 'Escape' && this.close());
    f.composerForm.addEventListener('submit', (e) => {
      e.preventDefault();
      this.submitComposer();
    });
    f.composer.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        this.submitComposer();
      }
    });
    f.composer.addEventListener('input', () => {
      this.autosize();
      const now = Date.now();
      if (f.composer.value.trim() && this.socket?.connected && now - this.lastTypingSent > TYPING_EVERY_MS) {
        this.lastTypingSent = now;
        this.socket.emit('typing');
      }
    });
    f.attach.addEventListener('click', () => f.fileInput.click());
    f.fileInput.addEventListener('change', () => {
      if (this.api.token) for (const file of Array.from(f.fileInput.files ?? [])) void this.sender.file(file);
      f.fileInput.value = '';
    });
    document.addEventListener('visibilitychange', () => this.ackRead());
    window.addEventListener('online', () => void this.sync().then(() => this.sender.flush()));
  }

  private applyConfig() {
    const f = this.frame;
    const c = this.config;
    f.root.style.setProperty('--brand', c.color);
    f.root.style.setProperty('--on-brand', onColor(c.color));
    f.title.textContent = c.title;
    f.dot.classList.toggle('on', c.online);
    f.presenceText.textContent = c.online ? this.t.online : this.t.offline;
    f.offline.replaceChildren(h('span', { html: icons.alert }), c.offlineMessage);
    f.offline.hidden = c.online || !c.offlineMessage;
    f.welcome.textContent = c.welcome;
    f.welcome.hidden = !c.welcome;
    if (this.api.token) this.render();
  }

  private refreshConfig() {
    this.api.config().then((c) => ((this.config = c), this.applyConfig())).catch(() => {});
  }

  private renderLauncher() {
    const f = this.frame;
    f.launcher.innerHTML = this.isOpen ? icons.chevronDown : icons.chat;
    f.launcher.setAttribute('aria-expanded', String(this.isOpen));
    const label = this.isOpen ? this.t.close : this.unread ? `${this.t.open} — ${this.t.newMessages(this.unread)}` : this.t.open;
    f.launcher.setAttribute('aria-label', label);
    f.launcher.title = label;
    f.badge.textContent = String(this.unread);
    f.badge.hidden = this.isOpen || this.unread === 0;
    f.launcher.append(f.badge);
  }

  private showPrechat() {
    this.frame.prechat.hidden = false;
    this.frame.log.hidden = true;
    this.frame.composerForm.hidden = true;
  }

  private showChat() {
    this.frame.prechat.hidden = true;
    this.frame.log.hidden = false;
    this.frame.composerForm.hidden = false;
    this.render();
  }

  // ---- live connection and history ------------------------------------------------------

  private connect() {
    this.socket?.close();
    const socket = io(`${this.opts.base}/webchat`, {
      path: '/realtime',
      transports: ['websocket'],
      auth: { token: this.api.token },
      reconnectionDelayMax: 10_000,
    });
    this.socket = socket;
    socket.on('connect', () => {
      this.frame.conn.hidden = true;
      // Anything missed while away, then what was written meanwhile.
      void this.sync().then(() => this.sender.flush());
    });
    socket.on('disconnect', (reason) => {
      if (reason !== 'io client disconnect') this.frame.conn.hidden = false;
    });
    socket.on('connect_error', (err) => {
      if (err.message === 'unauthorized') this.resetSession();
      else this.frame.conn.hidden = false;
    });
    socket.on('message.created', (p: { message?: ServerMessage }) => p?.message && this.receive([p.message], true));
    socket.on('typing', () => this.showAgentTyping());
    socket.on('messages.read', (p: { until?: string }) => {
      if (p?.until && this.store.markOwnRead(p.until)) this.render();
    });
  }

  /** Fetches what came after the resume point; concurrent calls share one fetch. */
  private sync(): Promise<void> {
    if (!this.api.token) return Promise.resolve();
    this.syncing ??= (async () => {
      try {
        let after = this.store.resumeAnchor();
        for (;;) {
          const { items } = await this.api.messagesAfter(after, PAGE);
          this.receive(items, false);
          if (items.length < PAGE) break;
          after = items[items.length - 1].id;
        }
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) this.resetSession();
      } finally {
        this.syncing = null;
      }
    })();
    return this.syncing;
  }

  private receive(items: ServerMessage[], live: boolean) {
    let changed = false;
    for (const m of items) {
      const isNew = !this.log.has(m.id);
      if (this.store.upsert(m)) changed = true;
      if (m.direction === 'out') {
        this.hideAgentTyping();
        if (live && this.isOpen && !this.config.online) this.refreshConfig(); // someone is evidently there
        if (live && isNew && (!this.isOpen || document.visibilityState !== 'visible')) this.unread++;
      }
    }
    if (!changed) return;
    this.render();
    this.renderLauncher();
    this.ack('delivered');
    this.ackRead();
  }

  private ack(status: 'delivered' | 'read') {
    if (!this.socket?.connected) return; // acknowledged after the next sync instead
    const ids = this.store.unacknowledged(status, this.acked);
    if (!ids.length) return;
    for (const id of ids) this.acked.add(`${status}:${id}`);
    this.socket.emit(status, { messageIds: ids });
  }

  private ackRead() {
    if (this.isOpen && this.api.token && document.visibilityState === 'visible') this.ack('read');
  }

  private resetSession() {
    this.socket?.close();
    this.socket = null;
    this.session.saveSession(null);
    this.sender.reset();
    this.api.token = null;
    this.store = new MessageStore();
    this.log.clear();
    this.frame.conn.hidden = true;
    this.showPrechat();
  }

  private showAgentTyping() {
    if (this.isOpen && !this.config.online) this.refreshConfig();
    this.frame.typing.hidden = false;
    clearTimeout(this.typingTimer);
    this.typingTimer = window.setTimeout(() => this.hideAgentTyping(), AGENT_TYPING_SHOWN_MS);
    this.log.scrollToEnd();
  }

  private hideAgentTyping() {
    clearTimeout(this.typingTimer);
    this.frame.typing.hidden = true;
  }

  private submitComposer() {
    const text = this.frame.composer.value.trim();
    if (!text || !this.api.token) return;
    this.frame.composer.value = '';
    this.autosize();
    this.sender.text(text);
  }

  // ---- rendering -------------------------------------------------------------------------

  private autosize() {
    const c = this.frame.composer;
    c.style.height = 'auto';
    c.style.height = `${Math.min(c.scrollHeight, 120)}px`;
  }

  private imageUrl(id: string): Promise<string> {
    if (!this.imageUrls.has(id)) this.imageUrls.set(id, this.api.fileUrl(id));
    return this.imageUrls.get(id)!;
  }

  private download(id: string, fileName: string) {
    this.imageUrl(id)
      .then((url) => {
        const a = h('a', { href: url, download: fileName, target: '_blank', rel: 'noopener' });
        this.frame.shadow.append(a);
        a.click();
        a.remove();
      })
      .catch(() => {});
  }

  private render(forceScroll = false) {
    this.log.render(this.store, this.config.welcome, forceScroll);
  }
}
