import type { Bilingual, CheckResult, Lang, RuleRef } from '../model/verdict.js';

/** What a formatter may know about a rule beyond the finding (SARIF rules[], help text). */
export interface RuleInfo extends RuleRef {
  packVersion: string;
  title: Bilingual;
  citation: string;
  citationZh?: string;
  /** URL of the official text the rule encodes. */
  source?: string;
  /** Longer plain-language description, when the pack has one. */
  description?: Bilingual;
}

export interface FormatContext {
  lang: Lang;
  /** Colour is the caller's decision (TTY and NO_COLOR are checked in the CLI, never here). */
  color: boolean;
  /** Every rule of every loaded pack, by `ruleKey` (pack/id). */
  rules: ReadonlyMap<string, RuleInfo>;
  /** The gate: which verdicts count as failing (for summaries and JUnit). */
  failOn: 'fail' | 'review';
  toolVersion: string;
}

/** A formatter is a pure function: results in, report text out. */
export type Formatter = (results: readonly CheckResult[], ctx: FormatContext) => string;

/**
 * A report written one result at a time, so memory stays flat however long the batch: the report is
 * `begin + item(r1) + separator + item(r2) + … + end`, byte for byte what `whole` gives for the same results.
 * `item` depends on its result alone, so a worker thread can render it where the result was checked.
 */
export interface ResultStream {
  begin: (ctx: FormatContext) => string;
  item: (result: CheckResult, ctx: FormatContext) => string;
  separator: string;
  end: (ctx: FormatContext, tally: Tally) => string;
}

/** What one format module exports (`format`); src/report/index.ts registers it by name. */
export interface ReportFormat {
  whole: Formatter;
  stream?: ResultStream;
}

/** Running counts of a batch, for the summary line, the exit code and streamed report endings. */
export interface Tally {
  checked: number;
  pass: number;
  review: number;
  fail: number;
  error: number;
  /** Verdicts whose failing findings a waiver set aside for the gate (still counted under their verdict). */
  waived: number;
  /** Verdicts that fail the gate under the given --fail-on. */
  gateFailures: number;
}
