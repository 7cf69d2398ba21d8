import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { api } from './support/api';
import { useJourneyServer } from './support/journey-server';
import { journey, snapshot } from './support/browser';

/**
 * Contacts journey (issue "Contacts at scale"): an administrator imports a spreadsheet as
 * Excel in Brazil saves it (semicolon, Latin-1) with some bad rows, sees exactly those rows
 * with their reasons, fixes two of them in the grid, re-sends them, sees them accepted, and
 * finds the imported contacts by name without accents, by phone written another way and by
 * CPF without punctuation.
 */
const world = useJourneyServer();

/** A valid CPF from 9 digits (modulo-11 check digits). */
function cpf(base: number): string {
  const body = String(base).padStart(9, '0');
  const digit = (s: string) => {
    let sum = 0;
    for (let i = 0; i < s.length; i++) sum += Number(s[i]) * (s.length + 1 - i);
    const rest = sum % 11;
    return rest < 2 ? 0 : 11 - rest;
  };
  const d1 = digit(body);
  return `${body}${d1}${digit(body + d1)}`;
}
const punctuated = (c: string) => `${c.slice(0, 3)}.${c.slice(3, 6)}.${c.slice(6, 9)}-${c.slice(9)}`;

const FIRST = ['Antônio', 'Beatriz', 'Cláudia', 'Débora', 'Élton', 'Fábio', 'Gisele', 'Hélio', 'Íris', 'Júlia'];
const LAST = ['Araújo', 'Gonçalves', 'Simões', 'Conceição', 'Magalhães', 'Brandão', 'Assunção', 'Falcão', 'Monção', 'Guimarães'];

/** The person the search finds afterwards, and the rows that are wrong on purpose (data row → problem). */
const JOAQUIM = { name: 'Joaquim Brandão Simões', phone: '(21) 98765-1234', cpf: cpf(472_913_506) };
const BAD = { invalidCpf: 7, shortPhone: 13, badEmail: 21, unknownGroup: 30 };
const FIXED_CPF = cpf(318_274_650);

function spreadsheet(): Buffer {
  const lines = [['NETWORK', 'COUNTRY CODE', 'PHONE NUMBER', 'DISPLAY NAME', 'CPF/CNPJ', 'EMAIL', 'GROUP', 'AGENT', 'ATTRIBUTE', "ATTRIBUTE'S VALUE"]];
  for (let i = 1; i <= 50; i++) {
    const row = [
      'WHATSAPP',
      '55',
      `(11) 9${7000 + i}-${String(1000 + i * 7).slice(-4)}`,
      `${FIRST[i % 10]} ${LAST[(i * 3) % 10]} ${i}`,
      punctuated(cpf(100_000_000 + i * 137)),
      `cliente${i}@example.com`,
      i % 3 === 0 ? 'Suporte' : '',
      i % 5 === 0 ? 'ana' : '',
      i % 4 === 0 ? 'Plano' : '',
      i % 4 === 0 ? 'Básico' : '',
    ];
    if (i === 25) [row[2], row[3], row[4]] = [JOAQUIM.phone, JOAQUIM.name, punctuated(JOAQUIM.cpf)];
    if (i === BAD.invalidCpf) row[4] = '123.456.789-00';
    if (i === BAD.shortPhone) row[2] = '12345';
    if (i === BAD.badEmail) row[5] = 'sem-arroba.example.com';
    if (i === BAD.unknownGroup) row[6] = 'Grupo Inexistente';
    lines.push(row);
  }
  return Buffer.from(lines.map((l) => l.join(';')).join('\r\n') + '\r\n', 'latin1');
}

/** The file's line of a data row: the header is line 1. */
const line = (dataRow: number) => dataRow + 1;

async function setUp() {
  const url = world.server.url;
  const admin = (await api(url, 'POST', '/api/v1/auth/login', { login: 'admin', password: 'Admin@2026' })).body.token;
  const ana = await api(url, 'POST', '/api/v1/users', { login: 'ana', displayName: 'Ana Souza', role: 'agent', password: 'Agente@2026', mustChangePassword: false }, admin);
  expect(ana.status).toBe(201);
  expect((await api(url, 'POST', '/api/v1/service-groups', { name: 'Suporte', agentIds: [ana.body.id] }, admin)).status).toBe(201);
  expect((await api(url, 'POST', '/api/v1/contact-attributes', { name: 'Plano' }, admin)).status).toBe(201);
  return admin as string;
}

async function adminPage(): Promise<Page> {
  const context = await world.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'pt-BR' });
  const page = await context.newPage();
  await page.goto(`${world.server.url}/login`);
  await page.getByLabel('Login', { exact: true }).fill('admin');
  await page.getByLabel('Senha', { exact: true }).fill('Admin@2026');
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.getByTestId('app-navbar').waitFor();
  return page;
}

const failedRowNumbers = (page: Page) => page.getByTestId('import-failed-row').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-row'))));
const cell = (page: Page, row: number, column: string) => page.locator(`[data-testid=import-failed-row][data-row="${row}"] input[data-column="${column}"]`);
const rowErrors = (page: Page, row: number) => page.locator(`[data-testid=import-failed-row][data-row="${row}"] [data-testid=import-cell-error]`).allInnerTexts();

