/**
 * Same-origin JSON client. The session lives in the httpOnly `atende_session` cookie the
 * server sets at login, so requests only need `credentials: 'include'`; no token is stored here.
 */
export interface FieldError {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
    /** Seconds from the Retry-After header of a 429. */
    readonly retryAfter: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const isApiError = (err: unknown, code?: string): err is ApiError =>
  err instanceof ApiError && (code === undefined || err.code === code);

type Listener = (err: ApiError) => void;
let onSessionLost: Listener | null = null;
let onPasswordChangeRequired: Listener | null = null;

/** The router registers these so any request can send the user to login or to the forced password change. */
export function setSessionHandlers(handlers: { sessionLost: Listener; passwordChangeRequired: Listener }) {
  onSessionLost = handlers.sessionLost;
  onPasswordChangeRequired = handlers.passwordChangeRequired;
}

export interface RequestOptions {
  /** Login and /me answer 401 as part of their normal flow; the caller handles it. */
  expectUnauthorized?: boolean;
  signal?: AbortSignal;
}

async function readError(res: Response): Promise<ApiError> {
  const retryAfterHeader = res.headers.get('retry-after');
  const retryAfter = retryAfterHeader && /^\d+$/.test(retryAfterHeader) ? Number(retryAfterHeader) : null;
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string; fields?: FieldError[] } };
    if (body?.error?.code) {
      return new ApiError(res.status, body.error.code, body.error.message ?? '', body.error.fields ?? [], retryAfter);
    }
  } catch {
    // A proxy or a crashed process may answer with HTML or nothing; fall through to a generic code.
  }
  const code = res.status === 429 ? 'rate_limited' : res.status >= 500 ? 'internal_error' : `http_${res.status}`;
  return new ApiError(res.status, code, res.statusText, [], retryAfter);
}

async function request<T>(method: string, path: string, body?: unknown, opts: RequestOptions = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'include',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: opts.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'network_error', (err as Error).message);
  }
  if (res.ok) {
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
  const error = await readError(res);
  if (error.status === 401 && !opts.expectUnauthorized) onSessionLost?.(error);
  if (error.code === 'password_change_required') onPasswordChangeRequired?.(error);
  throw error;
}

/** Builds a query string, leaving out empty values so filters like "all" are simply omitted. */
export function query(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}

export const api = {
  get: <T>(path: string, opts?: RequestOptions) => request<T>('GET', path, undefined, opts),
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('POST', path, body ?? {}, opts),
  patch: <T>(path: string, body: unknown, opts?: RequestOptions) => request<T>('PATCH', path, body, opts),
  put: <T>(path: string, body: unknown, opts?: RequestOptions) => request<T>('PUT', path, body, opts),
  delete: <T>(path: string, opts?: RequestOptions) => request<T>('DELETE', path, undefined, opts),
};

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
