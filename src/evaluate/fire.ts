/**
 * Firing a run's rules over one set of facts, and deciding (src/evaluate/decide.ts): once per manifest, and again
 * for the prior-unstated test over facts that differ only in the totals that depend on earlier transfers, where
 * only the rules reading a changed total run again.
 */
import { OPERANDS_FACT, type CompiledPack, type CompiledRule } from '../compile/compile-pack.js';
import { eachLeaf } from '../model/condition-tree.js';
import type { Bilingual, Mechanism, Reason } from '../model/verdict.js';
import { objectArray } from '../util/arrays.js';
import { broken } from '../util/broken.js';
import { decide, type Decision, type Fired } from './decide.js';
import { PRIOR_DEPENDENT, type Facts } from './derive-facts.js';
import { inPlace } from './mechanisms.js';
import { packUnits, type PackSet, type Unit } from './pack-set.js';
import { leadOf, reasonsOf } from './reasons.js';
import { FactView } from './rule-index.js';
import { sectorUnstated } from './sector-unstated.js';

/** What the rules decide over one set of facts, with what the sector packs an unstated sector leaves out would say. */
export interface Evaluation { fired: Fired[]; decision: Decision; unstatedSector: Bilingual | undefined }

/**
 * Fires the rules over `facts` and decides. Given `from` (the evaluation of the same manifest over facts that differ
 * in the PRIOR_DEPENDENT facts of the `changed` mask only), only the rules that read a changed fact run again: the
 * others fire as they did. When none of those fired before or may fire now, the answer is `from.actual` itself.
 * `from` is for the far end of the prior-unstated test (src/evaluate/check.ts) only: that evaluation is read for its
 * decision, never for the reasons of a rule it fired, so the rule index answers what it can there (see fire).
 */
export async function evaluateAt(set: PackSet, ran: readonly CompiledPack[], sectorUnknown: readonly CompiledPack[], facts: Facts, from?: { actual: Evaluation; changed: number }): Promise<Evaluation> {
  let everyFired: Fired[];
  if (from) {
    const again = await refire(set, ran, facts, from.actual.fired, from.changed);
    if (!again) return from.actual;
    everyFired = again;
  } else everyFired = await fire(set, ran, facts);
  // fire() keeps pack order, so the left-out sector packs' rules come last: one cut splits them off.
  const cut = sectorUnknown.length ? everyFired.findIndex((f) => sectorUnknown.some((p) => p.meta.id === f.rule.pack)) : -1;
  const [fired, sectorFired] = cut < 0 ? [everyFired, objectArray<Fired>()] : [everyFired.slice(0, cut), everyFired.slice(cut)];
  const held = (mech: Mechanism): boolean => inPlace(mech, facts.mechanisms);
  return { fired: everyFired, decision: decide(fired, held), unstatedSector: sectorUnstated(sectorFired, sectorUnknown, held) };
}

/**
 * `fire` for facts that differ from an earlier run's in the `changed` facts only: the rules reading none of them
 * keep their result. Undefined when the result is the earlier one: no rule reading a changed fact fired before,
 * and none may fire now (the rule index says so without the engine).
 */
async function refire(set: PackSet, ran: readonly CompiledPack[], facts: Facts, before: readonly Fired[], changed: number): Promise<Fired[] | undefined> {
  const fresh = await fire(set, ran, facts, (s, pack) => readerUnits(s, pack, changed), true);
  let kept: Fired[] | undefined;
  for (let i = 0; i < before.length; i++) {
    if (!reads(before[i]!.rule, changed)) continue;
    // The first earlier result that read a changed fact: keep the others only.
    kept = objectArray<Fired>();
    for (const f of before) if (!reads(f.rule, changed)) kept.push(f);
    break;
  }
  if (!kept && fresh.length === 0) return undefined;
  if (fresh.length === 0) return kept;
  // Both lists are in fire()'s order (pack, then rule), which decide() and the sector cut rely on: merged in it.
  const rank = (f: Fired): number => { const at = placeOf(f.rule); return ran.indexOf(at.pack) * RULES_PER_PACK + at.index; };
  const out = objectArray<Fired>();
  const old = kept ?? before;
  let i = 0;
  for (const f of fresh) {
    const r = rank(f);
    while (i < old.length && rank(old[i]!) < r) out.push(old[i++]!);
    out.push(f);
  }
  while (i < old.length) out.push(old[i++]!);
  return out;
}

