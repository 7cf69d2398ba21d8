import { idParams, errorResponses } from '@contracts/http';
import type { App } from '../../platform/http/server';
import type { Deps } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { getAttachment, saveUpload } from './attachment.service';
import { sendAttachment, withUploadedFile } from './attachment.upload';
import { attachmentSchema, presentAttachment } from './attachment.presenter';

const tags = ['attachments'];
const errors = errorResponses(400, 401, 403, 404, 413);

export function registerAttachmentRoutes(app: App, deps: Deps) {
  app.post('/api/v1/attachments', {
    config: { access: 'serving.use' },
    schema: {
      tags,
      summary: 'Upload a file (multipart field "file") to send in a conversation',
      consumes: ['multipart/form-data'],
      response: { 201: attachmentSchema, ...errors },
    },
    handler: async (req, reply) => {
      const p = req.principal!;
      const row = await withUploadedFile(req, (file) =>
        saveUpload(deps, { workspaceId: p.workspaceId, by: { userId: p.userId }, direction: 'agent', file }),
      );
      return reply.code(201).send(presentAttachment(row));
    },
  });

  // Everyone who may read conversations (supervisors too) may open their files.
  app.get('/api/v1/attachments/:id', {
    config: { access: 'contacts.read' },
    schema: { tags, summary: 'Download a file with its sniffed type', params: idParams, response: { ...errors } },
    handler: async (req, reply) => {
      const row = await getAttachment(deps.db, req.principal!.workspaceId, req.params.id);
      if (!row) throw notFound('Attachment');
      return sendAttachment(reply, row, deps.storage.get(row.storageKey));
    },
  });
}
