import type { IncomingHttpHeaders } from 'node:http';

/** One cookie's value from a Cookie header; null when absent or malformed. */
export function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    try {
      return decodeURIComponent(value) || null;
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * Whether a handshake carrying the session cookie may use it: no Origin (not a browser page),
 * the page's origin is the host it connects to, or it is the configured other origin.
 * Blocks cross-site websocket hijacking, which SameSite alone leaves open between sibling sites.
 */
export function originAllowed(headers: IncomingHttpHeaders, extraOrigin: string | null): boolean {
  const origin = headers.origin;
  if (!origin) return true;
  if (extraOrigin && origin === extraOrigin.replace(/\/$/, '')) return true;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  const forwarded = headers['x-forwarded-host'];
  const hosts = [headers.host, ...(typeof forwarded === 'string' ? forwarded.split(',') : [])];
  return hosts.some((h) => h?.trim().toLowerCase() === originHost.toLowerCase());
}
