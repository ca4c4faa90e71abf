/**
 * `xborder serve`: the HTTP front end over src/app/. Bodies arrive as raw bytes and go through the same
 * decoding, parsing and validation as the CLI's inputs (never fastify's JSON parser, which would lose
 * positions, accept duplicate keys and coerce types). Every error is a JSON body `{ error: { code, message } }`.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import underPressure from '@fastify/under-pressure';
import type { Logger } from 'pino';
import { checkOne, checkStream, priorFromLedger } from '../app/check-one.js';
import { bundledPacks, runPlayground, type PlaygroundRequest } from '../app/playground.js';
import { errorResult } from '../evaluate/pipeline.js';
import { decodeText, DEFAULT_MAX_BYTES, InputError } from '../io/files.js';
import { normaliseName } from '../ledger/key.js';
import { ManifestIdReusedError, type LedgerStore } from '../ledger/types.js';
import { isError, ruleKey, type CheckResult, type ErrorResult, type Lang } from '../model/verdict.js';
import { errorHintIn, errorMessageIn } from '../report/error-text.js';
import { errorItems } from '../report/common.js';
import { packageRoot, packageVersion } from '../util/package.js';
import { keyName, type ApiKey } from './auth.js';
import { MESSAGES, thrown } from '../app/messages.js';
import { errorBody, RequestError, requestLang, scrub } from './errors.js';
import { createMetrics, type Metrics } from './metrics.js';
import { clientErrorHandler } from './client-errors.js';
import { docsPage, openApi } from './openapi.js';
import { describeLoadError, type PackHolder } from './packs.js';
import { checkQuery } from './query.js';
import type { PackSync } from './pack-sync.js';
import { ruleInfo } from '../app/check.js';
import { compareZones } from '../app/zones.js';
import { prepareManifest } from '../evaluate/pipeline.js';
import { recordDecision, recordDecisionStream, type RecordedDecision } from '../app/record-decision.js';
import type { Waiver } from '../evaluate/waivers.js';
import { todayInChina } from '../util/dates.js';
import { evidenceLine } from '../app/evidence.js';
import { verifyChain, type DecisionStore } from '../ledger/decisions.js';

export interface ServiceOptions {
  packs: PackHolder;
  /** Ledger for year-to-date totals and reservations; absent: checks see only the manifest's own counts. */
  ledger?: LedgerStore;
  /** pino logger (JSON on stderr); absent: no request logging (tests). */
  logger?: Logger;
  /** Folder of the web console's build; default web/dist under the package root, served only if it exists. */
  webDir?: string;
  /** Largest request body in bytes for one manifest, and per NDJSON line (default 10 MB, the CLI's --max-bytes). */
  bodyLimit?: number;
  /** API keys (hashed). Ledger writes, reload and evidence always need one. */
  keys?: readonly ApiKey[];
  /** Checks need a key too (default: open). */
  checksNeedKey?: boolean;
  /** Requests per key (or per client address without a key) per window; false turns the limit off. */
  rateLimit?: { max: number; timeWindowMs: number } | false;
  /** Load shedding (@fastify/under-pressure): 503 when the event loop lags more than this many ms; false: off. */
  maxEventLoopDelayMs?: number | false;
  /** Milliseconds to receive a whole request (default 30 s). */
  requestTimeoutMs?: number;
  metrics?: Metrics;
  /** Where decisions are recorded (evidence, reservations): the ledger's write side. With it, every check leaves an evidence record. */
  decisions?: DecisionStore;
  /** Pack-set agreement between replicas through the ledger database. */
  sync?: PackSync;
  /** Accepted risks (the waivers file), judged on today's date in China at each request. */
  waivers?: readonly Waiver[];
  /** Lowest verdict that refuses a reservation (default review). */
  failOn?: 'fail' | 'review';
  /** Today's date (YYYY-MM-DD) for waiver expiry and safeguards not yet made; default: today in China, or XBORDER_TODAY. */
  today?: () => string;
}

type Access = 'open' | 'check' | 'key';
declare module 'fastify' {
  interface FastifyContextConfig { access?: Access }
  interface FastifyRequest { apiKey?: string }
}

