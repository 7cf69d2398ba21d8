import { graphError } from './errors';
import type { Json, SandboxStore, Template } from './store';

/** Meta's checks on POST /messages (protocols.md §1.6), as far as Atende can trip them. */

const MEDIA_TYPES = ['image', 'audio', 'video', 'document', 'sticker'];
export const SEND_TYPES = ['text', 'interactive', 'template', 'reaction', 'location', 'contacts', ...MEDIA_TYPES];

const invalid = (details: string) => graphError(131009, details);
const param = (details: string) => graphError(100, details);

function maxLen(value: unknown, max: number, field: string, required = false) {
  if (value === undefined || value === null || value === '') {
    if (required) throw param(`Parameter ${field} is required.`);
    return;
  }
  if (typeof value !== 'string') throw param(`Parameter ${field} must be a string.`);
  if ([...value].length > max) throw invalid(`${field} is too long: at most ${max} characters.`);
}

function checkHeader(header: Json | undefined, textOnly: boolean) {
  if (!header) return;
  const allowed = textOnly ? ['text'] : ['text', 'image', 'video', 'document'];
  if (!allowed.includes(header.type)) throw invalid(`interactive.header.type must be one of ${allowed.join(', ')}.`);
  if (header.type === 'text') maxLen(header.text, 60, 'interactive.header.text', true);
}

function checkButtons(i: Json) {
  maxLen(i.body?.text, 1024, 'interactive.body.text', true);
  maxLen(i.footer?.text, 60, 'interactive.footer.text');
  checkHeader(i.header, false);
  const buttons = i.action?.buttons;
  if (!Array.isArray(buttons) || buttons.length < 1 || buttons.length > 3) {
    throw invalid('interactive.action.buttons must have 1 to 3 buttons.');
  }
  const titles = new Set<string>();
  const ids = new Set<string>();
  buttons.forEach((b: Json, n: number) => {
    if (b?.type !== 'reply') throw invalid(`interactive.action.buttons[${n}].type must be reply.`);
    maxLen(b.reply?.title, 20, `interactive.action.buttons[${n}].reply.title`, true);
    maxLen(b.reply?.id, 256, `interactive.action.buttons[${n}].reply.id`, true);
    if (titles.has(b.reply.title)) throw invalid('Button titles must be unique.');
    if (ids.has(b.reply.id)) throw invalid('Button ids must be unique.');
    titles.add(b.reply.title);
    ids.add(b.reply.id);
  });
}

function checkList(i: Json) {
  maxLen(i.body?.text, 4096, 'interactive.body.text', true);
  maxLen(i.footer?.text, 60, 'interactive.footer.text');
  checkHeader(i.header, true);
  maxLen(i.action?.button, 20, 'interactive.action.button', true);
  const sections = i.action?.sections;
  if (!Array.isArray(sections) || sections.length < 1 || sections.length > 10) {
    throw invalid('interactive.action.sections must have 1 to 10 sections.');
  }
  let rows = 0;
  const ids = new Set<string>();
  sections.forEach((s: Json, n: number) => {
    if (sections.length > 1) maxLen(s?.title, 24, `interactive.action.sections[${n}].title`, true);
    else maxLen(s?.title, 24, `interactive.action.sections[${n}].title`);
    if (!Array.isArray(s?.rows) || s.rows.length === 0) throw invalid(`interactive.action.sections[${n}].rows must not be empty.`);
    s.rows.forEach((r: Json, m: number) => {
      const at = `interactive.action.sections[${n}].rows[${m}]`;
      maxLen(r?.id, 200, `${at}.id`, true);
      maxLen(r?.title, 24, `${at}.title`, true);
      maxLen(r?.description, 72, `${at}.description`);
      if (ids.has(r.id)) throw invalid('Row ids must be unique.');
      ids.add(r.id);
      rows++;
    });
  });
  if (rows > 10) throw invalid('A list may have at most 10 rows in total.');
}

/** The number of `{{n}}` variables in a template's body. */
export function bodyVariableCount(t: Template) {
  const body = t.components.find((c) => String(c.type).toUpperCase() === 'BODY');
  const found = String(body?.text ?? '').match(/\{\{\s*\d+\s*\}\}/g) ?? [];
  return new Set(found.map((v) => v.replace(/\D/g, ''))).size;
}