async function search(page: Page, text: string, expectedName: string) {
  const box = page.getByPlaceholder('Nome, telefone, e-mail ou CPF/CNPJ');
  await box.fill(text);
  // The list follows the typing (debounced): wait for the answer to this search.
  await expect.poll(async () => page.getByTestId('contact-row-name').allInnerTexts(), { timeout: 15_000 }).toEqual([expectedName]);
}

describe('contacts journey', () => {
  it('imports a Latin-1 spreadsheet, fixes two rejected rows in place and finds the contacts', { timeout: 180_000 }, async () => {
    const admin = await setUp();
    const page = await adminPage();

    await journey(page, 'contacts', async () => {
      await page.getByTestId('nav-contacts').click();
      await page.getByTestId('contacts-page').waitFor();
      await page.getByTestId('open-import').click();
      await page.getByTestId('contact-import-page').waitFor();

      await page.getByTestId('import-file-input').setInputFiles({ name: 'clientes.csv', mimeType: 'text/csv', buffer: spreadsheet() });
      await page.getByTestId('import-file').getByText('clientes.csv').waitFor();
      await page.getByTestId('import-submit').click();
      await page.locator('[data-testid=import-progress] [data-status=done]').waitFor({ timeout: 60_000 });
      await page.getByTestId('import-failed-rows').waitFor();

      // Exactly the four bad rows, each with its reason under the right cell.
      expect(await failedRowNumbers(page)).toEqual([line(BAD.invalidCpf), line(BAD.shortPhone), line(BAD.badEmail), line(BAD.unknownGroup)]);
      expect(await rowErrors(page, line(BAD.invalidCpf))).toEqual(['CPF inválido: dígitos verificadores não conferem']);
      expect(await rowErrors(page, line(BAD.shortPhone))).toEqual(['Telefone curto demais']);
      expect(await rowErrors(page, line(BAD.badEmail))).toEqual(['E-mail inválido']);
      expect(await rowErrors(page, line(BAD.unknownGroup))).toEqual(['Grupo de atendimento não encontrado']);
      expect(await cell(page, line(BAD.invalidCpf), 'CPF/CNPJ').getAttribute('data-bad')).toBe('true');
      expect(await cell(page, line(BAD.shortPhone), 'PHONE NUMBER').getAttribute('data-bad')).toBe('true');
      expect(await page.getByTestId('import-created').innerText()).toBe('46');
      expect(await page.getByTestId('import-failed').innerText()).toBe('4');
      await snapshot(page, 'contacts-01-import-errors');

      // Fix two rows in the grid and send them again.
      await cell(page, line(BAD.invalidCpf), 'CPF/CNPJ').fill(punctuated(FIXED_CPF));
      await cell(page, line(BAD.shortPhone), 'PHONE NUMBER').fill('11 3322-4455');
      await page.getByTestId('import-resend').click();
      await expect.poll(() => page.getByTestId('import-fixed-row').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-row')))), { timeout: 15_000 })
        .toEqual([line(BAD.invalidCpf), line(BAD.shortPhone)]);
      expect(await failedRowNumbers(page)).toEqual([line(BAD.badEmail), line(BAD.unknownGroup)]);
      expect(await page.getByTestId('import-created').innerText()).toBe('48');
      expect(await page.getByTestId('import-failed').innerText()).toBe('2');
      await snapshot(page, 'contacts-02-rows-fixed');

      // The imported contacts are found, whichever way they are typed.
      await page.getByTestId('nav-contacts').click();
      await page.getByTestId('contacts-page').waitFor();
      await search(page, 'joaquim brandao', JOAQUIM.name);
      await search(page, '+55 21 98765 1234', JOAQUIM.name);
      await search(page, JOAQUIM.cpf, JOAQUIM.name);
      expect(await page.getByTestId('contact-row-document').innerText()).toBe(punctuated(JOAQUIM.cpf));
      expect(await page.getByTestId('contact-row-phone').innerText()).toBe('(21) 98765-1234');
      // A row fixed in the grid is a contact like the others.
      await search(page, FIXED_CPF, `${FIRST[BAD.invalidCpf % 10]} ${LAST[(BAD.invalidCpf * 3) % 10]} ${BAD.invalidCpf}`);
      await snapshot(page, 'contacts-03-search');
    });

    // The server agrees with what the screen showed.
    const imports = await api(world.server.url, 'GET', '/api/v1/contacts/imports', undefined, admin);
    const job = await api(world.server.url, 'GET', `/api/v1/contacts/imports/${imports.body.items[0].id}`, undefined, admin);
    expect(job.body).toMatchObject({ status: 'done', totalRows: 50, created: 48, failedCount: 2 });
    expect(job.body.failed.map((r: { row: number }) => r.row)).toEqual([line(BAD.badEmail), line(BAD.unknownGroup)]);
  });
});
