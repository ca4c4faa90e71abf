/**
 * `xborder pack coverage`: how much of each published zone list the packs encode. "Published" figures come only
 * from the pack (`list.published`, `scenario.fields`), each stated by a cited source; a figure no source gives is
 * `unknown`, never guessed. docs/coverage.md and the README's zone figures are this report (`npm run docs:coverage`).
 */
import { periodText } from '../util/dates.js';
import { counted } from '../util/numbers.js';
import { MESSAGES, say } from './messages.js';
import { isRunFile, writeOutputFile } from './report-files.js';
import type { CompiledPack } from '../compile/compile-pack.js';
import type { LoadPacksOptions } from '../load/load-packs.js';
import type { AppIO } from './io.js';
import type { Lang } from '../model/verdict.js';
import { loadPacksWithBaseHint } from './packs.js';
import { COVERAGE_TEXT as W } from './pack-messages.js';

export type CoverageFormat = 'text' | 'markdown' | 'json';

/** A figure as published: a number a source states, or null (unknown). */
type Figure = number | null;

export interface ScenarioCoverage {
  id: string;
  title: string;
  titleZh: string;
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
    // An unconfirmed entry (its source names the scenario, not the entry) is not encoded list content.
    const confirmed = list.entries.filter((e) => !e.unconfirmed);
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
        subclasses: catalogue ? confirmed.length : null,
        fields: catalogue ? null : confirmed.length,
        entries: confirmed.length,
      },
      scenarios: list.scenarios.map((s) => ({
        id: s.id, title: s.title.en, titleZh: s.title.zh, sector: s.sector ?? null, coverage: s.coverage,
        publishedFields: s.fields ?? null, encodedFields: confirmed.filter((e) => e.scenario === s.id).length, source: s.source,
      })),
      sources: [...new Set([list.source, ...(pub ? [pub.source] : []), ...list.scenarios.map((s) => s.source), ...list.entries.map((e) => e.source)])].sort(),
    });
  }
  return out;
}

const fig = (f: Figure, lang: Lang = 'en'): string => (f === null ? W.unknown[lang] : String(f));
/** Encoded against published: "12 of 23" (en); "已收录 12，已公布 23" (zh), or "12 / 23" in a table cell. */
const ofPublished = (encoded: number | null, published: Figure, lang: Lang = 'en', cellZh = false): string =>
  (lang === 'zh'
    ? (cellZh ? `${encoded ?? '—'} / ${fig(published, lang)}` : `已收录 ${encoded ?? '—'}，已公布 ${fig(published, lang)}`)
    : encoded === null ? `— of ${fig(published)}` : `${encoded} of ${fig(published)}`);
const inForce = (l: ListCoverage, lang: Lang = 'en'): string => periodText(l.effective, W.open[lang]);
const listKind = (kind: string, lang: Lang): string => W[kind as 'negative' | 'catalogue' | 'general-data']?.[lang] ?? kind;