/** An invalid manifest's answer in the asked language (?lang=zh): its messages and hints, as the CLI prints them. */
function errorIn(r: ErrorResult, lang: Lang): ErrorResult {
  if (lang === 'en') return r;
  const { details, ...error } = r.error;
  // The message is the first diagnostic's with its hint (errorResult): translated as a whole it came out English or
  // half of each, so it is the first item as the CLI's text prints it (errorItems), each part translated.
  const first = details?.[0];
  const composed = first && error.message === `${first.message}${first.hint ? ` (${first.hint})` : ''}`;
  const message = composed ? errorItems(r, lang)[0]!.message : errorMessageIn(error.message, lang);
  return {
    ...r,
    error: {
      ...error, message,
      ...(details ? { details: details.map((d) => ({ ...d, message: errorMessageIn(d.message, lang), ...(d.hint ? { hint: errorHintIn(d.hint, lang) } : {}) })) } : {}),
    },
  };
}

/** A batch line in the asked language: a verdict is bilingual already, an error is not. */
const inLang = (r: CheckResult, lang: Lang): CheckResult => (isError(r) ? errorIn(r, lang) : r);

/** Content types whose body is a manifest (or NDJSON of manifests) as text. */
const TEXT_TYPES = ['application/json', 'application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml', 'text/plain'];
const NDJSON = 'application/x-ndjson';

/**
 * A body the service would read as other text than the client sent: a content coding (gzip: read as bytes it gave a
 * misleading "binary file", a mislabelled plain body was checked as if uncompressed) or a declared charset other than
 * UTF-8 (its bytes were decoded as UTF-8 anyway: a name in another encoding could come out as another exporter).
 */
function bodyCodingProblem(req: FastifyRequest): RequestError | undefined {
  const coding = String(req.headers['content-encoding'] ?? '').trim().toLowerCase();
  if (coding !== '' && coding !== 'identity') return new RequestError(415, 'unsupported-content-encoding', MESSAGES.unsupportedEncoding(coding.slice(0, 100)));
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(String(req.headers['content-type'] ?? ''))?.[1]?.toLowerCase();
  if (charset !== undefined && !['utf-8', 'utf8', 'us-ascii'].includes(charset)) return new RequestError(415, 'unsupported-charset', MESSAGES.unsupportedCharset(charset.slice(0, 100)));
  return undefined;
}

/** The source name results carry for a request body (the CLI's carry the file name). */
const REQUEST_SOURCE = '<request>';

/**
 * What a request log line says of the request: method, path and request id. Never the query string (it may hold
 * an exporter's name, `/v1/ledger/totals?exporter=…`), headers or the client's address.
 */
export const REQUEST_LOG_SERIALIZERS = {
  req: (req: { method?: string; url?: string; id?: string }) => ({ method: req.method, path: req.url?.split('?')[0], id: req.id }),
};

const defaultWebDir = (): string => fileURLToPath(new URL('web/dist/', packageRoot()));

