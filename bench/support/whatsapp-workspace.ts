import { must } from './atende';

/** Identifiers the webhooks must carry; the sandbox plays Meta's Graph API for Atende's calls. */
export const WA = {
  phoneNumberId: '106540352242922',
  wabaId: '102290129340398',
  accessToken: 'bench-token',
  appSecret: 'bench-app-secret',
  verifyToken: 'bench-verify',
};

export interface WorkspaceOptions {
  /** Online agents of the group (default 1). */
  agents?: number;
  /** Conversations each agent takes at once (at most 80). */
  capacity?: number;
}

/**
 * Online agents (capacity 80, the maximum, by default), one group and one WhatsApp channel: the
 * shape of a small operation, so ingest also pays for routing each new conversation. With enough
 * agents for every contact, every conversation gets an agent whose screen the bench can watch.
 */
export async function setUpWorkspace(base: string, adminToken: string, graphUrl: string, opts: WorkspaceOptions = {}) {
  const count = opts.agents ?? 1;
  const logins = Array.from({ length: count }, (_, i) => (i === 0 ? 'bench-agent' : `bench-agent-${i + 1}`));
  // Sequential: each user creation and login hashes a password (argon2), which is CPU-bound anyway.
  const users: { id: string; login: string }[] = [];
  for (const [i, login] of logins.entries()) {
    const u = await must(base, 'POST', '/api/v1/users', {
      login, displayName: `Bench Agent ${i + 1}`, role: 'agent', password: 'Agente@2026', mustChangePassword: false, maxConversations: opts.capacity ?? 80,
    }, adminToken);
    users.push({ id: u.id as string, login });
  }
  const group = await must(base, 'POST', '/api/v1/service-groups', { name: 'Bench WhatsApp', agentIds: users.map((u) => u.id) }, adminToken);
  const channel = await must(base, 'POST', '/api/v1/channels', {
    type: 'whatsapp', name: 'Bench WhatsApp', serviceGroupId: group.id,
    credentials: { ...WA, graphUrl },
  }, adminToken);
  const agents: { id: string; token: string }[] = [];
  for (const u of users) {
    const token = (await must(base, 'POST', '/api/v1/auth/login', { login: u.login, password: 'Agente@2026' })).token as string;
    await must(base, 'PUT', '/api/v1/me/presence', { status: 'online' }, token);
    agents.push({ id: u.id, token });
  }
  return { channelId: channel.id as string, agents };
}
