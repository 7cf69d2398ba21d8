import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/test-server';
import { servingFixture } from '../../../test/serving-fixture';
import { fileForm, PDF, PNG } from '../attachments/attachment.test-files';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});

describe('media permissions of the group (ROUTE-3)', () => {
  it('an agent may not send a kind of file the group forbids; the others go', async () => {
    const f = await servingFixture(s, { agents: 1, groupExtra: { settings: { allowImage: false } } });
    const agent = f.agents[0];
    await f.online(agent.token);
    const { conversation } = await f.inbound(await f.contact('Vera'), 'Pode me mandar o boleto?');
    await f.assigned(conversation.id);
    const upload = async (name: string, bytes: Buffer, type: string) =>
      (await s.request('POST', '/api/v1/attachments', { token: agent.token, body: fileForm(name, bytes, type) })).body.id as string;

    const image = await s.request('POST', `/api/v1/conversations/${conversation.id}/messages`, { token: agent.token, body: { attachmentId: await upload('print.png', PNG, 'image/png') } });
    expect(image.status).toBe(403);
    expect(image.body.error.fields).toEqual([{ path: 'attachmentId', message: 'image not allowed in this service group' }]);

    const pdf = await s.request('POST', `/api/v1/conversations/${conversation.id}/messages`, { token: agent.token, body: { attachmentId: await upload('boleto.pdf', PDF, 'application/pdf'), caption: 'Segue o boleto' } });
    expect(pdf.status).toBe(201);
    expect(pdf.body).toMatchObject({ contentType: 'document', text: 'Segue o boleto' });
    // Nothing of the refused one was kept in the conversation.
    const list = await s.request('GET', `/api/v1/conversations/${conversation.id}/messages`, { token: agent.token });
    expect((list.body.items as { contentType: string; direction: string }[]).filter((m) => m.direction === 'out').map((m) => m.contentType)).toEqual(['document']);
  });
});
