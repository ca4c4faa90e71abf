/** --format sarif: SARIF 2.1.0 for code-scanning consumers (GitHub code scanning, IDE viewers). */
import type { Bilingual, CheckResult, Lang, Verdict } from '../model/verdict.js';
import { citationIn, FAIL_CLOSED_CITATION, isError, ruleKey } from '../model/verdict.js';
import { BUILTIN_RULES } from '../evaluate/checker-findings.js';
import type { FormatContext, Formatter, ReportFormat, ResultStream, RuleInfo } from './types.js';
import { INVALID_MANIFEST_REF, INVALID_MANIFEST_RULE, errorItems, failsGateAs, pick, reportedFindings, waivedNote, withCitation } from './common.js';
import { concatenated } from './assemble.js';
import { tallyExitCode } from './summary.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

// Minimal structural types for what we emit; the full SARIF model is far larger than we need.
interface SarifMessage { text: string; markdown?: string }
interface SarifRule {
  id: string;
  name: string;
  shortDescription: SarifMessage;
  fullDescription: SarifMessage;
  help: SarifMessage;
  helpUri?: string;
  properties: { pack: string; packVersion: string; citation: string };
}
interface SarifRegion { startLine: number; startColumn?: number }
interface SarifLocation {
  physicalLocation: { artifactLocation: { uri: string }; region?: SarifRegion };
  logicalLocations?: { name: string; fullyQualifiedName: string }[];
}
interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  level: 'error' | 'warning';
  message: SarifMessage;
  locations: SarifLocation[];
  suppressions?: { kind: 'external'; status: 'accepted'; justification: string }[];
  properties: Record<string, unknown>;
}

const INVALID_MANIFEST_INFO: RuleInfo = {
  ...INVALID_MANIFEST_REF,
  packVersion: '',
  title: { en: 'Manifest could not be read or is invalid', zh: '出境说明无法读取或无效' },
  citation: '',
  description: {
    en: 'The manifest could not be read, parsed or validated against the manifest schema, so no verdict was given.',
    zh: '出境说明无法读取、解析或未通过出境说明格式校验，因此未给出结论。',
  },
};

/**
 * SARIF `uri` must be a URI reference: keep the relative path as given, but use `/` separators and
 * percent-encode what would otherwise change its meaning (spaces, non-ASCII, `#`, `?`, a leading `x:`).
 */
