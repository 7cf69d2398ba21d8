import type { Lang, Texts } from './i18n';
import type { ChatMessage, MessageStore } from './messages';
import { dayLabel, h, messageElement, type Frame, type MessageCallbacks } from './view';

/**
 * The message log, updated by key: unchanged messages keep their element (and their loaded
 * images), changed ones are rebuilt, and the order always follows the store.
 */
export class LogView {
  private readonly elements = new Map<string, { el: HTMLElement; sig: string }>();
  private readonly days = new Map<string, HTMLElement>();
  private readonly welcome = h('div', { class: 'msg out' }, h('div', { class: 'bubble' }));

  constructor(
    private readonly frame: Frame,
    private readonly lang: Lang,
    private readonly t: Texts,
    private readonly cb: MessageCallbacks,
  ) {
    // Follow new messages only while the visitor is at the end (not reading older ones).
    frame.body.addEventListener('scroll', () => {
      const b = frame.body;
      this.atEnd = b.scrollHeight - b.scrollTop - b.clientHeight < 80;
    });
  }

  private atEnd = true;

  /** An image finished loading and grew its message: keep the end in view if it was. */
  grown() {
    if (this.atEnd) this.scrollToEnd();
  }

  has = (key: string) => this.elements.has(key);

  clear() {
    this.elements.clear();
    this.frame.log.replaceChildren();
  }

  scrollToEnd() {
    const body = this.frame.body;
    this.atEnd = true;
    requestAnimationFrame(() => (body.scrollTop = body.scrollHeight));
  }

  render(store: MessageStore, welcome: string, forceScroll = false) {
    const { log } = this.frame;
    const nearEnd = this.atEnd;
    this.welcome.firstElementChild!.textContent = welcome;
    const wanted: HTMLElement[] = welcome ? [this.welcome] : [];
    const keys = new Set<string>();
    let prevDay = '';
    let prev: ChatMessage | null = null;
    for (const m of store.list()) {
      const date = new Date(m.createdAt);
      const day = date.toDateString();
      if (day !== prevDay) {
        if (!this.days.has(day)) this.days.set(day, h('div', { class: 'day' }, dayLabel(date, this.lang, this.t)));
        wanted.push(this.days.get(day)!);
        prevDay = day;
        prev = null;
      }
      // A run of messages from the same side (and the same agent) reads as one block.
      const continued = !!prev && prev.direction === m.direction && (m.direction === 'in' || prev.authorName === m.authorName);
      const showAuthor = m.direction === 'out' && !continued;
      const sig = JSON.stringify([m, continued, showAuthor]);
      let entry = this.elements.get(m.key);
      if (!entry || entry.sig !== sig) {
        entry = { el: messageElement(m, { lang: this.lang, t: this.t, showAuthor, continued }, this.cb), sig };
        this.elements.set(m.key, entry);
      }
      keys.add(m.key);
      wanted.push(entry.el);
      prev = m;
    }
    for (const key of this.elements.keys()) if (!keys.has(key)) this.elements.delete(key);
    wanted.forEach((el, i) => {
      if (log.children[i] !== el) log.insertBefore(el, log.children[i] ?? null);
    });
    while (log.children.length > wanted.length) log.lastElementChild!.remove();
    if (forceScroll || nearEnd) this.scrollToEnd();
  }
}
