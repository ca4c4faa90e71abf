/** --format github: GitHub Actions workflow commands, one annotation per fail/review finding. */
import type { Formatter, ReportFormat } from './types.js';
import { citationIn, isError } from '../model/verdict.js';
import { INVALID_MANIFEST_RULE, errorItems, failsGateAs, lines, waivedNote, pick, reportedFindings, showControls, withCitation } from './common.js';
import { RUN_ERROR } from './labels.js';

// GitHub's escaping (actions/toolkit, command.ts): data escapes % CR LF; property values also : and ,.
export const escapeData = (s: string): string =>
  showControls(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

export const escapeProperty = (s: string): string =>
  escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

interface Annotation {
  level: 'error' | 'warning' | 'notice';
  file: string;
  line?: number;
  col?: number;
  title: string;
  message: string;
}

export const annotation = (a: Annotation): string => {
  const props: string[] = [`file=${escapeProperty(a.file)}`];
  if (a.line !== undefined) props.push(`line=${a.line}`);
  if (a.line !== undefined && a.col !== undefined) props.push(`col=${a.col}`);
  props.push(`title=${escapeProperty(a.title)}`);
  return `::${a.level} ${props.join(',')}::${escapeData(a.message)}`;
};

export const github: Formatter = (results, ctx) => {
  const out: string[] = [];
  for (const r of results) {
    if (isError(r)) {
      for (const item of errorItems(r, ctx.lang)) {
        out.push(annotation({ level: 'error', file: r.source, line: item.line, col: item.column, title: INVALID_MANIFEST_RULE, message: item.message }));
      }
      continue;
    }
    for (const f of reportedFindings(r)) {
      out.push(
        annotation({
          level: f.waived ? 'notice' : failsGateAs(f.outcome, ctx.failOn) ? 'error' : 'warning',
          file: r.source,
          line: f.line,
          col: f.column,
          title: f.rule,
          message: `${withCitation(pick(f.message, ctx.lang), citationIn(f, ctx.lang), ctx.lang)}${f.waived ? ` [${waivedNote(f.waived, ctx.lang)}]` : ''}`,
        }),
      );
    }
  }
  return lines(out);
};

export const format: ReportFormat = {
  whole: github,
  // A run that exits 2 for itself (a folder with no manifest, a ledger it could not read) is an annotation of its own.
  stream: { begin: () => '', item: (r, ctx) => github([r], ctx), separator: '', end: (ctx, t) => (t.runError ? `::error title=xborder::${escapeData(RUN_ERROR[ctx.lang])}\n` : '') },
};
