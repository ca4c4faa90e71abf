/**
 * The ledger operations (record, show, export) behind `xborder ledger …`: each returns its exit code
 * (0 ok, 2 error) and writes through the ports it is given; the front end decides what to do with the code.
 */
import { writeFile } from 'node:fs/promises';
import { formatCount, formatTable, formatTotals, type LedgerFormat } from '../ledger/format.js';
import { normaliseName } from '../ledger/key.js';
import { ledgerEntryOf, type RecordedManifest } from '../ledger/entry.js';
import { openLedger, redactLedgerSpec } from '../ledger/open.js';
import type { LedgerEntry, LedgerStore } from '../ledger/types.js';
import type { Bilingual, Lang } from '../model/verdict.js';
import { errorMessageIn } from '../report/error-text.js';

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

interface Io { out: (t: string) => void; err: (t: string) => void; open: NonNullable<LedgerDeps['open']>; lang: Lang }

function io(deps: LedgerDeps, lang: Lang = 'en'): Io {
  return {
    out: deps.stdout,
    err: (t) => deps.stderr(`xborder ledger: ${t}\n`),
    open: deps.open ?? ((spec, opts) => openLedger(spec, opts)),
    lang,
  };
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Errors from the store and the loader are English sentences; --lang zh translates them (src/report/error-text.ts). */
const failure = (err: unknown, lang: Lang): string => errorMessageIn(message(err), lang);

/** What the ledger commands say themselves, in both languages (--lang). Ids, paths and options stay as typed. */
const TEXT = {
  cannotOpen: (spec: string | undefined, why: string): Bilingual => ({
    en: `cannot open ledger${spec ? ` ${spec}` : ''}: ${why}`, zh: `无法打开台账${spec ? ` ${spec}` : ''}：${why}`,
  }),
  noTransfers: { en: 'no transfers recorded', zh: '台账中尚无出境记录' },
  conflict: (kind: 'name-with-several-usccs' | string): Bilingual => kind === 'name-with-several-usccs'
    ? { en: 'this name is recorded with more than one USCC', zh: '该名称在台账中对应多个统一社会信用代码' }
    : { en: 'this USCC is recorded with more than one name', zh: '该统一社会信用代码在台账中对应多个名称' },
  note: (what: string): Bilingual => ({
    en: `  note: ${what}; check --ledger reports review for this exporter until a person resolves it`,
    zh: `  注意：${what}；在人工处理之前，check --ledger 对该数据处理者的结论为需人工审查`,
  }),
} as const;

/** Opens the ledger, runs `fn`, always closes; errors become one stderr line and exit code 2. */
async function withLedger(x: Io, spec: string | undefined, fn: (store: LedgerStore) => Promise<number>, readOnly = false): Promise<number> {
  let store: LedgerStore;
  try {
    store = await x.open(spec, { readOnly });
  } catch (err) {
    x.err(TEXT.cannotOpen(spec && redactLedgerSpec(spec), failure(err, x.lang))[x.lang]);
    return EXIT_ERROR;
  }
  try {
    return await fn(store);
  } catch (err) {
    x.err(failure(err, x.lang));
    return EXIT_ERROR;
  } finally {
    await store.close().catch(() => undefined);
  }
}

/** Records each manifest; a bad file is reported and skipped, and the run still ends with code 2. */
export async function runRecord(files: readonly string[], opts: { ledger?: string; lang?: Lang }, deps: LedgerDeps): Promise<number> {
  const x = io(deps, opts.lang);
  return withLedger(x, opts.ledger, async (store) => {
    let code = EXIT_OK;
    for (const file of files) {
      // A loader that throws is treated like one that reports a problem: the other files still get recorded.
      const loaded = await deps.loadManifest(file).catch((e: unknown): LoadManifestResult => ({ ok: false, message: message(e) }));
      if (!loaded.ok) {
        x.err(`${file}: ${errorMessageIn(loaded.message, x.lang)}`);
        code = EXIT_ERROR;
        continue;
      }
      const { manifest, counted } = loaded;
      try {
        const entry = ledgerEntryOf(manifest, counted);
        const res = await store.record(entry);
        x.out(recordMessage(entry, res.recorded, res.totals, x.lang) + '\n');
        if (res.conflict) x.out(`${TEXT.note(TEXT.conflict(res.conflict)[x.lang])[x.lang]}\n`);
      } catch (err) {
        x.err(`${file}: ${failure(err, x.lang)}`);
        code = EXIT_ERROR;
      }
    }
    return code;
  });
}

/** "recorded tm-1 for X 2026: 60,000 individuals (year total 60,000; sensitive 0)". Counts and ids only. */
export function recordMessage(entry: LedgerEntry, recorded: boolean, totals: { individuals: number; sensitiveIndividuals: number }, lang: Lang = 'en'): string {
  const year = entry.date.slice(0, 4);
  if (lang === 'zh') {
    const yearZh = `全年累计 ${formatCount(totals.individuals)} 人；敏感 ${formatCount(totals.sensitiveIndividuals)} 人`;
    if (!recorded) return `已记录过 ${entry.manifestId}（${entry.exporter}，${year}年），未作更改（${yearZh}）`;
    const sensitiveZh = entry.sensitiveIndividuals > 0 ? `，其中敏感 ${formatCount(entry.sensitiveIndividuals)} 人` : '';
    const exemptZh = entry.counted ? '' : '，豁免：已记录但不计入累计';
    return `已记录 ${entry.manifestId}（${entry.exporter}，${year}年）：${formatCount(entry.individuals)} 人${sensitiveZh}${exemptZh}（${yearZh}）`;
  }
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

export async function runShow(opts: { ledger?: string; exporter?: string; year?: string; lang?: Lang }, deps: LedgerDeps): Promise<number> {
  const x = io(deps, opts.lang);
  let year: number | undefined;
  try {
    year = parseYear(opts.year);
  } catch (err) {
    x.err(failure(err, x.lang));
    return EXIT_ERROR;
  }
  return withLedger(x, opts.ledger, async (store) => {
    const rows = await store.list({ exporter: normaliseName(opts.exporter ?? '') || undefined, year });
    x.out(rows.length ? formatTable(rows, x.lang) : `${TEXT.noTransfers[x.lang]}\n`);
    return EXIT_OK;
  }, true);
}

export async function runExport(opts: { ledger?: string; format?: string; output?: string; lang?: Lang }, deps: LedgerDeps): Promise<number> {
  const x = io(deps, opts.lang);
  const format = (opts.format ?? 'csv') as LedgerFormat;
  if (format !== 'csv' && format !== 'json') {
    x.err(`--format must be csv or json, got ${JSON.stringify(opts.format)}`);
    return EXIT_ERROR;
  }
  return withLedger(x, opts.ledger, async (store) => {
    const text = formatTotals(await store.list(), format);
    if (opts.output) await writeFile(opts.output, text);
    else x.out(text);
    return EXIT_OK;
  }, true);
}
