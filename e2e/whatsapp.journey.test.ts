import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { Page } from 'playwright-core';
import { startWhatsappSandbox, type Sandbox } from '../sandbox/whatsapp';
import { api } from './support/api';
import { freePort } from './support/server-process';
import { useJourneyServer } from './support/journey-server';
import { journey, snapshot } from './support/browser';

/**
 * WhatsApp journey against the sandbox (the fake Cloud API): the phone writes, a bot-less
 * group routes it to the agent, who answers with an image and a button message; the phone
 * taps a button; the agent closes as pending; 25 hours later (simulated clock) a free-form
 * send is refused and a template goes through.
 */
const pgPort = await freePort();
const world = useJourneyServer({ EMBEDDED_PG_PORT: String(pgPort) });
let sandbox: Sandbox | undefined;
afterAll(async () => {
  await sandbox?.close();
});

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

describe('whatsapp journey', () => {
  it('phone → agent (image, buttons) → tap → pending → 25 h later only a template goes', { timeout: 180_000 }, async () => {
    const url = world.server.url;
    sandbox = await startWhatsappSandbox({
      port: 0,
      webhookUrl: `${url}/webhooks/whatsapp`,
      appSecret: 'sandbox-app-secret',
      verifyToken: 'sandbox-verify',
      phoneNumberId: '106540352242922',
      wabaId: '102290129340398',
      accessToken: 'sandbox-token',
    });
    sandbox.templates.add({
      name: 'retomar_atendimento',
      language: 'pt_BR',
      category: 'UTILITY',
      components: [{ type: 'BODY', text: 'Olá {{1}}, podemos continuar seu atendimento?' }],
    });

    const admin = (await api(url, 'POST', '/api/v1/auth/login', { login: 'admin', password: 'Admin@2026' })).body.token;
    const agentId = (await api(url, 'POST', '/api/v1/users', { login: 'carla', displayName: 'Carla Dias', role: 'agent', password: 'Agente@2026', mustChangePassword: false }, admin)).body.id;
    const group = await api(url, 'POST', '/api/v1/service-groups', { name: 'WhatsApp', agentIds: [agentId], settings: { activeSend: { whatsapp: true } } }, admin);
    expect(group.status).toBe(201);
    const channel = await api(url, 'POST', '/api/v1/channels', {
      type: 'whatsapp', name: 'WhatsApp Loja', serviceGroupId: group.body.id,
      credentials: { phoneNumberId: '106540352242922', wabaId: '102290129340398', accessToken: 'sandbox-token', appSecret: 'sandbox-app-secret', verifyToken: 'sandbox-verify', graphUrl: sandbox.url },
    }, admin);
    expect(channel.status).toBe(201);
    expect((await api(url, 'POST', `/api/v1/channels/${channel.body.id}/templates/sync`, undefined, admin)).status).toBeLessThan(300);

    const context = await world.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'pt-BR' });
    const agent: Page = await context.newPage();
    await agent.goto(`${url}/login`);
    await agent.getByLabel('Login', { exact: true }).fill('carla');
    await agent.getByLabel('Senha', { exact: true }).fill('Agente@2026');
    await agent.getByRole('button', { name: 'Entrar' }).click();
    await agent.getByTestId('agent-workspace').waitFor();
    expect((await agent.request.put(`${url}/api/v1/me/presence`, { data: { status: 'online' } })).ok()).toBe(true);

    const phone = await (await world.browser.newContext({ viewport: { width: 480, height: 900 }, locale: 'pt-BR' })).newPage();
    await journey(agent, 'whatsapp-agent', async () => {
      await phone.goto(sandbox!.url);
      await phone.getByTestId('phone-customer-name').fill('João Pereira');
      await phone.getByTestId('phone-customer-number').fill('5511987650001');
      await phone.getByTestId('phone-start').click();
      await phone.getByTestId('phone-composer').fill('Oi, meu produto chegou com defeito');
      await phone.getByTestId('phone-send').click();

      const item = agent.getByTestId('conversation-item').first();
      await item.waitFor({ timeout: 30_000 });
      await item.click();
      const view = agent.getByTestId('conversation-view');
      await view.getByText('Oi, meu produto chegou com defeito').waitFor();

      // An image with a caption.
      await agent.getByTestId('composer').locator('input[type=file]').setInputFiles({ name: 'etiqueta.png', mimeType: 'image/png', buffer: PNG });
      await agent.getByTestId('composer-attachment').waitFor();
      await agent.getByTestId('composer-input').fill('Siga esta etiqueta para a troca');
      await agent.getByTestId('composer-send').click();
      await sandbox!.waitForSent((m) => m.type === 'image', 30_000);

      // A button message from the builder.
      await agent.getByTestId('composer-more').click();
      await agent.getByTestId('menu-interactive').click();
      const builder = agent.getByTestId('interactive-builder');
      await builder.getByTestId('builder-body').fill('Prefere troca ou reembolso?');
      await builder.getByLabel('Botão 1').fill('Troca');
      await builder.getByLabel('Botão 2').fill('Reembolso');
      await builder.getByTestId('builder-send').click();
      await sandbox!.waitForSent((m) => m.type === 'interactive', 30_000);
      await snapshot(agent, 'whatsapp-01-agent');

      // The phone taps a button; the reply reaches the agent.
      await phone.getByTestId('phone-button').filter({ hasText: 'Reembolso' }).first().click();
      await view.getByText('Reembolso').last().waitFor({ timeout: 30_000 });
      await snapshot(phone, 'whatsapp-02-phone');

      await agent.getByTestId('action-close').click();
      await agent.getByTestId('close-modal').getByTestId('close-folder-pending').click();
      await agent.getByTestId('close-modal').getByTestId('close-submit').click();
      await expect.poll(() => agent.getByTestId('conversation-item').count(), { timeout: 30_000 }).toBe(0);
    });

    // 25 hours later: both clocks move — Meta's (the sandbox) and Atende's data.
    sandbox.advanceClock(25 * 3600_000);
    const db = new pg.Client({ connectionString: `postgres://postgres:postgres@127.0.0.1:${pgPort}/postgres` });
    await db.connect();
    await db.query(`update conversations set last_customer_message_at = last_customer_message_at - interval '25 hours',
                    window_expires_at = window_expires_at - interval '25 hours'`);
    await db.query(`update messages set created_at = created_at - interval '25 hours' where direction = 'in'`);
    await db.end();

    const contacts = await api(url, 'GET', '/api/v1/contacts?q=Jo', undefined, admin);
    const contactId = contacts.body.items[0].id;
    const send = (body: object) => agent.request.post(`${url}/api/v1/outbound-messages`, { data: { contactId, channelId: channel.body.id, serviceGroupId: group.body.id, ...body } });
    const refused = await send({ text: 'Olá, ainda precisa de ajuda?' });
    expect(refused.status()).toBe(409);
    expect((await refused.json()).error.code).toBe('window_closed');
    const ok = await send({ template: { name: 'retomar_atendimento', language: 'pt_BR', parameters: ['João'] } });
    expect(ok.status()).toBe(201);
    const sent = await sandbox.waitForSent((m) => m.type === 'template', 30_000);
    expect(sent.template).toMatchObject({ name: 'retomar_atendimento', language: { code: 'pt_BR' } });
    await phone.getByText('Olá João, podemos continuar seu atendimento?').waitFor({ timeout: 30_000 });
    await snapshot(phone, 'whatsapp-03-phone-template');
    await context.close();
  });
});
