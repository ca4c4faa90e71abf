/**
 * `xborder pack coverage`: how much of each published zone list the packs encode. "Published" figures come only
 * from the pack (`list.published`, `scenario.fields`), each stated by a cited source; a figure no source gives is
 * `unknown`, never guessed. docs/coverage.md and the README's zone figures are this report (`npm run docs:coverage`).
 */
import { writeFileSync } from 'node:fs';
import type { CompiledPack } from '../compile/compile-pack.js';
import type { LoadPacksOptions } from '../load/load-packs.js';
import type { AppIO } from './io.js';
import { loadPacksOrReport } from './packs.js';

export type CoverageFormat = 'text' | 'markdown' | 'json';

/** A figure as published: a number a source states, or null (unknown). */
type Figure = number | null;

export interface ScenarioCoverage {
  id: string;
  title: string;
  sector: string | null;
  coverage: 'complete' | 'partial';
  publishedFields: Figure;
  encodedFields: number;
  source: string;
}

export interface ListCoverage {
  pack: string;
  version: string;
  zone: string;
  region: string | null;
  effective: { from: string; to: string | null };
  kind: string;
  name: { en: string; zh: string };
  source: string;
  published: { sectors: Figure; scenarios: Figure; subclasses: Figure; fields: Figure; source: string | null };
  /**
   * What the pack holds. Entries are the list's items (fields); for a catalogue they are its sub-classes. The table
   * does not model a negative list's sub-classes, so `subclasses` is null there.
   */
  encoded: { sectors: number; scenarios: number; complete: number; partial: number; subclasses: number | null; fields: number | null; entries: number };
  scenarios: ScenarioCoverage[];
  sources: string[];
}

/** Coverage of every zone list among the packs, ordered by pack id. */
export function listCoverage(packs: readonly CompiledPack[]): ListCoverage[] {
  const out: ListCoverage[] = [];
  for (const p of [...packs].sort((a, b) => a.meta.id.localeCompare(b.meta.id))) {
    const list = p.list;
    const scope = p.meta.scope;
    if (!list || scope.kind !== 'zone') continue;
    const pub = list.published;
    const catalogue = list.kind === 'catalogue';
    const complete = list.scenarios.filter((s) => s.coverage === 'complete').length;
    out.push({
      pack: p.meta.id,
      version: p.meta.version,
      zone: scope.zone,
      region: scope.region ?? null,
      effective: { from: p.meta.effective.from, to: p.meta.effective.to ?? null },
      kind: list.kind,
      name: list.name,
      source: list.source,
      published: { sectors: pub?.sectors ?? null, scenarios: pub?.scenarios ?? null, subclasses: pub?.subclasses ?? null, fields: pub?.fields ?? null, source: pub?.source ?? null },
      encoded: {
        sectors: new Set(list.scenarios.flatMap((s) => (s.sector ? [s.sector] : []))).size,
        scenarios: list.scenarios.length,
        complete,
        partial: list.scenarios.length - complete,
        subclasses: catalogue ? list.entries.length : null,
        fields: catalogue ? null : list.entries.length,
        entries: list.entries.length,
      },
      scenarios: list.scenarios.map((s) => ({
        id: s.id, title: s.title.en, sector: s.sector ?? null, coverage: s.coverage,
        publishedFields: s.fields ?? null, encodedFields: list.entries.filter((e) => e.scenario === s.id).length, source: s.source,
      })),
      sources: [...new Set([list.source, ...(pub ? [pub.source] : []), ...list.scenarios.map((s) => s.source), ...list.entries.map((e) => e.source)])].sort(),
    });
  }
  return out;
}

const fig = (f: Figure): string => (f === null ? 'unknown' : String(f));
const ofPublished = (encoded: number | null, published: Figure): string => (encoded === null ? `— of ${fig(published)}` : `${encoded} of ${fig(published)}`);
const inForce = (l: ListCoverage): string => `${l.effective.from} → ${l.effective.to ?? 'open'}`;

function text(lists: readonly ListCoverage[]): string {
  const out: string[] = [];
  for (const l of lists) {
    out.push(`${l.name.en}  (${l.pack} ${l.version}, ${l.kind}, zone ${l.zone}${l.region ? `, region ${l.region}` : ''}, ${inForce(l)})`);
    out.push(`  sectors      ${ofPublished(l.encoded.sectors, l.published.sectors)}`);
    out.push(`  scenarios    ${ofPublished(l.encoded.scenarios, l.published.scenarios)}  (${l.encoded.complete} complete, ${l.encoded.partial} partial)`);
    out.push(`  sub-classes  ${ofPublished(l.encoded.subclasses, l.published.subclasses)}`);
    out.push(`  fields       ${ofPublished(l.encoded.fields, l.published.fields)}`);
    for (const s of l.scenarios) out.push(`    ${s.id}  [${s.coverage}]  fields ${s.encodedFields} of ${fig(s.publishedFields)}`);
    out.push(`  figures from ${l.published.source ?? 'no source (every published figure unknown)'}`);
    out.push(`  sources      ${l.sources.join('\n               ')}`);
    out.push('');
  }
  out.push(`${lists.length} lists; ${lists.reduce((n, l) => n + l.encoded.entries, 0)} entries encoded; ${lists.reduce((n, l) => n + l.encoded.complete, 0)} complete scenarios`);
  return `${out.join('\n')}\n`;
}

