/**
 * The ledger operations (record, show, export) behind `xborder ledger …`: each returns its exit code
 * (0 ok, 2 error) and writes through the ports it is given; the front end decides what to do with the code.
 */
import { writeFile } from 'node:fs/promises';
import { formatCount, formatTotals, type LedgerFormat } from '../ledger/format.js';
import { normaliseName } from '../ledger/key.js';
import { ledgerEntryOf, type RecordedManifest } from '../ledger/entry.js';
import { openLedger, redactLedgerSpec } from '../ledger/open.js';
import type { LedgerEntry, LedgerStore } from '../ledger/types.js';

export type LoadManifestResult =
  | { ok: true; manifest: RecordedManifest; counted: boolean }
  | { ok: false; message: string };

export interface LedgerDeps {
  /** Loads and validates a manifest; `counted` says whether the rule pack counts this transfer toward thresholds. */
  loadManifest(file: string): Promise<LoadManifestResult>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Store factory, injectable for tests; defaults to openLedger. `readOnly` for show and export (no migration). */
  open?: (spec: string | undefined, opts?: { readOnly?: boolean }) => Promise<LedgerStore>;
}

export const EXIT_OK = 0;
export const EXIT_ERROR = 2;

interface Io { out: (t: string) => void; err: (t: string) => void; open: NonNullable<LedgerDeps['open']> }

function io(deps: LedgerDeps): Io {
  return {
    out: deps.stdout,
    err: deps.stderr,
    open: deps.open ?? ((spec, opts) => openLedger(spec, opts)),
  };
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Opens the ledger, runs `fn`, always closes; errors become one stderr line and exit code 2. */
async function withLedger(x: Io, spec: string | undefined, fn: (store: LedgerStore) => Promise<number>, readOnly = false): Promise<number> {
  let store: LedgerStore;
  try {
    store = await x.open(spec, { readOnly });
  } catch (err) {
    x.err(`xborder ledger: cannot open ledger${spec ? ` ${redactLedgerSpec(spec)}` : ''}: ${message(err)}\n`);
    return EXIT_ERROR;
  }
  try {
    return await fn(store);
  } catch (err) {
    x.err(`xborder ledger: ${message(err)}\n`);
    return EXIT_ERROR;
  } finally {
    await store.close().catch(() => undefined);
  }
}

/** Records each manifest; a bad file is reported and skipped, and the run still ends with code 2. */
export async function runRecord(files: readonly string[], opts: { ledger?: string }, deps: LedgerDeps): Promise<number> {
  const x = io(deps);
  return withLedger(x, opts.ledger, async (store) => {
    let code = EXIT_OK;
    for (const file of files) {
      // A loader that throws is treated like one that reports a problem: the other files still get recorded.
      const loaded = await deps.loadManifest(file).catch((e: unknown): LoadManifestResult => ({ ok: false, message: message(e) }));
      if (!loaded.ok) {
        x.err(`xborder ledger: ${file}: ${loaded.message}\n`);
        code = EXIT_ERROR;
        continue;
      }
      const { manifest, counted } = loaded;
      try {
        const entry = ledgerEntryOf(manifest, counted);
        const res = await store.record(entry);
        x.out(recordMessage(entry, res.recorded, res.totals) + '\n');
        if (res.conflict) x.out(`  note: ${res.conflict === 'name-with-several-usccs' ? 'this name is recorded with more than one USCC' : 'this USCC is recorded with more than one name'}; check --ledger reports review for this exporter until a person resolves it\n`);
      } catch (err) {
        x.err(`xborder ledger: ${file}: ${message(err)}\n`);
        code = EXIT_ERROR;
      }
    }
    return code;
  });
}

/** "recorded tm-1 for X 2026: 60,000 individuals (year total 60,000; sensitive 0)". Counts and ids only. */
export function recordMessage(entry: LedgerEntry, recorded: boolean, totals: { individuals: number; sensitiveIndividuals: number }): string {
  const year = entry.date.slice(0, 4);
  const yearTotals = `year total ${formatCount(totals.individuals)}; sensitive ${formatCount(totals.sensitiveIndividuals)}`;
  if (!recorded) return `already recorded ${entry.manifestId} for ${entry.exporter} ${year} (no change; ${yearTotals})`;
  const sensitive = entry.sensitiveIndividuals > 0 ? `, ${formatCount(entry.sensitiveIndividuals)} sensitive` : '';
  const exempt = entry.counted ? '' : ', exempt: recorded but not counted';
  return `recorded ${entry.manifestId} for ${entry.exporter} ${year}: ${formatCount(entry.individuals)} individuals${sensitive}${exempt} (${yearTotals})`;
}

function parseYear(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}$/.test(value)) throw new Error(`--year must be a four-digit year, got ${JSON.stringify(value)}`);
  return Number(value);
}

export async function runShow(opts: { ledger?: string; exporter?: string; year?: string }, deps: LedgerDeps): Promise<number> {
  const x = io(deps);
  let year: number | undefined;
  try {
    year = parseYear(opts.year);
  } catch (err) {
    x.err(`xborder ledger: ${message(err)}\n`);
    return EXIT_ERROR;
  }
  return withLedger(x, opts.ledger, async (store) => {
    const rows = await store.list({ exporter: normaliseName(opts.exporter ?? '') || undefined, year });
    x.out(rows.length ? formatTotals(rows, 'table') : 'no transfers recorded\n');
    return EXIT_OK;
  }, true);
}

export async function runExport(opts: { ledger?: string; format?: string; output?: string }, deps: LedgerDeps): Promise<number> {
  const x = io(deps);
  const format = (opts.format ?? 'csv') as LedgerFormat;
  if (format !== 'csv' && format !== 'json') {
    x.err(`xborder ledger: --format must be csv or json, got ${JSON.stringify(opts.format)}\n`);
    return EXIT_ERROR;
  }
  return withLedger(x, opts.ledger, async (store) => {
    const text = formatTotals(await store.list(), format);
    if (opts.output) await writeFile(opts.output, text);
    else x.out(text);
    return EXIT_OK;
  }, true);
}