export async function buildServer(opts: ServiceOptions): Promise<FastifyInstance> {
  const bodyLimit = opts.bodyLimit ?? DEFAULT_MAX_BYTES;
  const metrics = opts.metrics ?? createMetrics();
  const keys = opts.keys ?? [];
  const app: FastifyInstance = Fastify({
    bodyLimit, return503OnClosing: true, requestIdHeader: false, requestTimeout: opts.requestTimeoutMs ?? 30_000,
    loggerInstance: opts.logger as FastifyBaseLogger | undefined,
    // What Node's parser refuses before routing (raw UTF-8 in the query) gets the service's error shape too.
    clientErrorHandler,
  });

  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, req, reply) => {
    const lang = requestLang(req.query);
    if (err instanceof RequestError) return reply.code(err.statusCode).send(errorBody(err.code, err.text[lang]));
    const status = err.statusCode ?? 500;
    if (status >= 500) {
      req.log.error({ code: err.code, message: scrub(err.message) }, 'request failed');
      return reply.code(status).send(errorBody('internal', MESSAGES.internal()[lang]));
    }
    // curl --data-binary sends application/x-www-form-urlencoded: say which types a body may have.
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      const sent = String(req.headers['content-type'] ?? 'none').slice(0, 100);
      return reply.code(415).send(errorBody('unsupported-media-type', MESSAGES.unsupportedType(sent, TEXT_TYPES, NDJSON)[lang]));
    }
    // fastify's own 4xx (body too large, bad content length): its messages name no input, and stay English.
    return reply.code(status).send(errorBody(String(err.code ?? 'bad-request').toLowerCase().replace(/^fst_err_/, '').replace(/_/g, '-'), err.message));
  });
  const webDir = resolve(opts.webDir ?? defaultWebDir());
  const hasWeb = existsSync(join(webDir, 'index.html'));
  app.setNotFoundHandler((req, reply) => {
    // The console routes in the browser: a page address that is no file gets its index.html (API paths never do).
    if (hasWeb && req.method === 'GET' && !/^\/v\d+\//.test(req.url) && /text\/html/.test(req.headers.accept ?? '')) return reply.sendFile('index.html');
    return reply.code(404).send(errorBody('not-found', MESSAGES.noRoute(req.method, req.url.split('?')[0]!)[requestLang(req.query)]));
  });

  // Who is asking, before the rate limit (which counts per key) and before any handler.
  app.addHook('onRequest', async (req) => {
    req.apiKey = keyName(req.headers.authorization, keys);
    const access = req.routeOptions.config.access ?? 'open';
    if (req.apiKey || access === 'open' || (access === 'check' && !opts.checksNeedKey)) return;
    throw new RequestError(401, 'unauthorized', req.headers.authorization ? MESSAGES.keyInvalid() : MESSAGES.keyNeeded());
  });
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    metrics.requests.inc({ method: req.method, route, status: String(reply.statusCode) });
    metrics.latency.observe({ method: req.method, route }, reply.elapsedTime / 1000);
  });
  if (opts.maxEventLoopDelayMs !== false) {
    await app.register(underPressure, {
      maxEventLoopDelay: opts.maxEventLoopDelayMs ?? 1000,
      pressureHandler: (req, reply, type) => { void reply.code(503).header('retry-after', '5').send(errorBody('overloaded', MESSAGES.overloaded(String(type))[requestLang(req.query)])); },
    });
  }
  if (opts.rateLimit !== false) {
    const rl = opts.rateLimit ?? { max: 6000, timeWindowMs: 60_000 };
    await app.register(rateLimit, {
      max: rl.max, timeWindow: rl.timeWindowMs, hook: 'onRequest',
      keyGenerator: (req) => (req.apiKey ? `key:${req.apiKey}` : `ip:${req.ip}`),
      allowList: (req) => req.url === '/healthz' || req.url === '/readyz',
      // The plugin throws what this returns: our error handler turns it into the JSON body.
      errorResponseBuilder: (_req, ctx) => new RequestError(429, 'rate-limited', MESSAGES.rateLimited(ctx.max, ctx.after)) as unknown as object,
    });
  }

  const active = () => {
    const a = opts.packs.active;
    if (!a) throw new RequestError(503, 'not-ready', MESSAGES.notReady());
    return a;
  };
  const priorFor = opts.ledger ? countingLedgerErrors(priorFromLedger(opts.ledger), metrics) : undefined;
  const today = opts.today ?? (() => todayInChina(process.env));
  /** Waivers and their date, for every check (as `check --waivers`). */
  // Today at every request: waivers expire on it, and a safeguard dated after it is not yet in place.
  const waiving = () => (opts.waivers?.length ? { waivers: opts.waivers, today: today() } : { today: today() });
  const ledgerDown = (req: FastifyRequest, err: unknown) => {
    metrics.ledgerErrors.inc({ operation: 'decide' });
    req.log.error({ message: scrub((err as Error).message) }, 'ledger write failed');
  };
  const counted = (r: CheckResult): CheckResult => {
    metrics.verdicts.inc({ outcome: isError(r) ? 'error' : r.verdict });
    return r;
  };

  /** The body as text, or the CLI's read-error result (NUL bytes, not UTF-8). */
  const bodyText = (body: unknown): string | ErrorResult => {
    try {
      return decodeText(body as Buffer, REQUEST_SOURCE);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      return errorResult(REQUEST_SOURCE, [{ code: 'read-error', severity: 'error', message: err.message, location: { uri: REQUEST_SOURCE, pointer: '', line: err.line, column: err.column } }]);
    }
  };

  /** One body → one decision, by the same code path as `check` for one input file; with a ledger, recorded as evidence. */
  const checkBody = async (req: FastifyRequest, q: { asOf?: string; explain: boolean; record: boolean }, force = false): Promise<RecordedDecision> => {
    const { set } = active();
    const text = bodyText(req.body);
    if (typeof text !== 'string') return { result: counted(text) };
    if (!opts.decisions) return { result: counted(await checkOne(text, REQUEST_SOURCE, set, { asOf: q.asOf, explain: q.explain, priorFor, ...waiving() })) };
    try {
      const d = await recordDecision(text, REQUEST_SOURCE, set, opts.decisions, { asOf: q.asOf, explain: q.explain, reserve: q.record, force, by: req.apiKey, failOn: opts.failOn, ...waiving() });
      counted(d.result);
      return d;
    } catch (err) {
      // The id is recorded for another transfer: recording this one under it would drop it from the totals.
      if (err instanceof ManifestIdReusedError) throw new RequestError(409, 'manifest-id-reused', thrown(err.message));
      // The ledger failed: nothing was decided or recorded. Never a verdict without its record.
      ledgerDown(req, err);
      throw new RequestError(503, 'ledger-unavailable', MESSAGES.ledgerDown());
    }
  };
  const needsKeyToRecord = (req: FastifyRequest) => {
    if (!req.apiKey) throw new RequestError(401, 'unauthorized', req.headers.authorization ? MESSAGES.keyInvalid() : MESSAGES.recordNeedsKey());
    if (!opts.decisions) throw new RequestError(400, 'no-ledger', MESSAGES.noLedger());
  };
  const sendDecision = (reply: FastifyReply, d: RecordedDecision, lang: Lang) => {
    if (isError(d.result)) return reply.code(422).send(errorIn(d.result, lang));
    reply.header('x-xborder-verdict', d.result.verdict);
    if (d.evidence) reply.header('x-xborder-decision', d.evidence.decisionId).header('x-xborder-evidence-hash', d.evidence.hash);
    if (d.reservation) {
      reply.header('x-xborder-reserved', String(d.reservation.recorded));
      if (!d.reservation.withinGate) return reply.code(409).send(errorBody('not-reserved', MESSAGES.notReserved(d.result.verdict)[lang], d.result));
    }
    return reply.send(withDecisionId(d));
  };

  await app.register(async (api) => {
    api.removeAllContentTypeParsers();
    api.addContentTypeParser(TEXT_TYPES, { parseAs: 'buffer' }, (req: FastifyRequest, body: Buffer, done: (e: Error | null, b?: Buffer) => void) => done(bodyCodingProblem(req) ?? null, body));
    api.post('/v1/check', { config: { access: 'check' } }, async (req, reply) => {
      const q = checkQuery(req.query as Record<string, unknown>);
      if (q.record) needsKeyToRecord(req);
      return sendDecision(reply, await checkBody(req, q), q.lang);
    });
    api.post('/v1/zones', { config: { access: 'check' } }, async (req, reply) => {
      const q = checkQuery(req.query as Record<string, unknown>, ['asOf', 'lang']);
      const text = bodyText(req.body);
      if (typeof text !== 'string') return reply.code(422).send(errorIn(text, q.lang));
      const prepared = prepareManifest(text, REQUEST_SOURCE);
      if (!prepared.ok) return reply.code(422).send(errorIn(prepared.error, q.lang));
      // The rows of `xborder zones --format json`.
      // Today and the ledger's totals as /v1/check reads them: without them a row passed what /v1/check fails.
      const zones = await compareZones(prepared.doc.data as Record<string, unknown>, active().set, { asOf: q.asOf, source: REQUEST_SOURCE, today: today(), priorFor });
      return { source: REQUEST_SOURCE, asOf: q.asOf, zones };
    });
    api.post('/v1/ledger/records', { config: { access: 'key' } }, async (req, reply) => {
      needsKeyToRecord(req);
      const q = checkQuery(req.query as Record<string, unknown>, ['lang']);
      const d = await checkBody(req, { ...q, record: true }, true);
      if (isError(d.result)) return reply.code(422).send(errorIn(d.result, q.lang));
      return reply.code(d.reservation?.recorded ? 201 : 200).header('x-xborder-decision', d.evidence?.decisionId)
        .send({ recorded: d.reservation?.recorded ?? false, manifest: d.result.manifest, decisionId: d.evidence?.decisionId });
    });
  });

  await app.register(async (api) => {
    // The NDJSON body is streamed through: no body limit on the whole, the per-line limit is bodyLimit.
    api.removeAllContentTypeParsers();
    api.addContentTypeParser(NDJSON, (req: FastifyRequest, payload: NodeJS.ReadableStream, done: (e: Error | null, b?: unknown) => void) => done(bodyCodingProblem(req) ?? null, payload));
    api.post('/v1/check/batch', { config: { access: 'check' } }, async (req, reply) => {
      const q = checkQuery(req.query as Record<string, unknown>, ['asOf', 'lang', 'explain']);
      const { set } = active();
      const body = req.body as NodeJS.ReadableStream;
      const evalOpts = { asOf: q.asOf, explain: q.explain, maxBytes: bodyLimit, ...waiving() };
      const decisions = opts.decisions;
      if (!decisions) {
        const results = checkStream(body, REQUEST_SOURCE, set, { ...evalOpts, priorFor });
        const lines = async function* () { for await (const r of results) yield `${JSON.stringify(inLang(counted(r), q.lang))}\n`; };
        return reply.type(NDJSON).send(Readable.from(lines()));
      }
      // With a ledger, every line is a decision with its evidence record, as a single check; the line carries its id.
      const lines = async function* () {
        for await (const line of recordDecisionStream(body, REQUEST_SOURCE, set, decisions, { ...evalOpts, by: req.apiKey, failOn: opts.failOn })) {
          let d: RecordedDecision;
          try {
            d = await line.decision();
          } catch (err) {
            ledgerDown(req, err);
            d = { result: { source: line.uri, error: { code: 'ledger-unavailable', message: MESSAGES.ledgerDownLine()[q.lang] } } };
          }
          counted(d.result);
          yield `${JSON.stringify(withDecisionId({ ...d, result: inLang(d.result, q.lang) }))}\n`;
        }
      };
      return reply.type(NDJSON).send(Readable.from(lines()));
    });
  });

  app.post('/v1/admin/reload', { config: { access: 'key' } }, async (req, reply) => {
    try {
      const a = await (opts.sync ? opts.sync.reloadAndPublish() : opts.packs.reload());
      metrics.reloads.inc({ result: 'ok' });
      req.log.info({ digest: a.digest, by: req.apiKey }, 'rule packs reloaded');
      return { status: 'reloaded', digest: a.digest, packs: a.set.packs.length };
    } catch (err) {
      metrics.reloads.inc({ result: 'error' });
      const problems = describeLoadError(err);
      req.log.error({ problems }, 'reload failed; the last good rule packs keep serving');
      return reply.code(422).send(errorBody('invalid-packs', MESSAGES.invalidPacks()[requestLang(req.query)], problems));
    }
  });

  app.get('/v1/packs', { config: { access: 'check' } }, async () => {
    const a = active();
    return {
      digest: a.digest, loadedAt: a.loadedAt,
      packs: a.set.packs.map((p) => ({
        id: p.meta.id, version: p.meta.version, digest: p.digest, lineage: p.meta.lineage, title: p.meta.title, scope: p.meta.scope,
        effective: p.meta.effective, coverage: p.meta.coverage ?? { status: 'complete' }, source: p.meta.source, rules: p.rules.length,
      })),
    };
  });
  app.get('/v1/rules/:pack/:id', { config: { access: 'check' } }, async (req) => {
    const { pack, id } = req.params as { pack: string; id: string };
    const info = ruleInfo(active().set).get(ruleKey({ pack, id }));
    if (!info) throw new RequestError(404, 'not-found', MESSAGES.noLoadedRule(`${pack}/${id}`));
    return info;
  });

  app.get('/v1/ledger/totals', { config: { access: 'check' } }, async (req) => {
    if (!opts.ledger) throw new RequestError(400, 'no-ledger', MESSAGES.noLedger());
    const q = req.query as Record<string, unknown>;
    // Normalised as the ledger's keys are (full-width forms, invisible characters), so a pasted name finds its totals.
    const exporter = typeof q.exporter === 'string' ? normaliseName(q.exporter) : '';
    const year = typeof q.year === 'string' && /^\d{4}$/.test(q.year) ? Number(q.year) : NaN;
    if (!exporter || Number.isNaN(year)) throw new RequestError(400, 'bad-query', MESSAGES.totalsQuery());
    // Every key linked to the one asked, as a check counts them: the string is tried as a USCC and as a name (a
    // name is never a valid USCC), so a name linked to a USCC finds that USCC's transfers and the reverse.
    const t = await opts.ledger.prior({ key: exporter, name: exporter, uscc: exporter }, year, year);
    return { exporter, year, individuals: t.individuals, sensitiveIndividuals: t.sensitiveIndividuals };
  });
  app.get('/v1/evidence', { config: { access: 'key' } }, async (req, reply) => {
    if (!opts.decisions) throw new RequestError(400, 'no-ledger', MESSAGES.noLedger());
    const q = req.query as Record<string, unknown>;
    const after = Number(q.after ?? 0);
    const limit = Number(q.limit ?? 1000);
    if (!Number.isInteger(after) || after < 0 || !Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new RequestError(400, 'bad-query', MESSAGES.evidencePage());
    const rows = await opts.decisions.evidence(after, limit);
    return reply.type(NDJSON).send(rows.map((r) => `${JSON.stringify(evidenceLine(r))}\n`).join(''));
  });
  app.get('/v1/evidence/verify', { config: { access: 'key' } }, async () => {
    if (!opts.decisions) throw new RequestError(400, 'no-ledger', MESSAGES.noLedger());
    const r = await verifyChain(opts.decisions);
    // The head (last seq and hash): an auditor notes it, since a chain cut at its end is still intact.
    return { intact: !r.broken, checked: r.checked, ...(r.head ? { head: r.head } : {}), ...(r.broken ? { broken: r.broken } : {}) };
  });

  // The web console's pack playground (src/app/playground.ts): an edited pack compiled with the bundled ones; nothing stored.
  const playgroundPacks = bundledPacks();
  app.get('/v1/playground/packs', { config: { access: 'check' } }, async () => playgroundPacks);
  app.post('/v1/playground', { config: { access: 'check' } }, async (req) => {
    const body = req.body as PlaygroundRequest | undefined;
    if (typeof body?.pack?.uri !== 'string' || typeof body.pack.text !== 'string') throw new RequestError(400, 'bad-request', MESSAGES.playgroundBody());
    return runPlayground(body, await playgroundPacks, today());
  });

  app.get('/healthz', async () => ({ status: 'ok', version: packageVersion() }));
  app.get('/readyz', async (_req, reply) => {
    const a = opts.packs.active;
    let ledger: 'ok' | 'none' | 'unreachable' = 'none';
    if (opts.ledger) {
      ledger = await opts.ledger.totals('xborder-readyz', 2000, 2000).then(() => 'ok' as const, () => 'unreachable' as const);
      if (ledger === 'unreachable') metrics.ledgerErrors.inc({ operation: 'readyz' });
    }
    const ready = a !== undefined && ledger !== 'unreachable';
    const sync = opts.sync?.status();
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not-ready', packs: a ? { digest: a.digest, loadedAt: a.loadedAt, count: a.set.packs.length, ...(sync ? { published: sync } : {}) } : null, ledger });
  });
  app.get('/metrics', async (_req, reply) => {
    const a = opts.packs.active;
    metrics.packSetInfo.reset();
    if (a) metrics.packSetInfo.set({ digest: a.digest }, 1);
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  const spec = openApi();
  app.get('/openapi.json', async () => spec);
  const docs = docsPage(spec);
  app.get('/docs', async (_req, reply) => reply.type('text/html; charset=utf-8').send(docs));

  if (hasWeb) {
    const { default: fastifyStatic } = await import('@fastify/static');
    await app.register(fastifyStatic, { root: webDir, index: 'index.html', wildcard: true });
  }
  return app;
}

/** The verdict as `check --format json` gives it, with the id of its evidence record when one was written. */
const withDecisionId = (d: RecordedDecision): CheckResult => (d.evidence && !isError(d.result) ? { ...d.result, decisionId: d.evidence.decisionId } : d.result);

/** A ledger read that fails still makes the verdict review (the core's rule); here it is also counted. */
function countingLedgerErrors<F extends (...a: never[]) => Promise<unknown>>(f: F, metrics: Metrics): F {
  return (async (...a: Parameters<F>) => {
    try {
      return await f(...a);
    } catch (err) {
      metrics.ledgerErrors.inc({ operation: 'totals' });
      throw err;
    }
  }) as F;
}
