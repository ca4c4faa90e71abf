/**
 * The ledger operations (record, show, export) behind `xborder ledger …`: each returns its exit code (0 ok,
 * 2 error) and works through the AppIO it is given; what they say is in MESSAGES (--lang), after "xborder ledger: ".
 */
import { isRunFile, writeOutputFile } from './report-files.js';
import type { PackSet } from '../evaluate/pack-set.js';
import { resolveMaxBytes } from '../io/files.js';
import { formatTable, formatTotals, type LedgerFormat } from '../ledger/format.js';
import { normaliseName } from '../ledger/key.js';
import { ledgerEntryOf } from '../ledger/entry.js';
import { openLedger, parseLedgerSpec, redactLedgerSpec } from '../ledger/open.js';
import type { LedgerStore } from '../ledger/types.js';
import type { Bilingual, Lang } from '../model/verdict.js';
import type { AppIO } from './io.js';
import { loadForLedger, type LoadManifestResult } from './ledger-record.js';
import { MESSAGES, thrown } from './messages.js';

const EXIT_OK = 0;
const EXIT_ERROR = 2;

interface LedgerOptions {
  /** The --ledger value; undefined: XBORDER_LEDGER (from io.env), else .xborder/ledger.db. */
  ledger?: string;
  lang?: Lang;
}

interface RecordOptions extends LedgerOptions {
  /** The packs that decide which transfers count (exemptionsNotCounted): the run's, loaded as `check` loads them. */
  packs: PackSet;
  /** --max-bytes; undefined: XBORDER_MAX_BYTES (from io.env), else 10 MB, as for check. */
  maxBytes?: number;
}

/** One line on stderr, "xborder ledger: " first, in the language of the run. */
const complain = (io: AppIO, lang: Lang, m: Bilingual, file?: string): void =>
  io.stderr(`xborder ledger: ${file !== undefined ? `${file}: ` : ''}${m[lang]}\n`);

/** Errors from the store and the loader are English sentences; --lang zh translates them (src/report/error-text.ts). */
const failure = (err: unknown): Bilingual => thrown(err instanceof Error ? err.message : String(err));

/** Opens the ledger (XBORDER_LEDGER from io.env), runs `fn`, always closes; errors become one stderr line and exit code 2. */
async function withLedger(io: AppIO, lang: Lang, spec: string | undefined, fn: (store: LedgerStore) => Promise<number>, readOnly = false): Promise<number> {
  let store: LedgerStore;
  try {
    store = await openLedger(spec, { readOnly }, io.env);
  } catch (err) {
    complain(io, lang, MESSAGES.ledgerUnavailable(spec && redactLedgerSpec(spec), failure(err)[lang]));
    return EXIT_ERROR;
  }
  try {
    return await fn(store);
  } catch (err) {
    complain(io, lang, failure(err));
    return EXIT_ERROR;
  } finally {
    await store.close().catch(() => undefined);
  }
}

/** Records each manifest; a bad file is reported and skipped, and the run still ends with code 2. */
export async function runRecord(files: readonly string[], opts: RecordOptions, io: AppIO): Promise<number> {
  const lang = opts.lang ?? 'en';
  let maxBytes: number;
  try {
    maxBytes = resolveMaxBytes(opts.maxBytes, io.env);
  } catch (err) {
    complain(io, lang, failure(err));
    return EXIT_ERROR;
  }
  // Every file read first: with none to record, no ledger is opened (a first `record` would create one).
  // A loader that throws is treated like one that reports a problem: the other files still get recorded.
  const all = await Promise.all(files.map(async (file) => ({
    file, loaded: await loadForLedger(file, opts.packs, maxBytes).catch((e: unknown): LoadManifestResult => ({ ok: false, message: failure(e) })),
  })));
  if (!all.some((x) => x.loaded.ok)) {
    for (const { file, loaded } of all) if (!loaded.ok) complain(io, lang, loaded.message, file);
    return EXIT_ERROR;
  }
  return withLedger(io, lang, opts.ledger, async (store) => {
    let code = EXIT_OK;
    for (const { file, loaded } of all) {
      if (!loaded.ok) {
        complain(io, lang, loaded.message, file);
        code = EXIT_ERROR;
        continue;
      }
      try {
        const entry = ledgerEntryOf(loaded.manifest, loaded.counted);
        const res = await store.record(entry);
        io.stdout(`${MESSAGES.ledgerRecorded(entry, res.recorded, res.totals)[lang]}\n`);
        if (res.conflict) io.stdout(`${MESSAGES.ledgerConflictNote(res.conflict)[lang]}\n`);
      } catch (err) {
        complain(io, lang, failure(err), file);
        code = EXIT_ERROR;
      }
    }
    return code;
  });
}

export async function runShow(opts: LedgerOptions & { exporter?: string; year?: string }, io: AppIO): Promise<number> {
  const lang = opts.lang ?? 'en';
  if (opts.year !== undefined && !/^\d{4}$/.test(opts.year)) {
    complain(io, lang, MESSAGES.ledgerBadYear(opts.year));
    return EXIT_ERROR;
  }
  const year = opts.year === undefined ? undefined : Number(opts.year);
  return withLedger(io, lang, opts.ledger, async (store) => {
    const rows = await store.list({ exporter: normaliseName(opts.exporter ?? '') || undefined, year });
    io.stdout(rows.length ? formatTable(rows, lang) : `${MESSAGES.ledgerNoTransfers()[lang]}\n`);
    return EXIT_OK;
  }, true);
}

/** The ledger's file, if it is a SQLite one ([] for a URL or a spec openLedger will refuse). */
function sqliteFile(spec: string | undefined, env: AppIO['env']): string[] {
  try {
    const target = parseLedgerSpec(spec, env);
    return target.kind === 'sqlite' ? [target.file] : [];
  } catch {
    return [];
  }
}

export async function runExport(opts: LedgerOptions & { format?: string; output?: string }, io: AppIO): Promise<number> {
  const lang = opts.lang ?? 'en';
  const format = (opts.format ?? 'csv') as LedgerFormat;
  if (format !== 'csv' && format !== 'json') {
    complain(io, lang, MESSAGES.ledgerBadFormat(opts.format));
    return EXIT_ERROR;
  }
  // Never over the ledger it exports (`--ledger l.db --output l.db` destroyed the year's totals).
  if (opts.output !== undefined && isRunFile(opts.output, sqliteFile(opts.ledger, io.env))) {
    complain(io, lang, MESSAGES.reportOverRunFile(opts.output));
    return EXIT_ERROR;
  }
  return withLedger(io, lang, opts.ledger, async (store) => {
    const text = formatTotals(await store.list(), format);
    if (!opts.output) { io.stdout(text); return EXIT_OK; }
    const problem = writeOutputFile(opts.output, text);
    if (problem) complain(io, lang, problem);
    return problem ? EXIT_ERROR : EXIT_OK;
  }, true);
}
