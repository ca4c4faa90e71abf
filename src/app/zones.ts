import { checkValue, prepareManifest } from '../evaluate/pipeline.js';
import type { PackSet } from '../evaluate/pack-set.js';
import { isError, type Bilingual, type CheckResult, type Finding, type Lang, type Verdict } from '../model/verdict.js';
import { ZONE_REGION } from '../model/zones.js';
import { ZONE_TITLES } from '../model/sectors.js';
import { mechanismCell, OUTCOME_TEXT } from '../report/labels.js';
import { errorMessageIn } from '../report/error-text.js';
import { position } from '../report/common.js';
import { displayWidth, padEndWidth } from '../util/display-width.js';
import { rejectedLines } from './rejected.js';
import type { AppIO } from './io.js';
import { InputError, readStdinText, readText, resolveMaxBytes } from '../io/files.js';
import { describeScenarios, zoneScenarios, type ZoneScenarios } from '../evaluate/scenarios.js';
import type { CheckOptions } from '../evaluate/check.js';
import { openPriorTotals } from './prior-totals.js';
import { say } from './messages.js';
import { runToday } from './today.js';

export interface ZonesOptions {
  format: 'text' | 'json'; lang: Lang; asOf?: string;
  /** The ledger `check` would read (--ledger, the configuration's, XBORDER_LEDGER): its totals count in every row. */
  ledger?: string; ledgerFromEnv?: boolean;
}

/**
 * What every row is checked with, as `check` checks: `today` (a safeguard dated after it is not yet in place) and
 * the ledger's totals. Without them a row passed what `check` of the same manifest fails.
 */
export interface CompareOptions { asOf?: string; source?: string; today?: string; priorFor?: CheckOptions['priorFor'] }

/** One row of the comparison: the manifest as if its exporter were registered in `zone` ("none" = no zone). */
export interface ZoneRow {
  zone: string;
  verdict: Verdict['verdict'] | 'error';
  mechanism: Verdict['mechanism'] | '';
  /** The zone-pack finding that makes the difference against no zone, if any. */
  deciding?: { rule: string; pack: string; outcome: string; message: Bilingual };
  packs: string[];
  /** The scenarios of the zone's lists on the date (name one in purpose.scenario to use a list). */
  scenarios: ZoneScenarios[];
  error?: string;
}

const NONE = 'none';

/** Zones that have at least one loaded pack, in a stable order (the zone ids in the packs' scope). */
function zonesWithPacks(set: PackSet): string[] {
  const zones = new Set<string>();
  for (const p of set.packs) if (p.meta.scope.kind === 'zone') zones.add(p.meta.scope.zone);
  return [...zones].sort();
}

/**
 * The zone finding that decided: a finding from a zone pack, worst outcome first (findings come sorted).
 * When zone packs applied but none of their rules held, there is no deciding entry: national rules decided.
 */
function decidingEntry(v: Verdict, set: PackSet): ZoneRow['deciding'] {
  const zonePacks = new Set(set.packs.filter((p) => p.meta.scope.kind === 'zone').map((p) => p.meta.id));
  const f: Finding | undefined = v.findings.find((x) => zonePacks.has(x.pack));
  return f && { rule: f.rule, pack: f.pack, outcome: f.outcome, message: f.message };
}

/**
 * The ledger read once per counting window for all rows: they differ in the exporter's zone and region only, and
 * the ledger counts an exporter by its identity (name, USCC), whatever its zone.
 */
function readOnce(priorFor: NonNullable<CheckOptions['priorFor']>): NonNullable<CheckOptions['priorFor']> {
  const read = new Map<string, ReturnType<typeof priorFor>>();
  return (m, window) => {
    const key = `${window.fromYear}-${window.toYear}`;
    let totals = read.get(key);
    if (!totals) read.set(key, (totals = priorFor(m, window)));
    return totals;
  };
}

/** Evaluates one manifest under every zone (and none) with the library's check(); no evaluation logic here. */
export async function compareZones(manifest: Record<string, unknown>, set: PackSet, opts: CompareOptions = {}): Promise<ZoneRow[]> {
  const rows: ZoneRow[] = [];
  const priorFor = opts.priorFor && readOnce(opts.priorFor);
  for (const zone of [NONE, ...zonesWithPacks(set)]) {
    const exporter = { ...(manifest.exporter as Record<string, unknown>) };
    if (zone === NONE) delete exporter.zone;
    else [exporter.zone, exporter.region] = [zone, ZONE_REGION[zone] ?? exporter.region]; // registered there, so in its region
    const r: CheckResult = await checkValue({ ...manifest, exporter }, set, { asOf: opts.asOf, source: opts.source, today: opts.today, priorFor });
    const scenarios = zone === NONE ? [] : zoneScenarios(set.packs, zone, opts.asOf ?? (typeof manifest.date === 'string' ? manifest.date : undefined));
    if (isError(r)) rows.push({ zone, verdict: 'error', mechanism: '', packs: [], scenarios, error: r.error.message });
    else rows.push({ zone, verdict: r.verdict, mechanism: r.mechanism, deciding: zone === NONE ? undefined : decidingEntry(r, set), packs: r.packs.map((p) => p.id), scenarios });
  }
  return rows;
}

