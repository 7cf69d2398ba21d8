import pg from 'pg';

/**
 * A million contacts in about a minute of two busy cores, for the contacts scenario (issue 7,
 * scenario 7).
 *
 * People look Brazilian and names vary as real ones do: a first name (skewed: many Marias), a
 * second one for three in ten, "da"/"de"/"dos" for three in ten, one or two common surnames and a
 * surname of the long tail, generated from syllables (~18,000, some with accents) — so a base has
 * words shared by tens of thousands and words shared by a few dozen, in varying positions. Every
 * contact has a valid mobile phone (DDDs that exist, 9 + eight scrambled digits), an e-mail, and
 * every other one a CPF with its check digits. Contact `i` has the username `usernameOf(i)`, so a
 * bench can sample contacts and search for them as people type.
 *
 * Written set-based — one INSERT … SELECT per table — with what the triggers derive (main phone,
 * phone_numbers, search columns, username, the name's words and vocabulary) computed in the same
 * statements, user triggers off for the load (`session_replication_role = replica`, which also
 * skips foreign-key checks of rows made here against rows made here), and the secondary indexes
 * of the tables dropped before and rebuilt after on two connections — building an index once is
 * several times cheaper than maintaining it a million times. `checkDerivedColumns` then lets the
 * real triggers recompute a sample: a trigger change this copy misses fails the bench instead of
 * measuring a different database.
 */

const LISTS = {
  first: [
    'Maria', 'Maria', 'Maria', 'Maria', 'José', 'José', 'José', 'Ana', 'Ana', 'João', 'João', 'Antônio', 'Francisca', 'Carlos', 'Paulo',
    'Pedro', 'Lucas', 'Luiz', 'Marcos', 'Luíza', 'Gabriel', 'Rafael', 'Daniel', 'Marcelo', 'Bruno', 'Eduardo', 'Felipe', 'Raimundo',
    'Rodrigo', 'Juliana', 'Márcia', 'Fernanda', 'Patrícia', 'Aline', 'Sandra', 'Camila', 'Letícia', 'Sérgio', 'Bárbara', 'Conceição',
    'Fábio', 'Márcio', 'Vitória', 'Jéssica', 'Andréia',
  ],
  second: ['Aparecida', 'Eduarda', 'Helena', 'Cristina', 'Carlos', 'Henrique', 'Paulo', 'Vitor', 'Luiz', 'Antônio', 'Fernanda', 'Clara'],
  particle: ['da', 'de', 'dos', 'da', 'de'],
  common: [
    'Silva', 'Silva', 'Silva', 'Santos', 'Santos', 'Oliveira', 'Oliveira', 'Souza', 'Souza', 'Rodrigues', 'Ferreira', 'Alves', 'Pereira',
    'Lima', 'Gomes', 'Costa', 'Ribeiro', 'Martins', 'Carvalho', 'Almeida', 'Lopes', 'Soares', 'Fernandes', 'Vieira', 'Barbosa', 'Rocha',
    'Dias', 'Nascimento', 'Andrade', 'Moreira', 'Nunes', 'Araújo', 'Gonçalves', 'Conceição', 'Simões', 'Brandão', 'Magalhães',
  ],
  // The long tail: 30 × 20 × 30 syllable surnames ("Bortolazzi", "Cavenão", "Dalmiães").
  tail1: ['Bor', 'Cav', 'Dal', 'Fer', 'Gal', 'Lan', 'Mar', 'Nog', 'Pin', 'Ros', 'Sal', 'Tav', 'Val', 'Zan', 'Bel', 'Cor', 'Fon', 'Gua', 'Lor',
    'Mon', 'Pas', 'Quei', 'Ren', 'Sab', 'Ter', 'Urb', 'Ven', 'Bra', 'Cre', 'Esp'],
  tail2: ['to', 'ri', 'ne', 'la', 'go', 'de', 'ca', 'mi', 've', 'zo', 'ti', 'ba', 'lu', 'sa', 'ro', 'ma', 'di', 'fe', 'po', 'nu'],
  tail3: ['lazzi', 'ni', 'tti', 'des', 'res', 'vas', 'ldo', 'ssi', 'nha', 'cci', 'ira', 'não', 'ães', 'ena', 'ssa', 'llo', 'ral', 'mes', 'dão',
    'ção', 'rim', 'nte', 'sco', 'lis', 'vel', 'rta', 'gas', 'ndo', 'tão', 'lho'],
};
/** DDDs that exist (São Paulo and Rio weigh more): a number written with any of them is a valid mobile. */
const DDDS = [
  11, 11, 11, 11, 11, 21, 21, 21, 12, 13, 14, 15, 16, 17, 18, 19, 22, 24, 27, 28, 31, 31, 32, 33, 34, 35, 37, 38, 41, 42, 43, 44, 45, 46,
  47, 48, 49, 51, 51, 53, 54, 55, 61, 61, 62, 63, 64, 65, 66, 67, 68, 69, 71, 71, 73, 74, 75, 77, 79, 81, 81, 82, 83, 84, 85, 85, 86, 87,
  88, 89, 91, 92, 93, 94, 95, 96, 97, 98, 99,
];
const NAMES = Object.keys(LISTS) as (keyof typeof LISTS)[];

