import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/test-server';

let s: TestServer;
let ws: Awaited<ReturnType<TestServer['workspace']>>;
beforeAll(async () => {
  s = await startTestServer();
  ws = await s.workspace();
});

type Page = { items: { id: string; displayName: string; attributes: { name: string; value: string }[] }[]; nextCursor: string | null };
const page = async (q: string, extra = '', token = ws.token): Promise<Page> => {
  const r = await s.request('GET', `/api/v1/contacts?q=${encodeURIComponent(q)}${extra}`, { token });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
};
const names = async (q: string, extra = '') => (await page(q, extra)).items.map((c) => c.displayName);
const create = async (body: Record<string, unknown>, token = ws.token) => {
  const r = await s.request('POST', '/api/v1/contacts', { token, body });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { id: string };
};

/** Every page of a search, following the cursors. */
async function all(q: string, limit: number, token = ws.token) {
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const p: Page = await page(q, `&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, token);
    seen.push(...p.items.map((c) => c.displayName));
    cursor = p.nextCursor;
  } while (cursor);
  return seen;
}

describe('name search (CONT-2)', () => {
  beforeAll(async () => {
    await create({ displayName: 'Maria da Conceição Brandão', phone: '(41) 99876-0001' });
    await create({ displayName: 'Maria-José Simões', phone: '(41) 99876-0002' });
    await create({ displayName: 'Joaquim Magalhães', phone: '(41) 99876-0003' });
    const inactive = await create({ displayName: 'Mariana Conceição', phone: '(41) 99876-0004' });
    await s.request('PATCH', `/api/v1/contacts/${inactive.id}`, { token: ws.token, body: { status: 'inactive' } });
  });

  it('every typed word starts a word of the name, whatever the punctuation between them', async () => {
    expect(await names('jose simo')).toEqual(['Maria-José Simões']);
    expect(await names('simo jose')).toEqual(['Maria-José Simões']);
    expect(await names('maria conceicao')).toEqual(['Maria da Conceição Brandão', 'Mariana Conceição']);
  });

  it('inside words when no word starts with what was typed; other typed words anywhere in the name', async () => {
    expect(await names('agalhae')).toEqual(['Joaquim Magalhães']);
    expect(await names('aria onceic')).toEqual(['Maria da Conceição Brandão', 'Mariana Conceição']);
    // A typed word inside no name at all answers nothing, however common the other one is.
    expect(await names('maria xyzw')).toEqual([]);
    // Shorter than a trigram and starting no word: nothing, rather than a scan of every name.
    expect(await names('qz')).toEqual([]);
  });

  it('the status filter applies to word starts and to inside words', async () => {
    expect(await names('conceicao', '&status=active')).toEqual(['Maria da Conceição Brandão']);
    expect(await names('conceicao', '&status=inactive')).toEqual(['Mariana Conceição']);
    expect(await names('onceica', '&status=inactive')).toEqual(['Mariana Conceição']);
  });

  it('a rename moves the contact to its new words, starts and insides alike', async () => {
    const c = await create({ displayName: 'Zuleica Antiquada' });
    expect(await names('tiquad')).toEqual(['Zuleica Antiquada']);
    await s.request('PATCH', `/api/v1/contacts/${c.id}`, { token: ws.token, body: { displayName: 'Zuleica Renovada' } });
    expect(await names('tiquad')).toEqual([]);
    expect(await names('enovad')).toEqual(['Zuleica Renovada']);
    expect(await names('zuleica reno')).toEqual(['Zuleica Renovada']);
  });

  it('a contact merged into another leaves the search with its words', async () => {
    const target = await create({ displayName: 'Ubirajara Tupinambá' });
    const source = await create({ displayName: 'Ubiratã Tupiniquim' });
    expect(await names('ubira')).toEqual(['Ubirajara Tupinambá', 'Ubiratã Tupiniquim']);
    const merged = await s.request('POST', `/api/v1/contacts/${target.id}/merge`, { token: ws.token, body: { contactId: source.id } });
    expect(merged.status, JSON.stringify(merged.body)).toBeLessThan(300);
    expect(await names('ubira')).toEqual(['Ubirajara Tupinambá']);
    expect(await names('piniqu')).toEqual([]);
    const left = await s.atende.db.execute(sql`select count(*)::int as n from contact_words where contact_id = ${source.id}`);
    expect(left.rows[0].n).toBe(0);
  });

  it('pages carry the attributes of each contact', async () => {
    const attr = await s.request('POST', '/api/v1/contact-attributes', { token: ws.token, body: { name: 'Plano' } });
    await create({ displayName: 'Quitéria Planejada', attributes: [{ attributeId: attr.body.id, value: 'Ouro' }] });
    const found = await page('quiteria');
    expect(found.items.map((c) => c.attributes)).toEqual([[{ attributeId: attr.body.id, name: 'Plano', value: 'Ouro' }]]);
    expect((await page('lanejad')).items[0].attributes).toEqual([{ attributeId: attr.body.id, name: 'Plano', value: 'Ouro' }]);
  });

  it('refuses a cursor it did not make', async () => {
    const bad = Buffer.from(JSON.stringify(['maria', 'maria', 'not-a-uuid'])).toString('base64url');
    const r = await s.request('GET', `/api/v1/contacts?q=maria&cursor=${bad}`, { token: ws.token });
    expect(r.status).toBe(400);
    expect(r.body.error.fields).toEqual([{ path: 'cursor', message: 'invalid cursor' }]);
  });
});

describe('phone search by a few digits', () => {
  it('pages in name order through the contacts holding them, any of their phones', async () => {
    const w = await s.workspace();
    const add = (displayName: string, phones: string[]) =>
      s.request('POST', '/api/v1/contacts', { token: w.token, body: { displayName, phones: phones.map((number) => ({ number })) } });
    await add('Zeca', ['(11) 97777-1234']);
    await add('Ana', ['(11) 3333-0000', '(21) 98123-4000']);
    await add('Bia', ['(31) 91234-5678']);
    await add('Caio', ['(41) 95555-6666']);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const r: { body: Page } = await s.request('GET', `/api/v1/contacts?q=1234&limit=2${cursor ? `&cursor=${cursor}` : ''}`, { token: w.token });
      seen.push(...r.body.items.map((c) => c.displayName));
      cursor = r.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['Ana', 'Bia', 'Zeca']);
    expect((await s.request('GET', '/api/v1/contacts?q=666', { token: w.token })).body.items.map((c: { displayName: string }) => c.displayName)).toEqual(['Caio']);
  });
});

describe('inside-word pages', () => {
  it('page through matches spread over more words than one round reads, in order, each contact once', async () => {
    const w = await s.workspace();
    // 130 distinct words holding "zap" (two rounds of vocabulary words), two contacts each but the last.
    const people = Array.from({ length: 130 }, (_, i) => `Bzap${String.fromCharCode(97 + Math.floor(i / 26))}${String.fromCharCode(97 + (i % 26))}`);
    await s.atende.db.execute(sql`
      insert into contacts (workspace_id, display_name)
      select ${w.workspaceId}, w || ' ' || s from unnest(${sql.param(people)}::text[]) with ordinality u(w, k), unnest(array['Silva', 'Souza']) s
      where k < 130 or s = 'Silva'`);
    const seen = await all('zap', 37, w.token);
    expect(seen).toHaveLength(259);
    expect(new Set(seen).size).toBe(259);
    expect(seen.slice(0, 3)).toEqual(['Bzapaa Silva', 'Bzapaa Souza', 'Bzapab Silva']);
    expect(seen.at(-1)).toBe('Bzapez Silva');
    // The other typed word narrows every round alike.
    expect(await all('zap souz', 50, w.token)).toHaveLength(129);
  });
});
