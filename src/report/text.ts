/** Plain text for a person at a terminal: verdict, mechanism, why, what to do next, citations. */
import type { CheckResult, Lang, Outcome, Reason, Verdict } from '../model/verdict.js';
import { citationIn, isError } from '../model/verdict.js';
import { errorItems, pick, position, waivedMark, waivedNote } from './common.js';
import { summaryLine, tallyLine } from './summary.js';
import { conditionValue, HEADINGS, mechanismHeadline, operatorText, OUTCOME_TEXT } from './labels.js';
import type { FormatContext, Formatter, ReportFormat } from './types.js';
import { groupDigits } from '../util/numbers.js';

/** The verdict line's word: capitals in English; Chinese has none, so the outcome's own word. */
const VERDICT: Record<Outcome, Record<Lang, string>> = {
  pass: { en: 'PASS', zh: OUTCOME_TEXT.pass.zh },
  review: { en: 'REVIEW', zh: OUTCOME_TEXT.review.zh },
  fail: { en: 'FAIL', zh: OUTCOME_TEXT.fail.zh },
};
const LABEL = {
  why: { en: 'Why', zh: '原因' },
  next: HEADINGS.next,
  duties: HEADINGS.duties,
  counts: { en: 'Individuals this year (incl. this transfer)', zh: '当年累计人数（含本次）' },
  sensitive: { en: 'sensitive', zh: '敏感' },
  fromLedger: { en: 'earlier transfers from the ledger', zh: '此前累计数来自台账' },
  fromManifest: { en: 'earlier transfers as declared in the manifest', zh: '此前累计数来自出境说明所填数字' },
  notStated: { en: 'earlier transfers not stated: counted as none', zh: '未申报此前出境数量：按零计算' },
  packs: HEADINGS.packs,
  asOf: { en: 'as of', zh: '评估日期' },
  error: { en: 'ERROR', zh: '错误' },
} satisfies Record<string, Record<Lang, string>>;

/** A label before its content: "Why:" in English, "原因：" (full-width colon, no space) in Chinese. */
const labelled = (label: Record<Lang, string>, lang: Lang): string => `${label[lang]}${lang === 'zh' ? '：' : ':'}`;

const SGR = { red: 31, green: 32, yellow: 33, dim: 2, bold: 1 } as const;
const paint = (on: boolean) => (style: keyof typeof SGR, s: string): string => (on ? `\u001b[${SGR[style]}m${s}\u001b[0m` : s);
const COLOR_OF: Record<Outcome, keyof typeof SGR> = { pass: 'green', review: 'yellow', fail: 'red' };
const MARK: Record<Outcome, string> = { pass: '✓', review: '?', fail: '✗' };

/** With --explain, one evaluated condition: held or not, fact, operator, expected ← actual, the field it read. */
const reasonLine = (r: Reason, lang: Lang): string => {
  const mark = r.held === true ? '✓' : r.held === false ? '✗' : '·';
  const op = lang === 'zh' ? operatorText(r.operator, r.fact, 'zh') : r.operator;
  return `${mark} ${r.fact} ${op} ${conditionValue(r.expected, lang)} ← ${conditionValue(r.actual, lang)}${r.path ? ` ${r.path}` : ''}`;
};

