/**
 * The fixed words of every report and command in both languages: outcomes, mechanisms, condition operators.
 * Chinese output shows these, never the machine ids (`contract-or-certification`, `equals`, `true`).
 */
import type { Bilingual, Lang, Mechanism, Outcome } from '../model/verdict.js';
import { FACTS } from '../compile/facts.js';

export const OUTCOME_TEXT: Record<Outcome, Bilingual> = {
  pass: { en: 'pass', zh: '通过' },
  review: { en: 'review', zh: '需人工审查' },
  fail: { en: 'fail', zh: '不通过' },
};

/** A run that exits 2 for itself (a folder with no manifest, a ledger it could not read), in the reports that state it. */
export const RUN_ERROR: Bilingual = {
  en: 'The run could not check every input (exit 2): its log says why.',
  zh: '本次运行未能检查全部输入（退出码 2），原因见运行日志。',
};

/** Results that fail the gate but that --only leaves out of a report that lists results (JUnit). */
export const NOT_LISTED_FAILING = (n: number): Bilingual => ({
  en: `${n} ${n === 1 ? 'result that fails' : 'results that fail'} the gate ${n === 1 ? 'is' : 'are'} not listed here (--only); the run exits 1 or 2 for ${n === 1 ? 'it' : 'them'}`,
  zh: `有 ${n} 项未通过门禁的结果按 --only 未在此列出；本次运行因此以退出码 1 或 2 结束`,
});

export const MECHANISM_TEXT: Record<Mechanism, Bilingual> = {
  none: { en: 'no mechanism required', zh: '无需申报评估、订立标准合同或认证' },
  'contract-or-certification': { en: 'standard contract (filed) or certification required', zh: '须订立并备案标准合同或通过个人信息保护认证' },
  'security-assessment': { en: 'CAC security assessment required', zh: '须通过数据出境安全评估' },
  prohibited: { en: 'may not be transferred as declared', zh: '不得按所申报方式出境' },
};

/**
 * The mechanism a verdict's headline states. A review whose mechanism is `none` has not settled that none is needed
 * (no pack in force on the date, an unencoded zone list, a question only a person can answer), so the headline says
 * the mechanism is undetermined instead of "no mechanism required". The JSON keeps `none`.
 */
export const MECHANISM_UNDETERMINED: Bilingual = { en: 'mechanism undetermined', zh: '所需机制待定' };
/** The same in a table cell. */
const MECHANISM_UNDETERMINED_CELL: Bilingual = { en: 'undetermined', zh: '待定' };
export const mechanismHeadline = (verdict: Outcome, m: Mechanism): Bilingual =>
  (m !== 'none' ? MECHANISM_TEXT[m] : verdict === 'review' ? MECHANISM_UNDETERMINED : verdict === 'fail' ? NO_MECHANISM_DUTY_UNMET : MECHANISM_TEXT.none);

/** A fail that needs no mechanism fails on a duty (an impact assessment, separate consent): the headline says so. */
const NO_MECHANISM_DUTY_UNMET: Bilingual = { en: 'no mechanism required, but a duty is not met', zh: '无需申报评估、订立标准合同或认证，但有义务未履行' };

/** An outcome with what it means for the transfer: the verdict line of the printable report and the web console. */
export const OUTCOME_MEANING: Record<Outcome, Bilingual> = {
  pass: { en: `${OUTCOME_TEXT.pass.en}: may proceed as declared`, zh: `${OUTCOME_TEXT.pass.zh}：可按所声明的情况出境` },
  fail: { en: `${OUTCOME_TEXT.fail.en}: may not proceed as declared`, zh: `${OUTCOME_TEXT.fail.zh}：不得按所声明的情况出境` },
  review: { en: `${OUTCOME_TEXT.review.en}: a person must decide`, zh: `${OUTCOME_TEXT.review.zh}：须由人工判断` },
};

/**
 * Headings every report of one verdict shares: the text report, the printable report (src/console/report-html.ts)
 * and the web console's verdict panel (web/src/i18n.ts takes them from here, bundled by Vite).
 */