/** The words of the text and markdown reports that are sentences, not single words (those are in W). */
const REPORT = {
  en: {
    head: (l: ListCoverage): string => `${l.name.en}  (${l.pack} ${l.version}, ${l.kind}, zone ${l.zone}${l.region ? `, region ${l.region}` : ''}, ${inForce(l)})`,
    figuresLabel: W.figuresFrom.en,
    split: (l: ListCoverage): string => `  (${l.encoded.complete} complete, ${l.encoded.partial} partial)`,
    scenario: (s: ScenarioCoverage): string => `    ${s.id}  [${s.coverage}]  ${W.fields.en} ${ofPublished(s.encodedFields, s.publishedFields)}`,
    total: (n: number, entries: number, complete: number): string => `${counted(n, 'list')}; ${counted(entries, 'entry', 'entries')} encoded; ${counted(complete, 'complete scenario')}`,
    labelWidth: 13,
    mdTitle: '# Zone list coverage',
    mdGenerated: '<!-- Generated by `npm run docs:coverage` (`xborder pack coverage --format markdown`); do not edit by hand. -->',
    mdIntro: [
      'How much of each published list the bundled packs encode. A published figure is shown only where a cited source states it',
      '("unknown" otherwise). Entries are the list\'s items (fields); a catalogue\'s entries are its sub-classes, and the table does not',
      'model a negative list\'s sub-classes ("—"). A scenario is complete only when a source shows all of it and every field is encoded.',
    ],
    mdHeading: (l: ListCoverage): string => cell(l.name.en),
    mdMeta: (l: ListCoverage): string => `${l.name.zh} · \`${l.pack}\` ${l.version} · ${l.kind} list · zone \`${l.zone}\`${l.region ? `, region \`${l.region}\`` : ''} · ${inForce(l)}`,
    mdFigures: (l: ListCoverage): string => `Published figures: ${l.published.source ?? 'no source gives them (unknown)'}`,
    mdScenarioHeader: '| scenario | sector | coverage | fields encoded | fields published |',
    mdScenarioRow: (s: ScenarioCoverage): string => `| \`${s.id}\` ${cell(s.title)} | ${s.sector ?? '—'} | ${s.coverage} | ${s.encodedFields} | ${fig(s.publishedFields)} |`,
    mdNoScenario: 'No scenario is encoded: a transfer by an exporter this list binds gets `review` (`<zone>.list.unencoded`) unless a valid security assessment is in place.',
    mdSources: 'Sources:',
  },
  zh: {
    head: (l: ListCoverage): string => `${l.name.zh}（${l.pack} ${l.version}，${listKind(l.kind, 'zh')}，试验区 ${l.zone}${l.region ? `，地区 ${l.region}` : ''}，有效期 ${inForce(l, 'zh')}）`,
    figuresLabel: '数字出处',
    split: (l: ListCoverage): string => `（完整收录 ${l.encoded.complete}，部分收录 ${l.encoded.partial}）`,
    scenario: (s: ScenarioCoverage): string => `    ${s.id}  [${W[s.coverage].zh}]  ${W.fields.zh} ${ofPublished(s.encodedFields, s.publishedFields, 'zh')}`,
    total: (n: number, entries: number, complete: number): string => `共 ${n} 份清单；已收录 ${entries} 个条目；完整收录的场景 ${complete} 个`,
    // Two CJK characters take four columns: labels padded to line up like the English ones.
    labelWidth: 10,
    mdTitle: '# 试验区清单收录情况',
    mdGenerated: '<!-- 由 `xborder pack coverage --format markdown --lang zh` 生成。 -->',
    mdIntro: [
      '各份已公布清单被规则包收录的程度。只有在所引来源载明时才列出公布数字，否则为“未知”。条目即清单所列的数据项（字段）；目录的条目是其子类，',
      '本表不为负面清单的子类建模（“—”）。只有当来源显示某场景的全部内容且其每个字段均已收录时，该场景才算完整收录。',
    ],
    mdHeading: (l: ListCoverage): string => cell(l.name.zh),
    mdMeta: (l: ListCoverage): string => `\`${l.pack}\` ${l.version} · ${listKind(l.kind, 'zh')} · 试验区 \`${l.zone}\`${l.region ? `，地区 \`${l.region}\`` : ''} · 有效期 ${inForce(l, 'zh')}`,
    mdFigures: (l: ListCoverage): string => `公布数字出处：${l.published.source ?? '无来源载明（未知）'}`,
    mdScenarioHeader: '| 场景 | 行业 | 收录情况 | 已收录字段 | 已公布字段 |',
    mdScenarioRow: (s: ScenarioCoverage): string => `| \`${s.id}\` ${cell(s.titleZh)} | ${s.sector ?? '—'} | ${W[s.coverage].zh} | ${s.encodedFields} | ${fig(s.publishedFields, 'zh')} |`,
    mdNoScenario: '未收录任何场景：受该清单约束的出境方，除已通过有效的数据出境安全评估外，结论为需人工审查（`<zone>.list.unencoded`）。',
    mdSources: '来源：',
  },
};

/** `label` padded to `width` terminal columns (a CJK character takes two). */
const padLabel = (label: string, width: number): string => {
  let cols = 0;
  for (const c of label) cols += c.charCodeAt(0) >= 0x2e80 ? 2 : 1;
  return label + ' '.repeat(Math.max(1, width - cols));
};

