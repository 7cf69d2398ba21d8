import { randomUUID } from 'node:crypto';
import { PassThrough, type Readable } from 'node:stream';
import { z } from 'zod';
import { errorResponses, idParams, listQuerySchema, page } from '@contracts/http';
import type { App } from '../../../platform/http/server';
import type { Deps } from '../../../platform/context';
import { ctxOf } from '../../../platform/http/request-context';
import { receiveUpload, sendDownload } from '../../../platform/http/upload';
import { validationFailed } from '../../../platform/errors';
import { csvStream, writeXlsx } from '../../../platform/spreadsheet';
import { templateRows } from './import.columns';
import { importSchema, importSummarySchema, retrySchema } from './import.presenter';
import * as service from './import.service';

const tags = ['contacts'];
const errors = errorResponses(400, 401, 403, 404, 409, 413);
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function xlsxStream(rows: Iterable<readonly string[]>): Readable {
  const out = new PassThrough();
  writeXlsx(out, rows).catch((err) => out.destroy(err));
  return out;
}

const booleanField = (value: string | undefined, path: string) => {
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  throw validationFailed([{ path, message: 'use "true" or "false"' }]);
};

export function registerContactImportRoutes(app: App, deps: Deps) {
  for (const format of ['csv', 'xlsx'] as const) {
    app.get(`/api/v1/contacts/import-template.${format}`, {
      config: { access: 'contacts.import' },
      schema: {
        tags,
        summary: `The contact import template (CONT-3) with one example row, as ${format.toUpperCase()}`,
        querystring: z.object({ language: z.enum(['en', 'pt-BR']).default('en') }),
        response: { ...errors },
      },
      handler: async (req, reply) => {
        const rows = templateRows(req.query.language);
        const name = req.query.language === 'pt-BR' ? `modelo-contatos.${format}` : `contacts-template.${format}`;
        return format === 'csv'
          ? sendDownload(reply, name, 'text/csv; charset=utf-8', csvStream(rows))
          : sendDownload(reply, name, XLSX_TYPE, xlsxStream(rows));
      },
    });
  }

  app.post('/api/v1/contacts/import', {
    config: { access: 'contacts.import' },
    schema: {
      tags,
      summary: 'Import contacts from a CSV or XLSX file (multipart "file", optional "updateDuplicates" = true|false); runs as a job',
      description: 'A file without a required column is refused at once (400, naming the columns). Progress: GET /contacts/imports/:id, or the realtime event import.progress.',
      consumes: ['multipart/form-data'],
      response: { 202: importSchema, ...errors },
    },
    handler: async (req, reply) => {
      const ctx = ctxOf(req, deps);
      const id = randomUUID();
      const key = service.importFileKey(ctx.workspaceId, id);
      let upload;
      try {
        upload = await receiveUpload(req, service.MAX_IMPORT_BYTES, async (file) => {
          await deps.storage.put(key, file.stream, { maxBytes: service.MAX_IMPORT_BYTES });
          return file.fileName;
        });
      } catch (err) {
        await deps.storage.remove(key);
        throw err;
      }
      let updateDuplicates: boolean;
      try {
        updateDuplicates = booleanField(upload.fields.updateDuplicates, 'updateDuplicates');
      } catch (err) {
        await deps.storage.remove(key);
        throw err;
      }
      return reply.code(202).send(await service.startContactImport(deps, ctx, { id, key, fileName: upload.file, updateDuplicates }));
    },
  });

  app.get('/api/v1/contacts/imports', {
    config: { access: 'contacts.import' },
    schema: { tags, summary: 'Recent contact imports, newest first', querystring: listQuerySchema, response: { 200: page(importSummarySchema), ...errors } },
    handler: async (req) => service.listContactImports(ctxOf(req, deps), req.query),
  });

  app.get('/api/v1/contacts/imports/:id', {
    config: { access: 'contacts.import' },
    schema: {
      tags,
      summary: 'An import: counters, rejected rows (?cursor=) and duplicate rows (?duplicatesCursor=), in row order',
      params: idParams,
      querystring: listQuerySchema.extend({ duplicatesCursor: z.string().max(200).optional() }),
      response: { 200: importSchema, ...errors },
    },
    handler: async (req) => service.getContactImport(ctxOf(req, deps), req.params.id, req.query),
  });

  app.post('/api/v1/contacts/imports/:id/retry', {
    config: { access: 'contacts.import' },
    schema: {
      tags,
      summary: 'Re-send corrected rows (values keyed by the file\'s column headers); answers the import',
      params: idParams,
      body: z.object({
        rows: z.array(z.object({ row: z.number().int().min(1), values: z.record(z.string().max(200), z.string().max(1000)) })).max(1000).default([]),
      }),
      response: { 200: retrySchema, ...errors },
    },
    handler: async (req) => service.retryImportRows(ctxOf(req, deps), req.params.id, req.body.rows),
  });

  app.post('/api/v1/contacts/imports/:id/duplicates/update', {
    config: { access: 'contacts.import' },
    schema: {
      tags,
      summary: 'Update the existing contacts with these duplicate rows (all of them when "rows" is absent)',
      params: idParams,
      body: z.object({ rows: z.array(z.number().int().min(1)).max(100_000).optional() }).optional(),
      response: { 200: importSchema, ...errors },
    },
    handler: async (req) => service.updateImportDuplicates(ctxOf(req, deps), req.params.id, req.body?.rows),
  });

  app.get('/api/v1/contacts/imports/:id/result.csv', {
    config: { access: 'contacts.import' },
    schema: { tags, summary: 'Every row that needed attention, with its outcome and reasons (CSV)', params: idParams, response: { ...errors } },
    handler: async (req, reply) => {
      const result = await service.importResultRows(ctxOf(req, deps), req.params.id);
      return sendDownload(reply, result.fileName, 'text/csv; charset=utf-8', csvStream(result.rows));
    },
  });
}
