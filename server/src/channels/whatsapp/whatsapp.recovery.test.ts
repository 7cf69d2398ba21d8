import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { loadConfig } from '../../config';
import { startTestServer } from '../../../test/test-server';
import { waitFor } from '../../../test/wait-for';
import { messages } from '../../modules/conversations';
import { splitNotification } from './whatsapp.inbound';
import { insertEventRows, orderedId } from './whatsapp.event-writer';
import { whatsappEvents } from './whatsapp.schema';
import { whatsappWorkspace } from './whatsapp.test-helpers';

const SECRET_KEY = 'recovery-test-secret-key-0123456789abcdef';

describe('crash between storing and processing', () => {
  it('an event stored by a process that died is processed exactly once after restart', async () => {
    const s = await startTestServer({ SECRET_KEY });
    const w = await whatsappWorkspace(s);
    const databaseUrl = (s.atende.db as unknown as { $client: { options: { connectionString: string } } }).$client.options.connectionString;
    // What the webhook stores before it answers 200; the process "dies" before any job runs.
    const body = {
      object: 'whatsapp_business_account',
      entry: [{ id: w.creds.wabaId, changes: [{ field: 'messages', value: {
        messaging_product: 'whatsapp',
        metadata: { display_phone_number: '1', phone_number_id: w.creds.phoneNumberId },
        contacts: [{ profile: { name: 'Rita' }, wa_id: '5511955554444' }],
        messages: [{ from: '5511955554444', id: 'wamid.CRASH', timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: 'sobrevivi' } }],
      } }] }],
    };
    const [change] = splitNotification(body);
    await insertEventRows(s.atende.db, change.events.map((event) => ({ id: orderedId(), workspaceId: w.ws.workspaceId, channelId: w.channelId, event })));
    await s.atende.close();

    const config = loadConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'atende-data-')), DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1', SECRET_KEY });
    const restarted = await buildApp(config, pino({ level: 'silent' }), databaseUrl);
    try {
      await restarted.listen();
      const [event] = await waitFor(async () => {
        const rows = await restarted.db.select().from(whatsappEvents).where(eq(whatsappEvents.eventKey, 'wamid.CRASH'));
        return rows[0]?.processedAt ? rows : null;
      });
      expect(event.attempts).toBe(0);
      const stored = await restarted.db.select().from(messages).where(eq(messages.externalId, 'wamid.CRASH'));
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({ text: 'sobrevivi', direction: 'in' });
    } finally {
      await restarted.close();
    }
  }, 60_000);
});
