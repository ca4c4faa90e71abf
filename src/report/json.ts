/** --format json (../shared/spec/verdict.md, "JSON output"). */
import type { CheckResult } from '../model/verdict.js';
import type { Formatter } from './types.js';

/**
 * The JSON value for a batch: one object for one manifest; an array in input order otherwise
 * (an empty batch is `[]`). The results are emitted as they are: the contract types are the output shape.
 */
export const jsonValue = (results: readonly CheckResult[]): CheckResult | readonly CheckResult[] =>
  results.length === 1 && results[0] !== undefined ? results[0] : results;

/** Pretty-printed with 2 spaces, ending in a newline. */
export const formatJson = (results: readonly CheckResult[]): string =>
  `${JSON.stringify(jsonValue(results), null, 2)}\n`;

export const json: Formatter = (results) => formatJson(results);