export const HEADINGS = {
  verdict: { en: 'Verdict', zh: '结论' },
  route: { en: 'Route the law requires', zh: '法定出境路径' },
  reasons: { en: 'Reasons', zh: '理由' },
  next: { en: 'What to do next', zh: '下一步' },
  duties: { en: 'Duties that still apply', zh: '仍须履行的义务' },
  warnings: { en: 'Warnings', zh: '提示' },
  field: { en: 'field', zh: '字段' },
  packs: { en: 'Rule packs', zh: '规则包' },
} satisfies Record<string, Bilingual>;

/** The short Chinese names of the mechanisms, for table cells. */
const MECHANISM_SHORT_ZH: Record<Mechanism, string> = {
  none: '无需', 'contract-or-certification': '标准合同或认证', 'security-assessment': '安全评估', prohibited: '不得出境',
};

/**
 * A mechanism as a table cell shows it: the id in English (what the JSON says), its short name in Chinese. Given the
 * verdict, a review with `none` reads "undetermined" (待定), as in the headline (mechanismHeadline).
 */
export const mechanismCell = (m: Mechanism, lang: Lang, verdict?: Outcome): string =>
  (verdict === 'review' && m === 'none' ? MECHANISM_UNDETERMINED_CELL[lang] : lang === 'zh' ? MECHANISM_SHORT_ZH[m] : m);

/** Condition operators (src/compile/operators.ts) in words. */
const OPERATOR_TEXT: Readonly<Record<string, Bilingual>> = {
  equals: { en: 'is', zh: '等于' }, notEquals: { en: 'is not', zh: '不等于' },
  atLeast: { en: 'is at least', zh: '不少于' }, atMost: { en: 'is at most', zh: '不多于' },
  greaterThan: { en: 'is more than', zh: '多于' }, lessThan: { en: 'is fewer than', zh: '少于' },
  in: { en: 'is one of', zh: '属于' }, notIn: { en: 'is none of', zh: '不属于' },
  includes: { en: 'includes', zh: '包含' }, excludes: { en: 'does not include', zh: '不包含' },
  includesAny: { en: 'includes any of', zh: '包含任一' }, includesNone: { en: 'includes none of', zh: '不包含任何' },
};

/** The comparisons on a date fact (transfer.date, a mechanism's clock) in words of time, not of quantity. */
const DATE_OPERATOR_TEXT: Readonly<Record<string, Bilingual>> = {
  atLeast: { en: 'is on or after', zh: '不早于' }, atMost: { en: 'is on or before', zh: '不晚于' },
  greaterThan: { en: 'is after', zh: '晚于' }, lessThan: { en: 'is before', zh: '早于' },
};

/** An operator in words, for the fact it compares (dates read "before", counts "fewer than"). */
export const operatorText = (operator: string, fact: string, lang: Lang): string =>
  ((FACTS[fact]?.type === 'date' ? DATE_OPERATOR_TEXT[operator] : undefined) ?? OPERATOR_TEXT[operator])?.[lang] ?? operator;

/**
 * A condition's value in a Chinese report: yes/no in words, anything else as JSON (strings stay quoted literals:
 * they are the manifest's own values, such as `"contract"`).
 */
export const conditionValue = (v: unknown, lang: Lang): string =>
  lang === 'zh' && typeof v === 'boolean' ? (v ? '是' : '否') : (JSON.stringify(v) ?? String(v));

/** Whether a condition held, in words (--explain in Chinese; English shows true/false/not-evaluated as they are). */
export const HELD_ZH: Record<'true' | 'false' | 'not-evaluated', string> = { true: '成立', false: '不成立', 'not-evaluated': '未求值' };

/** Diagnostic codes (src/model/diagnostic.ts) named for a Chinese reader; English shows the code itself. */
export const DIAGNOSTIC_ZH: Readonly<Record<string, string>> = {
  'read-error': '无法读取', 'parse-error': '语法错误', schema: '格式不符', semantic: '内容无效', internal: '内部错误',
};
