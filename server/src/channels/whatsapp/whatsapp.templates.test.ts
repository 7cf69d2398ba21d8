import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/test-server';
import { waitFor } from '../../../test/wait-for';
import { messages } from '../../modules/conversations';
import { whatsappWorkspace } from './whatsapp.test-helpers';

let s: TestServer;
let w: Awaited<ReturnType<typeof whatsappWorkspace>>;
beforeAll(async () => {
  s = await startTestServer();
  w = await whatsappWorkspace(s);
});

const list = (token = w.ws.token) => s.request('GET', `/api/v1/channels/${w.channelId}/templates`, { token });
const pedido = {
  name: 'pedido_enviado',
  language: 'pt_BR',
  category: 'UTILITY',
  components: {
    header: { text: 'Pedido {{1}}', example: '123' },
    body: { text: 'Olá {{1}}, seu pedido {{2}} saiu para entrega.', examples: ['Maria', '123'] },
    footer: { text: 'Loja Exemplo' },
    buttons: [{ type: 'QUICK_REPLY', text: 'Obrigado' }],
  },
};

describe('templates', () => {
  it('creates on the WABA as PENDING, the status webhook approves or rejects it', async () => {
    const r = await s.request('POST', `/api/v1/channels/${w.channelId}/templates`, { token: w.ws.token, body: pedido });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ name: 'pedido_enviado', language: 'pt_BR', status: 'PENDING', parameterCount: 2, externalId: expect.any(String) });
    expect(w.sandbox.templates.find('pedido_enviado')?.components).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'BODY', example: { body_text: [['Maria', '123']] } })]));
    await w.sandbox.templates.approve('pedido_enviado');
    await waitFor(async () => (await list(w.agent.token)).body.items.find((t: { name: string }) => t.name === 'pedido_enviado')?.status === 'APPROVED');

    expect((await s.request('POST', `/api/v1/channels/${w.channelId}/templates`, { token: w.ws.token, body: { ...pedido, name: 'promo_natal' } })).status).toBe(201);
    await w.sandbox.templates.reject('promo_natal', 'PROMOTIONAL');
    const rejected = await waitFor(async () => (await list()).body.items.find((t: { name: string; status: string }) => t.name === 'promo_natal' && t.status === 'REJECTED'));
    expect(rejected.rejectedReason).toBe('PROMOTIONAL');
  });

  it('refuses bad input naming the field; agents may read but not create', async () => {
    const bad = await s.request('POST', `/api/v1/channels/${w.channelId}/templates`, { token: w.ws.token, body: { ...pedido, name: 'Pedido Enviado' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('name');
    const noExamples = await s.request('POST', `/api/v1/channels/${w.channelId}/templates`, { token: w.ws.token, body: { ...pedido, name: 'sem_exemplos', components: { body: { text: 'Oi {{1}}' } } } });
    expect(noExamples.body.error.fields[0].path).toBe('components.body.examples');
    expect((await s.request('POST', `/api/v1/channels/${w.channelId}/templates`, { token: w.agent.token, body: pedido })).status).toBe(403);
    expect((await list(w.agent.token)).status).toBe(200);
  });

  it('sync pulls every page from the WABA and upserts', async () => {
    for (let i = 0; i < 120; i++) {
      w.sandbox.templates.add({ name: `aviso_${i}`, language: 'pt_BR', category: 'MARKETING', components: [{ type: 'BODY', text: `Aviso ${i}` }] });
    }
    const r = await s.request('POST', `/api/v1/channels/${w.channelId}/templates/sync`, { token: w.ws.token });
    expect(r.status).toBe(200);
    expect(r.body.synced).toBeGreaterThanOrEqual(122);
    const page = await s.request('GET', `/api/v1/channels/${w.channelId}/templates?limit=200&status=approved`, { token: w.ws.token });
    expect(page.body.items.filter((t: { name: string }) => t.name.startsWith('aviso_'))).toHaveLength(120);
    expect((await s.request('POST', `/api/v1/channels/${w.channelId}/templates/sync`, { token: w.ws.token })).body.synced).toBe(r.body.synced);
  });

  it('an approved template goes out with its body parameters and is stored filled in', async () => {
    const customer = w.sandbox.customer('5511922220001', 'Carla');
    const wamid = await customer.sendText('oi');
    const first = await waitFor(async () => (await s.atende.db.select().from(messages).where(eq(messages.externalId, wamid)))[0]);
    await waitFor(async () => (await s.request('GET', `/api/v1/conversations/${first.conversationId}`, { token: w.agent.token })).body.status === 'active');
    const r = await s.request('POST', `/api/v1/conversations/${first.conversationId}/messages`, {
      token: w.agent.token,
      body: { template: { name: 'pedido_enviado', language: 'pt_BR', parameters: ['Carla', '987'] } },
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ contentType: 'template', text: 'Olá Carla, seu pedido 987 saiu para entrega.' });
    const out = await w.sandbox.waitForSent((m) => m.to === '5511922220001' && m.type === 'template');
    expect(out.template).toEqual({
      name: 'pedido_enviado',
      language: { code: 'pt_BR' },
      components: [{ type: 'body', parameters: [{ type: 'text', text: 'Carla' }, { type: 'text', text: '987' }] }],
    });
  });
});
