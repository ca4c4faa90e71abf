/**
 * The settings of one `xborder check`: its command-line flags over the project configuration (.xborder.yaml) over
 * defaults, resolved as for `report` and `serve` (project-settings.ts), and the reports it writes.
 */
import { LEDGER_ENV } from '../ledger/spec.js';
import { bundledRules } from '../load/load-packs.js';
import type { Lang } from '../model/verdict.js';
import { isFormatName } from '../report/index.js';
import type { CheckCommandOptions, ReportTarget } from './check.js';
import type { AppIO } from './io.js';
import { MESSAGES, say } from './messages.js';
import { filesRead } from './report-files.js';
import { onCommandLine, projectSettingsOrReport, type ProjectSettings } from './project-settings.js';

/** The flags of `check` as the command line parsed them. */
export interface CheckFlags {
  format: ReportTarget[]; lang: Lang; failOn: 'fail' | 'review'; pack: string[]; asOf?: string; output?: string; explain?: boolean;
  quiet?: boolean; maxBytes?: number; jobs?: number; ledger?: string; allowEmpty?: boolean; config?: string | false; waivers?: string;
  only?: ('pass' | 'review' | 'fail')[]; color?: boolean; trust?: string; exclude: string[];
}

/**
 * The ledger `check` and `report` read year-to-date totals from: --ledger, else the configuration's `ledger:`, else
 * XBORDER_LEDGER (the ledger the `ledger` commands record into when neither names one: a check that ignored it read
 * no ledger and passed what the recorded totals fail), else none. `fromEnv` lets a missing one be named as the
 * variable's (the user may not know it is set). Never the default .xborder/ledger.db: a check reads only a ledger named.
 */
export function checkLedger(project: Pick<ProjectSettings, 'ledger'>, env: AppIO['env']): { ledger?: string; ledgerFromEnv?: true } {
  if (project.ledger !== undefined) return { ledger: project.ledger };
  const fromEnv = env[LEDGER_ENV]?.trim();
  return fromEnv ? { ledger: fromEnv, ledgerFromEnv: true } : {};
}

/** `sarif=out.sarif`: a format and, optionally, the file it goes to; undefined when the name is no format. */
export function reportTarget(v: string): ReportTarget | undefined {
  const [format = '', file] = v.split(/=(.*)/s);
  if (!isFormatName(format)) return undefined;
  return file ? { format, file } : { format };
}

/**
 * The check settings. Undefined after printing why the configuration, its formats or the waivers file are unusable
 * (exit 2).
 */
export function checkSettings(o: CheckFlags, cmd: Parameters<typeof onCommandLine>[0], io: AppIO): (CheckCommandOptions & { project: ProjectSettings; packPaths: string[] }) | undefined {
  const { waivers, config, trust, ledger, pack: packFlags, exclude, ...flags } = o;
  const project = projectSettingsOrReport({
    pack: packFlags, config, waivers, trust, ledger, exclude, failOn: onCommandLine(cmd, 'failOn', o.failOn), lang: onCommandLine(cmd, 'lang', o.lang),
  }, io, o.lang);
  if (!project) return undefined;
  let formats = o.format;
  const fromConfig = !formats.length;
  if (fromConfig) {
    formats = [];
    for (const f of project.config.format ?? ['text']) {
      const target = reportTarget(f);
      if (!target) {
        say(io.stderr, project.lang ?? o.lang, MESSAGES.unknownFormat(f));
        return undefined;
      }
      formats.push(target);
    }
  }
  // --output is the file of the one report: with several, or one that names its own file, it would be silently
  // ignored, and the user who wrote it looks for a report that is not there.
  if (o.output !== undefined && (formats.length !== 1 || formats[0]!.file !== undefined)) {
    const named = formats.map((f) => (f.file ? `${f.format}=${f.file}` : f.format));
    say(io.stderr, project.lang ?? o.lang, MESSAGES.outputUnused(o.output, named, fromConfig));
    return undefined;
  }
  const reports = o.output ? [{ ...formats[0]!, file: o.output }] : formats;
  const ledgerUsed = checkLedger(project, io.env);
  return {
    ...flags,
    format: reports[0]!.format,
    reports,
    lang: project.lang ?? o.lang,
    failOn: project.failOn ?? o.failOn,
    ...ledgerUsed,
    runFiles: filesRead(project, ledgerUsed.ledger),
    exclude: project.exclude,
    packPaths: project.packs.length ? project.packs : [bundledRules()],
    waivers: project.waivers,
    ...(project.trust ? { trust: project.trust } : {}),
    project,
  };
}
