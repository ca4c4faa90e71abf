import type { Bilingual, CheckResult, Lang } from '../model/verdict.js';

/** What a formatter may know about a rule beyond the finding (SARIF rules[], help text). */
export interface RuleInfo {
  id: string;
  pack: string;
  packVersion: string;
  title: Bilingual;
  citation: string;
  /** URL of the official text the rule encodes. */
  source?: string;
  /** Longer plain-language description, when the pack has one. */
  description?: Bilingual;
}

export interface FormatContext {
  lang: Lang;
  /** Colour is the caller's decision (TTY and NO_COLOR are checked in the CLI, never here). */
  color: boolean;
  /** Every rule of every loaded pack, by id. */
  rules: ReadonlyMap<string, RuleInfo>;
  /** The gate: which verdicts count as failing (for summaries and JUnit). */
  failOn: 'fail' | 'review';
  toolVersion: string;
}

/** A formatter is a pure function: results in, report text out. */
export type Formatter = (results: readonly CheckResult[], ctx: FormatContext) => string;

/** Streaming formatters (ndjson) render one result at a time. */
export interface StreamFormatter {
  header?: (ctx: FormatContext) => string;
  item: (result: CheckResult, index: number, ctx: FormatContext) => string;
  footer?: (ctx: FormatContext) => string;
}
