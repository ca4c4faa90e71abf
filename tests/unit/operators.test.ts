import { describe, expect, it } from 'vitest';
import { OPERATOR_IMPLS as op } from '../../src/compile/operators.js';

describe('strict operators', () => {
  it('compare numbers with the legal boundaries', () => {
    expect(op.atLeast(100000, 100000)).toBe(true);
    expect(op.lessThan(100000, 100000)).toBe(false);
    expect(op.lessThan(99999, 100000)).toBe(true);
  });
  it('throw instead of silently returning false on a type mismatch or a missing value', () => {
    expect(() => op.atLeast('100000', 1)).toThrow(/expected a number/);
    expect(() => op.atLeast(undefined, 1)).toThrow();
    expect(() => op.notEquals(undefined, 'x')).toThrow(); // json-rules-engine's notEqual would fire here
    expect(() => op.includes('spi.health', 'spi')).toThrow(/expected a list/);
  });
  it('in matches whole values only, never substrings', () => {
    expect(op.in('contract', ['contract', 'hr'])).toBe(true);
    expect(op.in('con', ['contract'])).toBe(false);
    expect(() => op.in('con', 'contract')).toThrow(/expected a list/);
  });
  it('list operators', () => {
    expect(op.includesAny(['pi', 'pi.basic'], ['spi', 'pi'])).toBe(true);
    expect(op.includesNone(['pi', 'pi.basic'], ['spi'])).toBe(true);
    expect(op.excludes(['pi'], 'spi')).toBe(true);
  });
});
