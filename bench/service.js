// The decision service under load (part of `npm run bench`, never of the tests): autocannon on loopback against
// `xborder serve` as real processes. Rows: /v1/check without a ledger (one process), /v1/check on a shared
// PostgreSQL ledger (two processes; XBORDER_TEST_PG, or a throwaway server started here with .ci/postgres.sh when the
// machine has PostgreSQL), /v1/check/batch (manifests/s), and check-and-reserve by 8 concurrent clients on one
// exporter with its exact ledger total.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';

const root = fileURLToPath(new URL('..', import.meta.url));
const SECONDS = Number(process.env.BENCH_SERVICE_SECONDS ?? 10);
const log = (s) => process.stderr.write(`${s}\n`);
const KEY = 'xbk_bench';
const { hashKey } = await import(join(root, 'dist/src/service/auth.js'));
const keys = join(mkdtempSync(join(tmpdir(), 'xborder-bench-keys-')), 'keys');
writeFileSync(keys, `bench ${hashKey(KEY)}\n`);
const manifest = readFileSync(join(root, 'examples/manifests/pass-sme-80k-below-threshold.yaml'), 'utf8');
const sized = (id, n) => manifest.replace(/^id: .*$/m, `id: ${id}`).replace(/individuals: 80000/, `individuals: ${n}`);

function serve(args) {
  const proc = spawn(process.execPath, [join(root, 'bin/xborder.js'), 'serve', '--port', '0', '--rate-limit', '0', '--keys', keys, ...args], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, XBORDER_LOG_LEVEL: 'error' } });
  let err = '';
  return new Promise((resolve, reject) => {
    proc.stderr.on('data', (d) => { err += d; const m = /serving on (\S+)/.exec(err); if (m) resolve({ url: m[1], stop: () => new Promise((done) => { proc.removeAllListeners('exit'); proc.once('exit', done); proc.kill('SIGTERM'); }) }); });
    proc.on('exit', (c) => reject(new Error(`serve exited ${c}: ${err}`)));
  });
}

const run = (opts) => new Promise((resolve, reject) => autocannon({ duration: SECONDS, connections: 32, ...opts }, (e, r) => (e ? reject(e) : resolve(r))));
// Answers per second count 2xx only: a shed (503) request is not an answer.
const okPerSecond = (r) => r['2xx'] / r.duration;
const row = (label, r, per = 1) => log(`${label.padEnd(52)} ${String(Math.round(okPerSecond(r) * per)).padStart(7)}/s  p50 ${String(r.latency.p50).padStart(4)} ms  p99 ${String(r.latency.p99).padStart(4)} ms  non-2xx ${r.non2xx}  errors ${r.errors}`);
const yaml = { 'content-type': 'application/yaml' };

log(`\nservice (autocannon, ${SECONDS} s per row, 32 connections; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')})`);
{
  const s = await serve([]);
  const json = readFileSync(join(root, 'examples/manifests/pass-ecommerce-orders-contract.json'), 'utf8');
  row('POST /v1/check JSON, 1 process, no ledger', await run({ url: `${s.url}/v1/check`, method: 'POST', headers: { 'content-type': 'application/json' }, body: json }));
  // The target is a rate and a tail together: offer exactly 3,000 requests/s and read the p99 they get.
  row('POST /v1/check JSON at 3,000/s offered, 1 process', await run({ url: `${s.url}/v1/check`, method: 'POST', headers: { 'content-type': 'application/json' }, body: json, overallRate: 3000 }));
  row('POST /v1/check YAML, 1 process, no ledger', await run({ url: `${s.url}/v1/check`, method: 'POST', headers: yaml, body: manifest }));
  const lines = Array.from({ length: 100 }, (_, i) => JSON.stringify({ ...JSON.parse(readFileSync(join(root, 'examples/manifests/pass-ecommerce-orders-contract.json'), 'utf8')), id: `b-${i}` })).join('\n') + '\n';
  row('POST /v1/check/batch, 100 per request (manifests/s)', await run({ url: `${s.url}/v1/check/batch`, method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: lines, connections: 4 }), 100);
  await s.stop();
}
// A server of our own when none is given, with its own state file so a test server started by .ci/run is left alone.
let pgUrl = process.env.XBORDER_TEST_PG;
let stopPg = () => {};
if (!pgUrl) {
  const env = { ...process.env, XBORDER_PG_STATE: join(mkdtempSync(join(tmpdir(), 'xborder-bench-pg-')), 'state') };
  try {
    const out = execFileSync('bash', [join(root, '.ci/postgres.sh'), 'start'], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    pgUrl = /XBORDER_TEST_PG='([^']+)'/.exec(out)?.[1];
    stopPg = () => execFileSync('bash', [join(root, '.ci/postgres.sh'), 'stop'], { env, stdio: 'ignore' });
  } catch { /* no PostgreSQL here: the rows below are skipped */ }
}
if (pgUrl) {
  const schema = `xb_bench_${process.pid}`;
  const c = new pg.Client({ connectionString: pgUrl });
  await c.connect();
  await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
  const url = `${pgUrl}${pgUrl.includes('?') ? '&' : '?'}options=-c%20search_path%3D${schema}`;
  const servers = [await serve(['--ledger', url]), await serve(['--ledger', url])];
  const both = await Promise.all(servers.map((s) => run({ url: `${s.url}/v1/check`, method: 'POST', headers: yaml, body: manifest, connections: 16 })));
  log(`${'POST /v1/check, 2 processes, PostgreSQL ledger+evidence'.padEnd(52)} ${String(Math.round(okPerSecond(both[0]) + okPerSecond(both[1]))).padStart(7)}/s  p50 ${Math.max(both[0].latency.p50, both[1].latency.p50)} ms  p99 ${Math.max(both[0].latency.p99, both[1].latency.p99)} ms`);
  // 8 clients reserve 1,000 individuals each under unique ids on one exporter: all pass until 99,000, then none.
  let n = 0;
  const reserve = await Promise.all(servers.map((s) => run({
    url: `${s.url}/v1/check?record=true`, method: 'POST', connections: 4, duration: SECONDS,
    requests: [{ setupRequest: (req) => ({ ...req, headers: { ...yaml, authorization: `Bearer ${KEY}` }, body: sized(`r-${n++}`, 1000) }) }],
  })));
  const total = (await c.query(`SELECT COALESCE(SUM(individuals),0)::int AS t, COUNT(*)::int AS k FROM ${schema}.xborder_transfers`)).rows[0];
  log(`${'check-and-reserve, 2 processes x 4 clients, one exporter'.padEnd(52)} ${String(Math.round(okPerSecond(reserve[0]) + okPerSecond(reserve[1]) + (reserve[0].non2xx + reserve[1].non2xx) / reserve[0].duration)).padStart(7)}/s  p99 ${Math.max(reserve[0].latency.p99, reserve[1].latency.p99)} ms  recorded ${total.k} = ${total.t} individuals (limit: under 100,000)`);
  // Servers gone before the schema is dropped: a closing server's transaction would deadlock with DROP SCHEMA.
  await Promise.all(servers.map((s) => s.stop()));
  await c.query(`DROP SCHEMA ${schema} CASCADE`);
  await c.end();
  stopPg();
} else {
  log('(PostgreSQL rows skipped: no XBORDER_TEST_PG and no PostgreSQL server programs to start one)');
}
