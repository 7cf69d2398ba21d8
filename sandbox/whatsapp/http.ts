import type { IncomingMessage, ServerResponse } from 'node:http';

/** Tiny helpers over node:http: the sandbox needs raw bodies and nothing of a framework. */

const MAX_BODY = 120 * 1024 * 1024; // documents go up to 100 MB (protocols.md §1.8)

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function sendJson(res: ServerResponse, status: number, value: unknown) {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

export function sendBytes(res: ServerResponse, status: number, bytes: Buffer, type: string) {
  res.writeHead(status, { 'content-type': type, 'content-length': bytes.length });
  res.end(bytes);
}

/** Multipart bodies parsed by the platform's own fetch Request (no dependency). */
export async function parseForm(req: IncomingMessage, body: Buffer): Promise<FormData> {
  const request = new Request('http://sandbox.local/', {
    method: 'POST',
    headers: { 'content-type': String(req.headers['content-type'] ?? '') },
    body: new Uint8Array(body),
  });
  return request.formData();
}

export function bearer(req: IncomingMessage, url: URL): string | undefined {
  const h = req.headers.authorization;
  if (h && /^Bearer\s+/i.test(h)) return h.replace(/^Bearer\s+/i, '').trim();
  return url.searchParams.get('access_token') ?? undefined;
}
