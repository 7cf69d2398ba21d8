import { io, type Socket } from 'socket.io-client';

/**
 * The agents' screens of the WhatsApp ingest bench, as a process of their own (not the server,
 * not the load generator): one realtime socket per agent, as the web app opens it. It notes when
 * each customer message (by wamid) first reaches its agent: pushed as `message.created`, or, for
 * a conversation that was still queued when its first messages arrived, in the conversation's
 * messages the agent loads when `conversation.assigned` shows it (what opening it on screen does).
 * The parent asks for what arrived under a step's wamid prefix over IPC.
 */

export interface AgentSocketsInput {
  /** Always http://127.0.0.1:<port>. */
  url: string;
  agents: { id: string; token: string }[];
}

/** Parent → child. */
export type AgentSocketsRequest = { type: 'collect' | 'count'; prefix: string };
/** Child → parent. */
export type AgentSocketsReply =
  | { type: 'ready'; connected: number }
  | { type: 'error'; error: string }
  | { type: 'counted'; n: number }
  | {
      type: 'collected';
      /** [n, ms since epoch] for every wamid `${prefix}${n}` that reached an agent. */
      receipts: [number, number][];
      /** The same message pushed twice to its agent (a redelivered realtime event). */
      pushedTwice: number;
      /** Pushes of messages of a conversation assigned to someone else (must be 0). */
      misrouted: number;
      loads: number;
      loadErrors: number;
    };

const input = JSON.parse(process.argv[2] ?? '{}') as AgentSocketsInput;
if (new URL(input.url).hostname !== '127.0.0.1') throw new Error('agent sockets only connect to 127.0.0.1');

const firstSeen = new Map<string, number>();
const pushed = new Set<string>();
let pushedTwice = 0;
let misrouted = 0;
let loads = 0;
let loadErrors = 0;

type Pushed = { message?: { externalId?: string | null; direction?: string }; conversation?: { id: string; assigneeId?: string | null } };

function seen(externalId: string | null | undefined, at: number) {
  if (externalId && !firstSeen.has(externalId)) firstSeen.set(externalId, at);
}

/** What the screen shows when an assigned conversation appears: its latest messages. */
async function load(agent: { token: string }, conversationId: string) {
  loads++;
  try {
    const r = await fetch(`${input.url}/api/v1/conversations/${conversationId}/messages?limit=200`, { headers: { authorization: `Bearer ${agent.token}` } });
    if (!r.ok) throw new Error(String(r.status));
    const body = (await r.json()) as { items: { externalId: string | null; direction: string }[] };
    const at = Date.now();
    for (const m of body.items) if (m.direction === 'in') seen(m.externalId, at);
  } catch {
    loadErrors++;
  }
}

function connect(agent: { id: string; token: string }): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(input.url, { path: '/realtime', transports: ['websocket'], auth: { token: agent.token }, reconnection: true });
    socket.on('message.created', (p: Pushed) => {
      const at = Date.now();
      const id = p.message?.externalId;
      if (!id || p.message?.direction !== 'in') return;
      if (p.conversation?.assigneeId && p.conversation.assigneeId !== agent.id) misrouted++;
      if (pushed.has(id)) pushedTwice++;
      pushed.add(id);
      seen(id, at);
    });
    socket.on('conversation.assigned', (p: Pushed) => {
      if (p.conversation?.id && p.conversation.assigneeId === agent.id) void load(agent, p.conversation.id);
    });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => reject(err));
  });
}

process.on('message', (req: AgentSocketsRequest) => {
  if (req.type === 'count') {
    let n = 0;
    for (const id of firstSeen.keys()) if (id.startsWith(req.prefix)) n++;
    process.send!({ type: 'counted', n } satisfies AgentSocketsReply);
    return;
  }
  const receipts: [number, number][] = [];
  for (const [id, at] of firstSeen) {
    if (!id.startsWith(req.prefix)) continue;
    receipts.push([Number(id.slice(req.prefix.length)), at]);
    // Each step asks once: what it took is forgotten, so memory stays flat over long runs.
    firstSeen.delete(id);
    pushed.delete(id);
  }
  const reply: AgentSocketsReply = { type: 'collected', receipts, pushedTwice, misrouted, loads, loadErrors };
  pushedTwice = misrouted = loads = loadErrors = 0;
  process.send!(reply);
});

const sockets: Socket[] = [];
Promise.all(input.agents.map(connect)).then(
  (list) => {
    sockets.push(...list);
    process.send!({ type: 'ready', connected: list.length } satisfies AgentSocketsReply);
  },
  (err) => {
    process.send!({ type: 'error', error: String(err) } satisfies AgentSocketsReply);
    process.exit(1);
  },
);
// The parent ends us by closing the IPC channel (or dies): do not linger.
process.on('disconnect', () => {
  for (const s of sockets) s.close();
  process.exit(0);
});
