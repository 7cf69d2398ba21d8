import Fastify from 'fastify';
import pg from 'pg';

/**
 * The floor server: the least a Fastify process can do per request on this machine, with and
 * without one INSERT into Atende's own PostgreSQL. It runs as its own process, like Atende,
 * so the floors pay the same process and loopback costs that Atende's figures do.
 *
 * argv: <port> <databaseUrl> <table>. Prints "ready" once listening.
 */

const [port, databaseUrl, table] = process.argv.slice(2);
if (!/^[a-z_]+$/.test(table ?? '')) throw new Error('floor-server: table name must be a plain identifier');
const dbHost = new URL(databaseUrl).hostname;
if (dbHost !== '127.0.0.1' && dbHost !== 'localhost') throw new Error('floor-server: the database must be on this machine');

// Atende's own pool size (app.ts), so the insert floor gets the same number of connections.
const pool = new pg.Pool({ connectionString: databaseUrl, max: 20 });
const app = Fastify({ logger: false });

// A message-sized row: ids, direction, status, a sentence and a small JSON content, like an
// inbound WhatsApp text in `messages`.
const body = 'Olá! Meu pedido ainda não chegou, vocês podem verificar o prazo de entrega para São Paulo, por favor?';
const insert = `insert into ${table} (workspace_id, conversation_id, channel_id, direction, kind, text, content_type, content, status, external_id)
  values ($1, $2, $3, 'in', 'message', $4, 'text', $5, 'received', $6)`;
const workspaceId = crypto.randomUUID();
const channelId = crypto.randomUUID();
let seq = 0;

app.get('/hello', async (_req, reply) => reply.code(200).send('ok'));
app.get('/insert', async (_req, reply) => {
  const n = seq++;
  await pool.query(insert, [workspaceId, crypto.randomUUID(), channelId, body, { type: 'text', text: { body } }, `wamid.floor.${process.pid}.${n}`]);
  return reply.code(200).send('ok');
});

await app.listen({ port: Number(port), host: '127.0.0.1' });
console.log('ready');

process.on('SIGTERM', () => {
  void app.close().then(() => pool.end()).then(() => process.exit(0));
});
