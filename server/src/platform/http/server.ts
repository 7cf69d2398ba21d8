import Fastify, { type FastifyInstance, type FastifyError } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { AppError, type FieldError } from '../errors';

export type App = FastifyInstance<any, any, any, Logger, ZodTypeProvider>;

function fieldPath(instancePath: string | undefined, params: Record<string, unknown> | undefined): string {
  const fromPointer = (instancePath ?? '').split('/').filter(Boolean).join('.');
  // A missing property reports the parent path; name the property itself.
  const missing = params && typeof params.missingProperty === 'string' ? params.missingProperty : '';
  return [fromPointer, missing].filter(Boolean).join('.');
}

/** Fastify with zod validation, the API error shape, request ids and the OpenAPI document. */
export async function createHttpServer(
  log: Logger,
  opts: { trustProxy?: boolean; /** a built single-page app served at / */ webRoot?: string } = {},
): Promise<App> {
  const app = Fastify({
    loggerInstance: log,
    trustProxy: opts.trustProxy ?? true,
    bodyLimit: 2 * 1024 * 1024,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    if (err instanceof AppError) {
      reply.headers(err.headers);
      return reply
        .code(err.status)
        .send({ error: { code: err.code, message: err.message, fields: err.fields } });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields: FieldError[] = err.validation.map((v) => ({
        path: fieldPath(v.instancePath, v.params as Record<string, unknown>),
        message: v.message ?? 'invalid',
      }));
      return reply
        .code(400)
        .send({ error: { code: 'validation_failed', message: 'Some fields are invalid', fields } });
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err, issues: err.cause.issues }, 'response did not match its schema');
      return reply.code(500).send({ error: { code: 'internal_error', message: 'Internal error', fields: [] } });
    }
    const status = (err as FastifyError).statusCode ?? 500;
    if (status === 429) {
      return reply.code(429).send({ error: { code: 'rate_limited', message: 'Too many requests, try again later', fields: [] } });
    }
    if (status >= 500) {
      req.log.error({ err }, 'request failed');
      return reply.code(500).send({ error: { code: 'internal_error', message: 'Internal error', fields: [] } });
    }
    const code =
      status === 413 ? 'payload_too_large' : status === 415 ? 'unsupported_media_type' : status === 404 ? 'not_found' : 'bad_request';
    return reply.code(status).send({ error: { code, message: err.message, fields: [] } });
  });

  // wildcard: files are looked up per request, so a rebuild needs no restart.
  if (opts.webRoot) await app.register(fastifyStatic, { root: opts.webRoot, wildcard: true, index: ['index.html'] });
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0];
    // Client-side routes of the web app get its index.html; API paths get the error shape.
    if (opts.webRoot && req.method === 'GET' && !/^\/(api|realtime|webhooks)(\/|$)/.test(path) && !path.includes('.')) {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply.code(404).send({ error: { code: 'not_found', message: `Route ${req.method} ${path} not found`, fields: [] } });
  });

  await app.register(cookie);
  // Limits are opted into per route (login, token exchange, public endpoints).
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) =>
      new AppError(429, 'rate_limited', 'Too many requests, try again later', [], {
        'retry-after': String(Math.ceil(ctx.ttl / 1000)),
      }),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Atende API', version: '1.0.0', description: 'Public REST API of Atende (API.md).' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'atende_session' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}
