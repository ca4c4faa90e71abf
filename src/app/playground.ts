/**
 * The pack playground's operation: a pack edited in the browser, evaluated with the other bundled packs as they
 * are: pack diagnostics (with the line and column `pack validate` reports), its test table, and one manifest's
 * verdict under the edited pack. Nothing is stored; every call compiles afresh.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { compilePacks } from '../compile/build-pack-set.js';
import { createPackSet } from '../evaluate/pack-set.js';
import { bundledRules, findPackFiles } from '../load/load-packs.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { CheckResult } from '../model/verdict.js';
import { ruleCoverage, runPackTests, type CaseResult } from '../packtest/run.js';
import { companionFiles } from '../signing/signature.js';
import { ParseError, parseSource, type SourceDoc } from '../source/document.js';
import { checkOne } from './check-one.js';

export interface PlaygroundFile { uri: string; text: string }
export interface PlaygroundPack { id: string; pack: PlaygroundFile; tests?: PlaygroundFile }
export interface PlaygroundRequest { pack: PlaygroundFile; tests?: PlaygroundFile; manifest?: string }
export interface PlaygroundResult {
  diagnostics: Diagnostic[];
  tests?: CaseResult[];
  coverage?: { pack: string; exercised: number; rules: number }[];
  verdict?: CheckResult;
}

/** A pack file's metadata.id as its parser reads it (quoted or not, wherever metadata sits); else its path. */
function packIdOf(text: string, uri: string): string {
  try {
    const id = (parseSource(text, uri, { allowAliases: true }).data as { metadata?: { id?: unknown } } | undefined)?.metadata?.id;
    return typeof id === 'string' ? id : uri;
  } catch (err) {
    if (err instanceof ParseError) return uri; // the playground shows the error once the file is chosen
    throw err;
  }
}

/** The bundled packs and their test tables, by path relative to rules/ (the ids the playground sends back). */
export async function bundledPacks(root = bundledRules()): Promise<PlaygroundPack[]> {
  const out: PlaygroundPack[] = [];
  for (const f of (await findPackFiles(root)).paths) {
    const text = readFileSync(f, 'utf8');
    // The test table `pack sign` covers: tests.yaml or <name>.tests.yaml (.yml too) beside the pack file.
    const [t] = companionFiles(f);
    out.push({
      id: packIdOf(text, relative(root, f)),
      pack: { uri: relative(root, f), text },
      ...(t !== undefined ? { tests: { uri: relative(root, t), text: readFileSync(t, 'utf8') } } : {}),
    });
  }
  return out;
}

function parseAll(files: readonly PlaygroundFile[], diagnostics: Diagnostic[]): SourceDoc[] {
  const docs: SourceDoc[] = [];
  for (const f of files) {
    try {
      docs.push(parseSource(f.text, f.uri, { allowAliases: true }));
    } catch (err) {
      if (!(err instanceof ParseError)) throw err;
      diagnostics.push(err.diagnostic);
    }
  }
  return docs;
}

/** `today`: the clock the manifest is checked by, as /v1/check checks (a safeguard dated after it is not in place). */
export async function runPlayground(req: PlaygroundRequest, bundled: readonly PlaygroundPack[], today?: string): Promise<PlaygroundResult> {
  const diagnostics: Diagnostic[] = [];
  const files = [...bundled.map((b) => b.pack).filter((p) => p.uri !== req.pack.uri), req.pack];
  const built = compilePacks(parseAll(files, diagnostics));
  diagnostics.push(...built.diagnostics);
  if (diagnostics.length || !built.packs) return { diagnostics };
  const set = createPackSet(built.packs);
  const result: PlaygroundResult = { diagnostics };
  if (req.tests) {
    const docs = parseAll([req.tests], diagnostics);
    if (docs.length) {
      const report = await runPackTests(docs, set);
      diagnostics.push(...report.diagnostics);
      result.tests = report.results;
      // Coverage of the packs this table exercises (a table also touches the packs its cases apply), as `pack test` counts it.
      result.coverage = set.packs.map((p) => ({ pack: p.meta.id, ...ruleCoverage(report, p) })).filter((c) => c.covered > 0)
        .map((c) => ({ pack: c.pack, exercised: c.covered, rules: c.testable }));
    }
  }
  if (req.manifest?.trim()) result.verdict = await checkOne(req.manifest, '<manifest>', set, { today });
  return result;
}
