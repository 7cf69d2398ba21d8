import { createHmac, timingSafeEqual } from 'node:crypto';
import { toE164 } from '../../modules/contacts/phone';

/**
 * Pure reading of Cloud API webhooks (protocols.md §1.4–1.5, §1.9): the signature, the split of
 * one notification into stored events, and one stored message event → what Atende keeps.
 */

export function validSignature(appSecret: string, raw: Buffer, header: string | undefined): boolean {
  if (!header?.startsWith('sha256=')) return false;
  const given = Buffer.from(header.slice(7), 'hex');
  const expected = createHmac('sha256', appSecret).update(raw).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export type EventKind = 'message' | 'status' | 'template_status' | 'error';

export interface SplitEvent {
  kind: EventKind;
  key: string;
  payload: Record<string, unknown>;
}

/** One `entry[].changes[]` item: the number it is for (null for WABA-level fields) and its events. */
export interface ChangeEvents {
  phoneNumberId: string | null;
  wabaId: string | null;
  events: SplitEvent[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

/** Throws when the body is not a WhatsApp notification envelope at all. */
export function splitNotification(body: unknown): ChangeEvents[] {
  if (!isObj(body) || !Array.isArray(body.entry)) throw new Error('not a WhatsApp notification: entry[] is missing');
  const out: ChangeEvents[] = [];
  for (const entry of body.entry) {
    if (!isObj(entry)) continue;
    const wabaId = str(entry.id) ?? null;
    for (const change of arr(entry.changes)) {
      if (!isObj(change) || !isObj(change.value)) continue;
      const value = change.value;
      if (change.field === 'message_template_status_update') {
        const key = `${str(value.message_template_id)}:${str(value.event)}:${str(value.timestamp) ?? ''}`;
        out.push({ phoneNumberId: null, wabaId, events: [{ kind: 'template_status', key, payload: value }] });
        continue;
      }
      if (change.field !== 'messages') continue;
      const phoneNumberId = isObj(value.metadata) ? (str(value.metadata.phone_number_id) ?? null) : null;
      const contacts = arr(value.contacts).filter(isObj);
      const events: SplitEvent[] = [];
      for (const m of arr(value.messages)) {
        if (!isObj(m) || !str(m.id)) continue;
        // The sender's profile travels beside the message; keep it with the message it names.
        const contact = contacts.find((c) => str(c.wa_id) === str(m.from)) ?? contacts[0] ?? null;
        events.push({ kind: 'message', key: str(m.id)!, payload: { message: m, contact } });
      }
      for (const s of arr(value.statuses)) {
        if (!isObj(s) || !str(s.id) || !str(s.status)) continue;
        events.push({ kind: 'status', key: `${str(s.id)}:${str(s.status)}`, payload: s });
      }
      arr(value.errors).forEach((e, i) => {
        if (isObj(e)) events.push({ kind: 'error', key: `error:${str(e.code)}:${str(value.timestamp) ?? Date.now()}:${i}`, payload: e });
      });
      out.push({ phoneNumberId, wabaId, events });
    }
  }
  return out;
}

export interface ReadMessage {
  waId: string;
  name: string | null;
  externalId: string;
  receivedAt: Date;
  contentType: string;
  text: string | null;
  content: Record<string, unknown> | null;
  replyToExternalId: string | null;
  /** Media to download (its id on Meta's side). */
  media: { id: string; mimeType: string; fileName?: string } | null;
}

const MEDIA = ['image', 'audio', 'video', 'document', 'sticker'] as const;

/** A stored message event → the normalized content shapes (whatsapp-common brief). */
export function readMessage(payload: Obj): ReadMessage {
  const m = payload.message as Obj;
  const contact = isObj(payload.contact) ? payload.contact : null;
  const profile = contact && isObj(contact.profile) ? contact.profile : null;
  const type = str(m.type) ?? 'unknown';
  const base = {
    waId: str(m.from) ?? str(contact?.wa_id) ?? '',
    name: str(profile?.name) ?? null,
    externalId: str(m.id)!,
    receivedAt: new Date(Number(str(m.timestamp) ?? 0) * 1000 || Date.now()),
    replyToExternalId: isObj(m.context) ? (str(m.context.id) ?? null) : null,
    media: null,
  };
  const body = isObj(m[type]) ? (m[type] as Obj) : {};
  if (type === 'text') return { ...base, contentType: 'text', text: str(body.body) ?? '', content: null };
  if ((MEDIA as readonly string[]).includes(type) && str(body.id)) {
    const mimeType = str(body.mime_type) ?? 'application/octet-stream';
    const content: Obj = { mimeType, sha256: str(body.sha256) ?? null };
    if (type === 'audio') content.voice = body.voice === true;
    if (type === 'sticker') content.animated = body.animated === true;
    return {
      ...base,
      contentType: type,
      text: str(body.caption) ?? null,
      content,
      media: { id: str(body.id)!, mimeType, ...(str(body.filename) ? { fileName: str(body.filename) } : {}) },
    };
  }
  if (type === 'location') {
    const content = { latitude: Number(body.latitude), longitude: Number(body.longitude), name: str(body.name), address: str(body.address), url: str(body.url) };
    const text = [content.name, content.address].filter(Boolean).join(' — ') || `${content.latitude}, ${content.longitude}`;
    return { ...base, contentType: 'location', text, content };
  }
  if (type === 'contacts') {
    const list = arr(m.contacts).filter(isObj);
    const names = list.map((c) => (isObj(c.name) ? str(c.name.formatted_name) : undefined)).filter(Boolean);
    return { ...base, contentType: 'contacts', text: names.join(', ') || null, content: { contacts: list } };
  }
  if (type === 'interactive') {
    const kind = str(body.type) === 'list_reply' ? 'list_reply' : 'button_reply';
    const r = isObj(body[kind]) ? (body[kind] as Obj) : {};
    const content = { type: kind, id: str(r.id) ?? '', title: str(r.title) ?? '', ...(str(r.description) ? { description: str(r.description) } : {}) };
    return { ...base, contentType: 'interactive', text: content.title, content };
  }
  if (type === 'button') {
    return { ...base, contentType: 'button', text: str(body.text) ?? '', content: { payload: str(body.payload) ?? '', text: str(body.text) ?? '' } };
  }
  if (type === 'reaction') {
    const emoji = str(body.emoji) ?? '';
    return { ...base, contentType: 'reaction', text: emoji, content: { emoji, messageExternalId: str(body.message_id) ?? '' }, replyToExternalId: str(body.message_id) ?? null };
  }
  const inner = isObj(m.unsupported) ? str(m.unsupported.type) : undefined;
  return { ...base, contentType: 'unsupported', text: null, content: { type: inner ?? type, errors: arr(m.errors) } };
}

/** `+` and the digits of a wa_id: WhatsApp ids are the number in international form. */
/**
 * The contact's phone from a wa_id, normalized like every other phone: Brazilian ids of numbers
 * registered before the ninth digit lack it, and must still match the contact an import created.
 */
export function phoneOfWaId(waId: string): string | null {
  let phone = phones.get(waId);
  if (phone === undefined) {
    phone = /^\d{8,15}$/.test(waId) ? (toE164(`+${waId}`) ?? `+${waId}`) : null;
    // Parsing a number is the costliest step of reading a message, and the same customers write
    // again and again: remembered, up to a bound (then forgotten all at once, memory stays flat).
    if (phones.size >= PHONES_KEPT) phones.clear();
    phones.set(waId, phone);
  }
  return phone;
}
const PHONES_KEPT = 20_000;
const phones = new Map<string, string | null>();
