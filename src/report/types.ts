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
  /** The project's web address (package.json `homepage` or `repository`): SARIF's informationUri, left out without one. */
  toolUri?: string;
}

/** A formatter is a pure function: results in, report text out. */
export type Formatter = (results: readonly CheckResult[], ctx: FormatContext) => string;

/**
 * A report written one result at a time, so memory stays flat however long the batch: the report is
 * `begin + item(r1) + separator + item(r2) + … + end`, byte for byte what `whole` gives for the same results
 * (an empty item adds nothing, not even a separator).
 * `item` depends on its result alone, so a worker thread can render it where the result was checked.
 */
export interface ResultStream {
  begin: (ctx: FormatContext) => string;
  item: (result: CheckResult, ctx: FormatContext) => string;
  separator: string;
  end: (ctx: FormatContext, tally: Tally) => string;
}

/** What an assembled report learns about each part besides its text (the part may come from a worker). */
export interface PartInfo {
  outcome: 'pass' | 'review' | 'fail' | 'error';
  /** The outcome the gate counts (differs from `outcome` when waivers set failing findings aside). */
  gate: 'pass' | 'review' | 'fail' | 'error';
  source: string;
}

/** Report text set aside until it can be written: in memory for a small report, in a temporary file for a batch. */
export interface Spool {
  write: (s: string) => void;
  /** Hands everything set aside to `to`, in order and in pieces, and empties the spool. */
  drain: (to: (s: string) => void) => void;
  close: () => void;
}

/**
 * Places parts as they come; `end` writes what it held back. `run`: the tally of the whole run, with what the report
 * leaves out (--only) and Tally.runError, where the report states the run's outcome (the markdown gate line).
 */
export interface Assembler {
  add: (part: string, info: PartInfo) => void;
  /** A result the report leaves out (--only): counted in the report's totals, never shown. */
  skip: (info: Pick<PartInfo, 'outcome' | 'gate'>) => void;
  end: (run?: Tally) => void;
}

/**
 * A report whose parts cannot go out as they come, in input order: JUnit counts each suite's cases in its
 * opening tag, the markdown comment puts failures first under a size cap. Parts are still rendered one result at
 * a time (in a worker too); the assembler holds back no more than a bound that does not grow with the batch, and
 * sets larger text aside in spools (`spool()` makes one).
 */
export interface AssembledStream {
  item: (result: CheckResult, ctx: FormatContext) => string;
  open: (ctx: FormatContext, out: (s: string) => void, spool: () => Spool) => Assembler;
}

/** What one format module exports (`format`); src/report/index.ts registers it by name. */
export interface ReportFormat {
  whole: Formatter;
  /** At most one of the two: concatenated parts, or parts an assembler places. */
  stream?: ResultStream;
  assembled?: AssembledStream;
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
  /**
   * The run itself cannot vouch for its results, whatever their verdicts (a worker could not load the packs, a
   * folder named held no manifest, the ledger could not be read): exit 2, and SARIF says the run did not succeed.
   */
  runError?: boolean;
}
