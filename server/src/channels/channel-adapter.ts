import type { FastifyBaseLogger } from 'fastify';
import type { ChannelSettings, ChannelType } from '@contracts/serving';
import type { Deps } from '../platform/context';

/**
 * What every channel (web chat, WhatsApp, Telegram …) implements (CHAN-3, CHAN-7): turning the
 * provider's inbound payloads into normalized events, and sending the company's messages.
 * Conversations, routing and the agent workspace only ever see these shapes.
 */

export interface ChannelCapabilities {
  /** MIME types (`application/pdf`) or prefixes (`image/`) a contact may send. */
  inboundMedia: string[];
  /** MIME types or prefixes the company may send; empty when the channel carries text only. */
  outboundMedia: string[];
  /** Hours after the contact's last message during which free-form replies are allowed; null = always. */
  replyWindowHours: number | null;
  /** Typing indicators both ways (the adapter then implements `sendTyping`). */
  typing: boolean;
  /** The channel reports when the contact read a message. */
  readReceipts: boolean;
}

/** The channel as an adapter needs it. */
export interface AdapterChannel {
  id: string;
  workspaceId: string;
  type: ChannelType;
  name: string;
  settings: ChannelSettings;
}

/** A company message ready for the wire: already decided to go out, already stored. */
export interface OutboundMessage {
  id: string;
  conversationId: string;
  contactId: string;
  text: string | null;
  attachment: { id: string; fileName: string; mimeType: string; size: number } | null;
  /** The sender's name as the contact should see it (the group's "name shown in messages"). */
  authorName: string | null;
  clientMessageId: string | null;
  createdAt: Date;
}

export interface SendResult {
  /** The provider's id of the sent message, when it has one (status updates refer to it). */
  externalId?: string;
  status: 'sent' | 'delivered';
}

export interface AdapterContext {
  deps: Deps;
  log: FastifyBaseLogger;
}

/** How the contact is known on the channel (CONT-6). */
export interface ContactIdentity {
  externalId: string;
  displayName?: string;
  phone?: string;
  email?: string;
}

export type NormalizedInbound =
  | {
      kind: 'message';
      contact: ContactIdentity;
      message: { externalId?: string; clientMessageId?: string; text?: string; attachmentId?: string; receivedAt: Date };
    }
  | { kind: 'status'; externalId: string; status: 'sent' | 'delivered' | 'read' | 'failed'; error?: { code: string; title: string } }
  | { kind: 'typing'; contact: ContactIdentity };

export interface ChannelAdapter {
  readonly type: ChannelType;
  readonly capabilities: ChannelCapabilities;
  /** Throws ChannelSendError; a retryable one is tried again later with back-off. */
  send(ctx: AdapterContext, channel: AdapterChannel, message: OutboundMessage): Promise<SendResult>;
  /** Shows "typing…" to the contact; only when `capabilities.typing`. */
  sendTyping?(ctx: AdapterContext, channel: AdapterChannel, contactId: string): Promise<void>;
  /**
   * One provider payload → the events it carries (a WhatsApp webhook may carry several).
   * Malformed input throws ChannelInboundError naming what is wrong; payloads that carry
   * nothing for us (a provider's unrelated notification) give [].
   */
  normalizeInbound(raw: unknown): NormalizedInbound[];
}

/** A send that did not happen. `retryable`: the provider or the network may accept it later. */
export class ChannelSendError extends Error {
  constructor(
    readonly retryable: boolean,
    readonly code: string,
    readonly title: string,
  ) {
    super(`${code}: ${title}`);
  }
}

/** An inbound payload the adapter cannot read. */
export class ChannelInboundError extends Error {
  constructor(
    message: string,
    readonly fields: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

/** Whether a MIME type matches one of the capability entries (exact types or `prefix/`). */
export function mediaAllowed(list: readonly string[], mime: string): boolean {
  const base = mime.split(';')[0].trim().toLowerCase();
  return list.some((entry) => (entry.endsWith('/') ? base.startsWith(entry) : base === entry));
}