export const usernameOf = (i: number) => `c${i.toString(16).padStart(12, '0')}`;

/** The tables the load writes, whose non-unique indexes it drops and rebuilds. */
const TABLES = ['contacts', 'contact_words', 'contact_vocabulary'];

// A deterministic pick in 1..len, independent between `salt`s (a seeded hash of the number: linear
// formulas of it make picks correlate, and a "rare" surname then comes with the same first name).
const pick = (salt: number, len: string) => `(1 + (hashint8extended(i::bigint, ${salt}) % (${len}) + (${len})) % (${len}))`;
const sometimes = (salt: number, inTen: number, then: string) => `case when ${pick(salt, '10')} <= ${inTen} then ${then} end`;

// CPF check digits of the body 100000000 + i, in integer arithmetic (document.ts's rule).
const digit = (k: number) => `(b / ${10 ** (8 - k)} % 10)`;
const dv1 = `((11 - (${[...Array(9).keys()].map((k) => `${digit(k)} * ${10 - k}`).join(' + ')}) % 11) % 11 % 10)`;
const dv2 = `((11 - (${[...Array(9).keys()].map((k) => `${digit(k)} * ${11 - k}`).join(' + ')} + ${dv1} * 2) % 11) % 11 % 10)`;

// $1 workspace, $2..$3 the numbers, then each list as written and as searched (lower case, no accents), then the DDDs.
const listParams = NAMES.map((n, k) => `$${4 + k}::text[] l_${n}, (select array_agg(lower(public.unaccent('public.unaccent'::regdictionary, x)) order by o)
  from unnest($${4 + k}::text[]) with ordinality u(x, o)) s_${n}`);
const WITH_LISTS = `with lists as (select ${listParams.join(', ')}, $${4 + NAMES.length}::int[] ddd)`;
const params = (workspaceId: string, from: number, to: number) => [workspaceId, from, to, ...NAMES.map((n) => LISTS[n]), DDDS];

/**
 * Per contact number `i`: its id (in number order, so the primary key grows at its right edge
 * instead of splitting pages all over, as random ids would during a load), its name (as written
 * and as its parts' search forms), phone and CPF body.
 */
const PEOPLE = (() => {
  const parts = (p: string) => [`${p}first[f]`, `${p}second[f2]`, `${p}particle[pt]`, `${p}common[c1]`, `${p}common[c2]`, `${p}tail1[t1] || ${p}tail2[t2] || ${p}tail3[t3]`];
  return `
  select i, lpad(to_hex(i), 32, '0')::uuid as id, concat_ws(' ', ${parts('l_').join(', ')}) as display_name, concat_ws(' ', ${parts('s_').join(', ')}) as search_name,
         array_remove(array[${parts('s_').join(', ')}], null) as words, s_first[f] as first_word, s_tail1[t1] || s_tail2[t2] || s_tail3[t3] as last_word,
         '+55' || ddd[${pick(4, 'cardinality(ddd)')}] || '9' || lpad(((i::bigint * 48271 + 12345) % 100000000)::text, 8, '0') as phone,
         100000000 + i::bigint as b
    from generate_series($2::int, $3::int) i, lists,
         lateral (select ${pick(1, 'cardinality(l_first)')} f, ${sometimes(7, 3, pick(8, 'cardinality(l_second)'))} f2,
                         ${sometimes(9, 3, pick(10, 'cardinality(l_particle)'))} pt, ${pick(2, 'cardinality(l_common)')} c1,
                         ${sometimes(11, 4, `1 + (${pick(2, 'cardinality(l_common)')} - 1 + ${pick(12, 'cardinality(l_common) - 1')}) % cardinality(l_common)`)} c2, ${pick(3, 'cardinality(l_tail1)')} t1,
                         ${pick(5, 'cardinality(l_tail2)')} t2, ${pick(6, 'cardinality(l_tail3)')} t3) k`;
})();