function checkTemplate(body: Json, store: SandboxStore): Template {
  const t = body.template;
  maxLen(t?.name, 512, 'template.name', true);
  maxLen(t?.language?.code, 15, 'template.language.code', true);
  const found = store.findTemplate(t.name, t.language.code);
  if (!found || found.status === 'PENDING' || found.status === 'REJECTED') {
    throw graphError(132001, `template name (${t.name}) does not exist in ${t.language.code}`);
  }
  if (found.status === 'PAUSED') throw graphError(132015);
  if (found.status === 'DISABLED') throw graphError(132016);
  const bodyComponent = (Array.isArray(t.components) ? t.components : []).find((c: Json) => c?.type === 'body');
  const given = Array.isArray(bodyComponent?.parameters) ? bodyComponent.parameters.length : 0;
  const expected = bodyVariableCount(found);
  if (given !== expected) {
    throw graphError(132000, `body: number of localizable_params (${given}) does not match the expected number of params (${expected})`);
  }
  return found;
}

function checkMedia(body: Json, store: SandboxStore) {
  const m = body[body.type];
  if (!m || (!m.id && !m.link)) throw param(`Parameter ${body.type}.id or ${body.type}.link is required.`);
  if (m.id && !store.media.has(String(m.id))) throw graphError(131053, `Media id ${m.id} was not found.`);
  if (body.type !== 'sticker' && body.type !== 'audio') maxLen(m.caption, 1024, `${body.type}.caption`);
  if (body.type === 'audio' && m.caption) throw param('audio does not take a caption.');
}

/** Throws a GraphError for a body Meta would refuse; returns the template for template sends. */
export function validateSend(body: Json, store: SandboxStore): Template | undefined {
  if (body.messaging_product !== 'whatsapp') throw param('Parameter messaging_product is required and must be whatsapp.');
  if (typeof body.to !== 'string' || !/^\+?\d{8,15}$/.test(body.to)) throw param('Parameter to must be a phone number.');
  const type = body.type ?? 'text';
  if (!SEND_TYPES.includes(type)) throw param(`Parameter type (${type}) is not supported.`);
  if (body.context && typeof body.context.message_id !== 'string') throw param('context.message_id must be a string.');
  switch (type) {
    case 'text':
      maxLen(body.text?.body, 4096, 'text.body', true);
      return;
    case 'interactive': {
      const i = body.interactive;
      if (i?.type === 'button') checkButtons(i);
      else if (i?.type === 'list') checkList(i);
      else throw invalid('interactive.type must be button or list.');
      return;
    }
    case 'template':
      return checkTemplate(body, store);
    case 'reaction':
      if (typeof body.reaction?.message_id !== 'string') throw param('reaction.message_id is required.');
      return;
    case 'location':
      if (typeof body.location?.latitude !== 'number' && typeof body.location?.latitude !== 'string') {
        throw param('location.latitude is required.');
      }
      return;
    case 'contacts':
      if (!Array.isArray(body.contacts)) throw param('contacts must be an array.');
      return;
    default:
      checkMedia({ ...body, type }, store);
  }
}

/** Meta's template creation rules, simplified: name, language, category, a BODY with text. */
export function validateTemplateInput(input: Json) {
  if (typeof input.name !== 'string' || !/^[a-z0-9_]{1,512}$/.test(input.name)) {
    throw param('name may only contain lowercase letters, digits and underscores (at most 512).');
  }
  if (typeof input.language !== 'string' || !/^[a-z]{2,3}(_[A-Za-z]{2,4})?$/.test(input.language)) {
    throw param('language must be a locale code such as pt_BR or en_US.');
  }
  if (!['MARKETING', 'UTILITY', 'AUTHENTICATION'].includes(input.category)) {
    throw param('category must be MARKETING, UTILITY or AUTHENTICATION.');
  }
  if (!Array.isArray(input.components)) throw param('components must be an array.');
  const body = input.components.find((c: Json) => String(c?.type).toUpperCase() === 'BODY');
  if (!body || typeof body.text !== 'string' || !body.text.trim()) throw param('components must include a BODY with text.');
  maxLen(body.text, 1024, 'components.BODY.text');
  for (const c of input.components) {
    if (!['HEADER', 'BODY', 'FOOTER', 'BUTTONS'].includes(String(c?.type).toUpperCase())) {
      throw param(`Component type ${c?.type} is not valid.`);
    }
  }
}
