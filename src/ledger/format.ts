/** Renderers for ledger totals: pure functions, rows in, text out. */
import type { TotalsRow } from './types.js';
import { groupDigits } from '../util/numbers.js';
import { displayWidth, padEndWidth, padStartWidth } from '../util/display-width.js';

const COLUMNS = [
  ['exporter', 'exporter'],
  ['year', 'year'],
  ['transfers', 'transfers'],
  ['individuals', 'individuals'],
  ['sensitiveIndividuals', 'sensitive_individuals'],
  ['uncountedIndividuals', 'uncounted_individuals'],
  ['uncountedSensitiveIndividuals', 'uncounted_sensitive_individuals'],
] as const satisfies readonly (readonly [keyof TotalsRow, string])[];

const TABLE_HEADERS: Record<keyof TotalsRow, string> = {
  exporter: 'Exporter',
  year: 'Year',
  transfers: 'Transfers',
  individuals: 'Individuals',
  sensitiveIndividuals: 'Sensitive',
  // "Uncounted", as the CSV's uncounted_* columns: exempt transfers the thresholds do not count (exemptionsNotCounted).
  uncountedIndividuals: 'Uncounted individuals',
  uncountedSensitiveIndividuals: 'Uncounted sensitive',
};

/** The table's headers with --lang zh (`ledger show`); CSV and JSON keep their field names in any language. */
const TABLE_HEADERS_ZH: Record<keyof TotalsRow, string> = {
  exporter: '数据处理者',
  year: '年度',
  transfers: '出境次数',
  individuals: '个人信息人数',
  sensitiveIndividuals: '敏感个人信息人数',
  uncountedIndividuals: '豁免人数',
  uncountedSensitiveIndividuals: '豁免敏感人数',
};

export type LedgerFormat = 'table' | 'csv' | 'json';

/** 60000 → "60,000": the form the CLI uses in every message. */
export const formatCount = groupDigits;

/** Control characters (ESC, CR…) and format characters (bidi overrides, zero-width): harmful or invisible on a terminal. */
const UNPRINTABLE = /[\p{Cc}\p{Cf}]/gu;

/** Text for a terminal: each control or bidi/format character shown as a visible \u{…} escape, never sent raw. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => `\\u{${(c.codePointAt(0) ?? 0).toString(16).toUpperCase()}}`);
}

/**
 * Aligned plain-text table; numbers right-aligned with thousands separators. Years print without grouping.
 * Columns are measured in display width: a Chinese exporter name takes two columns per character.
 */
export function formatTable(rows: readonly TotalsRow[], lang: 'en' | 'zh' = 'en'): string {
  const cells = rows.map((r) => COLUMNS.map(([key]) => {
    const v = r[key];
    return key === 'exporter' ? printable(v as string) : key === 'year' ? String(v) : formatCount(v as number);
  }));
  const header = COLUMNS.map(([key]) => (lang === 'zh' ? TABLE_HEADERS_ZH : TABLE_HEADERS)[key]);
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...cells.map((c) => displayWidth(c[i] ?? ''))));
  const line = (c: readonly string[]): string =>
    c.map((v, i) => (i === 0 ? padEndWidth(v, widths[i] ?? 0) : padStartWidth(v, widths[i] ?? 0))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n') + '\n';
}

/**
 * RFC 4180 field: quoted when it holds a comma, quote, CR or LF; inner quotes doubled. A text starting with
 * = + - @, a tab or a CR would be read as a formula by spreadsheets (=HYPERLINK(…), @SUM(…)): it gets a leading
 * apostrophe, which spreadsheets show as text.
 */
export function csvField(value: string): string {
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Excel reads a CSV file without a byte order mark in the system's code page (GBK on a Chinese system), not UTF-8. */
const UTF8_BOM = '\uFEFF';

/**
 * RFC 4180 CSV with a header row and CRLF line breaks; numbers unformatted so spreadsheets read them as numbers.
 * It starts with a UTF-8 byte order mark, so Excel shows Chinese exporter names instead of mojibake.
 */
export function formatCsv(rows: readonly TotalsRow[]): string {
  const lines = [COLUMNS.map(([, name]) => name).join(',')];
  for (const r of rows) lines.push(COLUMNS.map(([key]) => (key === 'exporter' ? csvField(r[key]) : String(r[key]))).join(','));
  return UTF8_BOM + lines.join('\r\n') + '\r\n';
}

/** JSON array of rows, with the same field names as TotalsRow. */
export function formatJson(rows: readonly TotalsRow[]): string {
  return JSON.stringify(rows.map((r) => Object.fromEntries(COLUMNS.map(([key]) => [key, r[key]]))), null, 2) + '\n';
}

export function formatTotals(rows: readonly TotalsRow[], format: LedgerFormat): string {
  switch (format) {
    case 'table': return formatTable(rows);
    case 'csv': return formatCsv(rows);
    case 'json': return formatJson(rows);
  }
}
