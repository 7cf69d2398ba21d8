import { createHash, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';

/** What the fake keeps in memory: customers, the chat log the phone page shows, media and templates. */

export type Json = Record<string, any>;

export interface Customer {
  waId: string;
  name: string;
  /** By the sandbox clock; the 24-hour rule counts from here. */
  lastInboundAt: Date | null;
}

export type OutStatus = 'accepted' | 'sent' | 'delivered' | 'read' | 'failed';

/** One bubble of a chat: `in` = the customer wrote it, `out` = Atende sent it. */
export interface ThreadItem {
  wamid: string;
  waId: string;
  direction: 'in' | 'out';
  type: string;
  /** `in`: the webhook `messages[]` object; `out`: the parsed request body of /messages. */
  payload: Json;
  at: Date;
  /** `out`: the delivery ticks; `in`: `sent` once Atende acknowledged the webhook, `read` after mark-as-read. */
  status: OutStatus | 'pending';
  reactions: { from: 'customer' | 'business'; emoji: string }[];
}

/** What Atende sent: the parsed request body of POST /messages plus the wamid answered. */
export type SentMessage = Json & { wamid: string; at: Date };

/** A send the fake refused (24 h rule, throughput, validation, failNext): body and error JSON. */
export interface RejectedSend {
  body: Json;
  error: { code: number; message: string; details: string };
  at: Date;
}

export interface MediaItem {
  id: string;
  bytes: Buffer;
  mimeType: string;
  sha256: string;
  filename?: string;
  /** `customer` = sent by the phone (webhook), `business` = uploaded by Atende. */
  origin: 'customer' | 'business';
}

export type TemplateStatus = 'APPROVED' | 'PENDING' | 'REJECTED' | 'PAUSED' | 'DISABLED';

export interface Template {
  id: string;
  name: string;
  language: string;
  category: 'MARKETING' | 'UTILITY' | 'AUTHENTICATION';
  status: TemplateStatus;
  components: Json[];
  rejectedReason?: string;
}

export const newWamid = () =>
  `wamid.HBgM${randomBytes(27).toString('base64').replace(/\+/g, '-').replace(/\//g, '_')}`;

/** Numeric ids like Meta's (media, templates). */
export const newNumericId = () => `${Date.now()}${Math.floor(Math.random() * 1e6).toString().padStart(6, '0')}`;

export const sha256Hex = (b: Buffer) => createHash('sha256').update(b).digest('hex');

export class SandboxStore extends EventEmitter {
  readonly customers = new Map<string, Customer>();
  readonly thread: ThreadItem[] = [];
  readonly sent: SentMessage[] = [];
  readonly rejected: RejectedSend[] = [];
  /** Wamids Atende marked as read (POST /messages with status: read). */
  readonly markedRead: string[] = [];
  readonly media = new Map<string, MediaItem>();
  readonly templates: Template[] = [];

  customer(waId: string, name?: string): Customer {
    let c = this.customers.get(waId);
    if (!c) {
      c = { waId, name: name ?? waId, lastInboundAt: null };
      this.customers.set(waId, c);
      this.changed();
    } else if (name && name !== c.name) {
      c.name = name;
      this.changed();
    }
    return c;
  }

  addMedia(bytes: Buffer, mimeType: string, origin: MediaItem['origin'], filename?: string): MediaItem {
    const item: MediaItem = { id: newNumericId(), bytes, mimeType, sha256: sha256Hex(bytes), filename, origin };
    this.media.set(item.id, item);
    return item;
  }

  addItem(item: Omit<ThreadItem, 'reactions'>): ThreadItem {
    const full = { ...item, reactions: [] };
    this.thread.push(full);
    this.changed();
    return full;
  }

  item(wamid: string) {
    return this.thread.find((t) => t.wamid === wamid);
  }

  /** Ticks only move forward (a late `delivered` must not undo `read`). */
  setStatus(wamid: string, status: ThreadItem['status']) {
    const item = this.item(wamid);
    if (!item) return;
    const order = ['pending', 'accepted', 'sent', 'delivered', 'read'];
    if (status === 'failed' || order.indexOf(status) > order.indexOf(item.status)) {
      item.status = status;
      this.changed();
    }
  }

  findTemplate(name: string, language?: string) {
    return this.templates.find((t) => t.name === name && (!language || t.language === language));
  }

  /** The phone page listens to this (SSE); tests use the arrays directly. */
  changed() {
    this.emit('change');
  }
}
