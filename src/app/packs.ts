import { readdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { PackLoadError } from '../compile/build-pack-set.js';
import type { PackSet } from '../evaluate/pack-set.js';
import { bundledRules, findPackFiles, isPackFileName, loadPacks, type LoadPacksOptions } from '../load/load-packs.js';
import { PackTrustError } from '../load/trust-error.js';
import { displayPath, readText, walkTree } from '../io/files.js';
import { ParseError, parseSource, type SourceDoc } from '../source/document.js';
import type { AppIO } from './io.js';
import { attrs, escapeText } from '../report/xml.js';
import { errorMessageIn, formatDiagnosticIn } from '../report/error-text.js';
import type { Lang } from '../model/verdict.js';
import { MESSAGES, say } from './messages.js';
import { PACK_MESSAGES as PM, type BaseHintCommand } from './pack-messages.js';

/**
 * Why packs could not be loaded, one line per problem in `lang` (file:line:column, or the file and the trust
 * store's reason); undefined for any other error, which the caller words itself.
 */
export function packLoadProblems(err: unknown, lang: Lang): { refused: boolean; lines: string[] } | undefined {
  if (err instanceof PackTrustError) {
    // A message that names its file already (the trust store's own) is not prefixed with it again.
    const at = (x: (typeof err.problems)[number]): string => (x.namesFile ? '' : `${x.uri}: `);
    return { refused: true, lines: err.problems.map((x) => `${at(x)}[${x.problem.reason}] ${errorMessageIn(x.problem.message, lang)}`) };
  }
  if (err instanceof PackLoadError) return { refused: false, lines: err.diagnostics.map((d) => formatDiagnosticIn(d, lang)) };
  return undefined;
}

/** Loads packs or prints every problem (file:line:column) and returns undefined: never a partial rule set. */
export async function loadPacksOrReport(paths: readonly string[] | undefined, io: AppIO, opts: LoadPacksOptions & { onFailure?: (err: unknown) => void } = {}, lang: Lang = 'en'): Promise<PackSet | undefined> {
  const { onFailure, ...loadOpts } = opts;
  try {
    return await loadPacks(paths && paths.length ? paths : [bundledRules()], loadOpts);
  } catch (err) {
    const problems = packLoadProblems(err, lang);
    if (!problems) throw err;
    onFailure?.(err);
    say(io.stderr, lang, problems.refused ? MESSAGES.packsRefused() : MESSAGES.packsInvalid());
    io.stderr(`${problems.lines.map((l) => `  ${l}`).join('\n')}\n`);
    return undefined;
  }
}

/**
 * Unknown taxonomy ids that the bundled national pack defines: a zone or sector pack validated alone (it extends
 * the national taxonomy). Empty when the ids are unknown there too (a typo), or the bundled packs do not load.
 */
async function nationalIdsMissing(err: unknown): Promise<string[]> {
  if (!(err instanceof PackLoadError)) return [];
  const ids = new Set(err.diagnostics.flatMap((d) => d.unknownId ?? []));
  if (ids.size === 0) return [];
  const national = (await loadPacks([bundledRules()]).catch(() => undefined))?.packs.find((p) => p.meta.scope.kind === 'national');
  return national ? [...ids].filter((id) => national.taxonomy.has(id)) : [];
}

/**
 * loadPacksOrReport for `pack validate|test|coverage`, and (`check`) for the commands that check with the packs --pack
 * or the configuration names: when the packs fail because a zone or sector pack was given without the national pack
 * it extends, also say (after the problems) how to give it its base.
 */
export async function loadPacksWithBaseHint(command: BaseHintCommand | 'check', paths: readonly string[], io: AppIO, load: LoadPacksOptions = {}, lang: Lang = 'en'): Promise<PackSet | undefined> {
  let failure: unknown;
  const set = await loadPacksOrReport(paths, io, { ...load, onFailure: (err) => { failure = err; } }, lang);
  if (set) return set;
  const missing = await nationalIdsMissing(failure);
  if (missing.length) {
    const rules = displayPath(bundledRules()).replace(/\/?$/, '/');
    const withBase = [`${rules}cn-national`, ...paths.map(displayPath)];
    say(io.stderr, lang, command === 'check' ? PM.withBaseLoaded(missing, withBase) : PM.withBase(command, missing, withBase, rules));
  }
  return undefined;
}

const TESTS_FILE = /^(tests|.+\.tests)\.ya?ml$/;

/**
 * YAML files under the pack folders that declare `kind: RulePack` but are not named as pack files: loading skips
 * them, so a new edition saved as `beijing-2027.yaml` was never checked nor applied while validate and test passed.
 */
async function misnamedPacks(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const root of paths) {
    if (!(await stat(root).catch(() => undefined))?.isDirectory()) continue;
    const { paths: files } = await walkTree(root, (name) => /\.ya?ml$/i.test(name) && !isPackFileName(name) && !TESTS_FILE.test(name));
    for (const f of files) {
      let text: string;
      try {
        text = readText(f);
      } catch {
        continue; // not a pack's text either way
      }
      if (/^kind:[ \t]*["']?RulePack["']?[ \t]*(#.*)?$/m.test(text)) out.push(displayPath(f));
    }
  }
  return out;
}

/** Says each misnamed pack file (misnamedPacks); true when there was one. */
async function reportMisnamed(paths: readonly string[], io: AppIO, lang: Lang): Promise<boolean> {
  const misnamed = await misnamedPacks(paths.length ? paths : [bundledRules()]);
  for (const path of misnamed) say(io.stderr, lang, PM.misnamedPack(path));
  return misnamed.length > 0;
}

/** `xborder pack validate`: exit 0 when every pack loads, 2 otherwise. */
export async function validatePacks(paths: readonly string[], io: AppIO, load: LoadPacksOptions = {}, lang: Lang = 'en'): Promise<number> {
  const misnamed = await reportMisnamed(paths, io, lang);
  const set = await loadPacksWithBaseHint('validate', paths, io, load, lang);
  if (!set || misnamed) return 2;
  for (const p of set.packs) {
    io.stdout(`${PM.packValid(p.meta.id, p.meta.version, p.rules.length, p.meta.effective.from, p.meta.effective.to, p.uri)[lang]}\n`);
  }
  io.stdout(`${PM.packsValid(set.packs.length)[lang]}\n`);
  return 0;
}

/** The pack files as parsed, for placing a problem the tests find in a pack at its line (they loaded: none fails here). */
async function packSources(paths: readonly string[]): Promise<SourceDoc[]> {
  const docs: SourceDoc[] = [];
  for (const root of paths) {
    for (const f of (await findPackFiles(root)).paths) {
      try {
        docs.push(parseSource(readText(f), displayPath(f), { allowAliases: true }));
      } catch {
        /* read and parsed when the packs loaded; changed since: the problem is shown without its line */
      }
    }
  }
  return docs;
}

/** Test files sit beside their pack: tests.yaml or *.tests.yaml in the pack's directory. */
async function findTestFiles(paths: readonly string[]): Promise<string[]> {
  const out = new Set<string>();
  for (const root of paths) {
    for (const packFile of (await findPackFiles(root)).paths) {
      const dir = dirname(packFile);
      for (const f of (await readdir(dir)).sort()) if (TESTS_FILE.test(f)) out.add(join(dir, f));
    }
  }
  return [...out];
}

export interface PackTestOptions {
  /** Each pack must have at least this percentage (0–100) of its rules exercised, else exit 1. */
  minCoverage?: number;
  /** Cases that name rules but check only the verdict fail instead of being flagged. */
  requirePaths?: boolean;
  /** `junit`: the report is JUnit XML on stdout (one suite per test file, one case per test), for CI. */
  format?: 'text' | 'junit';
  /** The language of the text report and of stderr (JUnit XML stays English: CI reads it). */
  lang?: Lang;
}

/** The pack test results as JUnit XML: administrators' CI shows each failing case with its problems. */
function packTestsJunit(results: readonly { suite: string; name: string; ok: boolean; problems: string[]; line?: number }[]): string {
  const suites = new Map<string, typeof results[number][]>();
  for (const r of results) suites.set(r.suite, [...(suites.get(r.suite) ?? []), r]);
  const failures = results.filter((r) => !r.ok).length;
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites${attrs({ name: 'xborder pack test', tests: results.length, failures })}>`];
  for (const [suite, cases] of suites) {
    out.push(`  <testsuite${attrs({ name: suite, tests: cases.length, failures: cases.filter((c) => !c.ok).length, errors: 0, skipped: 0 })}>`);
    for (const c of cases) {
      const head = `    <testcase${attrs({ name: c.name, classname: suite, ...(c.line ? { file: suite, line: c.line } : {}) })}`;
      out.push(c.ok ? `${head}/>` : `${head}>\n      <failure${attrs({ message: c.problems[0] ?? 'failed', type: 'pack-test' })}>${escapeText(c.problems.join('\n'))}</failure>\n    </testcase>`);
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}

/** `xborder pack test`: every case of every pack, a summary line, rule coverage; exit 1 on any failure or gate. */
export async function testPacks(paths: readonly string[], io: AppIO, load: LoadPacksOptions = {}, o: PackTestOptions = {}): Promise<number> {
  const lang = o.lang ?? 'en';
  if (o.minCoverage !== undefined && !(o.minCoverage >= 0 && o.minCoverage <= 100)) {
    say(io.stderr, lang, PM.badMinCoverage());
    return 2;
  }
  const roots = paths.length ? paths : [bundledRules()];
  const misnamed = await reportMisnamed(roots, io, lang);
  const set = await loadPacksWithBaseHint('test', roots, io, load, lang);
  if (!set || misnamed) return 2;
  const docs: SourceDoc[] = [];
  for (const f of await findTestFiles(roots)) {
    try {
      docs.push(parseSource(readText(f), displayPath(f), { allowAliases: true }));
    } catch (err) {
      if (err instanceof ParseError) io.stderr(`${formatDiagnosticIn(err.diagnostic, lang)}\n`);
      else io.stderr(`${displayPath(f)}: ${errorMessageIn((err as Error).message, lang)}\n`);
      return 2;
    }
  }
  const { runPackTests, ruleCoverage } = await import('../packtest/run.js'); // only `pack test` runs pack tests
  const report = await runPackTests(docs, set, await packSources(roots));
  // A test file that is not a pack-tests document (schema) was not run at all: exit 2, as a file that does not parse
  // ("2 invalid packs or test files"); a case that names an unknown rule or repeats another is a failed test (1).
  const invalidTests = report.diagnostics.some((d) => d.code === 'schema');
  // The gates (--min-coverage, --require-paths) hold in every format: a CI job reading JUnit passed a pack no case tested.
  // A rule no manifest can make fire is no untested rule: said as such, and out of the share.
  const coverage = set.packs.map((p) => ({ p, ...ruleCoverage(report, p) }));
  const below: string[] = [];
  for (const { p, covered, testable } of coverage) {
    const share = testable ? (100 * covered) / testable : 100;
    if (o.minCoverage !== undefined && share < o.minCoverage) below.push(`${p.meta.id} ${share.toFixed(1)}%`);
  }
  const weak = report.results.filter((r) => r.weak.length).length;
  const gate = (failed: number): number => (invalidTests ? 2 : failed || report.diagnostics.length || below.length || (o.requirePaths && weak) || docs.length === 0 ? 1 : 0);
  if (o.format === 'junit') {
    // With --require-paths a weak case is a failing one, in the XML too.
    const results = o.requirePaths ? report.results.map((r) => (r.weak.length ? { ...r, ok: false, problems: [...r.problems, ...r.weak] } : r)) : report.results;
    io.stdout(packTestsJunit(results));
    const failed = results.filter((r) => !r.ok).length;
    io.stderr(`${PM.testSummary(results.length, docs.length, failed, 0, 0)[lang]}\n`);
    for (const d of report.diagnostics) io.stderr(`${PM.error()[lang]} ${formatDiagnosticIn(d, lang)}\n`);
    if (below.length) io.stderr(`${PM.belowMinCoverage(o.minCoverage, below)[lang]}\n`);
    return gate(failed);
  }
  const lines = (problems: readonly string[]): string => problems.map((p) => `     ${errorMessageIn(p, lang)}`).join('\n');
  for (const r of report.results) {
    const at = `${r.suite}${r.line ? `:${r.line}` : ''} ${r.name}`;
    if (!r.ok) io.stdout(`${PM.failed()[lang]} ${at}\n${lines(r.problems)}\n`);
    if (r.weak.length) io.stdout(`${(o.requirePaths ? PM.failed() : PM.weak())[lang]} ${at}\n${lines(r.weak)}\n`);
  }
  for (const d of report.diagnostics) io.stdout(`${PM.error()[lang]} ${formatDiagnosticIn(d, lang)}\n`);
  io.stdout(`\n${PM.ruleCoverage()[lang]}\n`);
  for (const { p, covered, testable, uncovered, unreachable } of coverage) {
    io.stdout(`  ${PM.packCoverage(p.meta.id, p.meta.version, covered, testable, uncovered, unreachable)[lang]}\n`);
  }
  const failed = report.results.filter((r) => !r.ok).length;
  io.stdout(`\n${PM.testSummary(report.results.length, docs.length, failed, weak, report.diagnostics.length)[lang]}\n`);
  if (below.length) io.stdout(`${PM.belowMinCoverage(o.minCoverage, below)[lang]}\n`);
  if (docs.length === 0) { say(io.stderr, lang, PM.noTests()); return 1; }
  return gate(failed);
}
