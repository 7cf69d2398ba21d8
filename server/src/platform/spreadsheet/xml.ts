import { SpreadsheetError } from './errors';

/** What the tokenizer reports; element names come without their namespace prefix. */
export interface XmlHandler {
  open(name: string, attrs: string, selfClosing: boolean): void;
  close(name: string): void;
  /** Text between tags, entities decoded; one run of text may come in several calls (CDATA). */
  text(value: string): void;
}

/** Text waiting for its closing '<' may not grow past this: no cell or tag is that long. */
const MAX_PENDING = 8 * 2 ** 20;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, e: string) => {
    if (e[0] !== '#') return ENTITIES[e] ?? whole;
    const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

const attrPatterns = new Map<string, RegExp>();

/** The value of attribute `name` (any namespace prefix) in a tag's attribute text. */
export function attr(attrs: string, name: string): string | undefined {
  // Fast paths for what sheets are made of: ` r="A1"`, unprefixed and double-quoted, or absent.
  const plain = attrs.indexOf(` ${name}="`);
  if (plain !== -1) {
    const start = plain + name.length + 3;
    return decodeEntities(attrs.slice(start, attrs.indexOf('"', start)));
  }
  if (!attrs.includes(`${name}=`) && !/\s=/.test(attrs)) return undefined;
  let re = attrPatterns.get(name);
  if (!re) {
    re = new RegExp(`(?:^|\\s)(?:[\\w.-]+:)?${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    attrPatterns.set(name, re);
  }
  const m = re.exec(attrs);
  return m ? decodeEntities(m[1] ?? m[2]) : undefined;
}

const localName = (name: string) => {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
};

/**
 * A small streaming XML tokenizer for the parts of an XLSX file: elements, attributes,
 * text, entities, CDATA; comments, processing instructions and DOCTYPE are skipped.
 * It holds only the text after the last complete tag, so a sheet of any size streams.
 */
export class XmlTokenizer {
  private buf = '';

  constructor(private readonly handler: XmlHandler) {}

  write(chunk: string): void {
    this.buf = this.buf ? this.buf + chunk : chunk;
    this.buf = this.buf.slice(this.drain());
    if (this.buf.length > MAX_PENDING) throw new SpreadsheetError('the workbook has malformed XML');
  }

  end(): void {
    if (this.buf.trim()) throw new SpreadsheetError('the workbook has truncated XML');
  }

  // Where the next " and ' are in the buffer being drained (Infinity: none), so finding
  // the end of a tag is a few indexOf calls instead of a walk over every character.
  private nextDouble = -1;
  private nextSingle = -1;

  /** The '>' ending a start tag; a '>' inside a quoted attribute value does not count. */
  private tagEnd(b: string, from: number): number {
    for (let i = from; ; ) {
      const gt = b.indexOf('>', i);
      if (gt === -1) return -1;
      if (this.nextDouble < i) this.nextDouble = positionOf(b, '"', i);
      if (this.nextSingle < i) this.nextSingle = positionOf(b, "'", i);
      const quote = Math.min(this.nextDouble, this.nextSingle);
      if (quote > gt) return gt;
      const close = b.indexOf(b[quote], quote + 1);
      if (close === -1) return -1;
      i = close + 1;
    }
  }

  /** Reports every complete token and returns where the incomplete rest starts. */
  private drain(): number {
    const b = this.buf;
    this.nextDouble = -1;
    this.nextSingle = -1;
    const n = b.length;
    let pos = 0;
    while (pos < n) {
      const lt = b.indexOf('<', pos);
      if (lt === -1) return pos; // text without its end yet
      if (lt > pos) this.handler.text(decodeEntities(b.slice(pos, lt)));
      pos = lt;
      if (lt + 1 >= n) return pos;
      const next = b[lt + 1];
      if (next === '/') {
        const gt = b.indexOf('>', lt + 2);
        if (gt === -1) return pos;
        this.handler.close(localName(b.slice(lt + 2, gt).trim()));
        pos = gt + 1;
      } else if (next === '?') {
        const end = b.indexOf('?>', lt + 2);
        if (end === -1) return pos;
        pos = end + 2;
      } else if (next === '!') {
        if (b.startsWith('<![CDATA[', lt)) {
          const end = b.indexOf(']]>', lt + 9);
          if (end === -1) return pos;
          this.handler.text(b.slice(lt + 9, end));
          pos = end + 3;
        } else if (b.startsWith('<!--', lt)) {
          const end = b.indexOf('-->', lt + 4);
          if (end === -1) return pos;
          pos = end + 3;
        } else {
          if (n - lt < 9) return pos; // could still become "<![CDATA["
          const end = b.indexOf('>', lt + 2);
          if (end === -1) return pos;
          pos = end + 1;
        }
      } else {
        const gt = this.tagEnd(b, lt + 1);
        if (gt === -1) return pos;
        const selfClosing = b[gt - 1] === '/';
        const inner = b.slice(lt + 1, selfClosing ? gt - 1 : gt);
        const space = firstSpace(inner);
        const name = localName(space === -1 ? inner : inner.slice(0, space));
        this.handler.open(name, space === -1 ? '' : inner.slice(space), selfClosing);
        if (selfClosing) this.handler.close(name);
        pos = gt + 1;
      }
    }
    return pos;
  }
}

function positionOf(b: string, c: string, from: number): number {
  const i = b.indexOf(c, from);
  return i === -1 ? Infinity : i;
}

function firstSpace(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) return i;
  }
  return -1;
}

/** Feeds a whole (small) document through a handler. */
export function parseXml(text: string, handler: XmlHandler): void {
  const tokenizer = new XmlTokenizer(handler);
  tokenizer.write(text);
  tokenizer.end();
}
