import { describe, expect, it } from 'vitest';
import { entryYear } from '../../src/ledger/entry.js';
import type { LedgerEntry } from '../../src/ledger/types.js';

const entry = (date: string) => ({ manifestId: 'tm-1', date }) as unknown as LedgerEntry;

describe('ledger entry dates', () => {
  it('counts an entry in the calendar year of its transfer date', () => {
    expect(entryYear(entry('2024-02-29'))).toBe(2024);
    expect(entryYear(entry('2026-12-31'))).toBe(2026);
  });
  it('refuses what is not a real YYYY-MM-DD date, as the PostgreSQL DATE column would', () => {
    for (const d of ['2026-02-30', '2025-02-29', '2026-13-01', '2026-1-01', '20260101', '']) {
      expect(() => entryYear(entry(d)), d).toThrow(`manifest tm-1: date must be a valid YYYY-MM-DD, got ${JSON.stringify(d)}`);
    }
  });
});
