import { z } from 'zod';

/** A nested object whose every field may be left out. */
export type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

/**
 * The schema of a partial settings object: every field optional, nested objects too, and no
 * defaults. zod 4 applies defaults even inside `.partial()`, which would turn "not sent" into
 * "reset to the default" and make merging impossible.
 */
export function patchSchemaOf<T extends z.ZodObject>(schema: T): z.ZodType<DeepPartial<z.output<T>>> {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    let inner: z.ZodType = field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : field;
    if (inner instanceof z.ZodObject) inner = patchSchemaOf(inner);
    shape[key] = inner.optional();
  }
  return z.object(shape) as unknown as z.ZodType<DeepPartial<z.output<T>>>;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `patch` laid over `base`, object by object; fields the patch leaves out keep their value. */
export function mergePatch<T>(base: T, patch: DeepPartial<T> | undefined): T {
  if (!isPlainObject(patch) || !isPlainObject(base)) return (patch === undefined ? base : patch) as T;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    out[key] = isPlainObject(value) && isPlainObject(out[key]) ? mergePatch(out[key], value) : value;
  }
  return out as T;
}
