import { Engine, Fact, Operator, Rule, type EngineResult, type RuleProperties } from 'json-rules-engine';
import { OPERATOR_IMPLS } from '../compile/operators.js';

/** A fact path that resolves to nothing is an error, never a silent false (fail closed). */
export class MissingFactError extends Error {
  readonly code = 'MISSING_FACT';
}

const segments = new Map<string, string[]>();
function resolvePath(value: unknown, path: string): unknown {
  let parts = segments.get(path);
  if (!parts) segments.set(path, (parts = path.split('.')));
  let v = value;
  for (const k of parts) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, k)) throw new MissingFactError(`fact path "${path}" is missing`);
    v = (v as Record<string, unknown>)[k];
  }
  if (v === undefined) throw new MissingFactError(`fact path "${path}" is undefined`);
  return v;
}

const OPTIONS = { allowUndefinedFacts: false, allowUndefinedConditions: false, pathResolver: resolvePath } as const;
const OPERATORS = Object.entries(OPERATOR_IMPLS).map(([name, fn]) => new Operator(name, fn));

/** An engine over prebuilt rules (possibly of several packs), with our strict operators. */
function buildEngine(rules: readonly Rule[]): Engine {
  const engine = new Engine([...rules], OPTIONS);
  for (const op of OPERATORS) engine.addOperator(op);
  return engine;
}

/** One engine rule: a compiled rule, or one branch of a split one (src/compile/guards.ts), named by `key`. */
export interface EngineUnit {
  /** `<ordinal>` or `<ordinal>.<branch>`: the engine rule's name, which the results carry back. */
  key: string;
  ordinal: number;
  rule: RuleProperties;
}

/**
 * Engines per rule combination, built on first use and kept (least recently used dropped past `max`).
 * A manifest runs one engine holding exactly the rules that may fire for it (src/compile/guards.ts), across
 * every pack that applies: one run, no rules it cannot fire. json-rules-engine loses rules when runs overlap on
 * one Engine (issue #303), so each run borrows an idle engine and returns it; concurrent callers get their own.
 */
export class EngineCache {
  private readonly idle = new Map<string, Engine[]>();
  /** json-rules-engine's Rule per unit key, built once and shared by the engines. */
  private readonly built = new Map<string, Rule>();

  constructor(private readonly max = 256) {}

  /** Runs the units (their keys also key the cache) over the facts. */
  async run(units: readonly EngineUnit[], facts: Record<string, unknown>): Promise<EngineResult> {
    let key = units[0]?.key ?? '';
    for (let i = 1; i < units.length; i++) key += `,${units[i]!.key}`;
    const pool = this.idle.get(key);
    const engine = pool?.pop() ?? buildEngine(units.map((u) => this.rule(u)));
    // Facts as uncached Fact instances: a constant needs no cache, and the engine would hash each one per run.
    const runtime: Record<string, Fact> = {};
    for (const [id, value] of Object.entries(facts)) runtime[id] = new Fact(id, value, { cache: false });
    const result = await engine.run(runtime); // on a throw the engine is dropped, not reused
    // Back into its pool (read again: an overlapping run may have made one), moved to the most recent end.
    const idle = this.idle.get(key) ?? [];
    idle.push(engine);
    this.idle.delete(key);
    this.idle.set(key, idle);
    if (this.idle.size > this.max) this.idle.delete(this.idle.keys().next().value as string);
    return result;
  }

  /**
   * A Rule may sit in several engines (addRule points it at the last one): evaluation reads only the engine's
   * operators and options, which are the same in every engine built here, and writes only to a per-run result.
   */
  private rule(unit: EngineUnit): Rule {
    let r = this.built.get(unit.key);
    if (!r) this.built.set(unit.key, (r = new Rule(unit.rule)));
    return r;
  }
}
