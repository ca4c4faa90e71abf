/**
 * The service answers exactly what `xborder check --format json` prints, over every example manifest and
 * every pack test case (base + patch, with the case's asOf): one code path, two front ends.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { parse } from 'yaml';
import { mergePatch } from '../../src/packtest/merge-patch.js';
import { ROOT, xborder } from '../helpers/cli.js';
import { testServer } from './helpers.js';

interface Input { name: string; file: string; contentType: string; asOf?: string }

/**
 * Each input its own exporter (its name with a number after it): one CLI run counts an exporter's transfers of a year
 * together (xborder.run-undercount), while each request to /v1/check stands alone.
 */
function inputs(): Input[] {
  const out: Input[] = [];
  const ex = join(ROOT, 'examples/manifests');
  const dir = mkdtempSync(join(tmpdir(), 'xborder-cases-'));
  let n = 0;
  for (const f of readdirSync(ex).sort()) {
    const text = readFileSync(join(ex, f), 'utf8');
    const name = (parse(text) as { exporter: { name: string } }).exporter.name;
    const file = join(dir, `${++n}-${f}`);
    writeFileSync(file, text.replace(name, `${name} ${n}`));
    out.push({ name: `example ${f}`, file, contentType: f.endsWith('.json') ? 'application/json' : 'application/yaml' });
  }
  for (const pack of readdirSync(join(ROOT, 'rules')).sort()) {
    let suite: { base?: object; cases: { name: string; patch?: object; manifest?: object; asOf?: string; ledgerPrior?: unknown }[] };
    try { suite = parse(readFileSync(join(ROOT, 'rules', pack, 'tests.yaml'), 'utf8')); } catch { continue; }
    for (const c of suite.cases) {
      if (c.ledgerPrior) continue; // injected totals: no manifest text carries them
      const file = join(dir, `case-${++n}.json`);
      const m = (c.manifest ?? mergePatch(suite.base, c.patch ?? {})) as { exporter?: { name?: unknown } };
      if (typeof m.exporter?.name === 'string') m.exporter = { ...m.exporter, name: `${m.exporter.name} ${n}` };
      writeFileSync(file, JSON.stringify(m, null, 2));
      out.push({ name: `${pack}: ${c.name}`, file, contentType: 'application/json', asOf: c.asOf });
    }
  }
  return out;
}

const withoutSource = (r: Record<string, unknown>) => ({ ...r, source: undefined });

describe('the service answers as the CLI does', () => {
  let app: FastifyInstance;
  // The CLI runs block this event loop: no load shedding here.
  beforeAll(async () => { app = await testServer({ rateLimit: false, maxEventLoopDelayMs: false }); });
  afterAll(() => app.close());

  it('for every example and every pack test case', async () => {
    const all = inputs();
    expect(all.length).toBeGreaterThan(100);
    // One CLI run per asOf (in input order), then one request per input.
    const groups = new Map<string | undefined, Input[]>();
    for (const i of all) groups.set(i.asOf, [...(groups.get(i.asOf) ?? []), i]);
    for (const [asOf, group] of groups) {
      const run = xborder(['check', '--format', 'json', '--jobs', '1', '--quiet', ...(asOf ? ['--as-of', asOf] : []), ...group.map((g) => g.file)]);
      expect(run.stderr).toBe('');
      const cli = JSON.parse(run.stdout) as Record<string, unknown>[];
      expect(cli).toHaveLength(group.length);
      for (const [k, input] of group.entries()) {
        const res = await app.inject({ method: 'POST', url: `/v1/check${asOf ? `?asOf=${asOf}` : ''}`, headers: { 'content-type': input.contentType }, payload: readFileSync(input.file) });
        expect(res.statusCode, input.name).toBe('error' in cli[k]! ? 422 : 200);
        expect(withoutSource(res.json()), input.name).toEqual(withoutSource(cli[k]!));
      }
    }
  });
});
