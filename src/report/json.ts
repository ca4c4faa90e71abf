/** --format json (../shared/spec/verdict.md, "JSON output"): always an array, also for one manifest. */
import type { Formatter, ReportFormat } from './types.js';

const indent = (s: string): string => s.replace(/\n/g, '\n  ');

/** Pretty-printed with 2 spaces, ending in a newline: exactly JSON.stringify(results, null, 2). */
export const json: Formatter = (results) => `${JSON.stringify(results, null, 2)}\n`;

export const format: ReportFormat = {
  whole: json,
  stream: {
    begin: () => '[',
    item: (r) => `\n  ${indent(JSON.stringify(r, null, 2))}`,
    separator: ',',
    end: (_ctx, t) => (t.checked ? '\n]\n' : ']\n'),
  },
};
