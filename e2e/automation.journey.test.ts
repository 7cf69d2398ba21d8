import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { api } from './support/api';
import { useJourneyServer } from './support/journey-server';
import { journey, snapshot } from './support/browser';

/**
 * Automation journey (issue "Group automation", ROUTE-5/6, CHAN-6) through the web chat demo page
 * on the real server and its own clock:
 * - out of business hours the customer gets the out-of-hours message with their protocol and
 *   name, the conversation waits in the queue, and an agent who comes online receives it;
 * - open, with nobody online, the customer gets the no-agent message once (not again on their
 *   second message), the wait message after its one-minute interval, and the greeting when an
 *   agent comes online and takes the conversation.
 */
const world = useJourneyServer();
const url = () => world.server.url;

const ZONE = 'America/Sao_Paulo';
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const ALL_DAY = Object.fromEntries(WEEKDAYS.map((d) => [d, [{ start: '00:00', end: '24:00' }]]));
const DAY = 24 * 60 * 60_000;
/** A calendar date in the schedule's zone, as the API writes holidays. */
const localDate = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(ms));

let admin = '';
async function adminToken() {
  if (!admin) admin = (await api(url(), 'POST', '/api/v1/auth/login', { login: 'admin', password: 'Admin@2026' })).body.token;
  return admin;
}

/** A group with one agent and a web chat channel routed to it, with these automatic messages. */
async function setUpChannel(o: { group: string; agentLogin: string; agentName: string; hours: Record<string, unknown>; settings: Record<string, unknown> }) {
  const token = await adminToken();
  const agent = await api(url(), 'POST', '/api/v1/users', { login: o.agentLogin, displayName: o.agentName, role: 'agent', password: 'Agente@2026', mustChangePassword: false }, token);
  expect(agent.status).toBe(201);
  const hours = await api(url(), 'POST', '/api/v1/business-hours', { timeZone: ZONE, ...o.hours }, token);
  expect(hours.status).toBe(201);
  const group = await api(url(), 'POST', '/api/v1/service-groups', { name: o.group, agentIds: [agent.body.id] }, token);
  expect(group.status).toBe(201);
  const channel = await api(url(), 'POST', '/api/v1/channels', {
    type: 'webchat', name: `Site ${o.group}`, serviceGroupId: group.body.id, settings: { businessHoursId: hours.body.id, ...o.settings },
  }, token);
  expect(channel.status).toBe(201);
  return { hours: hours.body, groupId: group.body.id as string, channelId: channel.body.id as string };
}

async function agentPage(login: string): Promise<Page> {
  const context = await world.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'pt-BR' });
  const page = await context.newPage();
  await page.goto(`${url()}/login`);
  await page.getByLabel('Login', { exact: true }).fill(login);
  await page.getByLabel('Senha', { exact: true }).fill('Agente@2026');
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.getByTestId('agent-workspace').waitFor();
  return page;
}

async function goOnline(page: Page) {
  const res = await page.request.put(`${url()}/api/v1/me/presence`, { data: { status: 'online' } });
  expect(res.ok()).toBe(true);
}

/** The customer on the demo page, past the pre-chat form. */
async function customerPage(channelId: string, name: string, phone: string): Promise<Page> {
  const page = await (await world.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'pt-BR' })).newPage();
  await page.goto(`${url()}/widget-demo?channel=${channelId}`);
  await page.getByTestId('atende-launcher').click();
  await page.getByTestId('atende-prechat-name').fill(name);
  await page.getByTestId('atende-prechat-phone').fill(phone);
  await page.getByTestId('atende-prechat-submit').click();
  await page.getByTestId('atende-composer').waitFor();
  return page;
}

async function write(customer: Page, text: string) {
  await customer.getByTestId('atende-composer').fill(text);
  await customer.getByTestId('atende-send').click();
  await customer.locator('[data-testid="atende-message"][data-direction="in"] .text').getByText(text, { exact: true }).waitFor();
}

/** What the company said to the customer, as the widget shows it, in order. */
const companyTexts = (customer: Page) => customer.locator('[data-testid="atende-message"][data-direction="out"] .text').allInnerTexts();

/** The group's only conversation, once the server has it. */
async function conversationOf(groupId: string) {
  let items: { id: string; status: string; protocol: string }[] = [];
  await expect
    .poll(async () => {
      items = (await api(url(), 'GET', `/api/v1/conversations?serviceGroupId=${groupId}`, undefined, await adminToken())).body.items;
      return items.length;
    }, { timeout: 30_000 })
    .toBe(1);
  return items[0];
}

const conversation = async (id: string) => (await api(url(), 'GET', `/api/v1/conversations/${id}`, undefined, await adminToken())).body;

