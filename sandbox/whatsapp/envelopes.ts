import { randomBytes } from 'node:crypto';
import type { Customer, Json, SandboxStore, Template } from './store';
import type { WebhookSender } from './webhook-sender';

/** Shared by the Graph API, the customer handles and the phone page. */
export interface SandboxCore {
  store: SandboxStore;
  webhooks: WebhookSender;
  now: () => Date;
  /** Moves the sandbox clock forward (the phone page's +1 h / +25 h). */
  advanceClock: (ms: number) => void;
  phoneNumberId: string;
  wabaId: string;
  displayPhoneNumber: string;
}

/** Webhook timestamps are strings of Unix seconds (protocols.md §1.4). */
export const unixSeconds = (d: Date) => String(Math.floor(d.getTime() / 1000));

const metadata = (core: SandboxCore) => ({
  display_phone_number: core.displayPhoneNumber,
  phone_number_id: core.phoneNumberId,
});

const envelope = (core: SandboxCore, field: string, value: Json) => ({
  object: 'whatsapp_business_account',
  entry: [{ id: core.wabaId, changes: [{ field, value }] }],
});

export function messageEnvelope(core: SandboxCore, customer: Customer, message: Json) {
  return envelope(core, 'messages', {
    messaging_product: 'whatsapp',
    metadata: metadata(core),
    contacts: [{ profile: { name: customer.name }, wa_id: customer.waId }],
    messages: [message],
  });
}

export interface StatusOptions {
  errors?: { code: number; title: string; message: string; details: string }[];
  category?: string;
  /** Only `sent` and the first delivered/read carry pricing (protocols.md §1.5). */
  withPricing?: boolean;
}

export function statusEnvelope(core: SandboxCore, wamid: string, status: string, recipient: string, opts: StatusOptions = {}) {
  const s: Json = { id: wamid, status, timestamp: unixSeconds(core.now()), recipient_id: recipient };
  if (opts.withPricing && status !== 'failed') {
    s.pricing = { billable: opts.category !== 'service', pricing_model: 'PMP', type: 'regular', category: opts.category ?? 'service' };
  }
  if (status === 'failed' && opts.errors) {
    s.errors = opts.errors.map((e) => ({
      code: e.code,
      title: e.title,
      message: e.message,
      error_data: { details: e.details },
      href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/',
    }));
  }
  return envelope(core, 'messages', { messaging_product: 'whatsapp', metadata: metadata(core), statuses: [s] });
}

export function templateStatusEnvelope(core: SandboxCore, t: Template, event: string, reason = 'NONE') {
  const value: Json = {
    event,
    message_template_id: Number(t.id),
    message_template_name: t.name,
    message_template_language: t.language,
    reason,
    message_template_category: t.category,
  };
  if (event === 'REJECTED') value.rejection_info = { reason, recommendation: 'Review the template content.' };
  const env = envelope(core, 'message_template_status_update', value);
  (env.entry[0] as Json).time = Number(unixSeconds(core.now()));
  return env;
}

/** Conversation ids in pricing are opaque hex strings. */
export const conversationId = () => randomBytes(16).toString('hex');
