import pino from 'pino';

/**
 * pino with an error serializer that drops the `client` a pg pool attaches to its errors:
 * it holds the whole connection state, and buries the message in noise.
 */
export function createLogger(level: string, base: Record<string, unknown> = {}) {
  return pino({
    level,
    base,
    serializers: {
      err: (err: Error) => {
        const out = pino.stdSerializers.err(err) as unknown as Record<string, unknown>;
        delete out.client;
        return out;
      },
    },
  });
}