function text(lists: readonly ListCoverage[], lang: Lang): string {
  const r = REPORT[lang];
  const label = (word: string): string => `  ${padLabel(word, r.labelWidth)}`;
  const out: string[] = [];
  for (const l of lists) {
    out.push(r.head(l));
    out.push(`${label(W.sectors[lang])}${ofPublished(l.encoded.sectors, l.published.sectors, lang)}`);
    out.push(`${label(W.scenarios[lang])}${ofPublished(l.encoded.scenarios, l.published.scenarios, lang)}${r.split(l)}`);
    out.push(`${label(W.subclasses[lang])}${ofPublished(l.encoded.subclasses, l.published.subclasses, lang)}`);
    out.push(`${label(W.fields[lang])}${ofPublished(l.encoded.fields, l.published.fields, lang)}`);
    for (const sc of l.scenarios) out.push(r.scenario(sc));
    out.push(`${label(r.figuresLabel)}${l.published.source ?? W.noFigures[lang]}`);
    out.push(`${label(W.sources[lang])}${l.sources.join(`\n${' '.repeat(2 + r.labelWidth)}`)}`);
    out.push('');
  }
  out.push(r.total(lists.length, lists.reduce((n, l) => n + l.encoded.entries, 0), lists.reduce((n, l) => n + l.encoded.complete, 0)));
  return `${out.join('\n')}\n`;
}

const cell = (s: string): string => s.replace(/\|/g, '\\|');

/** The summary table, encoded "of" published per list (also the README's zone figures, between its coverage markers). */
function coverageTable(lists: readonly ListCoverage[], lang: Lang = 'en'): string[] {
  if (lang === 'zh') {
    const n = (encoded: number | null, published: Figure): string => ofPublished(encoded, published, 'zh', true);
    return [
      '| 清单 | 规则包 | 有效期 | 行业（已收录 / 已公布） | 场景（已收录 / 已公布） | 完整 / 部分收录的场景 | 子类（已收录 / 已公布） | 字段（已收录 / 已公布） |',
      '|---|---|---|---|---|---|---|---|',
      ...lists.map((l) => `| ${cell(l.name.zh)} | \`${l.pack}\` | ${inForce(l, 'zh')} | ${n(l.encoded.sectors, l.published.sectors)} | ${n(l.encoded.scenarios, l.published.scenarios)} | ${l.encoded.complete} / ${l.encoded.partial} | ${n(l.encoded.subclasses, l.published.subclasses)} | ${n(l.encoded.fields, l.published.fields)} |`),
    ];
  }
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

function markdown(lists: readonly ListCoverage[], lang: Lang): string {
  const r = REPORT[lang];
  const out = [r.mdTitle, '', r.mdGenerated, '', ...r.mdIntro, '', ...coverageTable(lists, lang)];
  for (const l of lists) {
    out.push('', `## ${r.mdHeading(l)}`, '', r.mdMeta(l), '');
    out.push(r.mdFigures(l), '');
    if (l.scenarios.length) {
      out.push(r.mdScenarioHeader, '|---|---|---|---|---|');
      for (const sc of l.scenarios) out.push(r.mdScenarioRow(sc));
    } else {
      out.push(r.mdNoScenario);
    }
    out.push('', r.mdSources, '', ...l.sources.map((u) => `- <${u}>`));
  }
  return `${out.join('\n')}\n`;
}

/** The report in one format (also what docs/coverage.md holds, in markdown); JSON is the same in both languages. */
export function formatCoverage(lists: readonly ListCoverage[], format: CoverageFormat, lang: Lang = 'en'): string {
  if (format === 'json') return `${JSON.stringify({ lists }, null, 2)}\n`;
  return format === 'markdown' ? markdown(lists, lang) : text(lists, lang);
}

/** `xborder pack coverage`: exit 0, or 2 when the packs do not load. */
export async function packCoverage(paths: readonly string[], io: AppIO, o: { format: CoverageFormat; output?: string; lang?: Lang }, load: LoadPacksOptions = {}): Promise<number> {
  const lang = o.lang ?? 'en';
  const set = await loadPacksWithBaseHint('coverage', paths, io, load, lang);
  if (!set) return 2;
  const report = formatCoverage(listCoverage(set.packs), o.format, lang);
  if (!o.output) { io.stdout(report); return 0; }
  // Never over a pack it read (`pack coverage rules -o rules/cn-national/pack.yaml` replaced the national pack, exit 0).
  if (isRunFile(o.output, set.packs.map((p) => p.uri))) { say(io.stderr, lang, MESSAGES.reportOverRunFile(o.output)); return 2; }
  const problem = writeOutputFile(o.output, report);
  if (problem) say(io.stderr, lang, problem);
  return problem ? 2 : 0;
}
