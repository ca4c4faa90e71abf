import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { Lang } from '../model/verdict.js';
import { FORMAT_NAMES } from '../report/index.js';
import { runCheck, toolVersion } from './check.js';
import { runExplain, runScenarios } from './explain.js';
import { processIO, type CliIO } from './io.js';
import { setLogLevel } from './log.js';
import { BUNDLED_RULES } from '../io/load-packs.js';
import { loadPacksOrReport, runPackTest, runPackValidate } from './packs.js';
import { runValidate } from './validate.js';
import { ledgerCommand } from './ledger.js';
import { loadForLedger } from './ledger-record.js';
import { runZones } from './zones.js';

const collect = (v: string, prev: string[]): string[] => [...prev, v];
/** --as-of: a real calendar date; anything else is a usage error (exit 2) before any pack is loaded. */
const isoDate = (v: string): string => {
  const t = Date.parse(`${v}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== v) {
    throw new InvalidArgumentError('must be a real date YYYY-MM-DD');
  }
  return v;
};
const defaultLang = (env: NodeJS.ProcessEnv): Lang => (/^zh/i.test(env.XBORDER_LANG ?? env.LC_ALL ?? env.LANG ?? '') ? 'zh' : 'en');

/** Builds the program; every action stores its exit code instead of exiting (the bin shim sets process.exitCode). */
export async function runCli(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  let code = 0;
  const program = new Command('xborder')
    .description('Check outbound data transfers against PRC rules (CAC 2024 Provisions, PIPL, DSL) and pilot-zone lists')
    .version(await toolVersion())
    .option('--log-level <level>', 'pino log level on stderr (trace, debug, info, warn, error, silent)', io.env.XBORDER_LOG_LEVEL ?? 'warn')
    .hook('preAction', (cmd) => setLogLevel(String(cmd.opts().logLevel)))
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  program.command('check')
    .description('check manifests (files, directories searched recursively for *.yaml, *.yml, *.json, or - for stdin)')
    .argument('<inputs...>', 'manifest files or directories, or -')
    .addOption(new Option('-f, --format <format>', 'report format').choices([...FORMAT_NAMES]).default('text'))
    .addOption(new Option('--lang <lang>', 'language of messages').choices(['en', 'zh']).default(defaultLang(io.env)))
    .addOption(new Option('--fail-on <verdict>', 'lowest verdict that fails the gate (exit 1)').choices(['fail', 'review']).default('fail'))
    .option('-p, --pack <path>', 'rule pack file or directory (repeatable; default: the bundled rules/)', collect, [])
    .option('--as-of <date>', 'evaluate as of this date (YYYY-MM-DD) instead of each manifest\'s date', isoDate)
    .option('-o, --output <file>', 'write the report to a file; the summary line goes to stderr')
    .option('--explain', 'include every evaluated condition in each finding')
    .option('-q, --quiet', 'no summary line on stderr')
    .option('--max-bytes <n>', 'refuse manifest files larger than this', (v) => Number(v))
    .option('--ledger [url]', 'read year-to-date totals from a ledger (SQLite file or postgres:// URL; default $XBORDER_LEDGER or .xborder/ledger.db)')
    .option('-j, --jobs <n>', 'worker threads (default: available cores; 1 checks in-process)', (v) => Number(v))
    .action(async (inputs: string[], o: { format: string; lang: Lang; failOn: 'fail' | 'review'; pack: string[]; asOf?: string; output?: string; explain?: boolean; quiet?: boolean; maxBytes?: number; jobs?: number; ledger?: string | boolean }) => {
      const packPaths = o.pack.length ? o.pack : [BUNDLED_RULES];
      // The compiled-pack cache spares each cold start (and each worker) the pack compile (src/io/pack-cache.ts).
      const set = await loadPacksOrReport(packPaths, io, { cache: true });
      if (!set) { code = 2; return; }
      code = await runCheck(inputs, set, { ...o, packPaths, cache: true, ledger: o.ledger === true ? '' : o.ledger || undefined }, io);
    });

  program.command('validate')
    .description('validate manifests against the format (no evaluation)')
    .argument('<inputs...>', 'manifest files or directories, or -')
    .option('--max-bytes <n>', 'refuse files larger than this', (v) => Number(v))
    .action(async (inputs: string[], o: { maxBytes?: number }) => { code = await runValidate(inputs, io, o.maxBytes); });

  const pack = program.command('pack').description('tools for rule-pack authors');
  pack.command('validate')
    .description('check packs: schema, facts, operators, taxonomy ids, placeholders, effective dates (file:line:column)')
    .argument('[paths...]', 'pack files or directories (default: bundled rules/)')
    .action(async (paths: string[]) => { code = await runPackValidate(paths, io); });
  pack.command('test')
    .description('run every pack\'s test cases (tests.yaml beside pack.yaml) and report rule coverage')
    .argument('[paths...]', 'pack directories (default: bundled rules/)')
    .action(async (paths: string[]) => { code = await runPackTest(paths, io); });

  program.command('explain')
    .description('show a rule in plain words, both languages, with citation, source and dates; or a zone\'s scenarios')
    .argument('[rule-id]')
    .option('-p, --pack <path>', 'rule pack file or directory (repeatable)', collect, [])
    .option('--scenarios <zone>', 'list the scenarios of the zone\'s lists (ids for purpose.scenario), with coverage and source')
    .addOption(new Option('--lang <lang>', 'language of --scenarios').choices(['en', 'zh']).default(defaultLang(io.env)))
    .action(async (id: string | undefined, o: { pack: string[]; scenarios?: string; lang: Lang }) => {
      if (id === undefined && o.scenarios === undefined) {
        io.stderr('xborder: explain needs a rule id or --scenarios <zone>\n');
        code = 2;
        return;
      }
      const set = await loadPacksOrReport(o.pack, io);
      code = !set ? 2 : o.scenarios !== undefined ? runScenarios(o.scenarios, set, o.lang, io) : runExplain(id!, set, io);
    });

  program.addCommand(ledgerCommand({ loadManifest: (file) => loadForLedger(file), stdout: io.stdout, stderr: io.stderr }));
  program.command('zones')
    .description('compare one manifest as if the exporter were registered in each pilot zone with a pack, and in none')
    .argument('<manifest>', 'manifest file, or -')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(new Option('--lang <lang>', 'language of headers and messages').choices(['en', 'zh']).default(defaultLang(io.env)))
    .option('-p, --pack <path>', 'rule pack file or directory (repeatable; default: the bundled rules/)', collect, [])
    .option('--as-of <date>', 'evaluate as of this date (YYYY-MM-DD) instead of the manifest\'s date', isoDate)
    .action(async (file: string, o: { format: 'text' | 'json'; lang: Lang; pack: string[]; asOf?: string }) => {
      const set = await loadPacksOrReport(o.pack, io);
      code = set ? await runZones(file, set, o, io) : 2;
    });

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
