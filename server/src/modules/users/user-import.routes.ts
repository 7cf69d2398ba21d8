import { z } from 'zod';
import { errorResponses } from '@contracts/http';
import type { App } from '../../platform/http/server';
import type { Deps } from '../../platform/context';
import { ctxOf } from '../../platform/http/request-context';
import { csvStream } from '../../platform/spreadsheet';
import { receiveUpload, sendDownload } from '../../platform/http/upload';
import { importUsers, USER_TEMPLATE } from './user-import';

const tags = ['users'];
const errors = errorResponses(400, 401, 403, 413);
/** Users come by the dozen or the hundred; this is room for thousands. */
const MAX_USER_IMPORT_BYTES = 10 * 1024 * 1024;

const cellError = z.object({ column: z.string(), message: z.string() });
const userImportSchema = z.object({
  created: z.number().int(),
  failed: z.array(z.object({ row: z.number().int(), values: z.record(z.string(), z.string()), errors: z.array(cellError) })),
});

export function registerUserImportRoutes(app: App, deps: Deps) {
  app.get('/api/v1/users/import-template.csv', {
    config: { access: 'users.manage' },
    schema: { tags, summary: 'The users import template (USER-7) with one example row', response: { ...errors } },
    handler: async (_req, reply) => sendDownload(reply, 'users-template.csv', 'text/csv; charset=utf-8', csvStream(USER_TEMPLATE)),
  });

  app.post('/api/v1/users/import', {
    config: { access: 'users.manage' },
    schema: {
      tags,
      summary: 'Create users from a CSV or XLSX file (multipart "file"), with a per-row report',
      description: 'Each row goes through the same rules as POST /users (password policy included); rows that fail are listed with each column\'s reason. The password is not echoed back.',
      consumes: ['multipart/form-data'],
      response: { 200: userImportSchema, ...errors },
    },
    handler: async (req) => {
      const ctx = ctxOf(req, deps);
      return (await receiveUpload(req, MAX_USER_IMPORT_BYTES, (file) => importUsers(ctx, file))).file;
    },
  });
}
