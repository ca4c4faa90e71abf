/**
 * The structural diff of two pack sets: per pack (matched by id, or by the pack a new one `supersedes`), what
 * was added, removed or changed in each section — metadata fields (dates, scope, coverage), parameters,
 * taxonomy, rules, and any other keyed section a pack format adds (list tables) — compared generically.
 */
import { canonicalJson } from '../util/canonical.js';
import type { RulePack } from '../model/pack.js';

export interface Change {
  section: string;
  id: string;
  change: 'added' | 'removed' | 'changed';
  /** For a changed entry: which of its fields changed. */
  fields?: string[];
  /** Short values (≤ 160 characters of JSON) before and after. */
  from?: unknown;
  to?: unknown;
}

export interface PackDiff {
  pack: string;
  version?: string;
  /** The base pack compared with (`id version`); absent for a pack with no predecessor. */
  base?: string;
  status: 'added' | 'removed' | 'changed' | 'unchanged';
  changes: Change[];
}

const json = (v: unknown): string => (v === undefined ? 'null' : canonicalJson(v));
const short = (v: unknown): unknown => (json(v).length <= 160 ? v : undefined);

/** A section as id → entry: maps as they are, arrays of objects by their `id`, anything else as one entry. */
function entries(v: unknown): Map<string, unknown> | undefined {
  if (Array.isArray(v)) {
    if (!v.every((x) => x && typeof x === 'object' && typeof (x as { id?: unknown }).id === 'string')) return undefined;
    return new Map(v.map((x) => [(x as { id: string }).id, x]));
  }
  return v && typeof v === 'object' ? new Map(Object.entries(v).filter(([, x]) => x !== undefined)) : undefined;
}

/** Absent and empty are the same section: an edition merged over its parent gets `rules: []` where none were written. */
const empty = (v: unknown): boolean => v === undefined || (Array.isArray(v) ? !v.length : !!v && typeof v === 'object' && !Object.keys(v).length);

function changedFields(a: unknown, b: unknown): string[] | undefined {
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object' || Array.isArray(a) || Array.isArray(b)) return undefined;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.filter((k) => json((a as Record<string, unknown>)[k]) !== json((b as Record<string, unknown>)[k]));
}

function diffSection(section: string, a: unknown, b: unknown): Change[] {
  if (empty(a) && empty(b)) return [];
  const [ea, eb] = [entries(a), entries(b)];
  if (!ea || !eb) return json(a) === json(b) ? [] : [{ section, id: section, change: a === undefined ? 'added' : b === undefined ? 'removed' : 'changed', from: short(a), to: short(b) }];
  const out: Change[] = [];
  for (const [id, x] of ea) if (!eb.has(id)) out.push({ section, id, change: 'removed', from: short(x) });
  for (const [id, y] of eb) {
    if (!ea.has(id)) out.push({ section, id, change: 'added', to: short(y) });
    else if (json(ea.get(id)) !== json(y)) {
      const x = ea.get(id);
      const fields = changedFields(x, y);
      // A parameter is shown by its value, and only when the value changed: a new description alone printed the
      // same value on both sides of the arrow.
      const param = section === 'parameters';
      const shown = !param || fields === undefined || fields.includes('value');
      const value = param ? (v: unknown) => short((v as { value?: unknown }).value) : short;
      out.push({ section, id, change: 'changed', ...(fields ? { fields } : {}), ...(shown ? { from: value(x), to: value(y) } : {}) });
    }
  }
  return out;
}

const isTable = (v: unknown): boolean => Array.isArray(v) && entries(v) !== undefined;
const record = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? v as Record<string, unknown> : {});

/**
 * A section holding tables (a zone pack's `list`: scenarios, entries, duties as arrays of rows with ids) is
 * compared row by row as `list.scenarios` etc., its other fields as the section itself.
 */
function diffTables(section: string, a: unknown, b: unknown): Change[] {
  const [ra, rb] = [record(a), record(b)];
  const keys = [...new Set([...Object.keys(ra), ...Object.keys(rb)])];
  const tables = keys.filter((k) => isTable(ra[k] ?? []) && isTable(rb[k] ?? []) && (ra[k] ?? rb[k]) !== undefined);
  if (!tables.length || a === undefined || b === undefined) return diffSection(section, a, b);
  const rest = (r: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(r).filter(([k]) => !tables.includes(k)));
  return [...diffSection(section, rest(ra), rest(rb)), ...tables.flatMap((k) => diffSection(`${section}.${k}`, ra[k] ?? [], rb[k] ?? []))];
}

function diffPack(base: RulePack | undefined, head: RulePack | undefined): Change[] {
  const a = (base ?? {}) as unknown as Record<string, unknown>;
  const b = (head ?? {}) as unknown as Record<string, unknown>;
  const sections = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((s) => s !== 'apiVersion' && s !== 'kind');
  return sections.flatMap((s) => diffTables(s, a[s], b[s]));
}

/** Matches head packs to base packs by id, else by `supersedes`; base packs left over were removed. */
export function diffPackSets(base: readonly RulePack[], head: readonly RulePack[]): PackDiff[] {
  const byId = new Map(base.map((p) => [p.metadata.id, p]));
  const used = new Set<string>();
  const out: PackDiff[] = [];
  for (const h of head) {
    const same = byId.get(h.metadata.id);
    const prior = same ?? (h.metadata.supersedes ? byId.get(h.metadata.supersedes) : undefined);
    if (same) used.add(same.metadata.id);
    const changes = prior ? diffPack(prior, h) : [];
    out.push({
      pack: h.metadata.id, version: h.metadata.version,
      ...(prior ? { base: `${prior.metadata.id} ${prior.metadata.version}` } : {}),
      status: !same ? 'added' : changes.length ? 'changed' : 'unchanged', changes,
    });
  }
  for (const b of base) if (!used.has(b.metadata.id)) out.push({ pack: b.metadata.id, version: b.metadata.version, status: 'removed', changes: [] });
  return out;
}
