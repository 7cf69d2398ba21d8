export { conversations, messages, conversationEvents } from './conversation.schema';
export { receiveInbound, receiveInboundBatch, type InboundMessage, REOPEN_WINDOW_MS } from './inbound.service';
export { markMessageStatus, markMessageStatuses, getMessageForDelivery, listContactMessages, sendMessage } from './message.service';
export { presentConversation, presentMessage, conversationSchema, messageSchema, type ConversationDto, type MessageDto } from './conversation.presenter';
export { registerConversationRoutes } from './conversation.routes';
export { registerConversationListeners, supervisorsRoom } from './conversation.listeners';
export { defineConversationJobs, EXPIRE_JOB } from './conversation.jobs';
export { findOpenConversation, getConversation, findConversationView, type ConversationRow } from './conversation.repository';
// For the routing module, which assigns conversations under its locks.
export {
  activeCounts,
  activeConversationsOf,
  assignFromQueue,
  insertEvents,
  lockQueue,
  todayStats,
  updateConversation,
} from './conversation.repository';
// For active send (modules/outbound), which opens conversations the company starts.
export { insertConversation, lockOpenConversation } from './conversation.repository';
export { findMessageView, insertMessage, type StatusUpdate } from './message.repository';
export { assertWindowOpen, resolveTemplate } from './outbound-content';
export { previewOf } from './conversation.presenter';
export { nextProtocol } from './protocol';
export { getConversationDto } from './conversation.service';
export { sendAutomaticMessages, moveByClock, type AutomaticMessage, type ClockMove } from './automatic.service';
