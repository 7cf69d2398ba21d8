import { messageEnvelope, unixSeconds, type SandboxCore } from './envelopes';
import { newWamid, type Json } from './store';

/**
 * A customer's phone: each method posts one correctly shaped, signed webhook (protocols.md §1.4)
 * and resolves with the new wamid once Atende answered the first attempt (retries go on).
 */
export interface CustomerHandle {
  waId: string;
  name: string;
  sendText(body: string, opts?: { replyTo?: string }): Promise<string>;
  sendImage(bytes: Uint8Array, mime?: string, caption?: string): Promise<string>;
  sendDocument(bytes: Uint8Array, mime?: string, filename?: string, caption?: string): Promise<string>;
  /** `voice` = a recorded voice note (push-to-talk); default bytes are a tiny OGG stub. */
  sendAudio(voice?: boolean, bytes?: Uint8Array, mime?: string): Promise<string>;
  sendVideo(bytes: Uint8Array, mime?: string, caption?: string): Promise<string>;
  sendSticker(bytes?: Uint8Array, animated?: boolean): Promise<string>;
  sendLocation(latitude: number, longitude: number, name?: string, address?: string): Promise<string>;
  sendContacts(contacts: Json[]): Promise<string>;
  /** Taps a reply button of an interactive message Atende sent (`replyTo` = its wamid). */
  tapButton(replyTo: string, id: string, title: string): Promise<string>;
  chooseListRow(replyTo: string, id: string, title: string, description?: string): Promise<string>;
  /** Taps a quick-reply button of a template message (arrives as type `button`). */
  tapTemplateButton(replyTo: string, payload: string, text: string): Promise<string>;
  /** An empty emoji removes the reaction. */
  react(wamid: string, emoji: string): Promise<string>;
  sendUnsupported(kind?: string): Promise<string>;
}

// Magic bytes only: enough for a content sniffer, not a playable file.
const OGG_STUB = Buffer.from('4f676753000200000000000000000000000000000000', 'hex');
const WEBP_STUB = Buffer.from('524946461a000000574542505650384c0d0000002f0000000000000000000000', 'hex');

export function customerHandle(core: SandboxCore, waId: string, name?: string): CustomerHandle {
  const customer = core.store.customer(waId, name);

  async function post(type: string, fields: Json, context?: string, kind = type): Promise<string> {
    const at = core.now();
    const wamid = newWamid();
    const message: Json = { from: waId, id: wamid, timestamp: unixSeconds(at), type, ...fields };
    if (context) message.context = { from: core.displayPhoneNumber, id: context };
    // A reaction is not a bubble of its own: it decorates the message it reacts to.
    if (type === 'reaction') {
      const target = core.store.item(fields.reaction.message_id);
      if (target) {
        target.reactions = target.reactions.filter((r) => r.from !== 'customer');
        if (fields.reaction.emoji) target.reactions.push({ from: 'customer', emoji: fields.reaction.emoji });
        core.store.changed();
      }
    } else {
      core.store.addItem({ wamid, waId, direction: 'in', type: kind, payload: message, at, status: 'pending' });
    }
    // Every customer message opens (or refreshes) the 24-hour window.
    customer.lastInboundAt = at;
    const delivery = await core.webhooks.send('messages', messageEnvelope(core, customer, message));
    if (delivery.acknowledged) core.store.setStatus(wamid, 'sent');
    return wamid;
  }

  function media(kind: string, bytes: Uint8Array, mime: string, extra: Json = {}) {
    const item = core.store.addMedia(Buffer.from(bytes), mime, 'customer', extra.filename);
    const obj: Json = { mime_type: mime, sha256: item.sha256, id: item.id, ...extra };
    for (const k of Object.keys(obj)) if (obj[k] === undefined) delete obj[k];
    return post(kind, { [kind]: obj });
  }

  return {
    waId,
    get name() {
      return customer.name;
    },
    sendText: (body, opts) => post('text', { text: { body } }, opts?.replyTo),
    sendImage: (bytes, mime = 'image/jpeg', caption) => media('image', bytes, mime, { caption }),
    sendDocument: (bytes, mime = 'application/pdf', filename = 'document.pdf', caption) =>
      media('document', bytes, mime, { caption, filename }),
    sendAudio: (voice = true, bytes = OGG_STUB, mime = 'audio/ogg; codecs=opus') => media('audio', bytes, mime, { voice }),
    sendVideo: (bytes, mime = 'video/mp4', caption) => media('video', bytes, mime, { caption }),
    sendSticker: (bytes = WEBP_STUB, animated = false) => media('sticker', bytes, 'image/webp', { animated }),
    sendLocation: (latitude, longitude, name, address) => {
      const location: Json = { latitude, longitude };
      if (name) location.name = name;
      if (address) location.address = address;
      return post('location', { location });
    },
    sendContacts: (contacts) => post('contacts', { contacts }),
    tapButton: (replyTo, id, title) =>
      post('interactive', { interactive: { type: 'button_reply', button_reply: { id, title } } }, replyTo),
    chooseListRow: (replyTo, id, title, description) => {
      const list_reply: Json = { id, title };
      if (description) list_reply.description = description;
      return post('interactive', { interactive: { type: 'list_reply', list_reply } }, replyTo);
    },
    tapTemplateButton: (replyTo, payload, text) => post('button', { button: { payload, text } }, replyTo),
    react: (wamid, emoji) => post('reaction', { reaction: { message_id: wamid, emoji } }),
    sendUnsupported: (kind = 'poll_update') =>
      post('unsupported', {
        unsupported: { type: kind },
        errors: [
          {
            code: 131051,
            title: 'Message type unknown',
            message: 'Message type unknown',
            error_data: { details: 'Message type is currently not supported.' },
          },
        ],
      }),
  };
}
