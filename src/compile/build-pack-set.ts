import { formatDiagnostic, locationIn, type Diagnostic } from '../model/diagnostic.js';
import type { EffectivePeriod, ExpandedPack, RulePack, WrittenRuleKind } from '../model/pack.js';
import type { SourceDoc } from '../source/document.js';
import { joinPointer } from '../util/json-pointer.js';
import { validate, withoutValue } from '../validate/schemas.js';
import { LINEAGE_SCOPES } from '../model/lineages.js';
import { packProblems } from './pack-problems.js';
import { compilePack, type CompiledPack } from './compile-pack.js';
import { expandList, listExpansion, listProblems, mergeEdition } from './expand-list.js';

export class PackLoadError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(`rule packs are invalid:\n${diagnostics.map(formatDiagnostic).join('\n')}`);
  }
}

/** A pack as written may use `kind: check`, the old name of `kind: flag` (a published format keeps its aliases). */
function withCurrentKinds(pack: RulePack): RulePack {
  const written = (pack.rules ?? []) as readonly { kind: WrittenRuleKind }[];
  if (!pack.rules || !written.some((r) => r.kind === 'check')) return pack;
  return { ...pack, rules: pack.rules.map((r) => ((r.kind as WrittenRuleKind) === 'check' ? { ...r, kind: 'flag' } : r)) };
}

/**
 * Schema, semantics, then compile: all packs or none. A pack that fails any check stops the run, so a
 * half-loaded rule set can never produce a verdict.
 */
