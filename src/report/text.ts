/** Plain text for a person at a terminal: verdict, mechanism, why, what to do next, citations. */
import type { CheckResult, Lang, Mechanism, Outcome, Verdict } from '../model/verdict.js';
import { citationIn, isError } from '../model/verdict.js';
import { errorItems, pick, position, waivedNote } from './common.js';
import { summaryLine, tallyLine } from './summary.js';
import type { FormatContext, Formatter, ReportFormat } from './types.js';
import { groupDigits } from '../util/numbers.js';

const VERDICT: Record<Outcome, Record<Lang, string>> = {
  pass: { en: 'PASS', zh: '通过' },
  review: { en: 'REVIEW', zh: '需人工审查' },
  fail: { en: 'FAIL', zh: '不通过' },
};
export const MECHANISM_TEXT: Record<Mechanism, Record<Lang, string>> = {
  none: { en: 'no mechanism required', zh: '无需申报评估、订立标准合同或认证' },
  'contract-or-certification': { en: 'standard contract (filed) or certification required', zh: '须订立并备案标准合同或通过个人信息保护认证' },
  'security-assessment': { en: 'CAC security assessment required', zh: '须通过数据出境安全评估' },
  prohibited: { en: 'may not be transferred as declared', zh: '不得按所申报方式出境' },
};
const LABEL = {
  why: { en: 'Why', zh: '原因' },
  next: { en: 'What to do next', zh: '下一步' },
  duties: { en: 'Duties that still apply', zh: '仍须履行的义务' },
  counts: { en: 'Individuals this year (incl. this transfer)', zh: '当年累计人数（含本次）' },
  sensitive: { en: 'sensitive', zh: '敏感' },
  fromLedger: { en: 'earlier transfers from the ledger', zh: '此前累计数来自台账' },
  fromManifest: { en: 'earlier transfers as declared in the manifest', zh: '此前累计数来自清单申报' },
  packs: { en: 'Rule packs', zh: '规则包' },
  asOf: { en: 'as of', zh: '评估日期' },
  exempted: { en: 'set aside by exemption', zh: '因豁免不适用' },
  error: { en: 'ERROR', zh: '错误' },
} satisfies Record<string, Record<Lang, string>>;

const SGR = { red: 31, green: 32, yellow: 33, dim: 2, bold: 1 } as const;
const paint = (on: boolean) => (style: keyof typeof SGR, s: string): string => (on ? `\u001b[${SGR[style]}m${s}\u001b[0m` : s);
const COLOR_OF: Record<Outcome, keyof typeof SGR> = { pass: 'green', review: 'yellow', fail: 'red' };
const MARK: Record<Outcome, string> = { pass: '✓', review: '?', fail: '✗' };

function verdictBlock(v: Verdict, lang: Lang, c: ReturnType<typeof paint>): string[] {
  const out: string[] = [];
  out.push(`${c('bold', v.source || v.manifest)}  ${c('dim', `${v.manifest} · ${LABEL.asOf[lang]} ${v.asOf}`)}`);
  out.push(`  ${c(COLOR_OF[v.verdict], c('bold', VERDICT[v.verdict][lang]))}  ${MECHANISM_TEXT[v.mechanism][lang]}`);
  if (v.counts.individuals || v.counts.sensitiveIndividuals) {
    const src = v.countsSource === 'ledger' ? ` (${LABEL.fromLedger[lang]})` : v.countsSource === 'manifest' ? ` (${LABEL.fromManifest[lang]})` : '';
    out.push(`  ${LABEL.counts[lang]}: ${groupDigits(v.counts.individuals)}; ${LABEL.sensitive[lang]} ${groupDigits(v.counts.sensitiveIndividuals)}${c('dim', src)}`);
  }
  out.push(`  ${LABEL.why[lang]}:`);
  for (const f of v.findings) {
    out.push(`    ${c(COLOR_OF[f.outcome], MARK[f.outcome])} ${pick(f.message, lang)}`);
    out.push(`      ${c('dim', `${citationIn(f, lang)} · ${f.rule} · ${position(v.source, f.line, f.column)} ${f.path}`)}`);
    if (f.waived) out.push(`      ${c('yellow', waivedNote(f.waived, lang))}`);
    for (const r of f.reasons ?? []) {
      out.push(`        ${c('dim', `${r.held === true ? '✓' : r.held === false ? '✗' : '·'} ${r.fact} ${r.operator} ${JSON.stringify(r.expected)} ← ${JSON.stringify(r.actual)}${r.path ? ` ${r.path}` : ''}`)}`);
    }
  }
  for (const e of v.exempted ?? []) out.push(`    ${c('dim', `– ${e.rule}: ${LABEL.exempted[lang]} (${e.by})`)}`);
  const actions = v.findings.filter((f) => f.action && f.outcome !== 'pass');
  if (actions.length) {
    out.push(`  ${LABEL.next[lang]}:`);
    for (const f of actions) if (f.action) out.push(`    → ${pick(f.action, lang)}`);
  }
  if (v.obligations.length) {
    out.push(`  ${LABEL.duties[lang]}:`);
    for (const o of v.obligations) out.push(`    • ${pick(o.message, lang)} ${c('dim', `(${citationIn(o, lang)})`)}`);
  }
  for (const w of v.warnings ?? []) out.push(`  ${c('yellow', '!')} ${pick(w.message, lang)}`);
  out.push(`  ${c('dim', `${LABEL.packs[lang]}: ${v.packs.map((p) => `${p.id} ${p.version}`).join(', ') || '-'}`)}`);
  return out;
}

function errorBlock(r: Extract<CheckResult, { error: unknown }>, lang: Lang, c: ReturnType<typeof paint>): string[] {
  const out = [`${c('bold', r.source)}${r.manifest ? `  ${c('dim', r.manifest)}` : ''}`, `  ${c('red', c('bold', LABEL.error[lang]))}`];
  for (const item of errorItems(r)) out.push(`    ${position(r.source, item.line, item.column)} ${item.message}`);
  return out;
}

/** One result's block, without separators (the batch writer streams these). */
export const textBlock = (r: CheckResult, ctx: FormatContext): string => {
  const c = paint(ctx.color);
  return (isError(r) ? errorBlock(r, ctx.lang, c) : verdictBlock(r, ctx.lang, c)).join('\n');
};

export const text: Formatter = (results, ctx) => {
  const blocks = results.map((r) => textBlock(r, ctx));
  return `${blocks.join('\n\n')}\n\n${summaryLine(results, ctx.failOn)}\n`;
};

export const format: ReportFormat = {
  whole: text,
  stream: { begin: () => '', item: textBlock, separator: '\n\n', end: (ctx, t) => `\n\n${tallyLine(t, ctx.failOn)}\n` },
};
