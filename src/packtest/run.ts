import { locationIn, type Diagnostic } from '../model/diagnostic.js';
import { isError, ruleKey, type CheckResult } from '../model/verdict.js';
import type { PackSet } from '../evaluate/pack-set.js';
import { checkValue } from '../evaluate/pipeline.js';
import { BUILTIN_RULES } from '../evaluate/checker-findings.js';
import type { SourceDoc } from '../source/document.js';
import { validate } from '../validate/schemas.js';
import { canonicalJson } from '../util/canonical.js';
import { mergePatch } from './merge-patch.js';
import type { Condition } from '../model/pack.js';
import type { CompiledPack } from '../compile/compile-pack.js';
import { foldTree } from '../model/condition-tree.js';

interface Expect {
  verdict?: string;
  mechanism?: string;
  rules?: string[];
  absent?: string[];
  obligations?: string[];
  exempted?: string[];
  packs?: string[];
  /** Packs that must not apply: on a list's boundary day another pack of the same zone may give the same findings. */
  absentPacks?: string[];
  error?: boolean;
  /** Rule id → the JSON pointer of the manifest field that decided its finding. */
  paths?: Record<string, string>;
}
interface Case { name: string; patch?: object; manifest?: object; asOf?: string; today?: string; ledgerPrior?: { individuals: number; sensitiveIndividuals: number }; expect: Expect }
interface Suite { pack: string; base?: object; cases: Case[] }

export interface CaseResult {
  suite: string; name: string; ok: boolean; problems: string[]; line?: number;
  /** The case names rules but asserts nothing that ties them to the manifest field that decided them. */
  weak: string[];
}
export interface PackTestReport {
  results: CaseResult[];
  /** Problems with the test files themselves (schema, duplicates, unknown rules): the run fails. */
  diagnostics: Diagnostic[];
  /** Per pack: rules no case exercised, that is named and saw them (those that cannot fire left out). */
  uncovered: Map<string, string[]>;
  /**
   * Per pack: rules no manifest can make fire, with the condition that never holds (a zone list with no complete
   * scenario compiles its exemption to `purpose.scenario in []`). No case can exercise them: they are reported as
   * such and are not in the coverage share, which would otherwise never reach 100% for an honest pack.
   */
  unreachable: Map<string, { id: string; why: string }[]>;
}

/** One pack's rule coverage by a run: the rules exercised of those that count, as `pack test` and the playground show it. */
export interface RuleCoverage {
  covered: number;
  /** The rules that count: every rule of the pack but those no manifest can make fire. */
  testable: number;
  uncovered: readonly string[];
  unreachable: readonly { id: string; why: string }[];
}

export function ruleCoverage(report: PackTestReport, pack: Pick<CompiledPack, 'meta' | 'rules'>): RuleCoverage {
  const uncovered = report.uncovered.get(pack.meta.id) ?? [];
  const unreachable = report.unreachable.get(pack.meta.id) ?? [];
  const testable = pack.rules.length - unreachable.length;
  return { covered: testable - uncovered.length, testable, uncovered, unreachable };
}

/**
 * The condition that keeps `when` from ever holding, as text, or undefined: a list operand that is empty where a
 * value must be among it (`in: []`, `includesAny: []`), in a branch every alternative of which needs it. `not` is
 * read as possible: whether its member is always true is not asked.
 */
export function neverHolds(when: Condition): string | undefined {
  return foldTree<Condition, string | undefined>(when, {
    all: (members) => members.find((m) => m !== undefined),
    any: (members) => (members.length && members.every((m) => m !== undefined) ? members.join('; ') : undefined),
    not: () => undefined,
    leaf: (leaf) => {
      const empty = (['in', 'includesAny'] as const).find((op) => Array.isArray(leaf[op]) && (leaf[op] as unknown[]).length === 0);
      return empty ? `${leaf.fact} ${empty} []` : undefined;
    },
  });
}

/** A case's input as canonical JSON, for finding duplicate cases; undefined when it has none (a lone surrogate). */
const inputKey = (c: { patch?: unknown; manifest?: unknown; asOf?: unknown; today?: unknown; ledgerPrior?: unknown }): string | undefined => {
  try {
    return canonicalJson({ patch: c.patch, manifest: c.manifest, asOf: c.asOf, today: c.today, ledgerPrior: c.ledgerPrior });
  } catch {
    return undefined;
  }
};

