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
  diagnostics.push(...redefinedIds(editions, at), ...sharedIds(editions, at));
  const expanded: { doc: SourceDoc; pack: ExpandedPack }[] = [];
  for (const { doc, pack, written } of editions) {
    const where = (pointer: string): string => writtenPointer(written, pack, pointer);
    for (const p of listProblems(pack, known)) {
      diagnostics.push({ ...at(doc, where(p.pointer), p.message), ...(p.unknownId ? { unknownId: p.unknownId } : {}), ...(p.hint ? { hint: p.hint } : {}) });
    }
    const full = expandList(pack);
    expanded.push({ doc, pack: full });
    for (const { pointer, ...p } of packProblems(full, known, listExpansion(pack))) diagnostics.push({ ...p, location: locationIn(doc, where(pointer)) });
  }

  const byId = new Map<string, SourceDoc>();
  for (const { doc, pack } of valid) {
    const other = byId.get(pack.metadata.id);
    if (other) diagnostics.push(at(doc, '/metadata/id', `pack id "${pack.metadata.id}" is also used by ${other.uri}`));
    byId.set(pack.metadata.id, doc);
  }
  diagnostics.push(...lineageProblems(valid, at), ...editionProblems(valid, at), ...nationalOverlaps(valid, at));
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
function redefinedIds(editions: { doc: SourceDoc; pack: RulePack; written: RulePack }[], at: (doc: SourceDoc, pointer: string, message: string) => Diagnostic): Diagnostic[] {
  const law = new Set(editions.filter((e) => e.pack.metadata.scope.kind !== 'zone').flatMap((e) => Object.keys(e.pack.taxonomy ?? {})));
  const out: Diagnostic[] = [];
  const say = (id: string): string => `taxonomy id "${id}" is defined by a national pack: a zone pack adds ids of its own (with broader), it cannot redefine national ones`;
  for (const { doc, pack, written } of editions) {
    if (pack.metadata.scope.kind !== 'zone') continue;
    for (const id of Object.keys(pack.taxonomy ?? {})) if (law.has(id)) out.push(at(doc, joinPointer(['taxonomy', id]), say(id)));
    pack.list?.entries.forEach((e, i) => { if (law.has(e.id)) out.push(at(doc, writtenPointer(written, pack, `/list/entries/${i}/id`), say(e.id))); });
  }
  return out;
}

/**
 * A rule id, taxonomy id or list entry id names one thing: findings, test cases (`rules: [id]`, and the coverage they
 * count), `explain <id>` and SARIF read it without the pack. Editions of one lineage share their ids; two lineages
 * never do on a day both are in force (a zone rule named after a national one counted the national rule's cases as its
 * own tests, and a case naming the id passed on either), and `xborder.` names the checker's own findings.
 */
