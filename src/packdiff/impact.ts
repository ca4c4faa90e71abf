/**
 * Tallies, in bounded memory, how verdicts change when the same manifests are checked under two pack sets:
 * a transition matrix, mechanism changes, and the changes grouped by each rule that newly fires or no longer
 * fires (with a few sample manifests per group). Only counts and at most `samples` names per group are kept.
 */
import { isError, type CheckResult } from '../model/verdict.js';

const STATES = ['pass', 'review', 'fail', 'error'] as const;
export type State = (typeof STATES)[number];
/** `pass-to-fail` and so on: the names `--fail-on` takes. */
export type Transition = `${State}-to-${State}`;
const TRANSITIONS: readonly Transition[] = STATES.flatMap((a) => STATES.filter((b) => b !== a).map((b) => `${a}-to-${b}` as Transition));

export interface RuleGroup {
  rule: string;
  /** `fires`: fires under head only; `stops`: under base only. */
  direction: 'fires' | 'stops';
  manifests: number;
  transitions: Partial<Record<Transition | 'unchanged', number>>;
  samples: string[];
}

export interface Impact {
  manifests: number;
  unchanged: number;
  transitions: Partial<Record<Transition, number>>;
  mechanisms: Record<string, number>;
  groups: RuleGroup[];
}

const stateOf = (r: CheckResult): State => (isError(r) ? 'error' : r.verdict);

/** What fired: findings as `rule=outcome`, requirements an exemption set aside as `rule=set-aside`. */
const fired = (r: CheckResult): Set<string> => (isError(r) ? new Set() : new Set([
  ...r.findings.map((f) => `${f.rule}=${f.outcome}`),
  ...(r.exempted ?? []).map((x) => `${x.rule}=set-aside`),
]));

export function createImpact(samples = 3): { add(base: CheckResult, head: CheckResult): void; result(): Impact } {
  const impact: Impact = { manifests: 0, unchanged: 0, transitions: {}, mechanisms: {}, groups: [] };
  const groups = new Map<string, RuleGroup>();
  const bump = <K extends string>(o: Partial<Record<K, number>>, k: K): void => { o[k] = (o[k] ?? 0) + 1; };
  return {
    add(base, head) {
      impact.manifests++;
      const [a, b] = [stateOf(base), stateOf(head)];
      const t: Transition | 'unchanged' = a === b ? 'unchanged' : `${a}-to-${b}`;
      if (t === 'unchanged') impact.unchanged++;
      else bump(impact.transitions, t);
      if (!isError(base) && !isError(head) && base.mechanism !== head.mechanism) bump(impact.mechanisms, `${base.mechanism} → ${head.mechanism}`);
      const [fa, fb] = [fired(base), fired(head)];
      const moved = [...[...fb].filter((x) => !fa.has(x)).map((rule) => ({ rule, direction: 'fires' as const })),
        ...[...fa].filter((x) => !fb.has(x)).map((rule) => ({ rule, direction: 'stops' as const }))];
      for (const m of moved) {
        const key = `${m.direction} ${m.rule}`;
        let g = groups.get(key);
        if (!g) groups.set(key, (g = { ...m, manifests: 0, transitions: {}, samples: [] }));
        g.manifests++;
        bump(g.transitions, t);
        if (g.samples.length < samples) g.samples.push(head.source);
      }
    },
    result() {
      impact.groups = [...groups.values()].sort((x, y) => y.manifests - x.manifests || x.rule.localeCompare(y.rule));
      return impact;
    },
  };
}

/**
 * Parses `--fail-on pass-to-fail,review-to-pass`; throws on an unknown name, and on a list that names none (an unset
 * CI variable, `--fail-on "$GATES"`, made a gate that never fails).
 */
export function parseFailOn(list: string): Transition[] {
  const names = list.split(',').map((s) => s.trim()).filter(Boolean);
  if (!names.length) throw new Error(`--fail-on names no transition (one of ${TRANSITIONS.join(', ')})`);
  return names.map((s) => {
    if (!(TRANSITIONS as readonly string[]).includes(s)) throw new Error(`unknown transition "${s}" (one of ${TRANSITIONS.join(', ')})`);
    return s as Transition;
  });
}
