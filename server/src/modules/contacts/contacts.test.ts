import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/test-server';

let s: TestServer;
let ws: Awaited<ReturnType<TestServer['workspace']>>;
beforeAll(async () => {
  s = await startTestServer();
  ws = await s.workspace();
});

const post = (body: Record<string, unknown>) => s.request('POST', '/api/v1/contacts', { token: ws.token, body });
const search = async (q: string) => ((await s.request('GET', `/api/v1/contacts?q=${encodeURIComponent(q)}`, { token: ws.token })).body.items as { displayName: string }[]).map((c) => c.displayName);

describe('the contact record (CONT-1, CONT-2)', () => {
  it('stores phones as E.164 with their type, the CPF as digits, and a generated username that never changes', async () => {
    const r = await post({
      displayName: 'João da Silva',
      phones: [{ number: '(11) 98765-4321' }, { number: '+55 11 3456-7890' }, { number: '11987654321' }],
      email: 'Joao@Exemplo.com.br',
      document: '529.982.247-25',
      birthDate: '1985-04-12',
      companyName: 'Padaria Silva',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({
      phone: '+5511987654321',
      phones: [{ number: '+5511987654321', type: 'mobile' }, { number: '+551134567890', type: 'fixed' }],
      email: 'joao@exemplo.com.br',
      document: { type: 'cpf', number: '52998224725' },
      birthDate: '1985-04-12',
      companyName: 'Padaria Silva',
      showNameInGreeting: true,
      status: 'active',
    });
    expect(r.body.username).toMatch(/^c[0-9a-f]{12}$/);
    const patched = await s.request('PATCH', `/api/v1/contacts/${r.body.id}`, { token: ws.token, body: { displayName: 'João Silva', username: 'outro' } });
    expect(patched.body).toMatchObject({ displayName: 'João Silva', username: r.body.username });
  });

  it('names every bad field: phone, CPF check digits, CNPJ declared as CPF, future birth date', async () => {
    const r = await post({ displayName: 'Maria', phones: [{ number: '12345' }], document: '123.456.789-00', birthDate: '2999-01-01' });
    expect(r.status).toBe(400);
    expect(r.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['birthDate', 'document', 'phones.0.number']);
    const typed = await post({ displayName: 'Maria', document: { type: 'cpf', number: '11.222.333/0001-81' } });
    expect(typed.body.error.fields).toEqual([{ path: 'document', message: 'this is a CNPJ, not a CPF' }]);
  });

  it('refuses a second contact with the same document or phone, naming the field', async () => {
    const first = await post({ displayName: 'Empresa A', document: '11.222.333/0001-81', phone: '(21) 99876-5432' });
    expect(first.status).toBe(201);
    const sameDoc = await post({ displayName: 'Empresa B', document: '11222333000181' });
    expect(sameDoc.status).toBe(409);
    expect(sameDoc.body.error.fields).toEqual([{ path: 'document', message: 'another contact has this document' }]);
    const samePhone = await post({ displayName: 'Empresa C', phone: '+55 21 99876 5432' });
    expect(samePhone.status).toBe(400);
    expect(samePhone.body.error.fields).toEqual([{ path: 'phone', message: 'another contact has this phone' }]);
    // The contact itself may keep its phone on an update.
    expect((await s.request('PATCH', `/api/v1/contacts/${first.body.id}`, { token: ws.token, body: { phone: '21998765432' } })).status).toBe(200);
  });

  it('attributes come from the catalogue; inactive ones take no new values', async () => {
    const plan = await s.request('POST', '/api/v1/contact-attributes', { token: ws.token, body: { name: 'Plano', description: 'Plano contratado' } });
    expect(plan.status).toBe(201);
    expect((await s.request('POST', '/api/v1/contact-attributes', { token: ws.token, body: { name: 'plano' } })).status).toBe(409);
    const c = await post({ displayName: 'Cliente Plano', attributes: [{ attributeId: plan.body.id, value: 'Fibra 500' }] });
    expect(c.body.attributes).toEqual([{ attributeId: plan.body.id, name: 'Plano', value: 'Fibra 500' }]);
    await s.request('PATCH', `/api/v1/contact-attributes/${plan.body.id}`, { token: ws.token, body: { status: 'inactive' } });
    const refused = await post({ displayName: 'Outro', attributes: [{ attributeId: plan.body.id, value: 'x' }] });
    expect(refused.body.error.fields).toEqual([{ path: 'attributes.0.attributeId', message: 'attribute not found or inactive' }]);
    const agent = await s.user(ws.workspaceId, 'agent');
    expect((await s.request('POST', '/api/v1/contact-attributes', { token: agent.token, body: { name: 'Z' } })).status).toBe(403);
  });
});

describe('search (CONT-2)', () => {
  beforeAll(async () => {
    const other = await s.workspace();
    await s.request('POST', '/api/v1/contacts', { token: other.token, body: { displayName: 'Conceição Outra Empresa', phone: '(31) 99999-1111' } });
    await post({ displayName: 'Maria da Conceição', phone: '(31) 99999-1111', email: 'conceicao@provedor.com.br', document: '390.533.447-05' });
    await post({ displayName: 'Mario Conceito', phone: '(31) 3333-2222' });
  });

  it('by name: any part, accents and case ignored; never another workspace', async () => {
    expect(await search('conceicao')).toEqual(['Maria da Conceição']);
    expect(await search('CONCEI')).toEqual(['Maria da Conceição', 'Mario Conceito']);
    expect(await search('ma')).toEqual(['Maria da Conceição', 'Mario Conceito']);
  });

  it('by name: every typed word starts a word of the name; inside a word as a fallback; renames follow', async () => {
    expect(await search('mar conc')).toEqual(['Maria da Conceição', 'Mario Conceito']);
    expect(await search('mari conceic')).toEqual(['Maria da Conceição']);
    expect(await search('onceit')).toEqual(['Mario Conceito']);
    const renamed = await post({ displayName: 'Zélia Antiga' });
    await s.request('PATCH', `/api/v1/contacts/${renamed.body.id}`, { token: ws.token, body: { displayName: 'Zélia Nova' } });
    expect(await search('zelia nova')).toEqual(['Zélia Nova']);
    expect(await search('antiga')).toEqual([]);
  });

  it('pages through many names in order, each contact once', async () => {
    const w = await s.workspace();
    for (let i = 0; i < 7; i++) await s.request('POST', '/api/v1/contacts', { token: w.token, body: { displayName: `Paginação ${i} Teste` } });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const r: { body: { items: { displayName: string }[]; nextCursor: string | null } } = await s.request('GET', `/api/v1/contacts?q=pagina&limit=3${cursor ? `&cursor=${cursor}` : ''}`, { token: w.token });
      seen.push(...r.body.items.map((c) => c.displayName));
      cursor = r.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `Paginação ${i} Teste`));
  });

  it('by phone in any written form, whole or in part', async () => {
    for (const q of ['(31) 99999-1111', '+55 31 999991111', '31999991111', '99999-1111', '0xx31 99999 1111']) expect(await search(q), q).toEqual(['Maria da Conceição']);
    expect(await search('3333')).toEqual(['Mario Conceito']);
  });

  it('by e-mail and by CPF with or without punctuation', async () => {
    expect(await search('conceicao@provedor')).toEqual(['Maria da Conceição']);
    expect(await search('39053344705')).toEqual(['Maria da Conceição']);
    expect(await search('390.533.447-05')).toEqual(['Maria da Conceição']);
  });
});
