import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AgentSocketsInput, AgentSocketsReply, AgentSocketsRequest } from './agent-sockets';

const here = path.dirname(fileURLToPath(import.meta.url));

export type Collected = Extract<AgentSocketsReply, { type: 'collected' }>;

export interface AgentSockets {
  /** How many messages of this step reached their agent so far. */
  count(prefix: string): Promise<number>;
  /** What reached the agents under this step's prefix (then forgotten by the agents' process). */
  collect(prefix: string): Promise<Collected>;
  stop(): Promise<void>;
}

/** Starts the agents' sockets process (agent-sockets.ts) and waits until every socket is connected. */
export async function startAgentSockets(input: AgentSocketsInput): Promise<AgentSockets> {
  const child = fork(path.join(here, 'agent-sockets.ts'), [JSON.stringify(input)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  // One request at a time: replies come in order.
  let chain: Promise<unknown> = Promise.resolve();
  const next = <T extends AgentSocketsReply['type']>(type: T, timeoutMs: number) =>
    new Promise<Extract<AgentSocketsReply, { type: T }>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`agent sockets: no ${type} in ${timeoutMs} ms`)), timeoutMs);
      const onMessage = (m: AgentSocketsReply) => {
        if (m.type === 'error') reject(new Error(`agent sockets: ${m.error}`));
        else if (m.type !== type) return;
        else resolve(m as Extract<AgentSocketsReply, { type: T }>);
        clearTimeout(timer);
        child.off('message', onMessage);
      };
      child.on('message', onMessage);
    });
  const ask = <T extends AgentSocketsReply['type']>(req: AgentSocketsRequest, type: T) => {
    const run = chain.then(() => {
      const reply = next(type, 30_000);
      child.send(req);
      return reply;
    });
    chain = run.catch(() => undefined);
    return run;
  };
  try {
    await next('ready', 60_000);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  return {
    count: async (prefix) => (await ask({ type: 'count', prefix }, 'counted')).n,
    collect: (prefix) => ask({ type: 'collect', prefix }, 'collected'),
    async stop() {
      if (child.connected) child.disconnect();
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    },
  };
}
