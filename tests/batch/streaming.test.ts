import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { LineCounter, isCollection, isNode, isSeq, parseDocument } from 'yaml';
import { loadPacks } from '../../dist/src/load/load-packs.js';
import { checkText } from '../../dist/src/evaluate/pipeline.js';
import { checkInputs, ruleInfo } from '../../dist/src/app/check.js';
import type { AppIO } from '../../dist/src/app/io.js';
import { FORMATS } from '../../dist/src/report/index.js';
import { createProgress, progressLine } from '../../dist/src/batch/progress.js';
import { jsonOffset } from '../../dist/src/source/json-locate.js';
import { lineColumn } from '../../dist/src/source/positions.js';
import { splitPointer } from '../../dist/src/util/json-pointer.js';
import { FIXTURES, manifests } from './helpers.js';

const fakeIO = (stdin = ''): AppIO & { out: string; err: string } => {
  const io = {
    out: '', err: '',
    stdout: (s: string) => { io.out += s; },
    stderr: (s: string) => { io.err += s; },
    readStdin: async () => stdin,
    stdinStream: () => Readable.from([stdin]),
    isTTY: false, stderrIsTTY: false, env: {}, cwd: process.cwd(),
  };
  return io;
};

describe('streamed report writers', { timeout: 60_000 }, () => {
  it('write exactly what the whole-batch formatters write, for 0, 1 and many results', async () => {
    const set = await loadPacks();
    const files = readdirSync(FIXTURES).sort().map((f) => join(FIXTURES, f));
    for (const n of [0, 1, 3]) {
      const inputs = files.slice(0, n);
      const results = [];
      for (const f of inputs) results.push(await checkText(readFileSync(f, 'utf8'), f, set));
      for (const format of ['text', 'json', 'ndjson', 'github', 'sarif', 'junit', 'markdown'] as const) {
        if (n === 0 && format !== 'json' && format !== 'ndjson') continue;
        const io = fakeIO();
        await checkInputs(inputs, set, { format, lang: 'en', failOn: 'fail', jobs: 1, quiet: true }, io);
        const ctx = { lang: 'en' as const, color: false, rules: ruleInfo(set), failOn: 'fail' as const, toolVersion: '0.1.0' };
        // displayPath makes sources relative to the cwd, as checkText was given absolute paths: normalise both.
        const rel = (s: string) => s.split(`${process.cwd()}/`).join('');
        expect(rel(io.out), `${format} n=${n}`).toBe(rel(FORMATS[format].whole(results.map((r) => ({ ...r, source: rel(r.source) })), ctx)));
      }
    }
  });

  it('reads NDJSON from a stdin stream in process, in order', async () => {
    const set = await loadPacks();
    const lines = manifests(5).map((m) => JSON.stringify(m));
    const io = fakeIO(`${lines.join('\n')}\n`);
    const code = await checkInputs(['-'], set, { format: 'ndjson', lang: 'en', failOn: 'fail', jobs: 1 }, io);
    expect([0, 1]).toContain(code);
    expect(io.out.trim().split('\n').map((l) => (JSON.parse(l) as { source: string }).source)).toEqual(['<stdin>:1', '<stdin>:2', '<stdin>:3', '<stdin>:4', '<stdin>:5']);
    expect(io.err).toMatch(/^5 checked: /);
  });
});

describe('progress', () => {
  it('is drawn on a TTY stderr for a batch over 200, and cleared before the summary', async () => {
    const set = await loadPacks();
    const lines = manifests(260).map((m) => JSON.stringify(m));
    const io = { ...fakeIO(`${lines.join('\n')}\n`), stderrIsTTY: true };
    const io2 = Object.assign(io, { stderr: (s: string) => { io.err += s; }, stdout: (s: string) => { io.out += s; } });
    await checkInputs(['-'], set, { format: 'ndjson', lang: 'en', failOn: 'fail', jobs: 1 }, io2);
    expect(io2.err).toMatch(/\r\u001b\[2K2\d\d checked {2}[\d,]+\/s/);
    expect(io2.err).toMatch(/\r\u001b\[2K260 checked: /);
    const quiet = { ...fakeIO(`${lines.join('\n')}\n`), stderrIsTTY: true };
    const q2 = Object.assign(quiet, { stderr: (s: string) => { quiet.err += s; }, stdout: () => {} });
    await checkInputs(['-'], set, { format: 'ndjson', lang: 'en', failOn: 'fail', jobs: 1, quiet: true }, q2);
    expect(q2.err).toBe('');
  });

  it('draws only for batches over 200, at most every 100 ms, and clears its line', () => {
    let out = '';
    let now = 0;
    const small = createProgress((s) => { out += s; }, 150, () => now);
    for (let i = 1; i <= 150; i++) { now += 50; small.tick(i); }
    small.done();
    expect(out).toBe('');
    const big = createProgress((s) => { out += s; }, 1000, () => now);
    for (let i = 1; i <= 1000; i++) { now += 1; big.tick(i); }
    big.done();
    expect(out).toContain('/1,000');
    expect(out).toContain('ETA');
    expect(out.endsWith('\r\u001b[2K')).toBe(true);
    expect(progressLine(500, undefined, 1000)).toBe('500 checked  500/s');
  });
});

describe('JSON positions without re-parsing', () => {
  it('match the yaml-based positions for every pointer of generated manifests', () => {
    for (const m of manifests(40, 3)) {
      const text = JSON.stringify(m, null, m.id === 'tm-bench-0' ? 0 : 2);
      const lc = new LineCounter();
      const doc = parseDocument(text, { lineCounter: lc });
      const pos = lineColumn(text);
      const walk = (v: unknown, segs: string[]): void => {
        for (const s of [segs, [...segs, 'missing']]) {
          let node: unknown = doc.contents;
          for (const seg of s) {
            if (!isCollection(node)) break;
            const next = node.get(isSeq(node) ? Number(seg) : seg, true);
            if (!isNode(next)) break;
            node = next;
          }
          const range = isNode(node) ? node.range : undefined;
          const { line, col } = lc.linePos(range?.[0] ?? 0);
          expect(pos(jsonOffset(text, splitPointer('/' + s.join('/')).filter((_, i) => s.length > 0 || i < 0)))).toEqual({ line, column: col });
        }
        if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...segs, k]);
      };
      walk(m, []);
    }
  });
});