function compare(r: CheckResult, e: Expect): string[] {
  if (isError(r)) return e.error ? [] : [`manifest is invalid: ${r.error.message}`];
  if (e.error) return [`expected the manifest to be rejected, got verdict ${r.verdict}`];
  const p: string[] = [];
  const findings = r.findings.map((f) => f.rule);
  const why = r.findings.map((f) => `${f.rule}=${f.outcome}`).join(', ');
  if (e.verdict && r.verdict !== e.verdict) p.push(`verdict: expected ${e.verdict}, got ${r.verdict} (${why})`);
  if (e.mechanism && r.mechanism !== e.mechanism) p.push(`mechanism: expected ${e.mechanism}, got ${r.mechanism}`);
  for (const id of e.rules ?? []) if (!findings.includes(id)) p.push(`expected finding ${id}; got ${why || 'none'}`);
  const obligations = r.obligations.map((o) => o.rule);
  for (const id of e.absent ?? []) if (findings.includes(id) || obligations.includes(id)) p.push(`unexpected finding or obligation ${id}`);
  for (const id of e.obligations ?? []) if (!obligations.includes(id)) p.push(`expected obligation ${id}; got ${obligations.join(', ') || 'none'}`);
  const exempted = (r.exempted ?? []).map((x) => x.rule);
  for (const id of e.exempted ?? []) if (!exempted.includes(id)) p.push(`expected ${id} to be set aside by an exemption; got ${exempted.join(', ') || 'none'}`);
  const packs = r.packs.map((x) => x.id);
  for (const id of e.packs ?? []) if (!packs.includes(id)) p.push(`expected pack ${id} to apply; applied ${packs.join(', ')}`);
  for (const id of e.absentPacks ?? []) if (packs.includes(id)) p.push(`expected pack ${id} not to apply; applied ${packs.join(', ')}`);
  for (const [id, path] of Object.entries(e.paths ?? {})) {
    const f = r.findings.find((x) => x.rule === id);
    if (f && f.path !== path) p.push(`finding ${id}: expected deciding path ${path}, got ${f.path || '(the whole manifest)'}`);
    else if (!f) p.push(`paths names ${id}, which has no finding`);
  }
  return p;
}

/**
 * A case that asserts only the verdict and the rules that fired passes as long as some field makes the rule
 * fire, not necessarily the one the case is about; stating the deciding `paths` pins it.
 */
function weakness(r: CheckResult, e: Expect): string[] {
  if (isError(r) || Object.keys(e).some((k) => k !== 'verdict' && k !== 'rules')) return [];
  return (e.rules ?? []).flatMap((id) => {
    const path = r.findings.find((f) => f.rule === id)?.path;
    return path ? [`names ${id} but checks only the verdict: state its deciding field, paths: { ${id}: "${path}" }`] : [];
  });
}

/**
 * Runs every case of every suite; also refuses duplicate cases and cases naming rules no pack defines. `packDocs`, the
 * pack files as parsed, place a problem of a pack's own rows (an untested entry) at its line.
 */
