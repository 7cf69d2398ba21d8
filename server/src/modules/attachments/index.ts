export { registerAttachmentRoutes } from './attachment.routes';
export { getAttachment, saveUpload, type UploadInput } from './attachment.service';
export { withUploadedFile, sendAttachment } from './attachment.upload';
export { presentAttachment, attachmentSchema, type AttachmentView } from './attachment.presenter';
export type { AttachmentRow } from './attachment.repository';
export type { UploadDirection } from './attachment.policy';
