import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/test-server';
import { whatsappWorkspace } from './whatsapp.test-helpers';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});

describe('a WhatsApp number serves one active channel (webhook routing by phone_number_id)', () => {
  it('refuses the same phoneNumberId on another active channel, in any workspace, with 409 naming the field', async () => {
    const w = await whatsappWorkspace(s);
    const other = await s.workspace('Outra');
    const group = await s.request('POST', '/api/v1/service-groups', { token: other.token, body: { name: 'Outro grupo' } });
    const body = { type: 'whatsapp', name: 'Cópia', serviceGroupId: group.body.id, credentials: { ...w.creds, appSecret: 'x'.repeat(20) } };
    const dup = await s.request('POST', '/api/v1/channels', { token: other.token, body });
    expect(dup.status).toBe(409);
    expect(dup.body.error.fields[0].path).toBe('credentials.phoneNumberId');

    // Once the first is inactive the number may move; reactivating the first is then refused.
    expect((await s.request('POST', `/api/v1/channels/${w.channelId}/deactivate`, { token: w.ws.token })).status).toBe(200);
    const moved = await s.request('POST', '/api/v1/channels', { token: other.token, body });
    expect(moved.status).toBe(201);
    const back = await s.request('POST', `/api/v1/channels/${w.channelId}/activate`, { token: w.ws.token });
    expect(back.status).toBe(409);
    expect(back.body.error.fields[0].path).toBe('credentials.phoneNumberId');

    // Rotating a secret keeps the channel's own number without tripping over itself.
    const rotate = await s.request('PATCH', `/api/v1/channels/${moved.body.id}`, { token: other.token, body: { credentials: { accessToken: 'novo-token' } } });
    expect(rotate.status).toBe(200);
  });
});
