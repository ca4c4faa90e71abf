import { describe, expect, it } from 'vitest';
import { exitCode, summaryLine } from '../../src/report/summary.js';
import type { CheckResult } from '../../src/model/verdict.js';
import { errorResult, failVerdict, passVerdict, reviewVerdict } from './fixtures.js';

const n = (r: CheckResult, k: number): CheckResult[] => Array.from({ length: k }, () => r);

describe('summaryLine', () => {
  it('reads like the issue example', () => {
    const batch = [...n(passVerdict, 41), ...n(reviewVerdict, 5), ...n(failVerdict, 2)];
    expect(summaryLine(batch, 'fail')).toBe('48 checked: 41 pass, 5 review, 2 fail');
  });
  it('counts errors in the total and names them', () => {
    expect(summaryLine([passVerdict, errorResult], 'fail')).toBe('2 checked: 1 pass, 0 review, 0 fail, 1 error');
  });
  it('says when review fails the gate', () => {
    expect(summaryLine([reviewVerdict], 'review')).toBe('1 checked: 0 pass, 1 review, 0 fail (review fails the gate)');
    expect(summaryLine([passVerdict], 'review')).toBe('1 checked: 1 pass, 0 review, 0 fail');
  });
  it('handles an empty batch', () => {
    expect(summaryLine([], 'fail')).toBe('0 checked: 0 pass, 0 review, 0 fail');
  });
});

describe('exitCode', () => {
  const table: [string, CheckResult[], 'fail' | 'review', 0 | 1 | 2][] = [
    ['empty', [], 'fail', 0],
    ['all pass', [passVerdict, passVerdict], 'fail', 0],
    ['review below the gate', [passVerdict, reviewVerdict], 'fail', 0],
    ['review at the gate', [passVerdict, reviewVerdict], 'review', 1],
    ['fail', [passVerdict, failVerdict], 'fail', 1],
    ['fail under --fail-on review', [failVerdict], 'review', 1],
    ['invalid manifest only', [errorResult], 'fail', 2],
    ['invalid manifest among passes', [passVerdict, errorResult], 'fail', 2],
    ['invalid manifest beats a fail (2 over 1)', [failVerdict, errorResult], 'fail', 2],
    ['invalid manifest beats a gated review', [reviewVerdict, errorResult], 'review', 2],
  ];
  it.each(table)('%s', (_name, results, failOn, code) => {
    expect(exitCode(results, failOn)).toBe(code);
  });
});
