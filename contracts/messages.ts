import { z } from 'zod';

/**
 * Structured outbound messages (WhatsApp Cloud API limits, protocols.md §1.6): checked
 * before anything is sent, so an agent learns at once what Meta would refuse.
 */
const replyButton = z.object({
  id: z.string().trim().min(1, 'required').max(256),
  title: z.string().trim().min(1, 'required').max(20, 'at most 20 characters'),
});
const listRow = z.object({
  id: z.string().trim().min(1, 'required').max(200),
  title: z.string().trim().min(1, 'required').max(24, 'at most 24 characters'),
  description: z.string().trim().max(72, 'at most 72 characters').optional(),
});
const listSection = z.object({
  title: z.string().trim().max(24, 'at most 24 characters').optional(),
  rows: z.array(listRow).min(1, 'at least one row').max(10),
});

export const interactiveSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('button'),
    header: z.string().trim().max(60, 'at most 60 characters').optional(),
    body: z.string().trim().min(1, 'required').max(1024, 'at most 1024 characters'),
    footer: z.string().trim().max(60, 'at most 60 characters').optional(),
    buttons: z
      .array(replyButton)
      .min(1, 'at least one button')
      .max(3, 'at most 3 buttons')
      .refine((b) => new Set(b.map((x) => x.id)).size === b.length, 'button ids must differ'),
  }),
  z.object({
    type: z.literal('list'),
    header: z.string().trim().max(60, 'at most 60 characters').optional(),
    body: z.string().trim().min(1, 'required').max(4096, 'at most 4096 characters'),
    footer: z.string().trim().max(60, 'at most 60 characters').optional(),
    button: z.string().trim().min(1, 'required').max(20, 'at most 20 characters'),
    sections: z
      .array(listSection)
      .min(1, 'at least one section')
      .max(10, 'at most 10 sections')
      .refine((s) => s.reduce((n, x) => n + x.rows.length, 0) <= 10, 'at most 10 rows in all'),
  }),
]);
export type Interactive = z.infer<typeof interactiveSchema>;

export const templateSendSchema = z.object({
  name: z.string().trim().min(1, 'required').max(512),
  language: z.string().trim().min(2, 'required').max(15),
  /** Values of the body's {{1}}, {{2}} … in order. */
  parameters: z.array(z.string().max(1024)).max(20).default([]),
});
export type TemplateSend = z.infer<typeof templateSendSchema>;

/** The body's variables {{1}} … {{n}} filled in, for previews and conversation lists. */
export function fillTemplate(body: string, parameters: string[]): string {
  return body.replace(/\{\{(\d+)\}\}/g, (all, n) => parameters[Number(n) - 1] ?? all);
}

export function templateVariableCount(body: string): number {
  const nums = [...body.matchAll(/\{\{(\d+)\}\}/g)].map((m) => Number(m[1]));
  return nums.length ? Math.max(...nums) : 0;
}
