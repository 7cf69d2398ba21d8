import { isAscii, isUtf8 } from 'node:buffer';

export type TextEncoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

// Windows-1252 differs from Latin-1 only in 0x80–0x9F, where Excel puts €, “ ” ‘ ’, – — and friends.
const CP1252_HIGH =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

export function decodeWindows1252(bytes: Buffer): string {
  const latin1 = bytes.toString('latin1');
  return /[\x80-\x9F]/.test(latin1) ? latin1.replace(/[\x80-\x9F]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]) : latin1;
}

/** How many bytes at the end of `buf` start a UTF-8 sequence that the next chunk completes. */
function incompleteTail(buf: Buffer): number {
  for (let back = 1; back <= Math.min(3, buf.length); back++) {
    const b = buf[buf.length - back];
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

/**
 * Turns the bytes of a text file into text, chunk by chunk, never holding more than a chunk.
 *
 * A BOM decides: UTF-8, UTF-16 LE or BE. Without one the file is read as UTF-8 until a byte
 * sequence is not valid UTF-8; from there on it is Windows-1252 (what Excel in Brazil writes
 * as "CSV"). While everything read so far was ASCII — the usual case when the first accent
 * comes late in the file — that switch is exact, because ASCII is the same in both. If valid
 * multi-byte UTF-8 was already read, the file mixes encodings and stays UTF-8, the bad bytes
 * becoming U+FFFD: rows already handed out cannot be decoded again.
 */
export async function* decodeText(chunks: AsyncIterable<Buffer>, onEncoding?: (e: TextEncoding) => void): AsyncGenerator<string> {
  let mode = 'sniff' as TextEncoding | 'sniff';
  let mayBeWindows1252 = true; // until a BOM or a valid multi-byte sequence says UTF-8
  let utf16: TextDecoder | undefined;
  let carry: Buffer = Buffer.alloc(0);
  const setMode = (m: TextEncoding) => {
    mode = m;
    onEncoding?.(m);
  };

  for await (const chunk of chunks) {
    let buf: Buffer = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    carry = Buffer.alloc(0);
    if (mode === 'sniff') {
      if (buf.length < 3) {
        carry = buf;
        continue;
      }
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
        buf = buf.subarray(3);
        mayBeWindows1252 = false;
        setMode('utf-8');
      } else if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) {
        setMode(buf[0] === 0xff ? 'utf-16le' : 'utf-16be');
        utf16 = new TextDecoder(mode);
      } else {
        setMode('utf-8');
      }
    }
    if (utf16) {
      const text = utf16.decode(buf, { stream: true });
      if (text) yield text;
      continue;
    }
    if (mode === 'windows-1252') {
      yield decodeWindows1252(buf);
      continue;
    }
    const keep = incompleteTail(buf);
    const body = keep ? buf.subarray(0, buf.length - keep) : buf;
    if (mayBeWindows1252 && !isUtf8(body)) {
      setMode('windows-1252');
      yield decodeWindows1252(buf);
      continue;
    }
    if (mayBeWindows1252 && !isAscii(body)) mayBeWindows1252 = false;
    carry = keep ? Buffer.from(buf.subarray(buf.length - keep)) : carry;
    if (body.length) yield body.toString('utf8');
  }
  if (utf16) {
    const rest = utf16.decode();
    if (rest) yield rest;
  } else if (carry.length) {
    // A file ending inside a UTF-8 sequence, or only 1–2 bytes long.
    yield mode === 'windows-1252' || (mayBeWindows1252 && !isUtf8(carry)) ? decodeWindows1252(carry) : carry.toString('utf8');
  }
}