export const toUriReference = (path: string): string => {
  const encoded = encodeURI(path.replace(/\\/g, '/')).replace(/#/g, '%23').replace(/\?/g, '%3F');
  const first = encoded.split('/')[0] ?? '';
  return first.includes(':') ? `./${encoded}` : encoded;
};

const ruleDescriptor = (info: RuleInfo, lang: Lang): SarifRule => {
  const title = pick(info.title, lang);
  const description = info.description ? pick(info.description, lang) : title;
  const cited = citationIn(info, lang);
  const label = (en: string, zh: string, value: string): string => (lang === 'zh' ? `${zh}：${value}` : `${en}: ${value}`);
  const citation = cited ? label('Citation', '依据', cited) : '';
  const source = info.source ? label('Source', '来源', info.source) : '';
  const help = [description, citation, source].filter(Boolean).join('\n');
  // The SARIF rule id is qualified by the pack: two editions of a list share bare rule ids.
  return {
    id: ruleKey(info),
    name: info.id,
    shortDescription: { text: title },
    fullDescription: { text: cited ? withCitation(description, cited, lang) : description },
    help: { text: help },
    ...(info.source ? { helpUri: info.source } : {}),
    properties: { pack: info.pack, packVersion: info.packVersion, citation: info.citation },
  };
};

/** Titles of the checker's own fail-closed rules (src/evaluate/checker-findings.ts), so their findings have descriptors too. */
export const BUILTIN_TITLES: Record<(typeof BUILTIN_RULES)[number], Bilingual> = {
  'xborder.no-pack-in-force': { en: 'No rule pack in force on the transfer date', zh: '转移日期无有效规则包' },
  'xborder.no-decision': { en: 'The rules reached no decision', zh: '规则未得出结论' },
  'xborder.evaluation-error': { en: 'The rules could not be evaluated', zh: '规则无法评估' },
  'xborder.ledger-unavailable': { en: 'Year-to-date totals unavailable (ledger)', zh: '无法读取年度累计数（台账）' },
  'xborder.ledger-identity-conflict': { en: "The exporter's identities conflict in the ledger", zh: '台账中数据处理者身份冲突' },
  'xborder.unknown-scenario': { en: 'Scenario not known to the zone list', zh: '场景不在自贸区清单中' },
  'xborder.zone-region-mismatch': { en: 'Zone and region disagree', zh: '自贸区与地区不一致' },
  'xborder.sector-unstated': { en: 'Sector not given, and sector rules would apply', zh: '未载明所属行业，而行业规则可能适用' },
  'xborder.prior-unstated': { en: 'Earlier transfers this year not stated, and they decide the verdict', zh: '未载明当年此前的出境数量，而其影响结论' },
  'xborder.exemptions-uncounted': { en: 'Exempt transfers the ledger does not count decide the verdict', zh: '台账未计入的豁免出境影响结论' },
  'xborder.run-undercount': { en: 'Earlier transfers in the same run exceed the stated year-to-date totals', zh: '同批检查中的此前出境多于所载当年累计数' },
  'xborder.zone-list-not-loaded': { en: 'A zone list binds the exporter, and no loaded pack encodes it', zh: '试验区清单适用于出境方，但未加载收录该清单的规则包' },
  'xborder.sector-rules-not-loaded': { en: 'Sector rules bind the exporter, and no loaded pack encodes them', zh: '行业数据规定适用于出境方，但未加载收录该规定的规则包' },
};

/**
 * What each of them means and what to do: SARIF's fullDescription and help, and `xborder explain`. Partial, so a
 * new built-in id needs only its title; one without a description is described by its title.
 */
const BUILTIN_DESCRIPTIONS: Partial<Record<(typeof BUILTIN_RULES)[number], Bilingual>> = {
  'xborder.no-pack-in-force': {
    en: 'No loaded national rule pack is in force on the transfer date (or --as-of), so no rule can decide: a person decides under the law of that date. Check the date, or load the packs for that period (--pack).',
    zh: '出境日期（或 --as-of 所指日期）没有已加载的有效国家规则包，任何规则都无法判断，须人工依当时法律判断。请核对日期，或加载适用该期间的规则包（`--pack`）。',
  },
  'xborder.no-decision': {
    en: 'No rule of the applied packs decided this transfer: they do not cover it, so a person must review it.',
    zh: '所适用的规则包中没有规则对该出境作出判断（未覆盖此情形），须人工审查。',
  },
  'xborder.evaluation-error': {
    en: 'The rules could not be evaluated for this transfer (the finding names the error); a person must review it.',
    zh: '规则无法对该出境进行评估（原因见该发现），须人工审查。',
  },
  'xborder.ledger-unavailable': {
    en: 'The ledger (--ledger) could not be read, so the year-to-date totals are unknown and the run exits 2. Make the ledger readable and check again.',
    zh: '无法读取台账（`--ledger`），当年累计人数未知，运行以退出码 2 结束。请恢复台账后重新检查。',
  },
  'xborder.ledger-identity-conflict': {
    en: "The exporter's name and USCC are linked to different identities in the ledger, so one company's year-to-date totals may be split: a person must confirm who the exporter is.",
    zh: '台账中该数据处理者的名称与统一社会信用代码对应不同的身份，同一公司的当年累计数可能被拆分，须人工确认数据处理者身份。',
  },
  'xborder.unknown-scenario': {
    en: 'purpose.scenario is not a scenario of a zone list that binds this exporter on the date: check the zone, the date and the scenario id (`xborder zones`, `xborder explain --scenarios`). The verdict follows the rules that do apply.',
    zh: '`purpose.scenario` 所载场景不属于当日约束该出境方的任何试验区清单；请核对试验区、日期和场景标识（`xborder zones`、`xborder explain --scenarios`）。结论按实际适用的规则作出。',
  },
  'xborder.zone-region-mismatch': {
    en: "exporter.zone and exporter.region disagree: a person must confirm where the exporter is registered before the zone's list is relied on.",
    zh: '`exporter.zone` 与 `exporter.region` 不一致：须人工确认出境方的登记地后方可适用该试验区清单。',
  },
  'xborder.sector-unstated': {
    en: 'exporter.sector is not given, and a sector pack would decide this transfer differently for an exporter in its sector: state the sector.',
    zh: '未填写 `exporter.sector`，而行业规则包对属于该行业的出境方会作出不同结论：请填写所属行业。',
  },
  'xborder.prior-unstated': {
    en: "Earlier transfers this year (personalInformation.priorThisYear) are not stated and no ledger was read: they count as none, yet enough of them would make this transfer need more than the verdict says. State them (0 when there were none), or check with --ledger.",
    zh: '未填写当年此前的出境数量（`personalInformation.priorThisYear`），也未读取台账：此处按零计算，但此前出境较多时，本次出境的要求将高于本结论。请填写（没有则填 0），或使用 --ledger 检查。',
  },
  'xborder.exemptions-uncounted': {
    en: "The ledger records transfers made under the Art 5(1)-(3) exemptions without counting them toward the year's totals (exemptionsNotCounted, a reading no source confirms); counted, they would make this transfer need more than the verdict says. A person decides which reading applies; a zone administrator who settles it sets the national pack's exemptionsNotCounted (to [] to count them).",
    zh: '台账记录依第五条第一至三项豁免情形的出境，但不计入当年累计人数（exemptionsNotCounted，尚无来源确认的理解）；如计入，本次出境的要求将高于本结论。须人工判断适用哪一种理解；如问题已明确，可修改国家规则包的 exemptionsNotCounted 参数（设为 [] 即计入）。',
  },
  'xborder.run-undercount': {
    en: "The same run holds other transfers of this exporter in the same year, dated on or before this one, that its earlier totals (priorThisYear, or the ledger) leave out; counted, they would make this transfer need more (or a pass already written for one of them is contradicted). Correct priorThisYear, or record the transfers in a ledger and check with --ledger.",
    zh: '同批检查中有该出境方同年、日期不晚于本次的其他出境，而本次所载当年累计数（`priorThisYear` 或台账）未计入；计入后本次出境的要求将更高（或与已得出的某项通过结论相矛盾）。请更正 `priorThisYear`，或将各次出境记入台账后使用 --ledger 检查。',
  },
  'xborder.zone-list-not-loaded': {
    en: "A pilot zone's data list is known to bind the exporter's zone (exporter.zone) on the transfer date, but no loaded rule pack encodes it (--pack named other packs): the list may name an item important data, so nothing passes unseen. Load the zone's pack (the bundled rules/ hold it), or check the items against the list; a valid security assessment settles it.",
    zh: '已知出境方所在试验区的数据清单在出境日期适用，但已加载的规则包均未收录（指定加载了其他规则包）：清单可能将数据列为重要数据，不得未经核对即通过。请加载该试验区的规则包（内置规则包已收录），或对照清单核对各数据项；已通过有效的数据出境安全评估的除外。',
  },
  'xborder.sector-rules-not-loaded': {
    en: "Sector rules (the automotive data provisions) are known to bind the exporter's sector (exporter.sector) on the transfer date, but no loaded rule pack encodes them (--pack named other packs): they may name an item important data, so nothing passes unseen. Load the sector's pack (the bundled rules/ hold it), or check the items against those rules; a valid security assessment settles it.",
    zh: '已知出境方所属行业（`exporter.sector`）的行业数据规定（如汽车数据安全管理规定）在出境日期适用，但已加载的规则包均未收录（指定加载了其他规则包）：相关规定可能将数据列为重要数据，不得未经核对即通过。请加载该行业的规则包（内置规则包已收录），或对照相关规定核对各数据项；已通过有效的数据出境安全评估的除外。',
  },
};

const builtinInfo = (id: (typeof BUILTIN_RULES)[number]): RuleInfo => {
  const description = BUILTIN_DESCRIPTIONS[id];
  return { pack: 'xborder', id, packVersion: '', title: BUILTIN_TITLES[id], citation: FAIL_CLOSED_CITATION.en, citationZh: FAIL_CLOSED_CITATION.zh, ...(description ? { description } : {}) };
};

/**
 * The checker's own rules as the SARIF table lists them (every id of BUILTIN_RULES, then invalid-manifest): also
 * what `xborder explain` shows for them, so a new built-in id is explained from the same text with no other wiring.
 */
export const checkerRules = (): RuleInfo[] => [...BUILTIN_RULES.map(builtinInfo), INVALID_MANIFEST_INFO];

/**
 * The rules table, from the context alone (so each result's `ruleIndex` is known where it is rendered, in a
 * worker too): pack rules sorted by key (stable across runs), the checker's own rules, then invalid-manifest.
 */
function ruleTable(ctx: FormatContext): { rules: RuleInfo[]; index: Map<string, number> } {
  const cached = TABLES.get(ctx.rules);
  if (cached) return cached;
  const byKey = (a: RuleInfo, b: RuleInfo): number => { const [x, y] = [ruleKey(a), ruleKey(b)]; return x < y ? -1 : x > y ? 1 : 0; };
  const rules = [...ctx.rules.values()].sort(byKey);
  for (const info of checkerRules()) if (!ctx.rules.has(ruleKey(info))) rules.push(info);
  const table = { rules, index: new Map(rules.map((r, i) => [ruleKey(r), i])) };
  TABLES.set(ctx.rules, table);
  return table;
}
const TABLES = new WeakMap<ReadonlyMap<string, RuleInfo>, { rules: RuleInfo[]; index: Map<string, number> }>();

/** `ruleIndex` when the table has the rule; a rule it lacks is named by `ruleId` alone (SARIF allows it), never a dangling index. */
const ruleRef = (key: string, index: Map<string, number>): { ruleId: string; ruleIndex?: number } => {
  const i = index.get(key);
  return i === undefined ? { ruleId: key } : { ruleId: key, ruleIndex: i };
};

const location = (source: string, manifest: string | undefined, path?: string, line?: number, column?: number): SarifLocation => {
  const region: SarifRegion | undefined =
    line === undefined ? undefined : column === undefined ? { startLine: line } : { startLine: line, startColumn: column };
  return {
    physicalLocation: { artifactLocation: { uri: toUriReference(source) }, ...(region ? { region } : {}) },
    ...(path !== undefined
      ? { logicalLocations: [{ name: path, fullyQualifiedName: `${manifest ?? source}${path}` }] }
      : {}),
  };
};

const verdictResults = (v: Verdict, ctx: FormatContext, index: Map<string, number>): SarifResult[] =>
  reportedFindings(v).map((f) => ({
    ...ruleRef(ruleKey({ pack: f.pack, id: f.rule }), index),
    level: failsGateAs(f.outcome, ctx.failOn) && !f.waived ? 'error' : 'warning',
    message: { text: withCitation(pick(f.message, ctx.lang), citationIn(f, ctx.lang), ctx.lang) },
    locations: [location(v.source, v.manifest, f.path, f.line, f.column)],
    // A waived finding stays a result, suppressed as accepted (what code scanning shows as dismissed).
    ...(f.waived ? { suppressions: [{ kind: 'external' as const, status: 'accepted' as const, justification: waivedNote(f.waived, ctx.lang) }] } : {}),
    properties: {
      manifest: v.manifest,
      verdict: v.verdict,
      outcome: f.outcome,
      ...(f.mechanism ? { mechanism: f.mechanism } : {}),
      pack: f.pack,
      citation: f.citation,
    },
  }));

const resultsOf = (r: CheckResult, ctx: FormatContext): SarifResult[] => {
  const { index } = ruleTable(ctx);
  if (!isError(r)) return verdictResults(r, ctx, index);
  return errorItems(r, ctx.lang).map((item) => ({
    ...ruleRef(INVALID_MANIFEST_RULE, index),
    level: 'error',
    message: { text: item.message },
    locations: [location(r.source, r.manifest, item.path, item.line, item.column)],
    properties: { code: r.error.code, ...(r.manifest ? { manifest: r.manifest } : {}) },
  }));
};

/** JSON.stringify(v, null, 2) nested `depth` spaces deep. */
const nested = (v: unknown, depth: number): string => JSON.stringify(v, null, 2).replace(/\n/g, `\n${' '.repeat(depth)}`);

/**
 * The log is written by hand in the layout JSON.stringify(log, null, 2) has, with the run's members in an order
 * that lets it stream (JSON objects are unordered): the tool and its rules, then the results as they come, then
 * the invocation, whose exit code needs the whole batch.
 */
const stream: ResultStream = {
  begin: (ctx) => {
    const tool = { driver: { name: 'xborder', version: ctx.toolVersion, ...(ctx.toolUri ? { informationUri: ctx.toolUri } : {}), rules: ruleTable(ctx).rules.map((r) => ruleDescriptor(r, ctx.lang)) } };
    // Columns come from JS string offsets (the yaml LineCounter), i.e. UTF-16 code units.
    return `{\n  "$schema": ${JSON.stringify(SARIF_SCHEMA)},\n  "version": "2.1.0",\n  "runs": [\n    {\n      "tool": ${nested(tool, 6)},\n      "columnKind": "utf16CodeUnits",\n      "results": [`;
  },
  item: (r, ctx) => resultsOf(r, ctx).map((x) => `\n        ${nested(x, 8)}`).join(','),
  separator: ',',
  // An invalid manifest means the run could not check everything (exit code 2).
  end: (_ctx, t) => `\n      ],\n      "invocations": ${nested([{ executionSuccessful: t.error === 0 && !t.runError, exitCode: tallyExitCode(t) }], 6)}\n    }\n  ]\n}\n`,
};

export const sarif: Formatter = concatenated(stream);

export const format: ReportFormat = { whole: sarif, stream };
