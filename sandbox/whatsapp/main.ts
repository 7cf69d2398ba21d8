import pg from 'pg';
import { pathToFileURL } from 'node:url';
import { startWhatsappSandbox, type Sandbox } from './index';

/**
 * `npm run sandbox`: the fake WhatsApp Cloud API on its own, printing what to paste into
 * Administração → Canais → WhatsApp. `npm start -- --sandbox` calls `startSandboxBesideAtende`.
 * The credentials are fixed (overridable by env) so a channel created once keeps working.
 */

export interface SandboxSettings {
  port: number;
  webhookUrl: string;
  phoneNumberId: string;
  wabaId: string;
  accessToken: string;
  appSecret: string;
  verifyToken: string;
  displayPhoneNumber: string;
}

export function sandboxSettings(env: NodeJS.ProcessEnv = process.env, atendeUrl = 'http://localhost:3000'): SandboxSettings {
  return {
    port: Number(env.SANDBOX_PORT ?? 3600),
    webhookUrl: env.SANDBOX_WEBHOOK_URL ?? `${atendeUrl.replace(/\/+$/, '')}/webhooks/whatsapp`,
    phoneNumberId: env.SANDBOX_PHONE_NUMBER_ID ?? '109876543210987',
    wabaId: env.SANDBOX_WABA_ID ?? '201234567890123',
    accessToken: env.SANDBOX_ACCESS_TOKEN ?? 'EAASandboxAccessToken0000000000',
    appSecret: env.SANDBOX_APP_SECRET ?? 'sandbox-app-secret',
    verifyToken: env.SANDBOX_VERIFY_TOKEN ?? 'sandbox-verify-token',
    displayPhoneNumber: env.SANDBOX_DISPLAY_NUMBER ?? '5511400028922',
  };
}

export function describeSandbox(s: Sandbox, webhookUrl: string) {
  return [
    `WhatsApp sandbox running: open ${s.url}/ for the phone.`,
    'Paste into Administração → Canais → WhatsApp (Administration → Channels → WhatsApp):',
    `  Graph URL        ${s.url}`,
    `  Phone number ID  ${s.phoneNumberId}`,
    `  WABA ID          ${s.wabaId}`,
    `  Access token     ${s.accessToken}`,
    `  App secret       ${s.appSecret}`,
    `  Verify token     ${s.verifyToken}`,
    `Webhooks go to ${webhookUrl} (set SANDBOX_WEBHOOK_URL to change it).`,
  ].join('\n');
}

/** In-process next to Atende: starts the sandbox and says whether a WhatsApp channel exists yet. */
export async function startSandboxBesideAtende(opts: { atendeUrl: string; databaseUrl: string }) {
  const settings = sandboxSettings(process.env, opts.atendeUrl);
  const sandbox = await startWhatsappSandbox({ ...settings, host: process.env.SANDBOX_HOST ?? '127.0.0.1' });
  console.log(describeSandbox(sandbox, settings.webhookUrl));
  const client = new pg.Client({ connectionString: opts.databaseUrl });
  try {
    await client.connect();
    const { rows } = await client.query(
      `select count(*)::int as n from channels where type = 'whatsapp' and status = 'active' and external_key = $1`,
      [settings.phoneNumberId],
    );
    if (rows[0].n === 0) {
      console.log('No active WhatsApp channel uses the sandbox number yet: create one in Administração → Canais with the values above.');
    }
  } catch (err) {
    console.log(`Could not check for a WhatsApp channel (${(err as Error).message}); create one with the values above if needed.`);
  } finally {
    await client.end().catch(() => undefined);
  }
  return sandbox;
}

async function standalone() {
  const settings = sandboxSettings();
  const sandbox = await startWhatsappSandbox({ ...settings, host: process.env.SANDBOX_HOST ?? '127.0.0.1' });
  console.log(describeSandbox(sandbox, settings.webhookUrl));
  const stop = () => void sandbox.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  standalone().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
