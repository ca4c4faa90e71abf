/** --format sarif: SARIF 2.1.0 for code-scanning consumers (GitHub code scanning, IDE viewers). */
import type { CheckResult, Finding, Lang, Verdict } from '../model/verdict.js';
import { citationIn, isError, ruleKey } from '../model/verdict.js';
import type { FormatContext, Formatter, ReportFormat, RuleInfo } from './types.js';
import { INVALID_MANIFEST_REF, INVALID_MANIFEST_RULE, errorItems, failsGateAs, pick, reportedFindings, waivedNote, withCitation } from './common.js';
import { exitCode } from './summary.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** Where users learn about the tool; SARIF viewers link it from the tool name. */
export const XBORDER_INFORMATION_URI = 'https://www.npmjs.com/package/xborder';

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
  ruleIndex: number;
  level: 'error' | 'warning';
  message: SarifMessage;
  locations: SarifLocation[];
  suppressions?: { kind: 'external'; status: 'accepted'; justification: string }[];
  properties: Record<string, unknown>;
}

const INVALID_MANIFEST_INFO: RuleInfo = {
  ...INVALID_MANIFEST_REF,
  packVersion: '',
  title: { en: 'Manifest could not be read or is invalid', zh: '清单无法读取或无效' },
  citation: '',
  description: {
    en: 'The manifest could not be read, parsed or validated against the manifest schema, so no verdict was given.',
    zh: '清单无法读取、解析或未通过清单模式校验，因此未给出结论。',
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

/** A finding whose rule the context does not know still needs a descriptor, or ruleIndex would dangle. */
const fallbackInfo = (f: Finding, v: Verdict): RuleInfo => ({
  id: f.rule,
  pack: f.pack,
  packVersion: v.packs.find((p) => p.id === f.pack)?.version ?? '',
  title: { en: f.rule, zh: f.rule },
  citation: f.citation,
  citationZh: f.citationZh,
});

/** Pack rules sorted by id (stable across runs), then unknown finding rules in order met, then invalid-manifest. */
const collectRules = (results: readonly CheckResult[], ctx: FormatContext): RuleInfo[] => {
  const byKey = (a: RuleInfo, b: RuleInfo): number => { const [x, y] = [ruleKey(a), ruleKey(b)]; return x < y ? -1 : x > y ? 1 : 0; };
  const rules = [...ctx.rules.values()].sort(byKey);
  const known = new Set(rules.map(ruleKey));
  for (const r of results) {
    if (isError(r)) continue;
    for (const f of reportedFindings(r)) {
      const key = ruleKey({ pack: f.pack, id: f.rule });
      if (!known.has(key)) {
        known.add(key);
        rules.push(fallbackInfo(f, r));
      }
    }
  }
  if (!known.has(INVALID_MANIFEST_RULE)) rules.push(INVALID_MANIFEST_INFO);
  return rules;
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
    ruleId: ruleKey({ pack: f.pack, id: f.rule }),
    ruleIndex: index.get(ruleKey({ pack: f.pack, id: f.rule })) ?? -1,
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

export const sarif: Formatter = (results, ctx) => {
  const rules = collectRules(results, ctx);
  const index = new Map(rules.map((r, i) => [ruleKey(r), i]));
  const out: SarifResult[] = [];
  for (const r of results) {
    if (!isError(r)) {
      out.push(...verdictResults(r, ctx, index));
      continue;
    }
    for (const item of errorItems(r, ctx.lang)) {
      out.push({
        ruleId: INVALID_MANIFEST_RULE,
        ruleIndex: index.get(INVALID_MANIFEST_RULE) ?? -1,
        level: 'error',
        message: { text: item.message },
        locations: [location(r.source, r.manifest, item.path, item.line, item.column)],
        properties: { code: r.error.code, ...(r.manifest ? { manifest: r.manifest } : {}) },
      });
    }
  }
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'xborder',
            version: ctx.toolVersion,
            informationUri: XBORDER_INFORMATION_URI,
            rules: rules.map((r) => ruleDescriptor(r, ctx.lang)),
          },
        },
        // An invalid manifest means the run could not check everything (exit code 2).
        invocations: [{ executionSuccessful: !results.some(isError), exitCode: exitCode(results, ctx.failOn) }],
        // Columns come from JS string offsets (the yaml LineCounter), i.e. UTF-16 code units.
        columnKind: 'utf16CodeUnits',
        results: out,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};

export const format: ReportFormat = { whole: sarif };