/** Which of the PRIOR_DEPENDENT facts differ between two fact sets, as a bit mask (bit i: PRIOR_DEPENDENT[i]). */
export function changedMask(a: Facts, b: Facts): number {
  let mask = 0;
  for (let i = 0; i < PRIOR_PATHS.length; i++) {
    const [group, field] = PRIOR_PATHS[i]!;
    if (!Object.is((a as unknown as Groups)[group]![field], (b as unknown as Groups)[group]![field])) mask |= 1 << i;
  }
  return mask;
}

type Groups = Record<string, Record<string, unknown>>;
const PRIOR_PATHS = PRIOR_DEPENDENT.map((p) => p.split('.') as [string, string]);

/** More rules than any pack has: a rule's place in fire()'s order is its pack's index in the run times this, plus its own. */
const RULES_PER_PACK = 1 << 20;
const places = new WeakMap<CompiledRule, { pack: CompiledPack; index: number }>();
function placeOf(rule: CompiledRule): { pack: CompiledPack; index: number } {
  return places.get(rule) ?? broken(`rule ${rule.pack}/${rule.id} was not placed`);
}

/**
 * The rules of a pack that read one of the facts in the mask, in pack order: worked out once per pack and mask. The
 * first call for a pack also records each rule's place (placeOf), which refire's merge needs.
 */
const readersByPack = new WeakMap<CompiledPack, Map<number, readonly CompiledRule[]>>();
function readersOf(pack: CompiledPack, mask: number): readonly CompiledRule[] {
  let byMask = readersByPack.get(pack);
  if (!byMask) {
    readersByPack.set(pack, (byMask = new Map()));
    pack.rules.forEach((rule, index) => places.set(rule, { pack, index }));
  }
  let found = byMask.get(mask);
  if (!found) byMask.set(mask, (found = pack.rules.filter((r) => reads(r, mask))));
  return found;
}

/** The units of the rules of a pack that read one of the facts in the mask: once per set, pack and mask. */
const readerUnitsByPack = new WeakMap<readonly Unit[], Map<number, readonly Unit[]>>();
function readerUnits(set: PackSet, pack: CompiledPack, mask: number): readonly Unit[] {
  const all = packUnits(set, pack);
  let byMask = readerUnitsByPack.get(all);
  if (!byMask) readerUnitsByPack.set(all, (byMask = new Map()));
  let found = byMask.get(mask);
  if (!found) {
    const readers = new Set(readersOf(pack, mask));
    const own = new Set<number>();
    for (const r of readers) own.add(set.ordinals.get(r) ?? broken(`rule ${r.pack}/${r.id} is not in the pack set`));
    byMask.set(mask, (found = all.filter((u) => own.has(u.ordinal))));
  }
  return found;
}

/** Whether a rule reads one of the facts in the mask (or a path inside one, or one inside it): once per rule and mask. */
const readsByRule = new WeakMap<CompiledRule, Map<number, boolean>>();
function reads(rule: CompiledRule, mask: number): boolean {
  let answers = readsByRule.get(rule);
  if (!answers) readsByRule.set(rule, (answers = new Map()));
  let a = answers.get(mask);
  if (a === undefined) answers.set(mask, (a = readsAny(rule, PRIOR_DEPENDENT.filter((_, i) => mask & (1 << i)))));
  return a;
}

const readPaths = new WeakMap<CompiledRule, readonly string[]>();
/** Whether a rule's conditions read one of the paths (or a path inside one, or one inside it). */
function readsAny(rule: CompiledRule, paths: readonly string[]): boolean {
  if (!rule.engineRule) return true; // nothing to read it by: run it again
  let reads = readPaths.get(rule);
  if (!reads) {
    const found: string[] = [];
    eachLeaf(rule.engineRule.conditions as object, (leaf: { fact?: string; path?: string; value?: unknown }) => {
      if (leaf.fact) found.push(leaf.path ? `${leaf.fact}.${leaf.path}` : leaf.fact);
      const v = leaf.value as { fact?: unknown; path?: unknown } | null | undefined;
      if (v && typeof v === 'object' && typeof v.fact === 'string') found.push(typeof v.path === 'string' ? `${v.fact}.${v.path}` : v.fact);
    });
    readPaths.set(rule, (reads = found));
  }
  for (const r of reads) for (const p of paths) if (r === p || r.startsWith(`${p}.`) || p.startsWith(`${r}.`)) return true;
  return false;
}

