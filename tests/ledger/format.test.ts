import { describe, expect, it } from 'vitest';
import { csvField, formatCount, formatCsv, formatJson, formatTable, formatTotals } from '../../src/ledger/format.js';
import type { TotalsRow } from '../../src/ledger/types.js';

const rows: TotalsRow[] = [
  { exporter: '91310000MA1FL0000X', year: 2026, transfers: 3, individuals: 92_000, sensitiveIndividuals: 15,
    uncountedIndividuals: 5_000, uncountedSensitiveIndividuals: 0 },
  { exporter: 'Acme, "Shanghai" Ltd\nBranch', year: 2025, transfers: 1, individuals: 1_234_567, sensitiveIndividuals: 0,
    uncountedIndividuals: 0, uncountedSensitiveIndividuals: 0 },
];

describe('ledger formats', () => {
  it('groups thousands', () => {
    expect(formatCount(60_000)).toBe('60,000');
    expect(formatCount(0)).toBe('0');
  });

  it('quotes CSV fields per RFC 4180 only when needed', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
  });

  it('writes CSV with a UTF-8 byte order mark, a header, CRLF line ends and unformatted numbers', () => {
    expect(formatCsv(rows)).toBe(
      '\uFEFFexporter,year,transfers,individuals,sensitive_individuals,uncounted_individuals,uncounted_sensitive_individuals\r\n'
      + '91310000MA1FL0000X,2026,3,92000,15,5000,0\r\n'
      + '"Acme, ""Shanghai"" Ltd\nBranch",2025,1,1234567,0,0,0\r\n');
    expect(formatCsv([])).toBe(
      '\uFEFFexporter,year,transfers,individuals,sensitive_individuals,uncounted_individuals,uncounted_sensitive_individuals\r\n');
  });

  it('writes JSON that round-trips to the rows', () => {
    expect(JSON.parse(formatJson(rows))).toEqual(rows);
    expect(formatTotals([], 'json')).toBe('[]\n');
  });

  it('renders an aligned table with grouped numbers and plain years', () => {
    const text = formatTable(rows.slice(0, 1));
    expect(text).toBe([
      'Exporter            Year  Transfers  Individuals  Sensitive  Uncounted individuals  Uncounted sensitive',
      '------------------  ----  ---------  -----------  ---------  ---------------------  -------------------',
      '91310000MA1FL0000X  2026          3       92,000         15                  5,000                    0',
      '',
    ].join('\n'));
  });
});
