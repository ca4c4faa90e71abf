/**
 * Pack mutation fuzzer (issue 11): the bundled packs, each case with one file edited the way a zone
 * administrator's mistake or a hostile edit would (rules, conditions, parameters, taxonomy ids dropped or renamed,
 * operators and value types changed, JavaScript built-in names injected, ids duplicated, huge strings, unknown keys,
 * dates out of order, broken lineage, scenarios marked complete, ...). The oracle, for every mutated set:
 *
 * 1. Loading ends in a clear pack error (each problem names a pack file and, below the document root, a line and
 *    column; no stack trace, no crash message) or in a compiled set; within a time bound.
 * 2. A compiled set gives every manifest a verdict (no throw); a checker finding (`xborder.*`, an evaluation error)
 *    never comes with `pass`.
 * 3. Locality: a manifest to which no changed pack applies (before or after) gets exactly the verdict it had.
 * 4. A zone pack relaxes only through a fully encoded scenario: when a mutated zone pack turns a verdict into `pass`
 *    that neither the bundled set nor the national rules alone give, the pass comes from `<zone>.exempt.unlisted`,
 *    the manifest names a scenario the mutated list marks complete, no item matches the scenario's entries, and the
 *    exporter is not a CIIO and sends no important or core data. So a CIIO, a listed sensitive category or a
 *    threshold that fails or reviews under the national rules never passes because a zone pack was edited.
 *
 * National, region and sector packs are the law itself: editing one may change any verdict (a threshold is a
 * number), so only 1-3 hold for them. Fixed seed; `XBORDER_FUZZ_RUNS` scales the run (`npm run test:fuzz`), and the
 * summary line says how many sets, verdicts and new passes were checked (`XBORDER_FUZZ_VERBOSE=1`: per edit).
 *
 * Found by it, each now a known case below: a YAML alias inside its own value hung loading; a zone pack's
 * `alternative` met a CIIO's security assessment; a zone pack redefining `spi.health` as plain `pi` passed health data.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import fc from 'fast-check';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledRules, findPackFiles, loadPacks } from '../../dist/src/load/load-packs.js';
import { compilePacks, PackLoadError } from '../../dist/src/compile/build-pack-set.js';
import type { CompiledPack } from '../../dist/src/compile/compile-pack.js';
import { createPackSet, type PackSet } from '../../dist/src/evaluate/pack-set.js';
import { ParseError, parseSource, type SourceDoc } from '../../dist/src/source/document.js';
import { check } from '../../dist/src/index.js';
import { OPERATORS, type RulePack } from '../../dist/src/model/pack.js';
import type { Diagnostic } from '../../dist/src/model/diagnostic.js';
import type { Manifest } from '../../dist/src/model/manifest.js';
import { isError, type Verdict } from '../../dist/src/model/verdict.js';
import { FACTS } from '../../dist/src/compile/facts.js';
import { ZONE_REGION } from '../../dist/src/model/zones.js';
import { ROOT, STACK_FRAME, runCli, tempDir } from '../hardening/cli-run.js';
import { CATEGORIES, FC_PARAMS, isoDate, manifest } from './arbitraries.js';

/** Cases: each compiles every bundled pack and checks ~75 manifests (0.1-0.4 s on a loaded machine). 30 in `npm test`. */
const RUNS = Math.ceil(FC_PARAMS.numRuns / 2);
/** Loading and checking one mutated set takes well under a second; anything near this is a hang. */
const CASE_MS = 10_000;

const BUILTINS = ['toString', 'constructor', '__proto__', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', '__defineGetter__', 'prototype'];
const FACT_NAMES = Object.keys(FACTS);

interface PackFile { rel: string; uri: string; text: string; data: RulePack }
let files: PackFile[];
let baseline: PackSet;
let nationalOnly: PackSet;
let manifests: Manifest[];
let before: Verdict[];
let nationalBefore: Verdict[];

const byEdit = new Map<string, [number, number]>();
const stats = { cases: 0, refused: 0, compiled: 0, verdicts: 0, unchanged: 0, zoneCases: 0, newPasses: 0, exemptPasses: 0, ms: 0 };
afterAll(() => {
  console.log(`pack mutations: ${stats.cases} mutated pack sets (${stats.refused} refused with a pack error, ${stats.compiled} compiled; ${stats.zoneCases} of them zone packs), ${stats.verdicts} verdicts compared (${stats.unchanged} checked unchanged by locality), ${stats.newPasses} new passes (${stats.exemptPasses} through a complete scenario); ${Math.round(stats.ms)} ms`);
  if (process.env.XBORDER_FUZZ_VERBOSE) console.log([...byEdit].map(([e, [ok, no]]) => `${e} ${ok}/${ok + no}`).join(', '));
});

// ---------------------------------------------------------------------------------------------------------------
// Edits. Each takes the pack (a parsed copy) and fast-check's numbers, and changes it in place.

type Json = unknown;
type Obj = Record<string, Json>;
const isObj = (v: Json): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const pick = <T>(xs: readonly T[], n: number): T | undefined => (xs.length ? xs[n % xs.length] : undefined);

/** Every container (object or array) with its path, depth first: generic edits pick one. */
function containers(v: Json, path: (string | number)[] = [], out: { node: Obj | Json[]; path: (string | number)[] }[] = []): typeof out {
  if (Array.isArray(v)) { out.push({ node: v, path }); v.forEach((x, i) => containers(x, [...path, i], out)); }
  else if (isObj(v)) { out.push({ node: v, path }); for (const [k, x] of Object.entries(v)) containers(x, [...path, k], out); }
  return out;
}
/** Every condition leaf ({ fact, <operator>: value }) and every all/any/not node of the pack's rules. */
function conditions(pack: Obj): { leaves: Obj[]; groups: Obj[] } {
  const leaves: Obj[] = [];
  const groups: Obj[] = [];
  const walk = (c: Json): void => {
    if (!isObj(c)) return;
    if ('fact' in c) leaves.push(c);
    else { groups.push(c); for (const k of ['all', 'any']) if (Array.isArray(c[k])) (c[k] as Json[]).forEach(walk); if ('not' in c) walk(c.not); }
  };
  for (const r of (Array.isArray(pack.rules) ? pack.rules : []) as Json[]) if (isObj(r)) walk(r.when);
  return { leaves, groups };
}
const rulesOf = (p: Obj): Obj[] => (Array.isArray(p.rules) ? (p.rules as Json[]).filter(isObj) : []);
const listOf = (p: Obj): Obj | undefined => (isObj(p.list) ? p.list : undefined);
const arr = (o: Obj | undefined, k: string): Obj[] => (o && Array.isArray(o[k]) ? (o[k] as Json[]).filter(isObj) : []);
const opOf = (leaf: Obj): string | undefined => Object.keys(leaf).find((k) => k !== 'fact');
const rename = (o: Obj, from: string, to: string): void => {
  const entries = Object.entries(o).map(([k, v]) => [k === from ? to : k, v] as const);
  for (const k of Object.keys(o)) delete o[k];
  for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
};
/** Sets an own property, even `__proto__` (a plain assignment would change the prototype instead). */
const put = (o: Obj, k: string, v: Json): void => { Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true }); };