export async function runPackTests(docs: readonly SourceDoc[], set: PackSet, packDocs: readonly SourceDoc[] = []): Promise<PackTestReport> {
  const diagnostics: Diagnostic[] = [];
  const results: CaseResult[] = [];
  // Ids earlier pack versions published still name their replacement (CompiledPack.aliases).
  const aliases = new Map(set.packs.flatMap((p) => Object.entries(p.aliases)));
  const current = (e: Expect): Expect => Object.fromEntries(Object.entries(e).map(([k, v]) =>
    [k, Array.isArray(v) ? v.map((id: string) => aliases.get(id) ?? id) : v])) as Expect;
  const ruleIds = new Set<string>([...set.rules.values()].map((r) => r.id).concat(BUILTIN_RULES, [...aliases.keys()]));
  /** The rules a case exercised (ruleKey). */
  const named = new Set<string>();
  const located = (doc: SourceDoc, pointer: string, message: string): Diagnostic => ({ code: 'semantic', severity: 'error', message, location: locationIn(doc, pointer) });
  for (const doc of docs) {
    const schemaProblems = validate('pack-tests', doc);
    if (schemaProblems.length) { diagnostics.push(...schemaProblems); continue; }
    const suite = doc.data as Suite;
    if (!set.packs.some((p) => p.meta.id === suite.pack)) diagnostics.push(located(doc, '/pack', `unknown pack "${suite.pack}"`));
    const names = new Map<string, number>();
    const bodies = new Map<string, number>();
    for (const [i, c] of suite.cases.entries()) {
      const at = `/cases/${i}`;
      if (names.has(c.name)) diagnostics.push(located(doc, `${at}/name`, `duplicate case name "${c.name}" (also cases[${names.get(c.name)}])`));
      names.set(c.name, i);
      const body = inputKey(c);
      if (body !== undefined) {
        if (bodies.has(body)) diagnostics.push(located(doc, at, `duplicate case: same input as cases[${bodies.get(body)}]`));
        bodies.set(body, i);
      }
      for (const key of ['rules', 'absent', 'obligations', 'exempted', 'paths'] as const) {
        for (const id of key === 'paths' ? Object.keys(c.expect.paths ?? {}) : c.expect[key] ?? []) {
          if (!ruleIds.has(id)) diagnostics.push(located(doc, `${at}/expect/${key}`, `case "${c.name}" names unknown rule "${id}"`));
        }
      }
      const manifest = c.manifest ?? mergePatch(suite.base ?? {}, c.patch ?? {});
      // `today`, the clock a CLI run reads (XBORDER_TODAY): without it, as a library call without one.
      const r = await checkValue(manifest, set, { source: `${doc.uri}#${c.name}`, asOf: c.asOf, today: c.today, ledgerPrior: c.ledgerPrior });
      const expected = current(c.expect);
      if (!isError(r)) {
        const ids = [...r.findings.map((f) => f.rule), ...r.obligations.map((o) => o.rule), ...(r.exempted ?? []).map((x) => x.rule)];
        // Tested: named by the case (and so checked by it) and there, not only fired beside what the case asserts.
        const said = new Set([...expected.rules ?? [], ...expected.obligations ?? [], ...expected.exempted ?? [], ...Object.keys(expected.paths ?? {})]);
        for (const id of ids) if (said.has(id)) for (const p of r.packs) named.add(ruleKey({ pack: p.id, id }));
      }
      const problems = compare(r, expected);
      results.push({ suite: doc.uri, name: c.name, ok: problems.length === 0, problems, weak: weakness(r, expected), line: doc.locate(at)?.line });
    }
  }
  diagnostics.push(...untestedEntries(set, named, packDocs));
  const uncovered = new Map<string, string[]>();
  const unreachable = new Map<string, { id: string; why: string }[]>();
  for (const p of set.packs) {
    const unfired = p.rules.filter((r) => !named.has(ruleKey(r)));
    const never = unfired.flatMap((r) => { const why = neverHolds(r.when); return why ? [{ id: r.id, why }] : []; });
    const cannot = new Set(never.map((n) => n.id));
    const missing = unfired.filter((r) => !cannot.has(r.id)).map((r) => r.id);
    uncovered.set(p.meta.id, missing);
    unreachable.set(p.meta.id, never);
  }
  return { results, diagnostics, uncovered, unreachable };
}

/**
 * A scenario marked complete may exempt: every entry of it needs a case that exercises it, or an untested entry
 * could be the one that wrongly lets data through.
 */
function untestedEntries(set: PackSet, named: ReadonlySet<string>, packDocs: readonly SourceDoc[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const p of set.packs) {
    const complete = new Set((p.list?.scenarios ?? []).filter((s) => s.coverage === 'complete').map((s) => s.id));
    for (const e of p.list?.entries ?? []) {
      if (complete.has(e.scenario) && !named.has(ruleKey({ pack: p.meta.id, id: e.id }))) {
        out.push({ code: 'semantic', severity: 'error', message: `entry "${e.id}" of complete scenario "${e.scenario}" has no test case that exercises it`, location: entryLocation(p.uri, e.id, packDocs) });
      }
    }
  }
  return out;
}

/** Where a list entry is written: in the pack's own file, else (an edition's inherited entry) in the file that writes it. */
function entryLocation(uri: string, id: string, packDocs: readonly SourceDoc[]): Diagnostic['location'] {
  const own = packDocs.filter((d) => d.uri === uri);
  for (const doc of [...own, ...packDocs.filter((d) => d.uri !== uri)]) {
    const entries = (doc.data as { list?: { entries?: unknown } } | null)?.list?.entries;
    const at = Array.isArray(entries) ? entries.findIndex((x) => (x as { id?: unknown } | null)?.id === id) : -1;
    if (at >= 0) return locationIn(doc, `/list/entries/${at}/id`);
  }
  return { uri, pointer: '/list/entries' };
}
