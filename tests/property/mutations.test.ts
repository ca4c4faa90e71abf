import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPacks } from '../../dist/src/load/load-packs.js';
import type { PackSet } from '../../dist/src/evaluate/pack-set.js';
import { checkText } from '../../dist/src/evaluate/pipeline.js';
import { decodeText } from '../../dist/src/io/files.js';
import { isError } from '../../dist/src/model/verdict.js';
import { GOOD, ROOT, STACK_FRAME, runCli, tempDir, writeTemp } from '../hardening/cli-run.js';
import { FC_PARAMS } from './arbitraries.js';

/** Every example manifest (examples/manifests when present) and our good fixtures. */
const SEEDS = [join(ROOT, 'examples/manifests'), GOOD]
  .filter((d) => existsSync(d))
  .flatMap((d) => readdirSync(d).filter((f) => /\.(ya?ml|json)$/.test(f)).map((f) => ({ name: f, bytes: readFileSync(join(d, f)) })));

/** A byte flip, truncation, insertion, deletion or duplication, applied in sequence. */
const edit = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
  fc.record({ kind: fc.constant('insertText' as const), at: fc.nat(), text: fc.constantFrom('[', ']', '{', '}', ':', '- ', '&a ', '*a', '\t', '"', "'", '\n', '#', '---\n', '!!binary ', '? ', 'NaN', '1e999', '\\u0000', '__proto__: 1\n') }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 80 }) }),
);
type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

function apply(buf: Buffer, edits: readonly Edit[]): Buffer {
  let b = buf;
  for (const e of edits) {
    const at = b.length ? e.at % (b.length + 1) : 0;
    switch (e.kind) {
      case 'flip': if (b.length) { b = Buffer.from(b); b[at % b.length] = e.byte; } break;
      case 'truncate': b = b.subarray(0, at); break;
      case 'insert': b = Buffer.concat([b.subarray(0, at), Buffer.from(e.bytes), b.subarray(at)]); break;
      case 'insertText': b = Buffer.concat([b.subarray(0, at), Buffer.from(e.text), b.subarray(at)]); break;
      case 'delete': b = Buffer.concat([b.subarray(0, at), b.subarray(at + e.length)]); break;
      case 'duplicate': b = Buffer.concat([b.subarray(0, at + e.length), b.subarray(at)]); break;
    }
  }
  return b;
}

const mutated = fc.tuple(fc.constantFrom(...SEEDS), fc.array(edit, { minLength: 1, maxLength: 5 }))
  .map(([seed, edits]) => ({ name: seed.name, bytes: apply(seed.bytes, edits) }));

let packs: PackSet;
beforeAll(async () => { packs = await loadPacks(); });

describe('random mutations of every example never crash', () => {
  it('has seeds', () => expect(SEEDS.length).toBeGreaterThan(0));

  it('library: the result is a verdict or an error result, never a throw', async () => {
    await fc.assert(fc.asyncProperty(mutated, async ({ name, bytes }) => {
      let text: string;
      try {
        text = decodeText(bytes, name); // what the CLI does before parsing
      } catch {
        return; // refused as binary or not UTF-8: an error result in the CLI
      }
      const r = await checkText(text, name, packs);
      if (isError(r)) {
        expect(r.error.message.length).toBeGreaterThan(0);
        expect(r.error.code).toMatch(/^(parse-error|schema|semantic)$/);
      } else expect(['pass', 'review', 'fail']).toContain(r.verdict);
    }), { ...FC_PARAMS, numRuns: FC_PARAMS.numRuns * 5 });
  }, 300_000);

  it('CLI: a batch of mutated files is reported file by file, exit 0/1/2, no stack trace', async () => {
    const dir = tempDir();
    const files = fc.sample(mutated, { seed: FC_PARAMS.seed, numRuns: Math.min(200, FC_PARAMS.numRuns) })
      .map(({ name, bytes }, i) => writeTemp(dir, `${String(i).padStart(4, '0')}-${name}`, bytes as unknown as string));
    const run = await runCli(['check', ...files, '--format', 'json']);
    expect([0, 1, 2]).toContain(run.code);
    expect(run.stderr).not.toMatch(STACK_FRAME);
    expect(run.stderr).not.toMatch(/internal error/);
    const results = JSON.parse(run.stdout) as unknown[];
    expect(results).toHaveLength(files.length);
  }, 300_000);
});
