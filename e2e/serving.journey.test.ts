import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { api } from './support/api';
import { useJourneyServer } from './support/journey-server';
import { journey, snapshot } from './support/browser';

/**
 * Serving journey (issue "Serving"): a customer writes on the web chat demo page; an online
 * agent receives it live, answers with a canned response, transfers to an agent of an allowed
 * group, who closes it as *closed* with a classification. The customer saw every message and
 * the contact's timeline shows the conversation.
 */
const world = useJourneyServer();

async function setUp() {
  const url = world.server.url;
  const admin = (await api(url, 'POST', '/api/v1/auth/login', { login: 'admin', password: 'Admin@2026' })).body.token;
  const user = async (login: string, displayName: string) =>
    (await api(url, 'POST', '/api/v1/users', { login, displayName, role: 'agent', password: 'Agente@2026', mustChangePassword: false }, admin)).body.id as string;
  const ana = await user('ana', 'Ana Souza');
  const bia = await user('bia', 'Bia Lima');
  const root = (await api(url, 'POST', '/api/v1/classifications', { name: 'Atendimento' }, admin)).body.id;
  await api(url, 'POST', '/api/v1/classifications', { name: 'Dúvida sobre pedido', parentId: root }, admin);
  const finance = (await api(url, 'POST', '/api/v1/service-groups', { name: 'Financeiro', agentIds: [bia] }, admin)).body.id;
  const support = await api(url, 'POST', '/api/v1/service-groups', {
    name: 'Suporte', agentIds: [ana], transferGroupIds: [finance], classificationId: root, classificationRequired: true,
  }, admin);
  expect(support.status).toBe(201);
  await api(url, 'POST', '/api/v1/canned-responses', { shortcut: '/ola', title: 'Saudação', text: 'Olá! Sou a Ana, em que posso ajudar?' }, admin);
  const channel = await api(url, 'POST', '/api/v1/channels', { type: 'webchat', name: 'Site', serviceGroupId: support.body.id }, admin);
  expect(channel.status).toBe(201);
  return { admin, channelId: channel.body.id as string };
}

async function agentPage(login: string): Promise<Page> {
  const context = await world.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'pt-BR' });
  const page = await context.newPage();
  await page.goto(`${world.server.url}/login`);
  await page.getByLabel('Login', { exact: true }).fill(login);
  await page.getByLabel('Senha', { exact: true }).fill('Agente@2026');
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.getByTestId('agent-workspace').waitFor();
  return page;
}

async function goOnline(page: Page) {
  const res = await page.request.put(`${world.server.url}/api/v1/me/presence`, { data: { status: 'online' } });
  expect(res.ok()).toBe(true);
}

describe('serving journey', () => {
  it('web chat → agent → canned response → transfer → close with classification', { timeout: 180_000 }, async () => {
    const { admin, channelId } = await setUp();
    const ana = await agentPage('ana');
    const bia = await agentPage('bia');
    const customer = await (await world.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'pt-BR' })).newPage();

    await journey(ana, 'serving-ana', async () => {
      await goOnline(ana);
      await goOnline(bia);

      await customer.goto(`${world.server.url}/widget-demo?channel=${channelId}`);
      await customer.getByTestId('atende-launcher').click();
      await customer.getByTestId('atende-prechat-name').fill('Maria Cliente');
      await customer.getByTestId('atende-prechat-phone').fill('(11) 98765-4321');
      await customer.getByTestId('atende-prechat-submit').click();
      await customer.getByTestId('atende-composer').fill('Olá, quero saber do meu pedido');
      await customer.getByTestId('atende-send').click();
      await snapshot(customer, 'serving-01-customer');

      // Ana receives it live, without reloading.
      const item = ana.getByTestId('conversation-item').first();
      await item.waitFor({ timeout: 30_000 });
      await item.click();
      await ana.getByTestId('conversation-view').getByText('Olá, quero saber do meu pedido').waitFor();

      // A canned response through the "/" picker.
      await ana.getByTestId('composer-input').fill('/ola');
      await ana.getByTestId('canned-option').first().click();
      await ana.getByTestId('composer-send').click();
      await ana.getByTestId('conversation-view').getByText('Olá! Sou a Ana, em que posso ajudar?').waitFor();
      await customer.getByText('Olá! Sou a Ana, em que posso ajudar?').waitFor({ timeout: 30_000 });
      await snapshot(ana, 'serving-02-ana');

      // Transfer to Bia.
      await ana.getByTestId('action-transfer').click();
      const modal = ana.getByTestId('transfer-modal');
      await modal.getByTestId('transfer-agent-option').filter({ hasText: 'Bia Lima' }).click();
      await modal.getByTestId('transfer-submit').click();
      await expect.poll(() => ana.getByTestId('conversation-item').count(), { timeout: 30_000 }).toBe(0);
    });

    await journey(bia, 'serving-bia', async () => {
      const item = bia.getByTestId('conversation-item').first();
      await item.waitFor({ timeout: 30_000 });
      await item.click();
      // The whole history moved with the conversation.
      await bia.getByTestId('conversation-view').getByText('Olá, quero saber do meu pedido').waitFor();
      await bia.getByTestId('conversation-view').getByText('Olá! Sou a Ana, em que posso ajudar?').waitFor();
      await bia.getByTestId('composer-input').fill('Seu pedido saiu para entrega hoje.');
      await bia.getByTestId('composer-send').click();
      await customer.getByText('Seu pedido saiu para entrega hoje.').waitFor({ timeout: 30_000 });

      await bia.getByTestId('action-close').click();
      const modal = bia.getByTestId('close-modal');
      await modal.getByTestId('close-folder-closed').click();
      await modal.getByTestId('classification-picker').getByText('Dúvida sobre pedido').click();
      await snapshot(bia, 'serving-03-close');
      await modal.getByTestId('close-submit').click();
      await expect.poll(() => bia.getByTestId('conversation-item').count(), { timeout: 30_000 }).toBe(0);
    });

    // The customer saw every message of the company, and their own.
    const shown = await customer.getByTestId('atende-message').allInnerTexts();
    const all = shown.join('\n');
    for (const text of ['Olá, quero saber do meu pedido', 'Olá! Sou a Ana, em que posso ajudar?', 'Seu pedido saiu para entrega hoje.']) expect(all).toContain(text);
    await snapshot(customer, 'serving-04-customer-end');

    // The contact's timeline shows the closed conversation with its classification.
    const contacts = await api(world.server.url, 'GET', '/api/v1/contacts?q=Maria', undefined, admin);
    const timeline = await api(world.server.url, 'GET', `/api/v1/contacts/${contacts.body.items[0].id}/timeline`, undefined, admin);
    expect(timeline.body.items).toHaveLength(1);
    expect(timeline.body.items[0]).toMatchObject({ status: 'closed', assigneeName: 'Bia Lima', classificationName: 'Dúvida sobre pedido' });
    expect(contacts.body.items[0].phone).toBe('+5511987654321');
  });
});