const cell = (s: string): string => s.replace(/\|/g, '\\|');

/** The summary table, encoded "of" published per list (also the README's zone figures, between its coverage markers). */
export function coverageTable(lists: readonly ListCoverage[]): string[] {
  return [
    '| list | pack | in force | sectors | scenarios | complete / partial | sub-classes | fields |',
    '|---|---|---|---|---|---|---|---|',
    ...lists.map((l) => `| ${cell(l.name.en)} | \`${l.pack}\` | ${inForce(l)} | ${ofPublished(l.encoded.sectors, l.published.sectors)} | ${ofPublished(l.encoded.scenarios, l.published.scenarios)} | ${l.encoded.complete} / ${l.encoded.partial} | ${ofPublished(l.encoded.subclasses, l.published.subclasses)} | ${ofPublished(l.encoded.fields, l.published.fields)} |`),
  ];
}

/** README.md with the lines between its coverage markers replaced by the summary table. */
export function withReadmeFigures(readme: string, lists: readonly ListCoverage[]): string {
  const start = '<!-- coverage:start (npm run docs:coverage) -->';
  const end = '<!-- coverage:end -->';
  const i = readme.indexOf(start);
  const j = readme.indexOf(end);
  if (i < 0 || j < i) throw new Error(`README.md has no "${start}" … "${end}" block`);
  return `${readme.slice(0, i + start.length)}\n${coverageTable(lists).join('\n')}\n${readme.slice(j)}`;
}

function markdown(lists: readonly ListCoverage[]): string {
  const out = [
    '# Zone list coverage',
    '',
    '<!-- Generated by `npm run docs:coverage` (`xborder pack coverage --format markdown`); do not edit by hand. -->',
    '',
    'How much of each published list the bundled packs encode. A published figure is shown only where a cited source states it',
    '("unknown" otherwise). Entries are the list\'s items (fields); a catalogue\'s entries are its sub-classes, and the table does not',
    'model a negative list\'s sub-classes ("—"). A scenario is complete only when a source shows all of it and every field is encoded.',
    '',
    ...coverageTable(lists),
  ];
  for (const l of lists) {
    out.push('', `## ${cell(l.name.en)}`, '', `${l.name.zh} · \`${l.pack}\` ${l.version} · ${l.kind} list · zone \`${l.zone}\`${l.region ? `, region \`${l.region}\`` : ''} · ${inForce(l)}`, '');
    out.push(`Published figures: ${l.published.source ?? 'no source gives them (unknown)'}`, '');
    if (l.scenarios.length) {
      out.push('| scenario | sector | coverage | fields encoded | fields published |', '|---|---|---|---|---|');
      for (const s of l.scenarios) out.push(`| \`${s.id}\` ${cell(s.title)} | ${s.sector ?? '—'} | ${s.coverage} | ${s.encodedFields} | ${fig(s.publishedFields)} |`);
    } else {
      out.push('No scenario is encoded: a transfer by an exporter this list binds gets `review` (`<zone>.list.unencoded`) unless a valid security assessment is in place.');
    }
    out.push('', 'Sources:', '', ...l.sources.map((u) => `- <${u}>`));
  }
  return `${out.join('\n')}\n`;
}

/** The report in one format (also what docs/coverage.md holds, in markdown). */
export function formatCoverage(lists: readonly ListCoverage[], format: CoverageFormat): string {
  if (format === 'json') return `${JSON.stringify({ lists }, null, 2)}\n`;
  return format === 'markdown' ? markdown(lists) : text(lists);
}

/** `xborder pack coverage`: exit 0, or 2 when the packs do not load. */
export async function packCoverage(paths: readonly string[], io: AppIO, o: { format: CoverageFormat; output?: string }, load: LoadPacksOptions = {}): Promise<number> {
  const set = await loadPacksOrReport(paths, io, load);
  if (!set) return 2;
  const report = formatCoverage(listCoverage(set.packs), o.format);
  if (o.output) writeFileSync(o.output, report);
  else io.stdout(report);
  return 0;
}
