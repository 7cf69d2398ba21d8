/**
 * Retries `fn` until it returns a truthy value without throwing, then returns that value.
 * Asynchronous effects are awaited this way instead of sleeping, so a slow machine only makes
 * a test slower, never red; the timeout is a generous bound, not an assertion about speed.
 */
export async function waitFor<T>(
  fn: () => T | Promise<T>,
  opts: { timeout?: number; interval?: number; message?: string } = {},
): Promise<NonNullable<T>> {
  const { timeout = 15_000, interval = 20, message = 'condition not met' } = opts;
  const deadline = Date.now() + timeout;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value as NonNullable<T>;
      lastError = undefined;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      if (lastError) throw lastError;
      throw new Error(`waitFor timed out after ${timeout} ms: ${message}`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}
