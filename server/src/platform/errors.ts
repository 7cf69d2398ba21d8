/** The one error shape of the API: { error: { code, message, fields } } with stable snake_case codes. */
export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const notFound = (what = 'Resource') => new AppError(404, 'not_found', `${what} not found`);
export const forbidden = (message = 'You do not have permission to do this') => new AppError(403, 'forbidden', message);
export const unauthorized = (message = 'Authentication required') => new AppError(401, 'unauthorized', message);
export const conflict = (message: string, fields: FieldError[] = []) => new AppError(409, 'conflict', message, fields);
export const validationFailed = (fields: FieldError[], message = 'Some fields are invalid') =>
  new AppError(400, 'validation_failed', message, fields);
export const rateLimited = (retryAfterSeconds: number) =>
  new AppError(429, 'rate_limited', 'Too many attempts, try again later', [], {
    'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))),
  });
