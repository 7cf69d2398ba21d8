import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { MAX_ATTACHMENT_BYTES } from '@contracts/serving';
import { startTestServer, type TestServer } from '../../../test/test-server';
import { saveUpload } from '.';
import { DOCX, EXE, fileForm, JPEG, OGG, PDF, PNG, zipOf } from './attachment.test-files';

const MB = 1024 * 1024;
const dataDir = mkdtempSync(join(tmpdir(), 'atende-attachments-'));
let s: TestServer;
let ws: Awaited<ReturnType<TestServer['workspace']>>;
let agent: { id: string; token: string };

/** Every stored file, partial ones included. */
const storedFiles = () => readdirSync(join(dataDir, 'attachments'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile());

beforeAll(async () => {
  s = await startTestServer({ DATA_DIR: dataDir });
  ws = await s.workspace();
  agent = await s.user(ws.workspaceId, 'agent');
});

const upload = (form: FormData, token = agent.token) => s.request('POST', '/api/v1/attachments', { token, body: form });

describe('agent uploads', () => {
  it('stores a PNG and serves it back with its sniffed type, inline', async () => {
    const r = await upload(fileForm('foto do cliente.png', PNG, 'image/png'));
    expect(r.status).toBe(201);
    expect(r.body).toEqual({ id: expect.any(String), fileName: 'foto do cliente.png', mimeType: 'image/png', size: PNG.length });

    const res = await s.atende.http!.inject({ method: 'GET', url: `/api/v1/attachments/${r.body.id}`, headers: { authorization: `Bearer ${agent.token}` } });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(PNG)).toBe(true);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-disposition']).toBe(`inline; filename="foto do cliente.png"; filename*=UTF-8''foto%20do%20cliente.png`);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('takes the type from the bytes, not from the name or the declared type', async () => {
    const r = await upload(fileForm('scan.bin', JPEG, 'application/octet-stream'));
    expect(r.status).toBe(201);
    expect(r.body.mimeType).toBe('image/jpeg');
    const pdf = await upload(fileForm('boleto.png', PDF, 'image/png'));
    expect(pdf.body.mimeType).toBe('application/pdf');
  });

  it('refuses an executable renamed .png and keeps nothing', async () => {
    const before = storedFiles().length;
    const r = await upload(fileForm('foto.png', EXE, 'image/png'));
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'validation_failed', fields: [{ path: 'file', message: 'type not allowed' }] });
    expect(storedFiles().length).toBe(before);
  });

  it('refuses what only customers may send (CHAN-7): text, Word documents', async () => {
    for (const [name, bytes] of [['nota.txt', Buffer.from('olá, tudo bem?')], ['contrato.docx', DOCX]] as const) {
      const r = await upload(fileForm(name, bytes));
      expect(r.status, name).toBe(400);
      expect(r.body.error.fields).toEqual([{ path: 'file', message: 'type not allowed' }]);
    }
  });

  it('names the file field when it is missing, empty or not multipart', async () => {
    const wrongField = await upload(fileForm('a.png', PNG, 'image/png', 'arquivo'));
    expect(wrongField.status).toBe(400);
    expect(wrongField.body.error.fields[0].path).toBe('file');
    const json = await s.request('POST', '/api/v1/attachments', { token: agent.token, body: { file: 'x' } });
    expect(json.status).toBe(400);
    expect(json.body.error.fields[0].path).toBe('file');
    const empty = await upload(fileForm('vazio.png', Buffer.alloc(0)));
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields).toEqual([{ path: 'file', message: 'empty file' }]);
  });

  it('is for those who serve: a supervisor may open files but not upload', async () => {
    const supervisor = await s.user(ws.workspaceId, 'supervisor');
    expect((await upload(fileForm('a.png', PNG), supervisor.token)).status).toBe(403);
    const r = await upload(fileForm('a.png', PNG));
    expect((await s.request('GET', `/api/v1/attachments/${r.body.id}`, { token: supervisor.token })).status).toBe(200);
  });

  it('answers 404 to another workspace', async () => {
    const r = await upload(fileForm('a.png', PNG));
    const other = await s.workspace('Outra');
    expect((await s.request('GET', `/api/v1/attachments/${r.body.id}`, { token: other.token })).status).toBe(404);
  });
});