/** Odd values of every type: what a wrong edit or a hostile pack puts where a value belongs. */
const ODD: Json[] = [null, true, false, 0, -1, 1e308, 1.5, '', 'x', '100000', 'true', '2025-02-30', '9999-12-31', [], [1, 'a'], {}, { param: 'toString' },
  { param: '__proto__' }, { fact: 'exporter.ciio' }, 'x'.repeat(70_000), ...BUILTINS];
const ID_LIKE = (n: number): string => pick([...BUILTINS, 'cn.fuzz.rule', 'zone.fuzz', 'x'.repeat(5000), 'spi.health', 'pi', 'beijing', 'a.b', 'Upper.Case'], n)!;

type Edit = (p: Obj, a: number, b: number) => string;

const EDITS: Record<string, Edit> = {
  dropRule: (p, a) => { const r = rulesOf(p); if (!r.length) return 'no rules'; const i = a % r.length; (p.rules as Json[]).splice((p.rules as Json[]).indexOf(r[i]!), 1); return `drop rule ${String(r[i]!.id)}`; },
  renameRule: (p, a, b) => { const r = pick(rulesOf(p), a); if (!r) return 'no rules'; r.id = ID_LIKE(b); return `rule id → ${String(r.id).slice(0, 20)}`; },
  duplicateRuleId: (p, a, b) => { const r = rulesOf(p); if (r.length < 2) return 'few rules'; r[a % r.length]!.id = r[b % r.length]!.id; return 'duplicate rule id'; },
  duplicateRule: (p, a) => { const r = pick(rulesOf(p), a); if (!r) return 'no rules'; (p.rules as Json[]).push(structuredClone(r)); return 'duplicate rule'; },
  dropCondition: (p, a) => {
    const g = conditions(p).groups.filter((x) => Array.isArray(x.all ?? x.any)); const grp = pick(g, a); if (!grp) return 'no groups';
    const xs = (grp.all ?? grp.any) as Json[]; xs.splice(a % xs.length, 1); return 'drop condition';
  },
  swapAllAny: (p, a) => { const g = pick(conditions(p).groups.filter((x) => 'all' in x || 'any' in x), a); if (!g) return 'no groups'; rename(g, 'all' in g ? 'all' : 'any', 'all' in g ? 'any' : 'all'); return 'swap all/any'; },
  negate: (p, a) => { const r = pick(rulesOf(p), a); if (!r) return 'no rules'; r.when = isObj(r.when) && 'not' in r.when ? r.when.not : { not: r.when }; return 'negate when'; },
  emptyGroup: (p, a) => { const g = pick(conditions(p).groups.filter((x) => 'all' in x || 'any' in x), a); if (!g) return 'no groups'; g['all' in g ? 'all' : 'any'] = []; return 'empty all/any'; },
  changeOperator: (p, a, b) => {
    const leaf = pick(conditions(p).leaves, a); const op = leaf && opOf(leaf); if (!leaf || !op) return 'no leaves';
    rename(leaf, op, pick([...OPERATORS, 'equal', 'matches', ...BUILTINS], b)!); return 'operator';
  },
  addOperator: (p, a, b) => { const leaf = pick(conditions(p).leaves, a); if (!leaf) return 'no leaves'; put(leaf, pick(OPERATORS, b)!, leaf[opOf(leaf)!]); return 'second operator'; },
  changeValue: (p, a, b) => { const leaf = pick(conditions(p).leaves, a); const op = leaf && opOf(leaf); if (!leaf || !op) return 'no leaves'; leaf[op] = ODD[b % ODD.length]; return 'operand'; },
  changeFact: (p, a, b) => { const leaf = pick(conditions(p).leaves, a); if (!leaf) return 'no leaves'; leaf.fact = pick([...FACT_NAMES, ...BUILTINS, 'data.hasCores'], b); return `fact → ${String(leaf.fact)}`; },
  paramRefBuiltin: (p, a, b) => {
    const leaf = pick(conditions(p).leaves.filter((l) => isObj(l[opOf(l)!])), a) ?? pick(conditions(p).leaves, a); if (!leaf) return 'no leaves';
    leaf[opOf(leaf)!] = { param: pick(BUILTINS, b) }; return 'param ref → built-in';
  },
  dropParameter: (p, a) => { const ps = isObj(p.parameters) ? p.parameters : undefined; const k = ps && pick(Object.keys(ps), a); if (!ps || !k) return 'no params'; delete ps[k]; return `drop param ${k}`; },
  renameParameter: (p, a, b) => { const ps = isObj(p.parameters) ? p.parameters : undefined; const k = ps && pick(Object.keys(ps), a); if (!ps || !k) return 'no params'; rename(ps, k, ID_LIKE(b)); return `rename param ${k}`; },
  parameterValue: (p, a, b) => { const ps = isObj(p.parameters) ? p.parameters : undefined; const v = ps && pick(Object.values(ps).filter(isObj), a); if (!v) return 'no params'; v.value = ODD[b % ODD.length]; return 'param value'; },
  builtinParameter: (p, a, b) => {
    // A parameter that really is named like a built-in, and used: an own property, so it must work (or be refused), never resolve to the prototype.
    const name = pick(BUILTINS, b)!; if (!isObj(p.parameters)) p.parameters = {};
    put(p.parameters as Obj, name, { value: 5, description: { en: 'x', zh: '参数' }, citation: 'fuzz Art. 1' });
    const leaf = pick(conditions(p).leaves, a); if (leaf) leaf[opOf(leaf)!] = { param: name }; return `param ${name}`;
  },
  dropTaxonomy: (p, a) => { const t = isObj(p.taxonomy) ? p.taxonomy : undefined; const k = t && pick(Object.keys(t), a); if (!t || !k) return 'no taxonomy'; delete t[k]; return `drop taxonomy ${k}`; },
  renameTaxonomy: (p, a, b) => { const t = isObj(p.taxonomy) ? p.taxonomy : undefined; const k = t && pick(Object.keys(t), a); if (!t || !k) return 'no taxonomy'; rename(t, k, ID_LIKE(b)); return `rename taxonomy ${k}`; },
  redefineNationalCategory: (p, a, b) => {
    // A zone pack that says a national category is not personal (or not sensitive) information.
    if (!isObj(p.taxonomy)) p.taxonomy = {};
    const id = pick(['pi', 'spi', ...CATEGORIES], a)!;
    put(p.taxonomy as Obj, id, { personal: pick(['none', 'pi'], b), title: { en: 'fuzz', zh: '模糊' } });
    if (b % 3 === 0) put(p.taxonomy as Obj, id.split('.')[0]!, { personal: 'none', title: { en: 'fuzz', zh: '模糊' } });
    return `redefine ${id}`;
  },
  builtinBroader: (p, a, b) => { const t = isObj(p.taxonomy) ? p.taxonomy : undefined; const v = t && pick(Object.values(t).filter(isObj), a); if (!v) return 'no taxonomy'; v.broader = [pick(BUILTINS, b)]; return 'broader → built-in'; },
  placeholder: (p, a, b) => {
    const r = pick(rulesOf(p), a); if (!r || !isObj(r.message)) return 'no rules';
    const name = pick([...BUILTINS, ...BUILTINS.map((x) => `param.${x}`), 'data.coreItemz', 'totals.individuals'], b)!;
    r.message[b % 2 ? 'en' : 'zh'] = `${String(r.message[b % 2 ? 'en' : 'zh'])} {{${name}}}`; return `placeholder ${name}`;
  },
  huge: (p, a, b) => {
    const r = pick(rulesOf(p), a); const big = 'Ω'.repeat(pick<number>([1000, 70_000, 300_000], b)!);
    if (r && isObj(r.title)) r.title.en = big; else if (isObj(p.metadata)) (p.metadata as Obj).notes = big; return 'huge string';
  },
  unknownKey: (p, a, b) => { const c = containers(p).filter((x) => !Array.isArray(x.node)); const o = pick(c, a)?.node as Obj | undefined; if (!o) return 'none'; put(o, pick([...BUILTINS, 'exemptable', 'unexpected'], b)!, 1); return 'unknown key'; },
  deleteAnyKey: (p, a, b) => { const c = containers(p).filter((x) => !Array.isArray(x.node) && Object.keys(x.node).length); const o = pick(c, a)?.node as Obj | undefined; if (!o) return 'none'; const k = pick(Object.keys(o), b)!; delete o[k]; return `delete ${k}`; },
  replaceAnyValue: (p, a, b) => {
    const c = containers(p).filter((x) => (Array.isArray(x.node) ? x.node.length : Object.keys(x.node).length)); const n = pick(c, a)?.node; if (!n) return 'none';
    const keys: (string | number)[] = Array.isArray(n) ? n.map((_, i) => i) : Object.keys(n); const k = pick(keys, b)!;
    (n as Record<string | number, Json>)[k] = ODD[(a + b) % ODD.length]; return `replace ${String(k)}`;
  },
  dates: (p, a, b) => {
    const m = isObj(p.metadata) ? p.metadata as Obj : undefined; const e = m && isObj(m.effective) ? m.effective : undefined; if (!e) return 'no dates';
    switch (b % 5) {
      case 0: e.to = '2020-01-01'; break; // ends before it starts
      case 1: delete e.to; break; // open-ended: overlaps its successor
      case 2: e.from = '2099-01-01'; break;
      case 3: { const r = pick(rulesOf(p), a); if (r) r.effective = { from: '2000-01-01', to: '1999-01-01' }; break; }
      default: e.from = '2025-02-30';
    }
    return `dates ${b % 5}`;
  },
  lineage: (p, a, b) => {
    const m = p.metadata as Obj;
    switch (b % 5) {
      case 0: p.extends = pick(['zone-missing', String(m.id), 'zone-beijing-2026', 'cn-national', '__proto__'], a); break;
      case 1: delete p.extends; break;
      case 2: m.lineage = pick(['cn-national', 'zone-beijing', 'zone-shanghai', 'constructor'], a); break;
      case 3: m.id = pick(['cn-national', 'zone-beijing-2024', 'zone-shanghai-2025', 'toString'], a); break;
      default: m.supersedes = 'zone-missing';
    }
    return `lineage ${b % 5}`;
  },
  coverage: (p, _a, b) => { const m = p.metadata as Obj; if (b % 2) delete m.coverage; else m.coverage = { status: 'complete' }; return 'coverage'; },
  scope: (p, a, b) => {
    const m = p.metadata as Obj;
    m.scope = pick([{ kind: 'zone', zone: 'shanghai' }, { kind: 'zone', zone: 'beijing', region: 'CN-SH' }, { kind: 'zone', zone: 'toString' }, { kind: 'national' },
      { kind: 'region', region: 'CN-SH' }, { kind: 'sector', sectors: ['retail'] }, { kind: 'zone', zone: pick(['tianjin', 'hainan', 'shanghai-lingang'], a) }], b);
    return 'scope';
  },
  ruleKind: (p, a, b) => {
    const r = pick(rulesOf(p), a); if (!r) return 'no rules';
    r.kind = pick(['requirement', 'exemption', 'flag', 'check', 'obligation', 'alternative'], b);
    if (a % 2 === 0) delete r.outcome; // an alternative or exemption without one passes
    if (a % 3 === 1) r.mechanism = pick(['none', 'contract-or-certification', 'security-assessment', 'prohibited'], b >> 3);
    return `kind → ${String(r.kind)}`;
  },
  ruleOutcome: (p, a, b) => { const r = pick(rulesOf(p), a); if (!r) return 'no rules'; if (b % 4 === 0) delete r.outcome; else r.outcome = pick(['fail', 'review', 'pass'], b); return 'outcome'; },
  exemptible: (p, a) => { const r = pick(rulesOf(p), a); if (!r) return 'no rules'; r.exemptible = r.exemptible === false; return 'exemptible'; },
  completeScenario: (p, a, b) => {
    // The one legitimate way a zone pack relaxes: a scenario encoded completely. Give it an entry if it has none.
    const l = listOf(p); const s = pick(arr(l, 'scenarios'), a); if (!l || !s) return 'no scenarios';
    s.coverage = 'complete';
    if (b % 4 !== 0 && !arr(l, 'entries').some((e) => e.scenario === s.id)) {
      (l.entries as Json[] | undefined ?? (l.entries = [])).push({
        id: `${String(s.id)}.fuzz-entry`, scenario: s.id, data: pick(['sensitive', 'personal', 'important'], b) ?? 'sensitive', matches: [pick(CATEGORIES, a)],
        title: { en: 'fuzz entry', zh: '模糊条目' }, citation: { en: 'fuzz list', zh: '模糊清单' }, source: 'https://example.org/fuzz',
      });
    }
    return `complete ${String(s.id)}`;
  },
  dropEntry: (p, a) => { const l = listOf(p); const es = arr(l, 'entries'); if (!l || !es.length) return 'no entries'; (l.entries as Json[]).splice(a % es.length, 1); return 'drop entry'; },
  entryData: (p, a, b) => { const e = pick(arr(listOf(p), 'entries'), a); if (!e) return 'no entries'; e.data = pick(['important', 'personal', 'sensitive', 'general', 'secret'], b); return 'entry data'; },
  entryMatches: (p, a, b) => { const e = pick(arr(listOf(p), 'entries'), a); if (!e) return 'no entries'; e.matches = pick([[], ['biz'], [pick(BUILTINS, a)], ['spi.health', 'spi.health'], CATEGORIES], b); return 'entry matches'; },
  entryScenario: (p, a, b) => { const e = pick(arr(listOf(p), 'entries'), a); if (!e) return 'no entries'; e.scenario = pick(['unknown.scenario', '__proto__', ...arr(listOf(p), 'scenarios').map((s) => s.id)], b); return 'entry scenario'; },
  duplicateScenario: (p, a) => { const l = listOf(p); const s = pick(arr(l, 'scenarios'), a); if (!l || !s) return 'no scenarios'; (l.scenarios as Json[]).push({ ...s, coverage: 'complete' }); return 'duplicate scenario'; },
  renameScenario: (p, a, b) => { const s = pick(arr(listOf(p), 'scenarios'), a); if (!s) return 'no scenarios'; s.id = ID_LIKE(b); return 'rename scenario'; },
  listKind: (p, _a, b) => { const l = listOf(p); if (!l) return 'no list'; l.kind = pick(['negative', 'catalogue', 'general-data', 'positive'], b); return 'list kind'; },
  removeFromList: (p, a) => { const l = listOf(p); if (!l) return 'no list'; l.remove = [pick(['beijing.automotive.exterior-video', 'shanghai.shipping.crew-sensitive-pi', '__proto__'], a)]; return 'list.remove'; },
};
const EDIT_NAMES = Object.keys(EDITS);

