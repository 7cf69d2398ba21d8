// Every table, gathered for Drizzle (queries and drizzle-kit migrations).
export * from './platform/events/outbox.schema';
export * from './modules/workspaces/workspace.schema';
export * from './modules/operations/operation.schema';
export * from './modules/users/user.schema';
export * from './modules/auth/auth.schema';
export * from './modules/audit/audit.schema';
export * from './modules/service-groups/service-group.schema';
export * from './modules/classifications/classification.schema';
export * from './modules/canned-responses/canned-response.schema';
export * from './modules/pause-reasons/pause-reason.schema';
export * from './modules/channels/channel.schema';
export * from './modules/contacts/contact.schema';
export * from './modules/attachments/attachment.schema';
export * from './modules/conversations/conversation.schema';
export * from './modules/routing/agent-state.schema';
export * from './channels/webchat/webchat.schema';
export * from './channels/whatsapp/whatsapp.schema';