/**
 * One engine run over the rules of every applied pack that may fire for these facts (src/evaluate/rule-index.ts); the
 * rest cannot fire, so leaving them out changes no verdict (tests/evaluate/rule-index.test.ts proves it on every
 * pack test case and a generated corpus). Fired rules come back in pack order, then rule order. `unitsOf` narrows
 * the rules looked at (refire: those reading a changed fact). `hypothetical`: facts no manifest states (the far end of
 * the prior-unstated test), whose evaluation is read for its decision only, never for reasons: a unit the index can
 * answer exactly (every leaf of its tree evaluates here as in the engine) is answered without the engine.
 */
async function fire(set: PackSet, applied: readonly CompiledPack[], facts: Facts, unitsOf: (set: PackSet, pack: CompiledPack) => readonly Unit[] = packUnits, hypothetical = false): Promise<Fired[]> {
  const groups = facts as unknown as Record<string, unknown>;
  const view = new FactView(groups);
  const units: Unit[] = [];
  // `fired` collects each firing unit's place in the order of all units that may fire (`at`); the engine gets the rest.
  const fired = objectArray<Fired & { at: number }>();
  const sent: Unit[] = [];
  const sentAt: number[] = [];
  for (const pack of applied) {
    for (const unit of unitsOf(set, pack)) {
      if (!unit.mayFire(view)) continue;
      const at = units.length;
      units.push(unit);
      const answer = hypothetical ? unit.fires(view) : undefined;
      if (answer === undefined) { sent.push(unit); sentAt.push(at); } else if (answer) fired.push({ at, rule: set.byOrdinal[unit.ordinal] ?? broken(`rule ${unit.key} is not compiled`), reasons: unread, lead: unread });
    }
  }
  // Object-kind arrays, empty or not (util/arrays.ts): callers' optimised code then sees one array map.
  const out = objectArray<Fired>();
  if (units.length === 0) return out;
  if (sent.length) {
    const { result, positionOf } = await set.engines.run(sent, groups, operandsFact(set));
    // `units` is already in pack order, then rule and branch order: findings keep that order, whatever order the
    // engine finished in, and a split rule is one finding, from the first of its branches that fired.
    for (const r of result.results) {
      let reasons: readonly Reason[] | undefined;
      const at = sentAt[positionOf(r.name as string) ?? broken(`rule ${String(r.name)} fired but was not sent to the engine`)]!;
      const rule = set.byOrdinal[units[at]!.ordinal] ?? broken(`rule ${String(r.name)} fired but is not compiled`);
      // Insertion: the engine mostly finishes in the order the units were given.
      let i = fired.length;
      fired.push({ at, rule, reasons: () => (reasons ??= reasonsOf(r, set.operands)), lead: () => leadOf(r, set.operands, rule.subject) });
      for (; i > 0 && fired[i - 1]!.at > at; i--) [fired[i - 1], fired[i]] = [fired[i]!, fired[i - 1]!];
    }
  }
  for (const f of fired) if (out.at(-1)?.rule !== f.rule) out.push({ rule: f.rule, reasons: f.reasons, lead: f.lead });
  return out;
}

/** The reasons of a rule the index answered over hypothetical facts: nothing reads them (see fire). */
const unread = (): never => broken('the reasons of a hypothetical evaluation were read');

/** The engine fact OPERANDS_FACT of a set, made once (the set's operands object grows as packs are reached). */
const operandFacts = new WeakMap<object, Readonly<Record<string, unknown>>>();
function operandsFact(set: PackSet): Readonly<Record<string, unknown>> {
  let f = operandFacts.get(set.operands);
  if (!f) operandFacts.set(set.operands, (f = { [OPERANDS_FACT]: set.operands }));
  return f;
}
