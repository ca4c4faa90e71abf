import { Engine, Fact, Operator, Rule, type EngineResult, type RuleProperties } from 'json-rules-engine';
import { OPERATOR_IMPLS } from '../compile/operators.js';
import { eachLeaf } from '../model/condition-tree.js';

/** A fact path that resolves to nothing is an error, never a silent false (fail closed). */
class MissingFactError extends Error {}

/** What pathValue returns for a path that resolves to nothing. */
export const MISSING: unique symbol = Symbol('missing');

/**
 * The value at `parts` inside `value`, or MISSING where resolvePath below throws (a segment that is not an own field
 * of an object, an undefined value): the engine's path resolution without the error, for the rule index
 * (src/evaluate/rule-index.ts), which leaves such a path to the engine.
 */
export function pathValue(value: unknown, parts: readonly string[]): unknown {
  let v = value;
  for (let i = 0; i < parts.length; i++) {
    const k = parts[i]!;
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, k)) return MISSING;
    v = (v as Record<string, unknown>)[k];
  }
  return v === undefined ? MISSING : v;
}

const segments = new Map<string, string[]>();
function resolvePath(value: unknown, path: string): unknown {
  let parts = segments.get(path);
  if (!parts) segments.set(path, (parts = path.split('.')));
  const v = pathValue(value, parts);
  if (v === MISSING) throw new MissingFactError(`fact path "${path}" is missing or undefined`);
  return v;
}

const OPTIONS = { allowUndefinedFacts: false, allowUndefinedConditions: false, pathResolver: resolvePath } as const;
const OPERATORS = Object.entries(OPERATOR_IMPLS).map(([name, fn]) => new Operator(name, fn));

/** An engine with our strict operators and no rules yet. */
function buildEngine(): Engine {
  const engine = new Engine([], OPTIONS);
  for (const op of OPERATORS) engine.addOperator(op);
  return engine;
}

/** One engine rule: a compiled rule, or one branch of a split one (src/compile/guards.ts), named by `key`. */
export interface EngineUnit {
  /** `<ordinal>` or `<ordinal>.<branch>`: the engine rule's name, which the results carry back. */
  key: string;
  /** A number no other unit of the same pool has: what the pool keeps the unit's built Rule by (a split rule's branches share the rule's ordinal). */
  n: number;
  ordinal: number;
  rule: RuleProperties;
}

export interface EngineRun {
  result: EngineResult;
  /** Each run unit's place in the units given, by the name its result carries (the unit's key). */
  positionOf: (name: string) => number | undefined;
}

/** What a unit becomes once: json-rules-engine's Rule for it, and the facts its conditions read. */
interface Built {
  rule: Rule;
  reads: readonly string[];
}

/**
 * Idle engines, each holding no rules between runs: a run adds exactly the rules that may fire for its manifest
 * (src/compile/guards.ts), across every pack that applies, runs once and takes them out again. An engine per
 * combination of rules, kept in a cache, was the earlier design: a varied corpus made a new combination for one
 * manifest in three, so most runs paid for a cache miss and a new Engine anyway. json-rules-engine loses rules
 * when runs overlap on one Engine (issue #303), so each run borrows an idle engine and returns it; concurrent
 * callers get their own.
 */
export class EnginePool {
  private readonly idle: Engine[] = [];
  /** By unit number (EngineUnit.n). */
  private readonly built: (Built | undefined)[] = [];

  /**
   * Runs the units over the facts: each fact the units read is taken from `facts`, else from `more`; facts no
   * unit reads are not handed to the engine (it would build and register each one per run for nothing).
   */
  async run(units: readonly EngineUnit[], facts: Readonly<Record<string, unknown>>, more?: Readonly<Record<string, unknown>>): Promise<EngineRun> {
    const engine = this.idle.pop() ?? buildEngine();
    // Facts as uncached Fact instances: a constant needs no cache, and the engine would hash each one per run.
    const runtime: Record<string, Fact> = {};
    const rules: Rule[] = [];
    for (const u of units) {
      const b = this.built[u.n] ?? this.build(u);
      rules.push(b.rule);
      engine.addRule(b.rule);
      for (const id of b.reads) {
        if (runtime[id] !== undefined) continue;
        const source = Object.hasOwn(facts, id) ? facts : more !== undefined && Object.hasOwn(more, id) ? more : undefined;
        if (source) runtime[id] = new Fact(id, source[id], { cache: false });
      }
    }
    const result = await engine.run(runtime); // on a throw the engine is dropped, not reused
    for (let i = rules.length - 1; i >= 0; i--) engine.removeRule(rules[i]!);
    this.idle.push(engine);
    // Results arrive mostly in the order of the units: each name is looked for from the last one found.
    let cursor = 0;
    const positionOf = (name: string): number | undefined => {
      for (let k = 0; k < units.length; k++) {
        const i = (cursor + k) % units.length;
        if (units[i]!.key === name) return (cursor = i);
      }
      return undefined;
    };
    return { result, positionOf };
  }

  /**
   * A Rule may sit in several engines (addRule points it at the last one): evaluation reads only the engine's
   * operators and options, which are the same in every engine built here, and writes only to a per-run result.
   */
  private build(unit: EngineUnit): Built {
    const reads = new Set<string>();
    eachLeaf(unit.rule.conditions as object, (leaf: { fact?: unknown; value?: unknown }) => {
      if (typeof leaf.fact === 'string') reads.add(leaf.fact);
      const v = leaf.value as { fact?: unknown } | null | undefined;
      if (v !== null && typeof v === 'object' && typeof v.fact === 'string') reads.add(v.fact);
    });
    const b = { rule: new Rule(unit.rule), reads: [...reads] };
    this.built[unit.n] = b;
    return b;
  }
}