export function compilePacks(docs: readonly SourceDoc[]): { packs?: CompiledPack[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const valid: { doc: SourceDoc; pack: RulePack }[] = [];
  for (const doc of docs) {
    const problems = validate('rule-pack', doc);
    // A file that does not even say it is a rule pack may be anything (a linked system file): its values are not quoted.
    const isPack = typeof doc.data === 'object' && doc.data !== null && (doc.data as { kind?: unknown }).kind === 'RulePack';
    if (problems.length) diagnostics.push(...(isPack ? problems : problems.map(withoutValue)));
    else valid.push({ doc, pack: withCurrentKinds(doc.data as RulePack) });
  }
  const at = (doc: SourceDoc, pointer: string, message: string): Diagnostic => ({ code: 'semantic', severity: 'error', message, location: locationIn(doc, pointer) });
  const editions = resolveEditions(valid, at, diagnostics);
  const known = new Set<string>();
  for (const { pack } of editions) {
    for (const id of Object.keys(pack.taxonomy ?? {})) known.add(id);
    for (const e of pack.list?.entries ?? []) known.add(e.id);
  }
  diagnostics.push(...redefinedIds(editions, at));
  const expanded: { doc: SourceDoc; pack: ExpandedPack }[] = [];
  for (const { doc, pack } of editions) {
    for (const p of listProblems(pack, known)) {
      diagnostics.push({ ...at(doc, p.pointer, p.message), ...(p.unknownId ? { unknownId: p.unknownId } : {}), ...(p.hint ? { hint: p.hint } : {}) });
    }
    const full = expandList(pack);
    expanded.push({ doc, pack: full });
    for (const { pointer, ...p } of packProblems(full, known, listExpansion(pack))) diagnostics.push({ ...p, location: locationIn(doc, pointer) });
  }

  const byId = new Map<string, SourceDoc>();
  for (const { doc, pack } of valid) {
    const other = byId.get(pack.metadata.id);
    if (other) diagnostics.push(at(doc, '/metadata/id', `pack id "${pack.metadata.id}" is also used by ${other.uri}`));
    byId.set(pack.metadata.id, doc);
  }
  diagnostics.push(...lineageProblems(valid, at), ...nationalOverlaps(valid, at));
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  const compiled: CompiledPack[] = expanded.map(({ doc, pack }) => compilePack(pack, doc.uri));
  // National packs first, then zones, each in date order: evaluation and reports follow this order.
  compiled.sort((a, b) => Number(a.meta.scope.kind === 'zone') - Number(b.meta.scope.kind === 'zone') || a.from - b.from || a.meta.id.localeCompare(b.meta.id));
  return { packs: compiled, diagnostics };
}

/**
 * A zone pack refines the national taxonomy with ids of its own (`broader` links them); it never redefines an id a
 * national, region or sector pack defines: `spi.health` as plain `pi` would turn the national rules' sensitive
 * data into ordinary data for the zone's exporters.
 */
function redefinedIds(editions: { doc: SourceDoc; pack: RulePack }[], at: (doc: SourceDoc, pointer: string, message: string) => Diagnostic): Diagnostic[] {
  const law = new Set(editions.filter((e) => e.pack.metadata.scope.kind !== 'zone').flatMap((e) => Object.keys(e.pack.taxonomy ?? {})));
  const out: Diagnostic[] = [];
  const say = (id: string): string => `taxonomy id "${id}" is defined by a national pack: a zone pack adds ids of its own (with broader), it cannot redefine national ones`;
  for (const { doc, pack } of editions) {
    if (pack.metadata.scope.kind !== 'zone') continue;
    for (const id of Object.keys(pack.taxonomy ?? {})) if (law.has(id)) out.push(at(doc, joinPointer(['taxonomy', id]), say(id)));
    pack.list?.entries.forEach((e, i) => { if (law.has(e.id)) out.push(at(doc, `/list/entries/${i}/id`, say(e.id))); });
  }
  return out;
}

/** Two effective periods share a day (`to` is exclusive; without it a period is open-ended). */
const overlap = (a: EffectivePeriod, b: EffectivePeriod): boolean => (a.to === undefined || b.from < a.to) && (b.to === undefined || a.from < b.to);

type Scope = RulePack['metadata']['scope'];

const scopeName = (scope: Scope): string =>
  (scope.kind === 'zone' ? `zone ${scope.zone}` : scope.kind === 'region' ? `region ${scope.region}` : scope.kind === 'sector' ? `sector ${[...scope.sectors].sort().join(', ')}` : scope.kind);

/**
 * Two editions' scopes are those of one list: the same kind, and the same zone, region or sectors. (A zone's edition
 * may add its zone's own region, pack-problems.ts: Beijing 2024 and the city-wide 2026 edition.)
 */
const sameScope = (a: Scope, b: Scope): boolean => a.kind === b.kind && scopeName(a) === scopeName(b);

/** Packs of one lineage (and zone) succeed each other: their effective periods must not overlap. */
function lineageProblems(valid: { doc: SourceDoc; pack: RulePack }[], at: (doc: SourceDoc, pointer: string, message: string) => Diagnostic): Diagnostic[] {
  const out: Diagnostic[] = [];
  const groups = new Map<string, { doc: SourceDoc; pack: RulePack }[]>();
  for (const v of valid) {
    const key = v.pack.metadata.lineage;
    groups.set(key, [...(groups.get(key) ?? []), v]);
  }
  for (const [lineage, members] of groups) {
    // A lineage is the editions of one list or one body of rules: one kind of scope, one zone or region. A key trusted
    // for a lineage (and not for a zone) signed a Shanghai pack relabelled into Beijing's lineage, and it bound
    // Shanghai; one trusted for cn-gba could sign a pack for exporters of CN-SH the same way.
    // A bundled lineage has its scope (LINEAGE_SCOPES), so that holds even when the pack is loaded alone.
    const known = LINEAGE_SCOPES.get(lineage);
    const first = members[0]!.pack.metadata;
    for (const v of known ? members : members.slice(1)) {
      const m = v.pack.metadata;
      if (known) {
        if (!sameScope(known, m.scope)) {
          out.push(at(v.doc, '/metadata/scope', `lineage "${lineage}" is scoped to ${scopeName(known)}, but ${m.id} is scoped to ${scopeName(m.scope)}; give this pack a lineage of its own`));
        }
      } else if (!sameScope(first.scope, m.scope)) {
        out.push(at(v.doc, '/metadata/scope', `lineage "${m.lineage}" holds packs of different scopes: ${first.id} (${scopeName(first.scope)}) and ${m.id} (${scopeName(m.scope)}); the editions of one list share its scope, so give this pack a lineage of its own`));
      }
    }
    members.sort((a, b) => a.pack.metadata.effective.from.localeCompare(b.pack.metadata.effective.from));
    for (let i = 1; i < members.length; i++) {
      const prev = members[i - 1]!;
      const cur = members[i]!;
      const prevTo = prev.pack.metadata.effective.to;
      if (overlap(prev.pack.metadata.effective, cur.pack.metadata.effective)) {
        out.push(at(cur.doc, '/metadata/effective/from',
          `overlaps ${prev.pack.metadata.id} (in force ${prev.pack.metadata.effective.from} to ${prevTo ?? 'open-ended'}) in lineage "${cur.pack.metadata.lineage}"`));
      }
      // A gap would leave transfers on those days without the lineage's rules (national: review no-pack-in-force).
      if (prevTo !== undefined && prevTo < cur.pack.metadata.effective.from) {
        out.push(at(prev.doc, '/metadata/effective/to',
          `gap in lineage "${cur.pack.metadata.lineage}": ${prev.pack.metadata.id} ends ${prevTo} but ${cur.pack.metadata.id} starts ${cur.pack.metadata.effective.from}`));
      }
    }
  }
  return out;
}

/**
 * A verdict is made under one national pack (the first in force: evaluate/select.ts), so two national packs of
 * different lineages in force on one day would leave one of them ignored unseen: the one whose id sorts later, even
 * when it is the stricter or corrected one.
 */
function nationalOverlaps(valid: { doc: SourceDoc; pack: RulePack }[], at: (doc: SourceDoc, pointer: string, message: string) => Diagnostic): Diagnostic[] {
  const out: Diagnostic[] = [];
  const national = valid.filter((v) => v.pack.metadata.scope.kind === 'national');
  for (let i = 0; i < national.length; i++) {
    for (let j = i + 1; j < national.length; j++) {
      const [a, b] = [national[i]!.pack.metadata, national[j]!.pack.metadata];
      if (a.lineage === b.lineage) continue; // lineageProblems
      if (overlap(a.effective, b.effective)) {
        out.push(at(national[j]!.doc, '/metadata/effective', `national pack ${b.id} (lineage "${b.lineage}") is in force on the same days as national pack ${a.id} (lineage "${a.lineage}"): a verdict takes one national pack, so one would be ignored; load one of them, or make them one lineage`));
      }
    }
  }
  return out;
}

/**
 * Each pack as it takes effect: merged over the edition it `extends` (recursively), so a new edition that writes only
 * what changes holds everything it inherits. Undefined where the parent is missing or the chain is a cycle.
 */
export function effectiveEditions(packs: readonly RulePack[]): (RulePack | undefined)[] {
  const byId = new Map(packs.map((p) => [p.metadata.id, p]));
  const merged = new Map<string, RulePack>();
  const resolve = (pack: RulePack, seen: readonly string[]): RulePack | undefined => {
    const done = merged.get(pack.metadata.id);
    if (done) return done;
    if (!pack.extends) return pack;
    const parent = byId.get(pack.extends);
    if (!parent || seen.includes(pack.extends)) return undefined;
    const base = resolve(parent, [...seen, pack.metadata.id]);
    const out = base && mergeEdition(base, pack);
    if (out) merged.set(pack.metadata.id, out);
    return out;
  };
  return packs.map((p) => resolve(p, []));
}

/** The valid packs as they take effect (effectiveEditions); a missing parent or a cycle is an error. */
function resolveEditions(
  valid: { doc: SourceDoc; pack: RulePack }[],
  at: (doc: SourceDoc, pointer: string, message: string) => Diagnostic,
  diagnostics: Diagnostic[],
): { doc: SourceDoc; pack: RulePack }[] {
  const full = effectiveEditions(valid.map((v) => v.pack));
  const out: { doc: SourceDoc; pack: RulePack }[] = [];
  valid.forEach(({ doc, pack }, i) => {
    const p = full[i];
    if (p) out.push({ doc, pack: p });
    else diagnostics.push(at(doc, '/extends', `extends "${pack.extends}", which is not a loaded pack or extends this one`));
  });
  return out;
}