export interface GenerateResult {
  contacts: number;
  seconds: { rows: number; indexes: number; vacuum: number; total: number };
}

/**
 * Adds contacts numbered `from`..`from + count - 1` to a workspace (`url`: a superuser connection
 * to Atende's database). Two connections share the work — the contacts, their words in parts
 * and the vocabulary (all computed from the contact's number, so in any order), then the index
 * builds — and VACUUM ends it (the visibility map lets name searches read `contact_words` from its
 * index alone).
 */
export async function generateContacts(url: string, workspaceId: string, count: number, from = 1): Promise<GenerateResult> {
  const t0 = Date.now();
  const [a, b] = [new pg.Client({ connectionString: url }), new pg.Client({ connectionString: url })];
  await Promise.all([a.connect(), b.connect()]);
  const to = from + count - 1;
  let indexes: { def: string; size: number }[] = [];
  const s = (x: number, y: number) => Math.round((y - x) / 100) / 10;
  try {
    const found = await a.query<{ name: string; def: string; size: number }>(
      `select i.relname as name, pg_get_indexdef(i.oid) as def, pg_relation_size(t.oid)::float8 as size
         from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
        where t.relname = any($1) and t.relnamespace = 'public'::regnamespace and not x.indisunique`,
      [TABLES],
    );
    for (const i of found.rows) await a.query(`drop index "${i.name}"`);
    indexes = found.rows;
    await Promise.all([a.query('set session_replication_role = replica'), b.query('set session_replication_role = replica')]);
    // Words cost more than contacts: they go in sixths, so both connections end about together.
    const sixth = Math.ceil(count / 6);
    const chunks = [...Array(6).keys()].map((k) => [from + k * sixth, Math.min(to, from + (k + 1) * sixth - 1)]).filter(([x, y]) => x <= y);
    await inTurn([a, b], [
      (c) => c.query(
        `${WITH_LISTS}
         insert into contacts (id, workspace_id, display_name, username, phone, phones, phone_numbers, email, document_type, document_number, search_name, search_phones)
         select p.id, $1, p.display_name, 'c' || lpad(to_hex(p.i), 12, '0'), p.phone,
                ('[{"number": "' || p.phone || '", "type": "mobile"}]')::jsonb, array[p.phone],
                p.first_word || '.' || p.last_word || p.i || '@exemplo.com.br',
                case when p.i % 2 = 0 then 'cpf' end,
                case when p.i % 2 = 0 then p.b::text || ${dv1} || ${dv2} end,
                p.search_name, substr(p.phone, 2)
           from (${PEOPLE}) p`,
        params(workspaceId, from, to),
      ),
      ...chunks.map(([x, y]) => (c: pg.Client) => c.query(
        // A name's distinct words: a surname may repeat the first name ("Conceição"). OFFSET 0 keeps
        // the person computed once, not once per word.
        `${WITH_LISTS}
         insert into contact_words (workspace_id, word, sort_name, contact_id)
         select $1, w, p.search_name, p.id
           from (${PEOPLE} offset 0) p, unnest(p.words) with ordinality u(w, k)
          where w <> all(p.words[1:k::int - 1])`,
        params(workspaceId, x, y),
      )),
      (c) => c.query(
        `with words as (
           select lower(public.unaccent('public.unaccent'::regdictionary, w)) w from unnest($2::text[]) w
           union select lower(public.unaccent('public.unaccent'::regdictionary, x || y || z)) from unnest($3::text[]) x, unnest($4::text[]) y, unnest($5::text[]) z)
         insert into contact_vocabulary (workspace_id, word)
         select $1, w from words where not exists (select 1 from contact_vocabulary v where v.workspace_id = $1 and v.word = words.w)`,
        [workspaceId, [...LISTS.first, ...LISTS.second, ...LISTS.particle, ...LISTS.common], LISTS.tail1, LISTS.tail2, LISTS.tail3],
      ),
    ]);
    const tIndexes = Date.now();
    await Promise.all([a.query('reset session_replication_role'), b.query('reset session_replication_role')]);
    await rebuild([a, b], indexes);
    indexes = [];
    const tVacuum = Date.now();
    await Promise.all([a.query('vacuum analyze contacts'), b.query('vacuum analyze contact_words').then(() => b.query('vacuum analyze contact_vocabulary'))]);
    const end = Date.now();
    return { contacts: count, seconds: { rows: s(t0, tIndexes), indexes: s(tIndexes, tVacuum), vacuum: s(tVacuum, end), total: s(t0, end) } };
  } finally {
    // A failed load still leaves the tables with every index they had.
    if (indexes.length) await rebuild([a, b], indexes).catch(() => undefined);
    await Promise.all([a.end(), b.end()]);
  }
}