/** Text edits on top: what a broken editor or a paste does to the YAML itself. */
const TEXT_EDITS: ((t: string, a: number) => string)[] = [
  (t, a) => t.slice(0, a % (t.length + 1)),
  (t, a) => { const i = a % (t.length + 1); return `${t.slice(0, i)}\t${t.slice(i)}`; },
  (t, a) => { const i = a % (t.length + 1); return `${t.slice(0, i)}: [${t.slice(i)}`; },
  (t, a) => { const i = t.indexOf('\n', a % (t.length + 1)); return i < 0 ? t : `${t.slice(0, i + 1)}__proto__: 1\n${t.slice(i + 1)}`; },
  (t) => `${t}\n---\nkind: RulePack\n`,
  (t) => t.replace(/^rules:/m, 'rules: &r\n  - *r\nx:'),
];

/**
 * Edits that break the shape (mostly schema errors) are drawn less often than the semantic ones, so most sets
 * compile; those that could relax a verdict more often.
 */
const BLUNT = new Set(['unknownKey', 'deleteAnyKey', 'replaceAnyValue', 'huge']);
const RELAXING = new Set(['ruleKind', 'ruleOutcome', 'exemptible', 'completeScenario', 'redefineNationalCategory', 'dropCondition', 'negate', 'swapAllAny', 'dropEntry', 'entryData']);
const editArb = fc.record({
  edit: fc.oneof(...EDIT_NAMES.map((e) => ({ arbitrary: fc.constant(e), weight: BLUNT.has(e) ? 1 : RELAXING.has(e) ? 8 : 4 }))),
  a: fc.nat(), b: fc.nat(),
});
const caseArb = fc.record({
  file: fc.nat(),
  edits: fc.oneof({ arbitrary: fc.array(editArb, { minLength: 1, maxLength: 1 }), weight: 3 }, { arbitrary: fc.array(editArb, { minLength: 2, maxLength: 3 }), weight: 1 }),
  // One case in ten also edits the text.
  text: fc.oneof({ arbitrary: fc.constant(undefined), weight: 9 }, { arbitrary: fc.record({ which: fc.nat({ max: TEXT_EDITS.length - 1 }), at: fc.nat() }), weight: 1 }),
});
type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

