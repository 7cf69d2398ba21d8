import type { IncomingMessage } from 'node:http';
import { templateStatusEnvelope, type SandboxCore } from './envelopes';
import { graphError } from './errors';
import { readBody } from './http';
import { newNumericId, type Json, type Template, type TemplateStatus } from './store';
import { validateTemplateInput } from './validate';

/** The WABA's message templates: the Graph endpoints and the review a test or the phone page plays. */

export interface TemplateInput {
  name: string;
  language: string;
  category: Template['category'];
  components: Json[];
}

export interface Templates {
  list(): Template[];
  find(name: string, language?: string): Template | undefined;
  /** Adds an APPROVED template without a webhook (the WABA already had it). */
  add(input: TemplateInput, status?: TemplateStatus): Template;
  /** Each review sends the `message_template_status_update` webhook. */
  approve(name: string, language?: string): Promise<Template>;
  reject(name: string, reason?: string, language?: string): Promise<Template>;
  setStatus(name: string, status: 'PAUSED' | 'DISABLED' | 'APPROVED', language?: string): Promise<Template>;
}

export function templatesOf(core: SandboxCore): Templates {
  const store = core.store;
  const must = (name: string, language?: string) => {
    const t = store.findTemplate(name, language);
    if (!t) throw new Error(`sandbox: no template ${name}${language ? ` (${language})` : ''}`);
    return t;
  };
  const review = async (t: Template, status: TemplateStatus, reason = 'NONE') => {
    t.status = status;
    t.rejectedReason = status === 'REJECTED' ? reason : undefined;
    store.changed();
    await core.webhooks.send('message_template_status_update', templateStatusEnvelope(core, t, status, reason));
    return t;
  };
  return {
    list: () => store.templates,
    find: (name, language) => store.findTemplate(name, language),
    add(input, status = 'APPROVED') {
      const t: Template = { id: newNumericId(), ...input, status };
      store.templates.push(t);
      store.changed();
      return t;
    },
    approve: (name, language) => review(must(name, language), 'APPROVED'),
    reject: (name, reason = 'INVALID_FORMAT', language) => review(must(name, language), 'REJECTED', reason),
    setStatus: (name, status, language) => review(must(name, language), status),
  };
}

const present = (t: Template) => ({
  name: t.name,
  components: t.components,
  language: t.language,
  status: t.status,
  category: t.category,
  id: t.id,
  ...(t.status === 'REJECTED' ? { rejected_reason: t.rejectedReason ?? 'NONE' } : {}),
});

/** GET pages with `limit`/`after` like Graph cursors; POST creates a PENDING template. */
export async function handleTemplates(core: SandboxCore, req: IncomingMessage, url: URL, method: string) {
  const store = core.store;
  if (method === 'GET') {
    const limit = Math.min(Math.max(Number(url.searchParams.get('limit') ?? 25) || 25, 1), 100);
    const after = url.searchParams.get('after');
    const start = after ? Number(Buffer.from(after, 'base64').toString('utf8')) || 0 : 0;
    const name = url.searchParams.get('name');
    const status = url.searchParams.get('status');
    const all = store.templates.filter((t) => (!name || t.name.includes(name)) && (!status || t.status === status));
    const page = all.slice(start, start + limit);
    const cursor = (n: number) => Buffer.from(String(n)).toString('base64');
    const paging: Json = { cursors: { before: cursor(start), after: cursor(start + page.length) } };
    if (start + page.length < all.length) {
      const next = new URL(url.href);
      next.searchParams.set('after', paging.cursors.after);
      next.searchParams.set('limit', String(limit));
      paging.next = `http://${req.headers.host}${next.pathname}${next.search}`;
    }
    return { data: page.map(present), paging };
  }
  if (method !== 'POST') throw graphError(100, `Unsupported ${method.toLowerCase()} request.`);
  let input: Json;
  try {
    input = JSON.parse((await readBody(req)).toString('utf8'));
  } catch {
    throw graphError(100, 'The request body is not valid JSON.');
  }
  validateTemplateInput(input);
  if (store.findTemplate(input.name, input.language)) {
    throw graphError(100, `Content in this language already exists: ${input.name} (${input.language}).`);
  }
  const t: Template = {
    id: newNumericId(),
    name: input.name,
    language: input.language,
    category: input.category,
    components: input.components,
    status: 'PENDING',
  };
  store.templates.push(t);
  store.changed();
  return { id: t.id, status: t.status, category: t.category };
}
