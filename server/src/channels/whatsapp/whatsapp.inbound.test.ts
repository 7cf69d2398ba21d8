import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readMessage, splitNotification, validSignature } from './whatsapp.inbound';

const envelope = (value: Record<string, unknown>, field = 'messages') => ({
  object: 'whatsapp_business_account',
  entry: [{ id: 'WABA', changes: [{ field, value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' }, ...value } }] }],
});
const msg = (m: Record<string, unknown>) =>
  envelope({ contacts: [{ profile: { name: 'Sheena Nelson' }, wa_id: '16505551234' }], messages: [{ from: '16505551234', id: 'wamid.A', timestamp: '1749416383', ...m }] });
const read = (m: Record<string, unknown>) => readMessage(splitNotification(msg(m))[0].events[0].payload);

describe('signature', () => {
  const raw = Buffer.from('{"entry":[]}');
  const sign = (secret: string, body: Buffer) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
  it('accepts the HMAC of the exact bytes and refuses anything else', () => {
    expect(validSignature('s3cret', raw, sign('s3cret', raw))).toBe(true);
    expect(validSignature('other', raw, sign('s3cret', raw))).toBe(false);
    expect(validSignature('s3cret', Buffer.from('{"entry": []}'), sign('s3cret', raw))).toBe(false);
    expect(validSignature('s3cret', raw, undefined)).toBe(false);
    expect(validSignature('s3cret', raw, 'sha256=abc')).toBe(false);
    expect(validSignature('s3cret', raw, sign('s3cret', raw).replace('sha256=', 'sha1='))).toBe(false);
  });
});

describe('splitting a notification into events', () => {
  it('keys messages by wamid, statuses by id and status, template updates by id, event and time', () => {
    const body = envelope({
      messages: [{ from: '1', id: 'wamid.M', timestamp: '1', type: 'text', text: { body: 'oi' } }],
      statuses: [{ id: 'wamid.S', status: 'delivered', timestamp: '2', recipient_id: '1' }],
      errors: [{ code: 131000, title: 'Something went wrong' }],
    });
    const [c] = splitNotification(body);
    expect(c.phoneNumberId).toBe('106540352242922');
    expect(c.events.map((e) => [e.kind, e.key.split(':').slice(0, 2).join(':')])).toEqual([
      ['message', 'wamid.M'],
      ['status', 'wamid.S:delivered'],
      ['error', 'error:131000'],
    ]);
    const t = splitNotification(envelope({ event: 'APPROVED', message_template_id: 42, timestamp: 7 }, 'message_template_status_update'));
    expect(t[0]).toMatchObject({ phoneNumberId: null, wabaId: 'WABA', events: [{ kind: 'template_status', key: '42:APPROVED:7' }] });
  });

  it('refuses what is not an envelope and ignores unrelated fields', () => {
    expect(() => splitNotification({ hello: 1 })).toThrow();
    expect(() => splitNotification(null)).toThrow();
    expect(splitNotification(envelope({}, 'account_update'))).toEqual([]);
  });
});

describe('reading messages of every type', () => {
  it('text, with the profile name, timestamp and reply context', () => {
    const m = read({ type: 'text', text: { body: 'Tem outra cor?' }, context: { from: '1', id: 'wamid.PREV' } });
    expect(m).toMatchObject({ waId: '16505551234', name: 'Sheena Nelson', externalId: 'wamid.A', contentType: 'text', text: 'Tem outra cor?', replyToExternalId: 'wamid.PREV' });
    expect(m.receivedAt.toISOString()).toBe('2025-06-08T20:59:43.000Z');
  });
  it('media: caption, mime type, voice and animated flags, the media id to download', () => {
    expect(read({ type: 'image', image: { caption: 'foto', mime_type: 'image/jpeg', sha256: 'h', id: 'MID' } })).toMatchObject({
      contentType: 'image', text: 'foto', content: { mimeType: 'image/jpeg', sha256: 'h' }, media: { id: 'MID', mimeType: 'image/jpeg' },
    });
    expect(read({ type: 'audio', audio: { mime_type: 'audio/ogg; codecs=opus', sha256: 'h', id: 'A', voice: true } }).content).toMatchObject({ voice: true });
    expect(read({ type: 'sticker', sticker: { mime_type: 'image/webp', sha256: 'h', id: 'S', animated: false } }).content).toMatchObject({ animated: false });
    expect(read({ type: 'document', document: { filename: 'nota.pdf', mime_type: 'application/pdf', sha256: 'h', id: 'D' } }).media).toMatchObject({ fileName: 'nota.pdf' });
  });
  it('location, contacts, interactive replies, template buttons, reactions, unsupported', () => {
    expect(read({ type: 'location', location: { latitude: -23.5, longitude: -46.6, name: 'Loja', address: 'Av. Paulista, 1000' } })).toMatchObject({
      contentType: 'location', text: 'Loja — Av. Paulista, 1000', content: { latitude: -23.5, longitude: -46.6 },
    });
    expect(read({ type: 'contacts', contacts: [{ name: { formatted_name: 'Ana Lima' }, phones: [{ phone: '+5511' }] }] })).toMatchObject({ contentType: 'contacts', text: 'Ana Lima' });
    expect(read({ type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: 'x', title: 'Expressa', description: '1 dia' } } })).toMatchObject({
      contentType: 'interactive', text: 'Expressa', content: { type: 'list_reply', id: 'x', title: 'Expressa', description: '1 dia' },
    });
    expect(read({ type: 'button', button: { text: 'Sim', payload: 'YES' } })).toMatchObject({ contentType: 'button', text: 'Sim', content: { payload: 'YES', text: 'Sim' } });
    expect(read({ type: 'reaction', reaction: { message_id: 'wamid.T', emoji: '👍' } })).toMatchObject({ contentType: 'reaction', text: '👍', content: { emoji: '👍', messageExternalId: 'wamid.T' } });
    expect(read({ type: 'reaction', reaction: { message_id: 'wamid.T' } }).content).toMatchObject({ emoji: '' });
    expect(read({ type: 'unsupported', unsupported: { type: 'poll_update' }, errors: [{ code: 131051 }] })).toMatchObject({
      contentType: 'unsupported', content: { type: 'poll_update', errors: [{ code: 131051 }] },
    });
  });
});
