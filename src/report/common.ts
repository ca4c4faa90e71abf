/** Helpers shared by the report formatters. Pure: no I/O, no process state. */
import type { Bilingual, CheckResult, ErrorResult, Finding, Lang, Outcome, Verdict, Waived } from '../model/verdict.js';
import { gateOutcome, isError, OUTCOME_RANK } from '../model/verdict.js';
import type { FormatContext } from './types.js';
import { errorHintIn, errorMessageIn } from './error-text.js';
import { streamLine } from '../io/ndjson.js';

/** Rule used for manifests that could not be read or validated (SARIF, GitHub, JUnit), as `pack/id`. */
export const INVALID_MANIFEST_REF = { pack: 'xborder', id: 'invalid-manifest' } as const;
export const INVALID_MANIFEST_RULE = 'xborder/invalid-manifest';

/** The text in the requested language; falls back to the other one so a missing translation never prints blank. */
export const pick = (text: Bilingual, lang: Lang): string =>
  text[lang] || text[lang === 'en' ? 'zh' : 'en'] || '';

/** Only fail and review findings are reported as problems; pass findings explain a pass. */
export const reportedFindings = (v: Verdict): Finding[] =>
  v.findings.filter((f) => f.outcome === 'fail' || f.outcome === 'review');

/** Whether an outcome fails the CI gate set by --fail-on: annotation and SARIF levels follow the gate. */
export const failsGateAs = (outcome: Outcome, failOn: FormatContext['failOn']): boolean =>
  outcome === 'fail' || (failOn === 'review' && outcome === 'review');

/** Whether a verdict fails the CI gate set by --fail-on. */
export const failsGate = (v: Verdict, failOn: FormatContext['failOn']): boolean => failsGateAs(v.verdict, failOn);

/**
 * `file:line:col`, with as much position as is known. An NDJSON line (`<stdin>:N`) is a one-line document: its
 * line 1, column C prints as `<stdin>:N:C`, the stream's own line and column.
 */
export const position = (source: string, line?: number, column?: number): string => {
  if (line === undefined) return source;
  if (line === 1 && streamLine(source)) return column === undefined ? source : `${source}:${column}`;
  return column === undefined ? `${source}:${line}` : `${source}:${line}:${column}`;
};

export interface ErrorItem {
  message: string;
  path?: string;
  line?: number;
  column?: number;
}

/**
 * The problems of an ErrorResult, one per detail when the reader collected several,
 * so each gets its own location in SARIF and GitHub annotations; in the report's language (src/report/error-text.ts).
 */
export const errorItems = (e: ErrorResult, lang: Lang = 'en'): ErrorItem[] => {
  const details = e.error.details ?? [];
  if (details.length === 0) {
    const { message, path, line, column } = e.error;
    return [{ message: errorMessageIn(message, lang), path, line, column }];
  }
  return details.map((d) => {
    const message = errorMessageIn(d.message, lang);
    const hint = d.hint && errorHintIn(d.hint, lang);
    return {
      message: hint ? (lang === 'zh' ? `${message}（${hint}）` : `${message} (${hint})`) : message,
      path: d.path,
      line: d.line,
      column: d.column,
    };
  });
};

export const manifestName = (r: CheckResult): string =>
  isError(r) ? (r.manifest ?? r.source) : r.manifest;

/** `\uXXXX` text for a character that must not be emitted raw. */
export const visible = (ch: string): string =>
  `\\u${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Control characters other than tab/CR/LF made visible: raw they corrupt XML, and ESC would let a message
 * drive the terminal or GitHub's log renderer (ANSI sequences).
 */
export const showControls = (s: string): string => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, visible);

/** Trailing newline convention: every formatter returns whole lines, or '' when there is nothing. */
export const lines = (ls: readonly string[]): string => (ls.length === 0 ? '' : `${ls.join('\n')}\n`);

/**
 * A verdict whose worst findings are all waived keeps its outcome (never shown as pass) and is marked waived:
 * " (waived)", or " (waived; review remains)" when an unwaived review finding is what the gate reads. Empty otherwise.
 */
export const waivedMark = (v: Verdict, lang: Lang): string => {
  const gate = gateOutcome(v);
  if (gate === v.verdict || !v.findings.some((f) => f.waived && OUTCOME_RANK[f.outcome] > OUTCOME_RANK[gate])) return '';
  if (lang === 'zh') return gate === 'review' ? '（已例外批准；仍需人工审查）' : '（已例外批准）';
  return gate === 'review' ? ' (waived; review remains)' : ' (waived)';
};

/** "waived by <approver> until <date>: <reason>", for every format that shows a waived finding in words. */
export const waivedNote = (w: Waived, lang: Lang): string =>
  lang === 'zh' ? `已例外批准：${w.approver}批准，有效期至${w.expires}，理由：${w.reason}` : `waived by ${w.approver} until ${w.expires}: ${w.reason}`;

/** "message (citation)": full-width parentheses in Chinese text. */
export const withCitation = (message: string, citation: string, lang: Lang): string =>
  lang === 'zh' ? `${message}（${citation}）` : `${message} (${citation})`;
