/**
 * The command line: commander parses, src/app/ does the work. Every action stores the operation's exit code;
 * nothing here calls process.exit or sets process.exitCode (the bin shim does, once, from the returned code).
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { checkInputs } from '../app/check.js';
import { explainRule } from '../app/explain.js';
import type { AppIO } from '../app/io.js';
import { runExport, runRecord, runShow, type LedgerDeps } from '../app/ledger.js';
import { loadForLedger } from '../app/ledger-record.js';
import { loadPacksOrReport, testPacks, validatePacks } from '../app/packs.js';
import { validateInputs } from '../app/validate.js';
import { zonesReport } from '../app/zones.js';
import { openLedger } from '../ledger/open.js';
import { bundledRules } from '../load/load-packs.js';
import type { Lang } from '../model/verdict.js';
import { FORMAT_NAMES } from '../report/index.js';
import { isIsoDate } from '../util/dates.js';
import { packageVersion } from '../util/package.js';
import { setLogLevel } from './log.js';
import { processIO } from './process-io.js';

const collect = (v: string, prev: string[]): string[] => [...prev, v];

/** --as-of: a real calendar date; anything else is a usage error (exit 2) before any pack is loaded. */
const isoDate = (v: string): string => {
  if (!isIsoDate(v)) throw new InvalidArgumentError('must be a real date YYYY-MM-DD');
  return v;
};
const defaultLang = (env: AppIO['env']): Lang => (/^zh/i.test(env.XBORDER_LANG ?? env.LC_ALL ?? env.LANG ?? '') ? 'zh' : 'en');

// The options several commands share, defined once.
const packOption = (what = 'rule pack file or directory (repeatable; default: the bundled rules/)'): Option =>
  new Option('-p, --pack <path>', what).argParser(collect).default([]);
const asOfOption = (): Option =>
  new Option('--as-of <date>', 'evaluate as of this date (YYYY-MM-DD) instead of each manifest\'s date').argParser(isoDate);
const langOption = (io: AppIO, what = 'language of messages'): Option =>
  new Option('--lang <lang>', what).choices(['en', 'zh']).default(defaultLang(io.env));
const ledgerOption = (): Option =>
  new Option('--ledger <url>', 'ledger: a SQLite file, sqlite:path or postgres://… (default: $XBORDER_LEDGER or .xborder/ledger.db)');

/** Adds commands of another front end (the service's `serve`): bin/xborder.js passes them in. */
export type CommandsExtension = (program: Command, io: AppIO, setCode: (code: number) => void) => void;