function sharedIds(editions: { doc: SourceDoc; written: RulePack }[], at: (doc: SourceDoc, pointer: string, message: string) => Diagnostic): Diagnostic[] {
  const out: Diagnostic[] = [];
  const owners = new Map<string, RulePack['metadata'][]>();
  // The rows each pack writes (an edition's inherited rows are its parent's, of the same lineage: editionProblems). A
  // zone's taxonomy or entry id that the law's packs define is redefinedIds' to report.
  // National packs first, then region and sector packs: the row shown as the second definition is the narrower pack's.
  const rank = (e: { written: RulePack }): number => ({ national: 0, region: 1, sector: 1, zone: 2 })[e.written.metadata.scope.kind];
  const law = new Set<string>();
  for (const { doc, written } of [...editions].sort((a, b) => rank(a) - rank(b))) {
    const m = written.metadata;
    const categories = [...Object.keys(written.taxonomy ?? {}).map((id): [string, string] => [id, joinPointer(['taxonomy', id])]),
      ...(written.list?.entries ?? []).map((e, i): [string, string] => [e.id, `/list/entries/${i}/id`])];
    if (written.metadata.scope.kind !== 'zone') for (const [id] of categories) law.add(id);
    const rows: [string, string][] = [
      ...(written.rules ?? []).map((r, i): [string, string] => [r.id, `/rules/${i}/id`]),
      ...categories.filter(([id]) => written.metadata.scope.kind !== 'zone' || !law.has(id)),
    ];
    for (const [id, pointer] of rows) {
      if (id === 'xborder' || id.startsWith('xborder.')) {
        out.push(at(doc, pointer, `id "${id}": ids starting with "xborder." name the checker's own findings; give it the pack's own prefix`));
        continue;
      }
      // Two national packs in force on one day are refused as a whole (nationalOverlaps).
      const first = (owners.get(id) ?? []).find((o) => o.lineage !== m.lineage && overlap(o.effective, m.effective)
        && !(o.scope.kind === 'national' && m.scope.kind === 'national'));
      if (first) out.push(at(doc, pointer, `id "${id}" is also defined by ${first.id} (lineage "${first.lineage}"): ids are unique across lineages; give it the pack's own prefix`));
      owners.set(id, [...(owners.get(id) ?? []), m]);
    }
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
const sameScope = (a: Scope, b: Scope): boolean => scopeName(a) === scopeName(b);

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
 * `extends` names the edition this one follows: of its own lineage (another zone's list put that list's scenarios
 * and entries in place of this list's own, and its exporters' listed data passed unseen), and the latest edition
 * before it (an older one drops, unseen, whatever the editions between them added or corrected).
 */
function editionProblems(valid: { doc: SourceDoc; pack: RulePack }[], at: (doc: SourceDoc, pointer: string, message: string) => Diagnostic): Diagnostic[] {
  const out: Diagnostic[] = [];
  const packs = valid.map((v) => v.pack.metadata);
  for (const { doc, pack } of valid) {
    const m = pack.metadata;
    const parent = packs.find((p) => p.id === pack.extends);
    if (!parent || parent.id === m.id) continue; // none, not loaded or itself: resolveEditions says so
    if (parent.lineage !== m.lineage) {
      out.push(at(doc, '/extends', `extends ${parent.id} of lineage "${parent.lineage}": an edition extends the edition before it in its own lineage "${m.lineage}"`));
      continue;
    }
    const before = packs.filter((p) => p.lineage === m.lineage && p.effective.from < m.effective.from)
      .sort((a, b) => b.effective.from.localeCompare(a.effective.from))[0];
    if (parent.effective.from >= m.effective.from) {
      out.push(at(doc, '/extends', `extends ${parent.id}, which takes effect ${parent.effective.from}, not before this edition (${m.effective.from}): an edition extends the one it follows`));
    } else if (before && before.id !== parent.id) {
      out.push(at(doc, '/extends', `extends ${parent.id}, but the edition before this one in lineage "${m.lineage}" is ${before.id}: extending an older edition drops what ${before.id} changed`));
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
): { doc: SourceDoc; pack: RulePack; written: RulePack }[] {
  const full = effectiveEditions(valid.map((v) => v.pack));
  const out: { doc: SourceDoc; pack: RulePack; written: RulePack }[] = [];
  valid.forEach(({ doc, pack }, i) => {
    const p = full[i];
    if (p) out.push({ doc, pack: p, written: pack });
    else diagnostics.push(at(doc, '/extends', `extends "${pack.extends}", which is not a loaded pack or extends this one`));
  });
  return out;
}

/**
 * A pointer into an edition as merged over its parent (`/rules/3/when`, `/list/scenarios/12/coverage`) as a pointer
 * into the file as written: rows are found by id, so a problem of a row the edition writes is shown on that row, not
 * on whichever row sits at the merged index. A row it inherits is shown at its `extends`; a rule the list table
 * expanded to, at its `list`.
 */
function writtenPointer(written: RulePack, merged: RulePack, pointer: string): string {
  if (!written.extends) return pointer;
  const row = /^\/(rules|list\/scenarios|list\/entries|list\/duties)\/(\d+)(\/.*)?$/.exec(pointer);
  if (!row) return pointer;
  const rows = (p: RulePack, table: string): readonly { id: string }[] =>
    (table === 'rules' ? p.rules : table === 'list/scenarios' ? p.list?.scenarios : table === 'list/entries' ? p.list?.entries : p.list?.duties) ?? [];
  const [, table, index, rest] = row as unknown as [string, string, string, string | undefined];
  const id = rows(merged, table)[Number(index)]?.id;
  if (id === undefined) return table === 'rules' ? '/list' : pointer;
  const at = rows(written, table).findIndex((r) => r.id === id);
  return at < 0 ? '/extends' : `/${table}/${at}${rest ?? ''}`;
}
