import { catalogue } from '../model/own.js';
import type { OperatorName } from '../model/pack.js';

/**
 * Strict operators. json-rules-engine's defaults turn a type mismatch into a silent `false`, make
 * `notEqual` fire on a missing value and let `in` match substrings; ours throw instead, and a throw
 * makes the manifest `review` (fail closed), never `pass`.
 */
type Check = (fact: unknown, value: unknown) => boolean;

class OperandError extends TypeError {
  readonly code = 'OPERAND_TYPE';
}

const num = (op: string, v: unknown): number => {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new OperandError(`${op}: expected a number, got ${JSON.stringify(v)}`);
  return v;
};
const scalar = (op: string, v: unknown): string | number | boolean => {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  throw new OperandError(`${op}: expected a single value, got ${JSON.stringify(v)}`);
};
const list = (op: string, v: unknown): readonly unknown[] => {
  if (!Array.isArray(v)) throw new OperandError(`${op}: expected a list, got ${JSON.stringify(v)}`);
  return v;
};

export const OPERATOR_IMPLS: Readonly<Record<OperatorName, Check>> = catalogue({
  equals: (a, b) => scalar('equals', a) === b,
  notEquals: (a, b) => scalar('notEquals', a) !== b,
  atLeast: (a, b) => num('atLeast', a) >= num('atLeast', b),
  atMost: (a, b) => num('atMost', a) <= num('atMost', b),
  greaterThan: (a, b) => num('greaterThan', a) > num('greaterThan', b),
  lessThan: (a, b) => num('lessThan', a) < num('lessThan', b),
  in: (a, b) => list('in', b).includes(scalar('in', a)),
  notIn: (a, b) => !list('notIn', b).includes(scalar('notIn', a)),
  includes: (a, b) => list('includes', a).includes(b),
  excludes: (a, b) => !list('excludes', a).includes(b),
  includesAny: (a, b) => { const fact = list('includesAny', a); return list('includesAny', b).some((x) => fact.includes(x)); },
  includesNone: (a, b) => { const fact = list('includesNone', a); return !list('includesNone', b).some((x) => fact.includes(x)); },
});

/** Which operand shape each operator takes (checked when a pack loads). */
export const OPERAND_SHAPE: Readonly<Record<OperatorName, { fact: 'scalar' | 'number' | 'list'; value: 'scalar' | 'number' | 'list' }>> = catalogue({
  equals: { fact: 'scalar', value: 'scalar' },
  notEquals: { fact: 'scalar', value: 'scalar' },
  atLeast: { fact: 'number', value: 'number' },
  atMost: { fact: 'number', value: 'number' },
  greaterThan: { fact: 'number', value: 'number' },
  lessThan: { fact: 'number', value: 'number' },
  in: { fact: 'scalar', value: 'list' },
  notIn: { fact: 'scalar', value: 'list' },
  includes: { fact: 'list', value: 'scalar' },
  excludes: { fact: 'list', value: 'scalar' },
  includesAny: { fact: 'list', value: 'list' },
  includesNone: { fact: 'list', value: 'list' },
});