/** Builds the program and runs it; returns the exit code (0 ok, 1 gate, 2 usage or input error). */
export async function runCli(argv: readonly string[], io: AppIO = processIO(), extensions: readonly CommandsExtension[] = []): Promise<number> {
  let code = 0;
  const program = new Command('xborder')
    .description('Check outbound data transfers against PRC rules (CAC 2024 Provisions, PIPL, DSL) and pilot-zone lists')
    .version(packageVersion())
    .option('--log-level <level>', 'pino log level on stderr (trace, debug, info, warn, error, silent)', io.env.XBORDER_LOG_LEVEL ?? 'warn')
    .hook('preAction', (cmd) => setLogLevel(String(cmd.opts().logLevel)))
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  program.command('check')
    .description('check manifests (files, directories searched recursively for *.yaml, *.yml, *.json, or - for stdin)')
    .argument('<inputs...>', 'manifest files or directories, or -')
    .addOption(new Option('-f, --format <format>', 'report format').choices([...FORMAT_NAMES]).default('text'))
    .addOption(langOption(io))
    .addOption(new Option('--fail-on <verdict>', 'lowest verdict that fails the gate (exit 1)').choices(['fail', 'review']).default('fail'))
    .addOption(packOption())
    .addOption(asOfOption())
    .option('-o, --output <file>', 'write the report to a file; the summary line goes to stderr')
    .option('--explain', 'include every evaluated condition in each finding')
    .option('-q, --quiet', 'no summary line on stderr')
    .option('--max-bytes <n>', 'refuse manifest files larger than this', (v) => Number(v))
    .option('--ledger [url]', 'read year-to-date totals from a ledger (SQLite file or postgres:// URL; default $XBORDER_LEDGER or .xborder/ledger.db)')
    .option('-j, --jobs <n>', 'worker threads (default: available cores; 1 checks in-process)', (v) => Number(v))
    .action(async (inputs: string[], o: { format: string; lang: Lang; failOn: 'fail' | 'review'; pack: string[]; asOf?: string; output?: string; explain?: boolean; quiet?: boolean; maxBytes?: number; jobs?: number; ledger?: string | boolean }) => {
      const packPaths = o.pack.length ? o.pack : [bundledRules()];
      // The compiled-pack cache spares each cold start (and each worker) the pack compile (src/load/pack-cache.ts).
      const set = await loadPacksOrReport(packPaths, io, { cache: true });
      if (!set) { code = 2; return; }
      code = await checkInputs(inputs, set, { ...o, packPaths, cache: true, ledger: o.ledger === true ? '' : o.ledger || undefined }, io);
    });

  program.command('validate')
    .description('validate manifests against the format (no evaluation)')
    .argument('<inputs...>', 'manifest files or directories, or -')
    .option('--max-bytes <n>', 'refuse files larger than this', (v) => Number(v))
    .action(async (inputs: string[], o: { maxBytes?: number }) => { code = await validateInputs(inputs, io, o.maxBytes); });

  const pack = program.command('pack').description('tools for rule-pack authors');
  pack.command('validate')
    .description('check packs: schema, facts, operators, taxonomy ids, placeholders, effective dates (file:line:column)')
    .argument('[paths...]', 'pack files or directories (default: bundled rules/)')
    .action(async (paths: string[]) => { code = await validatePacks(paths, io); });
  pack.command('test')
    .description('run every pack\'s test cases (tests.yaml beside pack.yaml) and report rule coverage')
    .argument('[paths...]', 'pack directories (default: bundled rules/)')
    .action(async (paths: string[]) => { code = await testPacks(paths, io); });

  program.command('explain')
    .description('show a rule in plain words, both languages, with citation, source and dates')
    .argument('<rule>', 'rule id, or <pack>/<rule id> when several packs use the id')
    .addOption(packOption('rule pack file or directory (repeatable)'))
    .action(async (id: string, o: { pack: string[] }) => {
      const set = await loadPacksOrReport(o.pack, io);
      code = set ? explainRule(id, set, io) : 2;
    });

  const ledgerDeps: LedgerDeps = {
    loadManifest: (file) => loadForLedger(file), stdout: io.stdout, stderr: io.stderr,
    open: (spec) => openLedger(spec, {}, io.env),
  };
  const ledger = program.command('ledger').description('year-to-date ledger of transfers that actually happened (counts only)');
  ledger.command('record')
    .description('record transfers that happened; recording a manifest twice changes nothing')
    .argument('<manifest...>', 'manifest files')
    .addOption(ledgerOption())
    .action(async (files: string[], o: { ledger?: string }) => { code = await runRecord(files, o, ledgerDeps); });
  ledger.command('show')
    .description('print totals per exporter and calendar year')
    .option('--exporter <id>', 'only this exporter (USCC, or name when no USCC)')
    .option('--year <yyyy>', 'only this calendar year')
    .addOption(ledgerOption())
    .action(async (o: { ledger?: string; exporter?: string; year?: string }) => { code = await runShow(o, ledgerDeps); });
  ledger.command('export')
    .description('write totals per exporter and year as CSV or JSON')
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'json']).default('csv'))
    .option('--output <file>', 'write to this file instead of stdout')
    .addOption(ledgerOption())
    .action(async (o: { ledger?: string; format?: string; output?: string }) => { code = await runExport(o, ledgerDeps); });

  program.command('zones')
    .description('compare one manifest as if the exporter were registered in each pilot zone with a pack, and in none')
    .argument('<manifest>', 'manifest file, or -')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(langOption(io, 'language of headers and messages'))
    .addOption(packOption())
    .addOption(asOfOption())
    .action(async (file: string, o: { format: 'text' | 'json'; lang: Lang; pack: string[]; asOf?: string }) => {
      const set = await loadPacksOrReport(o.pack, io);
      code = set ? await zonesReport(file, set, o, io) : 2;
    });

  for (const extend of extensions) extend(program, io, (c) => { code = c; });

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version are not errors; every usage error is exit 2 (contract).
      return err.exitCode === 0 || err.code === 'commander.helpDisplayed' || err.code === 'commander.version' ? 0 : 2;
    }
    throw err;
  }
  return code;
}
