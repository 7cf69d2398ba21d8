import type { Readable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import { createUserSchema, type Role } from '@contracts/users';
import type { Ctx } from '../../platform/context';
import type { Executor } from '../../platform/db/client';
import { AppError, validationFailed, type FieldError } from '../../platform/errors';
import { matchColumns, normalizeHeader, openSpreadsheet, SpreadsheetError, type ColumnSpec } from '../../platform/spreadsheet';
import { serviceGroups } from '../service-groups/service-group.schema';
import { operations } from '../operations/operation.schema';
import { createUser } from './user.service';

/** USER-7: the fields of USER-3 as spreadsheet columns (work hours and permissions stay in the form). */
type UserColumn =
  | 'login' | 'displayName' | 'role' | 'password' | 'email' | 'phone' | 'company' | 'department' | 'profile' | 'birthDate'
  | 'priority' | 'maxConversations' | 'serviceGroups' | 'operations' | 'mustChangePassword' | 'socialToken' | 'integrationKey';

export const USER_COLUMNS: ColumnSpec<UserColumn>[] = [
  { key: 'login', header: 'LOGIN', required: true, aliases: ['USUÁRIO', 'NOME DE USUÁRIO', 'LOGIN NAME', 'USERNAME'] },
  { key: 'displayName', header: 'DISPLAY NAME', required: true, aliases: ['NOME', 'NAME', 'NOME DE EXIBIÇÃO'] },
  { key: 'role', header: 'ROLE', aliases: ['PERFIL', 'PERFIL DE ACESSO', 'FUNÇÃO'] },
  { key: 'password', header: 'PASSWORD', required: true, aliases: ['SENHA'] },
  { key: 'email', header: 'EMAIL', aliases: ['E-MAIL'] },
  { key: 'phone', header: 'PHONE', aliases: ['TELEFONE', 'PHONE NUMBER'] },
  { key: 'company', header: 'COMPANY', aliases: ['EMPRESA'] },
  { key: 'department', header: 'DEPARTMENT', aliases: ['DEPARTAMENTO', 'SETOR'] },
  { key: 'profile', header: 'PROFILE', aliases: ['CARGO', 'JOB TITLE'] },
  { key: 'birthDate', header: 'BIRTH DATE', aliases: ['NASCIMENTO', 'DATA DE NASCIMENTO'] },
  { key: 'priority', header: 'PRIORITY', aliases: ['PRIORIDADE'] },
  { key: 'maxConversations', header: 'MAX CONVERSATIONS', aliases: ['SIMULTANEOUS CONVERSATIONS', 'ATENDIMENTOS SIMULTÂNEOS', 'CONVERSAS SIMULTÂNEAS'] },
  { key: 'serviceGroups', header: 'SERVICE GROUPS', aliases: ['GROUPS', 'GRUPOS', 'GRUPOS DE ATENDIMENTO'] },
  { key: 'operations', header: 'OPERATIONS', aliases: ['OPERAÇÕES'] },
  { key: 'mustChangePassword', header: 'MUST CHANGE PASSWORD', aliases: ['TROCAR SENHA', 'TROCAR SENHA NO PRIMEIRO ACESSO'] },
  { key: 'socialToken', header: 'SOCIAL TOKEN', aliases: ['TOKEN SOCIAL'] },
  { key: 'integrationKey', header: 'INTEGRATION KEY', aliases: ['CHAVE DE INTEGRAÇÃO'] },
];

/** The template: every column and one example row (its password meets the policy). */
export const USER_TEMPLATE = [
  USER_COLUMNS.map((c) => c.header),
  ['maria.silva', 'Maria Silva', 'agent', 'Troque@2026', 'maria@empresa.com.br', '+55 11 98765-4321', 'Empresa', 'Atendimento', 'Analista', '12/04/1990', '0', '5', '', '', 'true', '', ''],
];

const ROLES: Record<string, Role> = {
  admin: 'admin', administrador: 'admin', administrator: 'admin',
  supervisor: 'supervisor',
  'supervisor agent': 'supervisor_agent', 'supervisor agente': 'supervisor_agent',
  agent: 'agent', agente: 'agent', atendente: 'agent', operador: 'agent',
};
const YES = new Set(['true', 'sim', 'yes', 's', 'y', '1', 'x']);
const NO = new Set(['false', 'nao', 'no', 'n', '0']);

type CellError = { column: string; message: string };
export interface UserImportResult {
  created: number;
  failed: { row: number; values: Record<string, string>; errors: CellError[] }[];
}

/** Names of the workspace's service groups and operations (lower case → id): one query each per file. */
async function namesOf(db: Executor, workspaceId: string) {
  const [groups, ops] = await Promise.all([
    db.select({ id: serviceGroups.id, name: sql<string>`lower(${serviceGroups.name})` }).from(serviceGroups).where(eq(serviceGroups.workspaceId, workspaceId)),
    db.select({ id: operations.id, name: sql<string>`lower(${operations.name})` }).from(operations).where(eq(operations.workspaceId, workspaceId)),
  ]);
  return { groups: new Map(groups.map((g) => [g.name, g.id])), operations: new Map(ops.map((o) => [o.name, o.id])) };
}

/**
 * USER-7: creates the users of a spreadsheet, read as it streams, each through `createUser` —
 * the form's own rules, password policy included — so a row fails exactly as the form would,
 * with the reasons put on the row's columns. A file without a required column is refused whole.
 */
export async function importUsers(ctx: Ctx, file: { fileName: string; stream: Readable }): Promise<UserImportResult> {
  let sheet;
  try {
    sheet = await openSpreadsheet(file.stream, { fileName: file.fileName });
  } catch (err) {
    if (err instanceof SpreadsheetError) throw validationFailed(err.fields, `The file cannot be imported: ${err.message}`);
    throw err;
  }
  const match = matchColumns(sheet.headers, USER_COLUMNS);
  if (match.error) {
    await sheet.close();
    throw validationFailed([{ path: 'file', message: match.error }], `The file cannot be imported: ${match.error}`);
  }
  const column = (key: UserColumn) => match.columns[key] ?? USER_COLUMNS.find((c) => c.key === key)!.header;
  const names = await namesOf(ctx.db, ctx.workspaceId);
  const result: UserImportResult = { created: 0, failed: [] };

  try {
    for await (const r of sheet.rows) {
      const cell = (key: UserColumn) => (r.cells[match.positions[key]?.[0] ?? -1] ?? '').trim();
      // The password is not sent back: the report may be shown on any screen.
      const { [column('password')]: _password, ...values } = r.values;
      const errors: CellError[] = [];
      const fail = (key: UserColumn, message: string) => errors.push({ column: column(key), message });

      const role = cell('role') ? ROLES[normalizeHeader(cell('role'))] : 'agent';
      if (!role) fail('role', 'use admin, supervisor, supervisor_agent or agent');
      const number = (key: UserColumn) => {
        const v = cell(key);
        if (!v) return undefined;
        if (/^\d+$/.test(v)) return Number(v);
        fail(key, 'must be a whole number');
        return undefined;
      };
      const list = (key: UserColumn, known: Map<string, string>, what: string) =>
        cell(key)
          .split(/[,;|]/)
          .map((n) => n.trim())
          .filter(Boolean)
          .flatMap((n) => {
            const id = known.get(n.toLowerCase());
            if (!id) fail(key, `${what} not found: ${n}`);
            return id ? [id] : [];
          });
      const flag = cell('mustChangePassword') ? normalizeHeader(cell('mustChangePassword')) : 'true';
      if (!YES.has(flag) && !NO.has(flag)) fail('mustChangePassword', 'use true or false (sim or não)');
      const birthDate = isoDate(cell('birthDate'));
      if (birthDate === null) fail('birthDate', 'use DD/MM/YYYY or YYYY-MM-DD');

      const input = {
        login: cell('login'),
        displayName: cell('displayName'),
        role: role ?? 'agent',
        password: cell('password'),
        email: cell('email') || null,
        phone: cell('phone') || null,
        company: cell('company') || null,
        department: cell('department') || null,
        profile: cell('profile') || null,
        birthDate: birthDate || null,
        socialToken: cell('socialToken') || null,
        integrationKey: cell('integrationKey') || null,
        priority: number('priority'),
        maxConversations: number('maxConversations'),
        serviceGroupIds: list('serviceGroups', names.groups, 'service group'),
        operationIds: list('operations', names.operations, 'operation'),
        mustChangePassword: !NO.has(flag),
      };
      const parsed = createUserSchema.safeParse(input);
      if (!parsed.success) for (const issue of parsed.error.issues) errors.push({ column: columnOfPath(String(issue.path[0]), column), message: issue.message });
      if (errors.length === 0 && parsed.success) {
        try {
          await createUser(ctx, parsed.data);
          result.created++;
          continue;
        } catch (err) {
          if (!(err instanceof AppError) || err.status >= 500) throw err;
          const fields: FieldError[] = err.fields.length ? err.fields : [{ path: 'login', message: err.message }];
          for (const f of fields) errors.push({ column: columnOfPath(f.path.split('.')[0], column), message: f.message });
        }
      }
      result.failed.push({ row: r.row, values, errors });
    }
  } catch (err) {
    if (err instanceof SpreadsheetError) throw validationFailed(err.fields, `The file cannot be read: ${err.message}`);
    throw err;
  } finally {
    await sheet.close();
  }
  return result;
}

const PATH_COLUMN: Record<string, UserColumn> = { serviceGroupIds: 'serviceGroups', operationIds: 'operations' };

function columnOfPath(path: string, column: (key: UserColumn) => string): string {
  const key = (PATH_COLUMN[path] ?? path) as UserColumn;
  return USER_COLUMNS.some((c) => c.key === key) ? column(key) : path;
}

/** Brazilian spreadsheets write dates DD/MM/YYYY; XLSX date cells arrive as YYYY-MM-DD. Null when unreadable. */
function isoDate(text: string): string | null {
  if (!text) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  return m ? `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}` : null;
}
