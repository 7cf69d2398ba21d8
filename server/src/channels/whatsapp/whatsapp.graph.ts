import { whatsappCredentialsSchema } from '../../modules/channels';
import type { Deps } from '../../platform/context';
import { ChannelSendError } from '../channel-adapter';

/** The Graph API version Atende speaks; protocols.md §1 was written against v23–v25. */
export const GRAPH_VERSION = 'v23.0';

let defaultGraphUrl = 'https://graph.facebook.com';
/** From config WHATSAPP_GRAPH_URL at startup; a channel's own `graphUrl` wins (sandbox, proxies). */
export function setDefaultGraphUrl(url: string) {
  defaultGraphUrl = url.replace(/\/+$/, '');
}

export interface WhatsappCredentials {
  phoneNumberId: string;
  wabaId: string;
  accessToken: string;
  appSecret: string;
  verifyToken: string;
  graphUrl?: string;
}

/** The opened credentials of a WhatsApp channel, or null when they are missing or unreadable. */
export function credentialsOf(deps: Pick<Deps, 'secrets'>, channel: { credentialsSealed: string | null }): WhatsappCredentials | null {
  if (!channel.credentialsSealed) return null;
  try {
    const parsed = whatsappCredentialsSchema.safeParse(JSON.parse(deps.secrets.open(channel.credentialsSealed)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export const graphBase = (c: WhatsappCredentials) => `${(c.graphUrl ?? defaultGraphUrl).replace(/\/+$/, '')}/${GRAPH_VERSION}`;

/**
 * Meta's codes worth trying again (protocols.md §1.7): throughput, pair limit, WABA/app call
 * limits and temporary errors; everything else fails the message for the agent to see.
 */
const RETRYABLE = new Set([4, 80007, 130429, 131056, 131000, 131016, 131057]);

export interface GraphError {
  code: number;
  title: string;
  details?: string;
}

function parseGraphError(status: number, body: unknown): GraphError {
  const e = (body as { error?: { code?: unknown; message?: unknown; error_user_title?: unknown; error_data?: { details?: unknown } } } | null)?.error;
  const code = typeof e?.code === 'number' ? e.code : Number(e?.code) || status;
  const details = typeof e?.error_data?.details === 'string' ? e.error_data.details : undefined;
  const message = typeof e?.message === 'string' ? e.message.replace(/^\(#\d+\)\s*/, '') : `HTTP ${status}`;
  return { code, title: message, details };
}

/** A Graph call that did not succeed, as the outbox understands it. */
export function toSendError(status: number, body: unknown): ChannelSendError {
  const e = parseGraphError(status, body);
  return new ChannelSendError(status >= 500 || RETRYABLE.has(e.code), String(e.code), e.title);
}

/** Calls the Graph API with the channel's token; non-2xx answers throw ChannelSendError. */
export async function graphFetch(c: WhatsappCredentials, path: string, init: { method?: string; json?: unknown; form?: FormData } = {}) {
  const url = path.startsWith('http') ? path : `${graphBase(c)}/${path.replace(/^\//, '')}`;
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method ?? (init.json !== undefined || init.form ? 'POST' : 'GET'),
      headers: { authorization: `Bearer ${c.accessToken}`, ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: init.json !== undefined ? JSON.stringify(init.json) : init.form,
      signal: AbortSignal.timeout(30_000),
    });
  } catch (err) {
    // The network or Meta being unreachable is temporary by nature.
    throw new ChannelSendError(true, 'network_error', (err as Error).message);
  }
  return res;
}

export async function graphJson<T = Record<string, unknown>>(c: WhatsappCredentials, path: string, init: Parameters<typeof graphFetch>[2] = {}): Promise<T> {
  const res = await graphFetch(c, path, init);
  const body = await res.json().catch(() => null);
  if (!res.ok) throw toSendError(res.status, body);
  return body as T;
}