describe('automation journey (ROUTE-5, ROUTE-6, CHAN-6)', () => {
  it('out of hours: the out-of-hours message with protocol and name; queued until an agent comes online', { timeout: 120_000 }, async () => {
    // Open all day every day, but yesterday, today and tomorrow are holidays: closed now even
    // if the test runs across midnight in São Paulo.
    const now = Date.now();
    const holidays = [-1, 0, 1].map((d) => ({ date: localDate(now + d * DAY), name: 'Feriado' }));
    const { hours, groupId, channelId } = await setUpChannel({
      group: 'Suporte',
      agentLogin: 'ana',
      agentName: 'Ana Souza',
      hours: { name: 'Plantão com feriado', weekly: ALL_DAY, holidays },
      settings: {
        outOfHoursMessage: 'Olá, {{contact.name}}! Estamos fora do horário de atendimento. Seu protocolo é {{protocol}}; responderemos assim que possível.',
        // Out of hours, the no-agent message is not what the customer needs to hear.
        noAgentMessage: 'Todos os atendentes estão ocupados.',
        greeting: { text: 'Olá, {{contact.name}}! Aqui é {{agent.name}}, obrigado por aguardar.' },
      },
    });
    expect(hours.openNow).toBe(false);

    const customer = await customerPage(channelId, 'Maria Cliente', '(11) 98765-4321');
    await journey(customer, 'automation-out-of-hours', async () => {
      await write(customer, 'Boa noite, vocês entregam no sábado?');
      const queued = await conversationOf(groupId);
      const outOfHours = `Olá, Maria Cliente! Estamos fora do horário de atendimento. Seu protocolo é ${queued.protocol}; responderemos assim que possível.`;
      await expect.poll(() => companyTexts(customer), { timeout: 30_000 }).toEqual([outOfHours]);
      expect(queued.protocol).toMatch(/\d/);
      expect((await conversation(queued.id)).status).toBe('queued');
      await snapshot(customer, 'automation-01-out-of-hours');

      // The agent logs in and goes online: the waiting conversation is delivered (ROUTE-5).
      const ana = await agentPage('ana');
      await journey(ana, 'automation-out-of-hours-agent', async () => {
        await goOnline(ana);
        const item = ana.getByTestId('conversation-item').first();
        await item.waitFor({ timeout: 30_000 });
        await item.click();
        await ana.getByTestId('conversation-view').getByText('Boa noite, vocês entregam no sábado?').waitFor();
        await expect.poll(async () => (await conversation(queued.id)).status, { timeout: 30_000 }).toBe('active');
        expect((await conversation(queued.id)).assigneeName).toBe('Ana Souza');
        await snapshot(ana, 'automation-02-agent-receives');
      });
      await expect.poll(() => companyTexts(customer), { timeout: 30_000 }).toEqual([outOfHours, 'Olá, Maria Cliente! Aqui é Ana Souza, obrigado por aguardar.']);
      await snapshot(customer, 'automation-03-customer-greeted');
    });
  });

  it('nobody online: the no-agent message once, the wait message at its interval, the greeting when an agent takes it', { timeout: 150_000 }, async () => {
    const { hours, groupId, channelId } = await setUpChannel({
      group: 'Vendas',
      agentLogin: 'bia',
      agentName: 'Bia Lima',
      hours: { name: 'Sempre aberto', weekly: ALL_DAY },
      settings: {
        noAgentMessage: 'Olá, {{contact.name}}! No momento todos os atendentes estão indisponíveis. Seu protocolo é {{protocol}}.',
        waitMessage: '{{contact.name}}, você continua na fila (posição {{queue.position}}). Obrigado pela paciência!',
        waitMessageIntervalMinutes: 1,
        greeting: { text: 'Olá, {{contact.name}}! Sou {{agent.name}}, em que posso ajudar?' },
      },
    });
    expect(hours.openNow).toBe(true);

    const customer = await customerPage(channelId, 'João Pereira', '(21) 99876-5432');
    await journey(customer, 'automation-no-agent', async () => {
      await write(customer, 'Oi, quero comprar uma cafeteira');
      const queued = await conversationOf(groupId);
      const noAgent = `Olá, João Pereira! No momento todos os atendentes estão indisponíveis. Seu protocolo é ${queued.protocol}.`;
      await expect.poll(() => companyTexts(customer), { timeout: 30_000 }).toEqual([noAgent]);

      // The wait message is armed one interval after the conversation entered the queue.
      const armed = await conversation(queued.id);
      expect(armed.status).toBe('queued');
      expect(armed.timers).toContainEqual({ kind: 'automation.wait-message', dueAt: new Date(Date.parse(armed.queuedAt) + 60_000).toISOString() });

      await write(customer, 'Alguém aí?');
      await snapshot(customer, 'automation-04-no-agent');

      // A minute after queuing, the wait message arrives; the no-agent message was not repeated.
      const wait = 'João Pereira, você continua na fila (posição 1). Obrigado pela paciência!';
      await expect.poll(() => companyTexts(customer), { timeout: 80_000, interval: 1_000 }).toEqual([noAgent, wait]);
      expect((await conversation(queued.id)).status).toBe('queued');
      await snapshot(customer, 'automation-05-wait-message');

      const bia = await agentPage('bia');
      await journey(bia, 'automation-no-agent-agent', async () => {
        await goOnline(bia);
        const item = bia.getByTestId('conversation-item').first();
        await item.waitFor({ timeout: 30_000 });
        await item.click();
        await bia.getByTestId('conversation-view').getByText('Oi, quero comprar uma cafeteira').waitFor();
        await bia.getByTestId('conversation-view').getByText('Alguém aí?').waitFor();
        await snapshot(bia, 'automation-06-agent-receives');
      });
      const greeting = 'Olá, João Pereira! Sou Bia Lima, em que posso ajudar?';
      await expect.poll(() => companyTexts(customer), { timeout: 30_000 }).toEqual([noAgent, wait, greeting]);
      const served = await conversation(queued.id);
      expect(served).toMatchObject({ status: 'active', assigneeName: 'Bia Lima' });
      // Taken from the queue: the wait message stops.
      expect(served.timers.map((t: { kind: string }) => t.kind)).not.toContain('automation.wait-message');
      await snapshot(customer, 'automation-07-customer-greeted');
    });
  });
});