describe('size limit', () => {
  it('refuses a 17 MB upload while it streams, and nothing stays on disk', async () => {
    const before = storedFiles().length;
    const boundary = 'atende-test-boundary';
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="foto.png"\r\nContent-Type: image/png\r\n\r\n`);
    // A real PNG signature first, so the type is allowed and only the size can refuse it.
    const first = Buffer.concat([PNG, Buffer.alloc(64 * 1024 - PNG.length)]);
    let sent = 0;
    const body = new ReadableStream({
      pull(controller) {
        if (sent === 0) controller.enqueue(head);
        if (sent >= 17 * MB) {
          controller.enqueue(Buffer.from(`\r\n--${boundary}--\r\n`));
          return controller.close();
        }
        controller.enqueue(sent === 0 ? first : Buffer.alloc(64 * 1024));
        sent += 64 * 1024;
      },
    });
    const res = await fetch(`${s.url}/api/v1/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${agent.token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect((await res.json()).error).toMatchObject({ code: 'payload_too_large', fields: [{ path: 'file' }] });
    expect(storedFiles().length).toBe(before);
  });

  it('refuses a declared 100 MB upload before reading it', async () => {
    const url = new URL(`${s.url}/api/v1/attachments`);
    const status = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: {
            authorization: `Bearer ${agent.token}`,
            'content-type': 'multipart/form-data; boundary=x',
            'content-length': String(100 * MB),
          },
        },
        (res) => {
          let body = '';
          res.on('data', (c) => (body += c));
          res.on('end', () => {
            resolve({ status: res.statusCode!, body });
            req.destroy(); // the client gives up on the rest
          });
        },
      );
      req.on('error', (err) => (err.message.includes('socket hang up') ? undefined : reject(err)));
      req.write(Buffer.alloc(64 * 1024));
    });
    expect(status.status).toBe(413);
    expect(JSON.parse(status.body).error.fields).toEqual([{ path: 'file', message: expect.stringContaining('16 MB') }]);
  });

  it('accepts a file of exactly the limit', async () => {
    const big = Buffer.concat([PNG, Buffer.alloc(MAX_ATTACHMENT_BYTES - PNG.length)]);
    const r = await upload(fileForm('grande.png', big, 'image/png'));
    expect(r.status).toBe(201);
    expect(r.body.size).toBe(MAX_ATTACHMENT_BYTES);
  });
});

describe('customer uploads (saveUpload)', () => {
  const save = (fileName: string, bytes: Buffer) =>
    saveUpload(s.atende.deps, {
      workspaceId: ws.workspaceId,
      by: { contactId: '00000000-0000-4000-8000-000000000001' },
      direction: 'customer',
      file: { fileName, stream: Readable.from([bytes]) },
    });

  it('accepts documents, text and CSV, sniffing inside zip containers', async () => {
    expect((await save('contrato.docx', DOCX)).mimeType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect((await save('planilha.csv', Buffer.from('nome;telefone\nAna;11999990000\n'))).mimeType).toBe('text/csv');
    expect((await save('leia-me', Buffer.from('Olá! Segue o pedido nº 123.'))).mimeType).toBe('text/plain');
    expect((await save('fotos.zip', zipOf({ 'a.txt': 'a' }))).mimeType).toBe('application/zip');
    expect((await save('gravacao', OGG)).mimeType).toBe('audio/ogg');
  });

  it('refuses executables and unknown binaries, whatever their name', async () => {
    await expect(save('fatura.pdf', EXE)).rejects.toMatchObject({ status: 400, fields: [{ path: 'file', message: 'type not allowed' }] });
    await expect(save('dados.txt', Buffer.from([0, 1, 2, 3, 250, 251]))).rejects.toMatchObject({ status: 400 });
    await expect(save('nota.txt', Buffer.from('linha\u0000binária'))).rejects.toMatchObject({ status: 400 });
  });

  it('serves non-image files as downloads', async () => {
    const row = await save('contrato.docx', DOCX);
    const res = await s.atende.http!.inject({ method: 'GET', url: `/api/v1/attachments/${row.id}`, headers: { authorization: `Bearer ${agent.token}` } });
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="contrato.docx"/);
    expect(res.headers['content-length']).toBe(String(DOCX.length));
  });
});
