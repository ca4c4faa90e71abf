/**
 * json-rules-engine 7.x deep-copies every rule's condition tree into a RuleResult on every run, with the
 * generic `clone` package (circular-reference bookkeeping, instanceof probes for Map/Set/Promise/Buffer...).
 * Profiling `xborder check` showed that copy at 20-25% of all CPU per manifest. The copy itself is needed
 * (the engine annotates the copy with each condition's result, which our reasons read), the generic
 * algorithm is not: condition trees are plain, acyclic objects with class prototypes.
 *
 * So this swaps the RuleResult class that rule.js instantiates (it reads `require('./rule-result').default`
 * at call time) for a subclass that copies with a small prototype-preserving tree copy. It is guarded:
 * applied only to json-rules-engine 7.x with the expected module shape, and XBORDER_SAFE_ENGINE=1 turns it
 * off. tests/batch/fast-rule-result.test.ts checks that verdicts are identical with and without it.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Deep copy of an acyclic tree of arrays and objects, keeping each object's prototype (Condition methods). */
export function treeCopy<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(treeCopy) as T;
  const proto = Object.getPrototypeOf(v) as object | null;
  if (proto !== Object.prototype && proto !== null && !isConditionLike(v)) return v; // unknown class: leave shared
  const out = Object.create(proto) as Record<string, unknown>;
  for (const k of Object.keys(v)) out[k] = treeCopy((v as Record<string, unknown>)[k]);
  return out as T;
}

let conditionProto: object | undefined;
const isConditionLike = (v: object): boolean => conditionProto !== undefined && Object.getPrototypeOf(v) === conditionProto;

let installed = false;

/** Installs the faster RuleResult once per process (per worker); returns whether it is active. */
export function installFastRuleResult(): boolean {
  if (installed) return true;
  if (process.env.XBORDER_SAFE_ENGINE && process.env.XBORDER_SAFE_ENGINE !== '0') return false;
  try {
    const pkg = require('json-rules-engine/package.json') as { version: string };
    if (!/^7\./.test(pkg.version)) return false;
    const mod = require('json-rules-engine/dist/rule-result') as { default?: unknown };
    const cond = require('json-rules-engine/dist/condition') as { default?: unknown };
    const Original = mod.default as (new (c: unknown, e: unknown, p: unknown, n: unknown) => { conditions: unknown; event: unknown }) | undefined;
    if (typeof Original !== 'function' || typeof cond.default !== 'function') return false;
    conditionProto = (cond.default as { prototype: object }).prototype;
    class FastRuleResult extends Original {
      constructor(conditions: unknown, event: unknown, priority: unknown, name: unknown) {
        super(undefined, undefined, priority, name); // priority and name are primitives: clone returns them
        this.conditions = treeCopy(conditions);
        this.event = treeCopy(event);
      }
    }
    mod.default = FastRuleResult;
    installed = true;
    return true;
  } catch {
    return false; // a different layout: keep the library's own behaviour
  }
}
