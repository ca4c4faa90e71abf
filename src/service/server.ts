/**
 * `xborder serve`: the HTTP front end over src/app/. Bodies arrive as raw bytes and go through the same
 * decoding, parsing and validation as the CLI's inputs (never fastify's JSON parser, which would lose
 * positions, accept duplicate keys and coerce types).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { checkOne, priorFromLedger } from '../app/check-one.js';
import { errorResult } from '../evaluate/pipeline.js';
import { decodeText, InputError } from '../io/files.js';
import type { LedgerStore } from '../ledger/types.js';
import { isError, type CheckResult } from '../model/verdict.js';
import { packageRoot, packageVersion } from '../util/package.js';
import { errorBody, RequestError } from './errors.js';
import type { PackHolder } from './packs.js';
import { checkQuery } from './query.js';

export interface ServiceOptions {
  packs: PackHolder;
  /** Ledger for year-to-date totals (and, later, reservations); absent: checks see only the manifest's counts. */
  ledger?: LedgerStore;
  /** pino logger (JSON on stderr); absent: no request logging (tests). */
  logger?: Logger;
  /** Folder of the web console's build; default web/dist under the package root, served only if it exists. */
  webDir?: string;
  /** Largest request body in bytes (default 10 MB, the CLI's default --max-bytes). */
  bodyLimit?: number;
}

/** Content types whose body is a manifest (or NDJSON of manifests) as text. */
const TEXT_TYPES = ['application/json', 'application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml', 'application/x-ndjson', 'text/plain'];

/** The source name results carry for a request body (the CLI's carry the file name). */
export const REQUEST_SOURCE = '<request>';

export const defaultWebDir = (): string => fileURLToPath(new URL('web/dist/', packageRoot()));

export async function buildServer(opts: ServiceOptions): Promise<FastifyInstance> {
  const bodyLimit = opts.bodyLimit ?? 10 * 1024 * 1024;
  const app: FastifyInstance = Fastify({ bodyLimit, return503OnClosing: true, requestIdHeader: false, loggerInstance: opts.logger as FastifyBaseLogger | undefined });

  app.removeAllContentTypeParsers();
  app.addContentTypeParser(TEXT_TYPES, { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, req, reply) => {
    if (err instanceof RequestError) return reply.code(err.statusCode).send(errorBody(err.code, err.message));
    const status = err.statusCode ?? 500;
    if (status >= 500) {
      req.log.error({ code: err.code, message: err.message }, 'request failed');
      return reply.code(status).send(errorBody('internal', 'internal error'));
    }
    // fastify's own 4xx (body too large, unsupported media type, bad content length): its message names no input.
    return reply.code(status).send(errorBody(String(err.code ?? 'bad-request').toLowerCase().replace(/^fst_err_/, ''), err.message));
  });
  app.setNotFoundHandler((req, reply) => reply.code(404).send(errorBody('not-found', `no route ${req.method} ${req.url.split('?')[0]}`)));

  const packsOrThrow = () => {
    const a = opts.packs.active;
    if (!a) throw new RequestError(503, 'not-ready', 'rule packs are not loaded');
    return a;
  };
  const priorFor = opts.ledger ? priorFromLedger(opts.ledger) : undefined;

  /** One body → one result, exactly as `check` treats one input file. */
  const checkBody = async (body: unknown, q: { asOf?: string; explain: boolean }): Promise<CheckResult> => {
    if (!Buffer.isBuffer(body)) throw new RequestError(415, 'unsupported-media-type', `send the manifest as ${TEXT_TYPES.slice(0, 2).join(' or ')}`);
    const { set } = packsOrThrow();
    let text: string;
    try {
      text = decodeText(body, REQUEST_SOURCE);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      return errorResult(REQUEST_SOURCE, [{ code: 'read-error', severity: 'error', message: err.message, location: { uri: REQUEST_SOURCE, pointer: '', line: err.line, column: err.column } }]);
    }
    return checkOne(text, REQUEST_SOURCE, set, { asOf: q.asOf, explain: q.explain, priorFor });
  };

  app.post('/v1/check', async (req, reply) => {
    const q = checkQuery(req.query as Record<string, unknown>, ['asOf', 'lang', 'explain']);
    const result = await checkBody(req.body, q);
    if (isError(result)) return reply.code(422).send(result);
    reply.header('x-xborder-verdict', result.verdict);
    return result;
  });

  app.get('/healthz', async () => ({ status: 'ok', version: packageVersion() }));

  const webDir = resolve(opts.webDir ?? defaultWebDir());
  if (existsSync(webDir)) {
    const { default: fastifyStatic } = await import('@fastify/static');
    await app.register(fastifyStatic, { root: webDir, index: 'index.html', wildcard: true });
  }
  return app;
}