/** The pack files of one case: every bundled file, one of them edited. */
function mutate(c: Case): { target: PackFile; texts: { uri: string; rel: string; text: string }[]; said: string[] } {
  // Zone packs are drawn twice as often (theirs is the richer oracle, 4), those with hand-written rules four times.
  const zone = files.filter((f) => f.data.metadata.scope.kind === 'zone');
  const ruled = zone.filter((f) => (f.data.rules?.length ?? 0) > 0);
  const pool = [...files, ...zone, ...ruled, ...ruled];
  const target = pool[c.file % pool.length]!;
  const data = structuredClone(target.data) as unknown as Obj;
  const said = c.edits.map(({ edit, a, b }) => `${edit}: ${EDITS[edit]!(data, a, b)}`);
  let text = YAML.stringify(data, { lineWidth: 0 });
  if (c.text) { text = TEXT_EDITS[c.text.which]!(text, c.text.at); said.push(`text edit ${c.text.which}`); }
  return { target, said, texts: files.map((f) => (f === target ? { uri: f.uri, rel: f.rel, text } : f)) };
}

/** Parsed unedited files, reused across cases (compilePacks does not change its input; the loader test checks it). */
const parsed = new Map<string, SourceDoc>();

/** What loadPacks does after reading the files (src/load/load-packs.ts), in memory. */
function compileTexts(texts: readonly { uri: string; text: string }[]): { packs?: CompiledPack[]; diagnostics: Diagnostic[] } {
  const docs: SourceDoc[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const { uri, text } of texts) {
    try {
      const unedited = files.some((f) => f.uri === uri && f.text === text);
      const doc = (unedited && parsed.get(uri)) || parseSource(text, uri, { allowAliases: true });
      if (unedited) parsed.set(uri, doc);
      docs.push(doc);
    } catch (err) {
      if (!(err instanceof ParseError)) throw err; // loadPacks would print its message: a crash, not a pack error
      diagnostics.push(err.diagnostic);
    }
  }
  const built = compilePacks(docs);
  return built.packs && !diagnostics.length ? built : { diagnostics: [...diagnostics, ...built.diagnostics] };
}

