import { z } from 'zod';

export const ROLES = ['admin', 'supervisor', 'supervisor_agent', 'agent'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use HH:MM');
export const timeRangeSchema = z
  .object({ start: hhmm, end: z.union([hhmm, z.literal('24:00')]) })
  .refine((r) => r.start < r.end, { message: 'end must be after start', path: ['end'] });

/** Weekly schedule (USER-3): ranges per weekday in the workspace time zone; null = any time. */
export const workHoursSchema = z.object(
  Object.fromEntries(WEEKDAYS.map((d) => [d, z.array(timeRangeSchema).max(6).default([])])) as Record<
    Weekday,
    z.ZodDefault<z.ZodArray<typeof timeRangeSchema>>
  >,
);
export type WorkHours = z.infer<typeof workHoursSchema>;

/** USER-4 agent permissions. */
export const agentPermissionsSchema = z.object({
  viewGroupHistory: z.boolean().default(false),
  viewOperationHistory: z.boolean().default(false),
  confidentialHistory: z.boolean().default(false),
  recordCalls: z.boolean().default(false),
  voice: z
    .object({
      enabled: z.boolean().default(false),
      channelId: z.string().uuid().nullable().default(null),
      extension: z.string().max(32).nullable().default(null),
      extensionPassword: z.string().max(128).nullable().default(null),
      pauseDuringCall: z.boolean().default(true),
    })
    .default({ enabled: false, channelId: null, extension: null, extensionPassword: null, pauseDuringCall: true }),
});
export type AgentPermissions = z.infer<typeof agentPermissionsSchema>;

export const USER_STATUSES = ['active', 'inactive'] as const;

const loginSchema = z
  .string()
  .trim()
  .min(3, 'at least 3 characters')
  .max(64)
  .regex(/^[a-zA-Z0-9._@-]+$/, 'letters, digits and . _ @ - only');

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

const priority = z.number().int().min(0).max(1000);
const maxConversations = z.number().int().min(0, 'between 0 and 80').max(80, 'between 0 and 80');
const idList = z.array(z.string().uuid()).max(200);

/** Fields an administrator edits (USER-3); login and password only on create. */
export const userFieldsSchema = z.object({
  displayName: z.string().trim().min(1, 'required').max(120),
  role: roleSchema,
  email: z.string().trim().email('invalid e-mail').max(254).nullable().optional(),
  phone: optionalText(32),
  company: optionalText(120),
  department: optionalText(120),
  profile: optionalText(120),
  birthDate: z.string().date('use YYYY-MM-DD').nullable().optional(),
  socialToken: optionalText(256),
  integrationKey: optionalText(256),
  priority: priority.default(0),
  maxConversations: maxConversations.default(5),
  workHours: workHoursSchema.nullable().optional(),
  operationIds: idList.default([]),
  /** Service groups the user serves in (agents and supervisor-agents). */
  serviceGroupIds: idList.default([]),
  permissions: agentPermissionsSchema.optional(),
});

export const createUserSchema = userFieldsSchema.extend({
  login: loginSchema,
  password: z.string().min(1, 'required'),
  mustChangePassword: z.boolean().default(true),
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

// zod 4 applies a default even inside .partial(): without these overrides a PATCH that omits
// them would reset priority, limit, operations and groups to their defaults.
export const updateUserSchema = userFieldsSchema
  .extend({ priority, maxConversations, operationIds: idList, serviceGroupIds: idList })
  .partial()
  .extend({
    /** An administrator may set a new temporary password. */
    password: z.string().min(1).optional(),
    mustChangePassword: z.boolean().optional(),
  });
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

export const userSchema = z.object({
  id: z.string().uuid(),
  workspaceId: z.string().uuid(),
  login: z.string(),
  displayName: z.string(),
  role: roleSchema,
  email: z.string().nullable(),
  phone: z.string().nullable(),
  company: z.string().nullable(),
  department: z.string().nullable(),
  profile: z.string().nullable(),
  birthDate: z.string().nullable(),
  socialToken: z.string().nullable(),
  integrationKey: z.string().nullable(),
  priority: z.number().int(),
  maxConversations: z.number().int(),
  workHours: workHoursSchema.nullable(),
  operationIds: z.array(z.string()),
  serviceGroupIds: z.array(z.string()),
  permissions: agentPermissionsSchema,
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  status: z.enum(USER_STATUSES),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type User = z.infer<typeof userSchema>;