function table(rows: readonly ZoneRow[], lang: Lang): string {
  const zh = lang === 'zh';
  const head = zh ? ['试验区', '结论', '出境机制', '决定性条目'] : ['zone', 'verdict', 'mechanism', 'deciding entry'];
  const national = zh ? '—（国家规则）' : '— (national rules)';
  // Chinese names the zone, the outcome and the mechanism in words; English keeps the ids a manifest uses.
  const zoneName = (z: string): string => (zh ? (z === NONE ? '未在试验区注册' : ZONE_TITLES[z]?.zh ?? z) : z === NONE ? `${NONE} (not registered in a zone)` : z);
  const cells = rows.map((r) => [
    zoneName(r.zone),
    zh ? (r.verdict === 'error' ? '错误' : OUTCOME_TEXT[r.verdict].zh) : r.verdict,
    r.mechanism ? mechanismCell(r.mechanism, lang, r.verdict === 'error' ? undefined : r.verdict) : '-',
    r.error ? errorMessageIn(r.error, lang) : r.deciding ? (zh ? `${r.deciding.rule}（${r.deciding.pack}）` : `${r.deciding.rule} (${r.deciding.pack})`) : national,
  ]);
  // Aligned by display width: a Chinese character takes two columns.
  const widths = head.map((h, i) => Math.max(displayWidth(h), ...cells.map((c) => displayWidth(c[i]!))));
  const line = (c: string[]): string => c.map((x, i) => padEndWidth(x, widths[i]!)).join(' | ').trimEnd();
  const out = [line(head), widths.map((w) => '-'.repeat(w)).join('-|-'), ...cells.map(line)];
  const why = rows.filter((r) => r.deciding).map((r) => `  ${zoneName(r.zone)}${zh ? '：' : ': '}${r.deciding!.message[lang]}`);
  const lists = rows.flatMap((r) => r.scenarios).filter((l, i, all) => all.findIndex((x) => x.pack === l.pack) === i);
  const pick = lists.length ? `\n${zh ? '可载明的业务场景（purpose.scenario）：' : 'Scenarios to name in purpose.scenario:'}\n${describeScenarios(lists, lang)}` : '';
  return `${out.join('\n')}\n${why.length ? `\n${why.join('\n')}\n` : ''}${pick}`;
}

/**
 * `xborder zones <manifest>`: exit 0 when the comparison was made, 1 when the manifest as written fails, as `check` of
 * it would exit, 2 when the manifest cannot be read or is
 * invalid, XBORDER_TODAY is no date, or the ledger could not be read (its rows are then review, as `check` makes them).
 */
export async function zonesReport(file: string, set: PackSet, opts: ZonesOptions, io: AppIO): Promise<number> {
  const clock = runToday(io.env);
  if ('problem' in clock) {
    say(io.stderr, opts.lang, clock.problem);
    return 2;
  }
  let text: string;
  try {
    // The same size (XBORDER_MAX_BYTES, as check reads it), NUL and UTF-8 checks as every other input.
    const maxBytes = resolveMaxBytes(undefined, io.env);
    text = file === '-' ? await readStdinText(io.readStdin, maxBytes) : readText(file, maxBytes);
  } catch (err) {
    const at = err instanceof InputError ? position(file, err.line, err.column) : file;
    io.stderr(`xborder: ${at}${opts.lang === 'zh' ? '：' : ': '}${errorMessageIn((err as Error).message, opts.lang)}\n`);
    return 2;
  }
  // Validated once, as written, before any zone is tried: an invalid manifest is one located problem on stderr
  // (as `check` would find it), not the same error in every row with the value it quotes.
  const prepared = prepareManifest(text, file);
  if (!prepared.ok) {
    io.stderr(`xborder: ${rejectedLines(prepared.error, opts.lang).join('\n')}\n`);
    return 2;
  }
  const prior = await openPriorTotals(opts.ledger, io, opts.lang, 'zones', opts.ledgerFromEnv);
  let rows: ZoneRow[];
  let asWritten: CheckResult;
  try {
    const check = { asOf: opts.asOf, source: file, today: clock.today, priorFor: prior.priorFor };
    rows = await compareZones(prepared.doc.data as Record<string, unknown>, set, check);
    // The gate (verdict.md: every command) is the manifest as written, as `check` judges it: its zone may have no row
    // (no pack loaded for it), and a row takes the zone's region for the exporter's.
    asWritten = await checkValue(prepared.doc.data, set, check);
  } finally {
    await prior.close();
  }
  if (opts.format === 'json') io.stdout(`${JSON.stringify({ source: file, asOf: opts.asOf, zones: rows }, null, 2)}\n`);
  else io.stdout(table(rows, opts.lang));
  if (rows.some((r) => r.verdict === 'error') || prior.unavailable() || isError(asWritten)) return 2;
  return asWritten.verdict === 'fail' ? 1 : 0;
}