/** Oracle 1: a pack error a person can act on. */
function expectClearErrors(diagnostics: readonly Diagnostic[], uris: ReadonlySet<string>, said: string): void {
  expect(diagnostics.length, said).toBeGreaterThan(0);
  for (const d of diagnostics) {
    expect(uris.has(d.location.uri), `${said}: ${d.location.uri}`).toBe(true);
    expect(d.message, said).toMatch(/\S/);
    expect(`${d.message} ${d.hint ?? ''}`, said).not.toMatch(/TypeError|RangeError|Cannot read|is not a function|is not iterable|undefined \(reading|\[object Object\]/);
    expect(d.message, said).not.toMatch(STACK_FRAME);
    // Below the document root, the problem has a place in the file.
    if (d.location.pointer !== '' && d.code !== 'read-error') expect(d.location.line, `${said}: ${d.message} at ${d.location.pointer}`).toBeGreaterThan(0);
  }
}

const comparable = (v: Verdict): unknown => ({ ...v, source: undefined });

/** Scenario ids a zone pack's list (with its parent editions) marks complete, from the mutated texts. */
function completeScenarios(texts: readonly { text: string }[], packId: string): { id: string; listed: string[] }[] {
  const byId = new Map<string, Obj>();
  for (const { text } of texts) {
    try { const d = YAML.parse(text, { maxAliasCount: 100 }) as Json; if (isObj(d) && isObj(d.metadata)) byId.set(String(d.metadata.id), d); } catch { /* refused files compiled nowhere */ }
  }
  const out: { id: string; listed: string[] }[] = [];
  const seen = new Set<string>();
  for (let p = byId.get(packId); p && !seen.has(String((p.metadata as Obj).id)); p = typeof p.extends === 'string' ? byId.get(p.extends) : undefined) {
    seen.add(String((p.metadata as Obj).id));
    const l = listOf(p);
    const entries = arr(l, 'entries');
    for (const s of arr(l, 'scenarios')) {
      if (s.coverage !== 'complete') continue;
      const own = entries.filter((e) => e.scenario === s.id);
      out.push({ id: String(s.id), listed: [...own.flatMap((e) => [String(e.id), ...(e.matches as string[] ?? [])]), ...entries.filter((e) => e.data === 'important').map((e) => String(e.id))] });
    }
  }
  return out;
}

/** A category with its dotted ancestors (spi.health → spi, spi.health). */
const withAncestors = (c: string): string[] => c.split('.').map((_, i, xs) => xs.slice(0, i + 1).join('.'));

/**
 * Transfers naming `scenario` of a zone, on `date`: personal information above the national contract threshold by a
 * non-CIIO (a complete scenario may exempt it), the same by a CIIO (never exempt), sensitive and important data, and
 * a CIIO's huge volumes.
 */
function scenarioManifests(zone: string, scenario: string | undefined, date: string): Manifest[] {
  const base = {
    apiVersion: 'xborder/v1', kind: 'TransferManifest', id: 'tm-fuzz-scenario', date,
    exporter: { name: 'Fuzz Co', region: ZONE_REGION[zone] ?? 'CN-SH', zone, ciio: false },
    recipient: { name: 'Fuzz Pte', country: 'SG', kind: 'company' },
    purpose: { basis: 'consent', ...(scenario ? { scenario } : {}) },
    data: [{ id: 'i', categories: ['pi.basic', 'pi.contact'], classification: 'general' }],
    // Nothing sent earlier this year, stated: else a pass through the scenario would be review (xborder.prior-unstated).
    personalInformation: { individuals: 150_000, sensitiveIndividuals: 0, priorThisYear: { individuals: 0, sensitiveIndividuals: 0 } },
    safeguards: { separateConsent: true, pia: { completedOn: date } },
  } as unknown as Manifest;
  return [
    base,
    { ...base, id: 'tm-fuzz-ciio', exporter: { ...base.exporter, ciio: true } },
    { ...base, id: 'tm-fuzz-sensitive', data: [{ id: 'i', categories: ['spi.health', 'spi.financial'], classification: 'general' }], personalInformation: { individuals: 0, sensitiveIndividuals: 20_000, priorThisYear: { individuals: 0, sensitiveIndividuals: 0 } } },
    // Health data without a sensitive count: review (a sensitive category without a count), whatever the zone says.
    { ...base, id: 'tm-fuzz-uncounted', data: [{ id: 'i', categories: ['spi.health'], classification: 'general' }], personalInformation: { individuals: 5_000, sensitiveIndividuals: 0 } },
    { ...base, id: 'tm-fuzz-important', data: [...base.data, { id: 'j', categories: ['biz.logistics'], classification: 'important' }] },
    // A CIIO past every volume rule a zone pack writes (Beijing's reference rules): a security assessment is required.
    { ...base, id: 'tm-fuzz-huge', exporter: { ...base.exporter, ciio: true }, data: [{ id: 'i', categories: ['pi.basic', 'spi.health', 'spi.financial'], classification: 'general' }], personalInformation: { individuals: 20_000_000, sensitiveIndividuals: 2_000_000 } },
  ];
}

async function verdictOf(m: Manifest, set: PackSet): Promise<Verdict> {
  const r = await check(m, set);
  if (isError(r)) throw new Error(`fixed manifest ${m.id} is invalid: ${r.error.message}`);
  return r;
}

// ---------------------------------------------------------------------------------------------------------------

beforeAll(async () => {
  const root = bundledRules();
  files = (await findPackFiles(root)).paths.sort().map((path) => {
    const text = readFileSync(path, 'utf8');
    return { rel: relative(root, path), uri: `rules/${relative(root, path)}`, text, data: YAML.parse(text) as RulePack };
  });
  const built = compileTexts(files);
  if (!built.packs) throw new Error(`bundled packs do not load: ${built.diagnostics.map((d) => d.message).join('; ')}`);
  baseline = createPackSet(built.packs);
  nationalOnly = createPackSet(built.packs.filter((p) => p.meta.scope.kind !== 'zone'));

  // Fixed manifests: generated ones in every zone (naming its scenarios, carrying its list ids), and national ones.
  const zones = files.map((f) => f.data).filter((p) => p.metadata.scope.kind === 'zone');
  const scenarioIds = zones.flatMap((p) => (p.list?.scenarios ?? []).map((s) => s.id));
  const entryIds = zones.flatMap((p) => (p.list?.entries ?? []).flatMap((e) => [e.id, ...e.matches]));
  const generated = fc.sample(fc.tuple(manifest, fc.nat(), fc.nat(), fc.nat(), isoDate(Date.UTC(2024, 8, 1), Date.UTC(2027, 5, 1)), fc.boolean(), fc.boolean()), { seed: 7, numRuns: 48 });
  manifests = generated.map(([m, zi, si, ci, date, ciio, assessed], i): Manifest => {
    if (i % 6 === 5) return m; // national only (or whatever zone the arbitrary chose)
    const p = zones[zi % zones.length]!;
    const scope = p.metadata.scope as { zone: string };
    const scenarios = [...(p.list?.scenarios ?? []).map((s) => s.id), ...scenarioIds.slice(0, 2)];
    const scenario = si % 4 === 0 ? undefined : pick(scenarios, si);
    const data = m.data.map((d, j) => ({ ...d, categories: j === 0 && ci % 2 ? [...new Set([...d.categories, pick(entryIds, ci)!])] : d.categories }));
    const personal = data.some((d) => d.categories.some((c) => /^(s?pi|[a-z-]+\.)/.test(c)));
    return {
      ...m, date, data,
      exporter: { ...m.exporter, zone: scope.zone, region: ZONE_REGION[scope.zone] ?? 'CN-SH', ciio: ciio && i % 3 === 0 },
      purpose: { ...m.purpose, ...(scenario ? { scenario } : {}) },
      personalInformation: m.personalInformation ?? (personal ? { individuals: 150_000, sensitiveIndividuals: 5_000 } : undefined),
      ...(assessed && i % 4 === 0 ? { safeguards: { ...m.safeguards, securityAssessment: { ref: 'CAC-1', issuedOn: date, validUntil: '2029-12-31' } } } : {}),
    } as Manifest;
  });
  // And the examples, whatever their zone.
  const dir = join(ROOT, 'examples/manifests');
  for (const f of readdirSync(dir).filter((x) => /\.(ya?ml|json)$/.test(x)).sort()) manifests.push(YAML.parse(readFileSync(join(dir, f), 'utf8')) as Manifest);
  before = [];
  nationalBefore = [];
  const kept: Manifest[] = [];
  for (const m of manifests) {
    const r = await check(m, baseline);
    if (isError(r)) continue; // a generated combination the schema refuses (a zone id in a non-personal transfer, ...)
    kept.push(m);
    before.push(r);
    nationalBefore.push(await verdictOf(m, nationalOnly));
  }
  manifests = kept;
}, 120_000);

/** One mutated set through the whole oracle (the header of this file). */
async function runCase(c: Case): Promise<void> {
  const started = performance.now();
  const { target, texts, said: steps } = mutate(c);
  const said = `${target.rel}: ${steps.join('; ')}`;
  stats.cases++;
  if (process.env.XBORDER_FUZZ_TRACE) process.stderr.write(`case ${stats.cases} ${said.slice(0, 300)}\n`);
  const built = compileTexts(texts);
  if (process.env.XBORDER_FUZZ_TRACE) process.stderr.write(`  compiled in ${Math.round(performance.now() - started)} ms\n`);
  for (const e of c.edits) { const n = byEdit.get(e.edit) ?? [0, 0]; n[built.packs ? 0 : 1]++; byEdit.set(e.edit, n); }
  if (!built.packs) {
    if (process.env.XBORDER_FUZZ_TRACE) process.stderr.write(`  refused: ${built.diagnostics.slice(0, 3).map((d) => `${d.location.uri}:${d.location.line ?? ''} ${d.message.slice(0, 160)}`).join(' | ')}\n`);
    stats.refused++;
    expectClearErrors(built.diagnostics, new Set(files.map((f) => f.uri)), said);
    return;
  }
  stats.compiled++;
  const set = createPackSet(built.packs);
  const was = new Map(baseline.packs.map((p) => [p.meta.id, p.digest]));
  const now = new Map(built.packs.map((p) => [p.meta.id, p.digest]));
  const touched = new Set([...was, ...now].filter(([id]) => was.get(id) !== now.get(id)).map(([id]) => id));
  const zoneIds = new Set(built.packs.filter((p) => p.meta.scope.kind === 'zone').map((p) => p.meta.id));
  // Oracle 4 applies when what changed is zone packs only (a national, region or sector pack is the law itself).
  const zoneOnly = [...touched].every((id) => zoneIds.has(id) || (!now.has(id) && baseline.packs.find((p) => p.meta.id === id)?.meta.scope.kind === 'zone'));
  if (zoneOnly && touched.size) stats.zoneCases++;
  // Beside the fixed manifests, transfers bound by each edited zone pack: naming each scenario it marks complete,
  // one it lists, and none.
  const extra: { m: Manifest; old: Verdict; national: Verdict }[] = [];
  for (const p of built.packs.filter((x) => touched.has(x.meta.id) && x.meta.scope.kind === 'zone')) {
    const zone = (p.meta.scope as { zone: string }).zone;
    const scenarios = new Set([...completeScenarios(texts, p.meta.id).map((x) => x.id), p.list?.scenarios[0]?.id, undefined]);
    for (const sc of scenarios) {
      for (const m of scenarioManifests(zone, sc, p.meta.effective.from)) {
        const [old, national] = [await check(m, baseline), await check(m, nationalOnly)];
        if (!isError(old) && !isError(national)) extra.push({ m, old, national });
      }
    }
  }
  const all = [...manifests.map((m, i) => ({ m, old: before[i]!, national: nationalBefore[i]! })), ...extra];
  for (const { m, old, national } of all) {
    const after = await check(m, set);
    expect(isError(after), `${said}: manifest ${m.id} became invalid`).toBe(false);
    const v = after as Verdict;
    stats.verdicts++;
    expect(['pass', 'review', 'fail'], said).toContain(v.verdict);
    // Oracle 2: the checker's own findings (evaluation error, no decision, ...) are never part of a pass.
    if (v.findings.some((f) => f.pack === 'xborder' || f.rule.startsWith('xborder.'))) expect(v.verdict, `${said}: ${m.id}`).not.toBe('pass');
    // Oracle 3: locality.
    if (![...old.packs, ...v.packs].some((p) => touched.has(p.id))) {
      stats.unchanged++;
      expect(comparable(v), `${said}: ${m.id} changed though no changed pack applies`).toEqual(comparable(old));
      continue;
    }
    // Oracle 4: a zone pack passes only inside a complete scenario, with the Art 6 guards.
    if (!zoneOnly || v.verdict !== 'pass' || old.verdict === 'pass' || national.verdict === 'pass') continue;
    stats.newPasses++;
    const why = `${said}: ${m.id} (${old.verdict} before, ${national.verdict} under national rules) passes`;
    const exempt = v.findings.find((f) => f.outcome === 'pass' && zoneIds.has(f.pack) && f.rule.endsWith('.exempt.unlisted'));
    expect(exempt, `${why} without a zone list's exemption: ${v.findings.map((f) => `${f.pack}/${f.rule}:${f.outcome}`).join(', ')}`).toBeDefined();
    expect(m.exporter.ciio, `${why}: a CIIO`).toBe(false);
    expect(m.data.some((d) => d.classification === 'important' || d.classification === 'core'), `${why}: important or core data`).toBe(false);
    const scenario = completeScenarios(texts, exempt!.pack).find((s) => s.id === m.purpose.scenario);
    expect(scenario, `${why}: scenario ${m.purpose.scenario ?? '(none)'} is not complete in ${exempt!.pack}`).toBeDefined();
    const carried = new Set(m.data.flatMap((d) => d.categories.flatMap(withAncestors)));
    expect(scenario!.listed.filter((x) => carried.has(x)), `${why}: carries listed data`).toEqual([]);
    stats.exemptPasses++;
  }
  const ms = performance.now() - started;
  stats.ms += ms;
  expect(ms, `${said}: ${Math.round(ms)} ms`).toBeLessThan(CASE_MS);
}

describe('mutated rule packs: a clear error or a set that still fails closed', () => {
  it('has a baseline to mutate', () => {
    expect(files.length).toBeGreaterThan(10);
    expect(manifests.length).toBeGreaterThan(40);
    expect(new Set(before.map((v) => v.verdict))).toEqual(new Set(['pass', 'review', 'fail']));
  });

  it('every mutation is refused with file:line:column or obeys the fail-closed invariants', async () => {
    await fc.assert(fc.asyncProperty(caseArb, runCase), { ...FC_PARAMS, numRuns: RUNS });
  }, 1_800_000);

  it('known cases: each once made a mutated set pass or hang (regressions)', async () => {
    const at = (rel: string): number => files.findIndex((f) => f.rel === rel);
    // A recursive YAML alias made the data a loop: loading never ended (src/source/document.ts).
    await runCase({ file: at('sector-automotive/pack.yaml'), edits: [{ edit: 'ruleOutcome', a: 0, b: 1 }], text: { which: 5, at: 0 } });
    // A zone pack's hand-written alternative (Beijing's volume rule, kind changed, outcome dropped) met a CIIO's
    // security-assessment requirement: a CIIO sending 20 million people's data passed (src/compile/expand-list.ts).
    await runCase({ file: at('zone-beijing/pack.yaml'), edits: [{ edit: 'ruleKind', a: 0, b: 4 }], text: undefined });
    // A zone pack's taxonomy redefined spi.health as plain pi (and spi as not personal): health data without a
    // sensitive count passed instead of review (src/compile/build-pack-set.ts).
    await runCase({ file: at('zone-shanghai/pack.yaml'), edits: [{ edit: 'redefineNationalCategory', a: 11, b: 3 }], text: undefined });
  }, 120_000);

  it('a scenario marked complete exempts only inside itself, never a CIIO or important data (every zone pack)', async () => {
    const zonePacks = files.filter((f) => (f.data.list?.scenarios.length ?? 0) > 0 && f.data.list?.kind !== 'general-data');
    const passes = stats.exemptPasses;
    for (const [i, f] of zonePacks.entries()) {
      if (i % 2 && !process.env.XBORDER_FUZZ_RUNS) continue; // half of them in `npm test`
      // completeScenario on scenario i of the pack, with an entry added when it has none (b = 1).
      await runCase({ file: files.indexOf(f), edits: [{ edit: 'completeScenario', a: i, b: 1 }], text: undefined });
    }
    expect(stats.exemptPasses, 'the exemption path was never taken: the oracle would be vacuous').toBeGreaterThan(passes);
  }, 600_000);

  it('the loader on disk agrees with the in-memory compile, and its error is the same kind', async () => {
    const cases = fc.sample(caseArb, { seed: FC_PARAMS.seed + 1, numRuns: Math.min(5, RUNS) });
    for (const c of cases) {
      const { texts, said } = mutate(c);
      const dir = tempDir();
      for (const t of texts) { mkdirSync(dirname(join(dir, t.rel)), { recursive: true }); writeFileSync(join(dir, t.rel), t.text); }
      const memory = compileTexts(texts);
      let loaded: PackSet | undefined;
      try {
        loaded = await loadPacks([dir]);
      } catch (err) {
        expect(err, said.join('; ')).toBeInstanceOf(PackLoadError);
        expect(memory.packs, said.join('; ')).toBeUndefined();
        const where = (d: Diagnostic): string => `${d.location.uri.replace(`${dir}/`, 'rules/')}:${d.location.line ?? ''}:${d.location.column ?? ''} ${d.message.replaceAll(`${dir}/`, 'rules/')}`;
        expect((err as PackLoadError).diagnostics.map(where), said.join('; ')).toEqual(memory.diagnostics.map(where));
        continue;
      }
      expect(memory.packs?.map((p) => p.digest), said.join('; ')).toEqual(loaded.packs.map((p) => p.digest));
    }
  }, 600_000);

  it('CLI: `pack validate` on mutated packs exits 0 or 2 with file:line:column, never a stack trace', async () => {
    const cases = fc.sample(caseArb, { seed: FC_PARAMS.seed + 2, numRuns: Math.min(2, RUNS) });
    for (const c of cases) {
      const { target, texts, said } = mutate(c);
      const dir = tempDir();
      for (const t of texts) { mkdirSync(dirname(join(dir, t.rel)), { recursive: true }); writeFileSync(join(dir, t.rel), t.text); }
      const run = await runCli(['pack', 'validate', dir]);
      expect([0, 2], said.join('; ')).toContain(run.code);
      expect(run.stderr + run.stdout).not.toMatch(STACK_FRAME);
      if (run.code === 2) expect(run.stderr, said.join('; ')).toMatch(/nothing was checked/);
      void target;
    }
  }, 600_000);
});