function verdictBlock(v: Verdict, lang: Lang, c: ReturnType<typeof paint>): string[] {
  const out: string[] = [];
  out.push(`${c('bold', v.source || v.manifest)}  ${c('dim', `${v.manifest} · ${LABEL.asOf[lang]} ${v.asOf}`)}`);
  // A verdict whose failing findings are all waived is headed as waived, in yellow: never as pass, nor in red.
  const waived = waivedMark(v, lang);
  const colour = waived ? 'yellow' : COLOR_OF[v.verdict];
  out.push(`  ${c(colour, c('bold', `${VERDICT[v.verdict][lang]}${waived.toUpperCase()}`))}  ${mechanismHeadline(v.verdict, v.mechanism)[lang]}`);
  if (v.counts.individuals || v.counts.sensitiveIndividuals) {
    const from = v.countsSource === 'ledger' ? LABEL.fromLedger[lang] : v.countsSource === 'manifest' ? LABEL.fromManifest[lang] : v.countsSource === 'none' ? LABEL.notStated[lang] : '';
    const src = !from ? '' : lang === 'zh' ? `（${from}）` : ` (${from})`;
    const [n, sensitive] = [v.counts.individuals, v.counts.sensitiveIndividuals].map(groupDigits);
    out.push(`  ${labelled(LABEL.counts, lang)}${lang === 'zh' ? '' : ' '}${n}${lang === 'zh' ? '；' : '; '}${LABEL.sensitive[lang]} ${sensitive}${c('dim', src)}`);
  }
  out.push(`  ${labelled(LABEL.why, lang)}`);
  for (const f of v.findings) {
    out.push(`    ${c(COLOR_OF[f.outcome], MARK[f.outcome])} ${pick(f.message, lang)}`);
    out.push(`      ${c('dim', `${citationIn(f, lang)} · ${f.rule} · ${position(v.source, f.line, f.column)} ${f.path}`)}`);
    if (f.waived) out.push(`      ${c('yellow', waivedNote(f.waived, lang))}`);
    for (const r of f.reasons ?? []) out.push(`        ${c('dim', reasonLine(r, lang))}`);
  }
  for (const e of v.exempted ?? []) out.push(`    ${c('dim', lang === 'zh' ? `– ${e.rule}：因豁免（${e.by}）不适用` : `– ${e.rule}: set aside by exemption (${e.by})`)}`);
  const actions = v.findings.filter((f) => f.action && f.outcome !== 'pass');
  if (actions.length) {
    out.push(`  ${labelled(LABEL.next, lang)}`);
    for (const f of actions) if (f.action) out.push(`    → ${pick(f.action, lang)}`);
  }
  if (v.obligations.length) {
    out.push(`  ${labelled(LABEL.duties, lang)}`);
    for (const o of v.obligations) out.push(`    • ${pick(o.message, lang)}${c('dim', lang === 'zh' ? `（${citationIn(o, lang)}）` : ` (${citationIn(o, lang)})`)}`);
  }
  for (const w of v.warnings ?? []) out.push(`  ${c('yellow', '!')} ${pick(w.message, lang)}`);
  out.push(`  ${c('dim', `${labelled(LABEL.packs, lang)}${lang === 'zh' ? '' : ' '}${v.packs.map((p) => `${p.id} ${p.version}`).join(lang === 'zh' ? '、' : ', ') || '-'}`)}`);
  return out;
}

function errorBlock(r: Extract<CheckResult, { error: unknown }>, lang: Lang, c: ReturnType<typeof paint>): string[] {
  const out = [`${c('bold', r.source)}${r.manifest ? `  ${c('dim', r.manifest)}` : ''}`, `  ${c('red', c('bold', LABEL.error[lang]))}`];
  for (const item of errorItems(r, lang)) out.push(`    ${position(r.source, item.line, item.column)} ${item.message}`);
  return out;
}

/** One result's block, without separators (the batch writer streams these). */
export const textBlock = (r: CheckResult, ctx: FormatContext): string => {
  const c = paint(ctx.color);
  return (isError(r) ? errorBlock(r, ctx.lang, c) : verdictBlock(r, ctx.lang, c)).join('\n');
};

export const text: Formatter = (results, ctx) => {
  if (results.length === 0) return `${summaryLine(results, ctx.failOn, ctx.lang)}\n`;
  const blocks = results.map((r) => textBlock(r, ctx));
  return `${blocks.join('\n\n')}\n\n${summaryLine(results, ctx.failOn, ctx.lang)}\n`;
};

export const format: ReportFormat = {
  whole: text,
  stream: { begin: () => '', item: textBlock, separator: '\n\n', end: (ctx, t) => `${t.checked + t.error ? '\n\n' : ''}${tallyLine(t, ctx.failOn, ctx.lang)}\n` },
};
