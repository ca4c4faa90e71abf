import { Engine, type EngineResult } from 'json-rules-engine';
import type { CompiledPack } from '../compile/compile-pack.js';
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

function buildEngine(pack: CompiledPack): Engine {
  const engine = new Engine(pack.rules.map((r) => r.engineRule), {
    allowUndefinedFacts: false,
    allowUndefinedConditions: false,
    pathResolver: resolvePath,
  });
  for (const [name, fn] of Object.entries(OPERATOR_IMPLS)) engine.addOperator(name, fn);
  return engine;
}

/**
 * Engines for one pack. json-rules-engine loses rules when runs overlap on one Engine (issue #303), so each run
 * borrows an idle engine and returns it; concurrent callers get their own (created on demand, then reused).
 */
export class EnginePool {
  private readonly idle: Engine[] = [];

  constructor(private readonly pack: CompiledPack) {}

  async run(facts: Record<string, unknown>): Promise<EngineResult> {
    const engine = this.idle.pop() ?? buildEngine(this.pack);
    const result = await engine.run(facts); // on a throw the engine is dropped, not reused
    this.idle.push(engine);
    return result;
  }
}