/** Runs the tasks in order on whichever connection is free. */
async function inTurn(clients: pg.Client[], tasks: ((c: pg.Client) => Promise<unknown>)[]) {
  const queue = [...tasks];
  await Promise.all(clients.map(async (c) => {
    for (let next = queue.shift(); next; next = queue.shift()) await next(c);
  }));
}

/** Builds the indexes on the connections side by side, biggest tables first. */
async function rebuild(clients: pg.Client[], indexes: { def: string; size: number }[]) {
  await Promise.all(clients.map((c) => c.query(`set maintenance_work_mem = '256MB'`)));
  await inTurn(clients, [...indexes].sort((x, y) => y.size - x.size).map((i) => (c) => c.query(i.def)));
}

/**
 * Lets the real triggers recompute `sample` contacts (a rename away and back rewrites the derived
 * columns, words and vocabulary) and compares with what the load wrote; rolls everything back.
 * Returns the differences found, empty when the load is what the triggers would have written.
 */
export async function checkDerivedColumns(db: pg.Client, workspaceId: string, numbers: number[]): Promise<string[]> {
  const usernames = numbers.map(usernameOf);
  const snapshot = `select c.id, c.phone, c.phone_numbers, c.search_name, c.search_phones, c.username ~ '^c[0-9a-f]{12}$' as username_ok,
                           (select array_agg(w.word || '|' || w.sort_name order by w.word) from contact_words w where w.contact_id = c.id) as words,
                           (select count(*) from contact_words w where w.contact_id = c.id
                              and not exists (select 1 from contact_vocabulary v where v.workspace_id = c.workspace_id and v.word = w.word))::int as unlisted
                      from contacts c where c.workspace_id = $1 and c.username = any($2) order by c.id`;
  await db.query('begin');
  try {
    const before = (await db.query(snapshot, [workspaceId, usernames])).rows;
    await db.query(`update contacts set display_name = display_name || ' x' where workspace_id = $1 and username = any($2)`, [workspaceId, usernames]);
    await db.query(`update contacts set display_name = left(display_name, -2) where workspace_id = $1 and username = any($2)`, [workspaceId, usernames]);
    const after = (await db.query(snapshot, [workspaceId, usernames])).rows;
    const problems: string[] = [];
    if (before.length !== numbers.length) problems.push(`sampled ${numbers.length} contacts, found ${before.length}`);
    before.forEach((row, k) => {
      const a = JSON.stringify(row);
      const b = JSON.stringify(after[k]);
      if (a !== b || !row.username_ok || row.unlisted) problems.push(`generated ${a} but the triggers give ${b}`);
    });
    return problems.slice(0, 5);
  } finally {
    await db.query('rollback');
  }
}
