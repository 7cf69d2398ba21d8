import { describe, expect, it } from 'vitest';
import { useJourneyServer } from './support/journey-server';
import { journey, snapshot } from './support/browser';

/**
 * Foundation journey in a real Chromium against the real server process: the bootstrap
 * administrator creates an agent with a temporary password; the agent logs in, is forced
 * to change it, and lands in the agent workspace.
 */
const world = useJourneyServer();

describe('foundation journey', () => {
  it('admin creates an agent; the agent changes the temporary password and lands in the workspace', { timeout: 120_000 }, async () => {
    const context = await world.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'pt-BR' });
    const page = await context.newPage();
    await journey(page, 'foundation', async () => {
      await page.goto(`${world.server.url}/`);
      await page.getByLabel('Login', { exact: true }).fill('admin');
      await page.getByLabel('Senha', { exact: true }).fill('Admin@2026');
      await snapshot(page, 'foundation-01-login');
      await page.getByRole('button', { name: 'Entrar' }).click();

      await page.getByTestId('admin-users').waitFor();
      await page.getByTestId('new-user').click();
      const form = page.getByTestId('user-form');
      await form.getByLabel('Nome de exibição').fill('Ana Agente');
      await form.getByRole('textbox', { name: /^Login/ }).fill('ana.agente');
      await form.getByLabel('Senha temporária').fill('fraca');
      await form.getByTestId('user-form-submit').click();
      // The policy refuses a weak temporary password on the field itself.
      await expect.poll(() => form.getByText(/maiúscula|8 caracteres/i).count()).toBeGreaterThan(0);
      await form.getByLabel('Senha temporária').fill('Temp@2026');
      await snapshot(page, 'foundation-02-new-user');
      await form.getByTestId('user-form-submit').click();
      await page.locator('[data-testid="user-row"][data-login="ana.agente"]').waitFor();
      await snapshot(page, 'foundation-03-users');

      await page.getByTestId('user-menu').click();
      await page.getByTestId('menu-logout').click();
      await page.getByLabel('Login', { exact: true }).waitFor();

      await page.getByLabel('Login', { exact: true }).fill('ana.agente');
      await page.getByLabel('Senha', { exact: true }).fill('Temp@2026');
      await page.getByRole('button', { name: 'Entrar' }).click();
      await page.getByTestId('password-change').waitFor();
      await page.getByLabel('Senha atual').fill('Temp@2026');
      await page.getByLabel('Nova senha', { exact: true }).fill('Minha@Senha9');
      await page.getByLabel('Confirmar senha').fill('Minha@Senha9');
      await snapshot(page, 'foundation-04-password-change');
      await page.getByRole('button', { name: 'Salvar e continuar' }).click();

      await page.getByTestId('agent-workspace').waitFor();
      expect(new URL(page.url()).pathname).toBe('/inbox');
      // An agent has no administration in the navigation.
      expect(await page.getByTestId('nav-admin').count()).toBe(0);
      expect(await page.getByTestId('nav-users').count()).toBe(0);
      await snapshot(page, 'foundation-05-agent-workspace');
    });

    // The server agrees: the password changed and the first-login flag is gone.
    const login = await fetch(`${world.server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'ana.agente', password: 'Minha@Senha9' }),
    });
    expect(login.status).toBe(200);
    expect((await login.json()).user.mustChangePassword).toBe(false);
    await context.close();
  });
});
