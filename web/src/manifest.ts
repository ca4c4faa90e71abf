/** The manifest being edited: a plain object in the format of the spec, plus YAML in and out. */
import { parse, stringify } from 'yaml';

export type Obj = Record<string, unknown>;
export type Manifest = Obj;

export function blankManifest(today: string): Manifest {
  return {
    apiVersion: 'xborder/v1',
    kind: 'TransferManifest',
    id: 'transfer-1',
    date: today,
    exporter: { name: '', region: 'CN-SH', ciio: false },
    recipient: { name: '', country: '', kind: 'company' },
    purpose: { basis: 'consent' },
    data: [{ id: 'customers', categories: [], classification: 'general' }],
  };
}

/** A copy with `value` at the path; `undefined` or '' removes the key (and empty parent objects). */
export function setIn(m: Manifest, path: (string | number)[], value: unknown): Manifest {
  const copy = structuredClone(m) as Obj;
  let node: Obj = copy;
  for (const k of path.slice(0, -1)) {
    if (typeof node[k] !== 'object' || node[k] === null) node[k] = {};
    node = node[k] as Obj;
  }
  const last = path[path.length - 1] as string | number;
  if (value === undefined || value === '') delete node[last];
  else node[last] = value;
  return prune(copy) as Manifest;
}

export const getIn = (m: unknown, path: (string | number)[]): unknown =>
  path.reduce<unknown>((n, k) => (n !== null && typeof n === 'object' ? (n as Obj)[k] : undefined), m);

/**
 * priorThisYear with one figure set or cleared. The other is never filled in: a figure left empty is one the person
 * has not given, and writing it as 0 declared "no earlier transfers" for them (20,000 typed alone stated 0 earlier
 * sensitive transfers, and a transfer that needs a contract once earlier sensitive PI counts passed). One figure alone
 * is refused by the schema, naming the missing one; none at all is no priorThisYear, and a pass that depends on it is
 * a review.
 */
export const setPrior = (m: Manifest, key: 'individuals' | 'sensitiveIndividuals', v: number | undefined): Manifest =>
  setIn(m, ['personalInformation', 'priorThisYear', key], v);

/** Empty objects left by cleared fields are dropped, so the manifest stays valid. */
function prune(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(prune);
  if (v === null || typeof v !== 'object') return v;
  const out: Obj = {};
  for (const [k, x] of Object.entries(v)) {
    const p = prune(x);
    if (p !== null && typeof p === 'object' && !Array.isArray(p) && Object.keys(p).length === 0) continue;
    out[k] = p;
  }
  return out;
}

/** True when any data item has a personal-information category (pi.*, spi.* or a zone id refining one). */
export function hasPersonal(m: Manifest, personal: (id: string) => boolean): boolean {
  const items = (m.data as Obj[] | undefined) ?? [];
  return items.some((d) => ((d.categories as string[] | undefined) ?? []).some(personal));
}

export const toYaml = (m: Manifest): string => stringify(m, { lineWidth: 0 });

/** A manifest file's text (YAML or JSON) to an object; throws with the parser's message. */
export function fromText(text: string): Manifest {
  const v: unknown = parse(text, { uniqueKeys: true });
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error('not a YAML or JSON object');
  return v as Manifest;
}
