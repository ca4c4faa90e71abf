/**
 * The service's OpenAPI 3.1 description (served at /openapi.json) and a small docs page rendered from it
 * on the server (/docs): no CDN, no script. Verdict and manifest shapes are the contracts in
 * /schemas/*.json (shared/spec/verdict.md, manifest.md); here they are referenced, not repeated.
 */
import { packageVersion } from '../util/package.js';

const json = (schema: object) => ({ 'application/json': { schema } });
const errorRef = { $ref: '#/components/schemas/Error' };
const err = (description: string) => ({ description, content: json(errorRef) });
const manifestBody = {
  required: true,
  description: 'One manifest: a JSON object (application/json) or YAML text (application/yaml).',
  content: { 'application/json': { schema: { type: 'object' } }, 'application/yaml': { schema: { type: 'string' } } },
};
const q = (name: string, description: string, schema: object) => ({ name, in: 'query', required: false, description, schema });
const checkParams = [
  q('asOf', 'evaluate as of this date instead of the manifest\'s', { type: 'string', format: 'date' }),
  q('lang', 'language of messages (verdict objects are bilingual)', { enum: ['en', 'zh'] }),
  q('explain', 'include every evaluated condition in each finding', { type: 'boolean' }),
];
const keyed = [{ bearer: [] }];
const common = { 400: err('bad query parameter'), 413: err('body over the limit'), 429: err('rate limit'), 503: err('overloaded or not ready') };

export function openApi(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: { title: 'xborder decision service', version: packageVersion(), description: 'Checks planned cross-border data transfers against PRC rules. A verdict is pass, fail or review; the service never says pass about what it does not know.' },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'API key (xborder apikey new <name>)' } },
      schemas: {
        Error: { type: 'object', required: ['error'], properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} } } } },
        Verdict: { description: 'One element of `xborder check --format json` (shared/spec/verdict.md)', type: 'object' },
        ErrorResult: { description: 'An invalid manifest: error.details lists every problem with path (JSON pointer), line, column and message', type: 'object' },
      },
    },
    paths: {
      '/v1/check': {
        post: {
          summary: 'Check one manifest', parameters: [...checkParams, q('record', 'check and reserve atomically in the ledger (needs a key and a ledger; not with asOf: the transfer is judged and recorded on its own date)', { type: 'boolean' })],
          requestBody: manifestBody,
          responses: {
            200: { description: 'the verdict; headers x-xborder-verdict and, with a ledger, x-xborder-decision', content: json({ $ref: '#/components/schemas/Verdict' }) },
            401: err('record=true without a valid key'), 409: err('record=true and the verdict is not within the gate (not-reserved; the verdict is in details), or the manifest id is recorded for another transfer (manifest-id-reused): nothing recorded'),
            415: err('unsupported content type, content coding (gzip…) or charset (not UTF-8)'), 422: { description: 'invalid manifest', content: json({ $ref: '#/components/schemas/ErrorResult' }) }, ...common,
          },
        },
      },
      '/v1/check/batch': {
        post: {
          summary: 'Check manifests, NDJSON in and out, streamed in input order', parameters: checkParams,
          requestBody: { required: true, content: { 'application/x-ndjson': { schema: { type: 'string' } } } },
          responses: { 200: { description: 'one result per input line (a verdict or an error result); with a ledger each verdict is recorded as evidence and carries its decisionId, and a line the ledger could not record is an error result with code ledger-unavailable', content: { 'application/x-ndjson': { schema: { type: 'string' } } } }, 415: err('unsupported content type, content coding (gzip…) or charset (not UTF-8)'), ...common },
        },
      },
      '/v1/zones': { post: { summary: 'The manifest as if the exporter were registered in each pilot zone, and in none (rows of `zones --format json`)', parameters: checkParams.slice(0, 2), requestBody: manifestBody, responses: { 200: { description: '{ source, asOf, zones: [{ zone, verdict, mechanism, deciding, packs }] }' }, 422: err('invalid manifest'), ...common } } },
      '/v1/packs': { get: { summary: 'Loaded packs: ids, versions, digests, scope, effective dates, coverage', responses: { 200: { description: 'the active pack set' }, ...common } } },
      '/v1/rules/{pack}/{id}': { get: { summary: 'One rule: title, citation, source, description (both languages)', parameters: [{ name: 'pack', in: 'path', required: true, description: 'pack id', schema: { type: 'string' } }, { name: 'id', in: 'path', required: true, description: 'rule id', schema: { type: 'string' } }], responses: { 200: { description: 'the rule' }, 404: err('no such rule') } } },
      '/v1/ledger/records': { post: { summary: 'Record a transfer that happened (idempotent by exporter + manifest id)', security: keyed, parameters: [checkParams[1]], requestBody: manifestBody, responses: { 201: { description: 'recorded' }, 200: { description: 'already recorded' }, 401: err('no valid key'), 409: err('the manifest id is recorded for another transfer (manifest-id-reused): nothing recorded'), 422: err('invalid manifest'), ...common } } },
      '/v1/ledger/totals': { get: { summary: 'Counted totals of one exporter and year', parameters: [q('exporter', 'USCC, or the name when there is none', { type: 'string' }), q('year', 'YYYY', { type: 'string' })], responses: { 200: { description: '{ exporter, year, individuals, sensitiveIndividuals }' }, 400: err('no ledger or bad query') } } },
      '/v1/evidence': { get: { summary: 'Evidence records in chain order (NDJSON)', security: keyed, parameters: [q('after', 'records after this seq', { type: 'integer' }), q('limit', 'at most this many (1-10000)', { type: 'integer' })], responses: { 200: { description: 'NDJSON: seq, decisionId, createdAt, record, prevHash, hash' }, 401: err('no valid key') } } },
      '/v1/evidence/verify': { get: { summary: 'Verify the hash chain; the first broken link, or its head (last seq and hash: note it, a chain cut at its end is still intact)', security: keyed, responses: { 200: { description: '{ intact, checked, head?: { seq, hash }, broken? }' }, 401: err('no valid key') } } },
      '/v1/admin/reload': { post: { summary: 'Reload the rule packs (the last good set keeps serving on error)', security: keyed, responses: { 200: { description: 'the new pack set' }, 401: err('no valid key'), 422: err('the new packs are invalid'), ...common } } },
      '/healthz': { get: { summary: 'Process up', responses: { 200: { description: 'ok' } } } },
      '/readyz': { get: { summary: 'Packs loaded and ledger reachable; the active pack-set digest', responses: { 200: { description: 'ready' }, 503: err('not ready') } } },
      '/metrics': { get: { summary: 'Prometheus metrics', responses: { 200: { description: 'text exposition format' } } } },
      '/openapi.json': { get: { summary: 'This document', responses: { 200: { description: 'OpenAPI 3.1' } } } },
    },
  };
}

const esc = (s: string): string => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** /docs: every path, method, parameter and response of the spec as plain HTML. */
export function docsPage(spec: Record<string, unknown>): string {
  const paths = spec.paths as Record<string, Record<string, { summary: string; parameters?: { name: string; description: string }[]; responses: Record<string, { description: string }>; security?: unknown }>>;
  const ops = Object.entries(paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => `
<section><h2><code>${method.toUpperCase()} ${esc(path)}</code>${op.security ? ' <small>(API key)</small>' : ''}</h2><p>${esc(op.summary)}</p>
${op.parameters?.length ? `<ul>${op.parameters.map((p) => `<li><code>${esc(p.name)}</code>: ${esc(p.description)}</li>`).join('')}</ul>` : ''}
<table>${Object.entries(op.responses).map(([s, r]) => `<tr><td>${s}</td><td>${esc(r.description)}</td></tr>`).join('')}</table></section>`));
  const info = spec.info as { title: string; version: string; description: string };
  return `<!doctype html><html lang="en"><meta charset="utf-8"><title>${esc(info.title)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}code{background:#f3f3f3;padding:0 .2em}td{padding:0 1em 0 0;vertical-align:top}</style>
<h1>${esc(info.title)} ${esc(info.version)}</h1><p>${esc(info.description)}</p><p>Machine-readable: <a href="/openapi.json">/openapi.json</a></p>${ops.join('')}
</html>`;
}
