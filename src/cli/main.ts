/**
 * The command line: commander parses, src/app/ does the work. Every action stores the operation's exit code;
 * nothing here calls process.exit or sets process.exitCode (the bin shim does, once, from the returned code).
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { checkInputs, type ReportTarget } from '../app/check.js';
import { checkLedger, checkSettings, reportTarget as asReportTarget, type CheckFlags } from '../app/check-settings.js';
import { collect, isoDate } from '../app/option-parsers.js';
import { loadProjectPacks, onCommandLine, projectSettingsOrReport } from '../app/project-settings.js';
// Not lazy: project-settings.js imports it for every command (a dynamic import of it split the bundle's chunks).
import { testPacks, validatePacks } from '../app/packs.js';
import { envLang, type AppIO } from '../app/io.js';
import { MESSAGES, say } from '../app/messages.js';
import { resolveTrust } from '../app/trust-option.js';
import { runToday } from '../app/today.js';
import type { PackDiffOptions } from '../app/pack-diff.js';
import type { CoverageFormat } from '../app/pack-coverage.js';
import type { Lang } from '../model/verdict.js';
import type { PackSet } from '../evaluate/pack-set.js';
import { FORMAT_NAMES } from '../report/index.js';
import { packageVersion } from '../util/package.js';
import { setLogLevel } from './log.js';
import { processIO } from './process-io.js';
import { usageLang, zhUsage } from './usage-text.js';

// The options several commands share, defined once.
const packOption = (what = 'rule pack file or directory (repeatable; default: the bundled rules/)'): Option =>
  new Option('-p, --pack <path>', what).argParser(collect).default([]);
const asOfOption = (): Option =>
  new Option('--as-of <date>', 'evaluate as of this date (YYYY-MM-DD) instead of each manifest\'s date').argParser(isoDate);
const langOption = (io: AppIO, what = 'language of messages'): Option =>
  new Option('--lang <lang>', what).choices(['en', 'zh']).default(envLang(io.env));
const trustOption = (): Option =>
  new Option('--trust <file>', 'trust store (trust.yaml): every pack must be signed by a key trusted for it (default: $XBORDER_TRUST)');
const ledgerOption = (): Option =>
  new Option('--ledger <url>', 'ledger: a SQLite file, sqlite:path or postgres://… (default: the configuration\'s ledger, else $XBORDER_LEDGER, else .xborder/ledger.db)');

/** `--format sarif=out.sarif`: a format and, optionally, the file it goes to. */
function reportTarget(v: string, prev: ReportTarget[]): ReportTarget[] {
  const target = asReportTarget(v);
  if (!target) throw new InvalidArgumentError(`unknown format "${v.split('=')[0]}"; one of ${FORMAT_NAMES.join(', ')}`);
  return [...prev, target];
}

const onlyList = (v: string): ('pass' | 'review' | 'fail')[] => {
  const parts = v.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = parts.filter((p) => p !== 'pass' && p !== 'review' && p !== 'fail');
  if (bad.length || parts.length === 0) throw new InvalidArgumentError('a comma-separated list of pass, review, fail');
  return parts as ('pass' | 'review' | 'fail')[];
};


/** The options of a command that only reads packs (zones, explain): they come from the configuration as for check. */
interface PackFlags { pack: string[]; trust?: string; config?: string | false; lang: Lang; ledger?: string }

/**
 * The packs and the language of `zones` and `explain`: flags over .xborder.yaml over defaults, loaded and verified
 * against the trust store as check loads them, so a project's own packs answer. Undefined after saying why not.
 */
async function projectPackSet(o: PackFlags, cmd: Command, io: AppIO): Promise<{ set: PackSet; lang: Lang; ledger?: string } | undefined> {
  const project = projectSettingsOrReport({ pack: o.pack, trust: o.trust, config: o.config, waivers: false, lang: onCommandLine(cmd, 'lang', o.lang), ledger: o.ledger }, io, o.lang);
  if (!project) return undefined;
  const lang = project.lang ?? o.lang;
  const set = await loadProjectPacks(project, io, lang);
  return set && { set, lang, ...(project.ledger !== undefined ? { ledger: project.ledger } : {}) };
}

/**
 * The ledger a ledger command uses: --ledger, else the configuration's `ledger:` — the one `check` reads, so
 * transfers are recorded where they are counted (a record kept elsewhere would let checks undercount) — else
 * XBORDER_LEDGER, else .xborder/ledger.db (src/ledger/open.ts). Undefined `ok` after saying why the file is unusable.
 */
function projectLedger(o: { ledger?: string; config?: string | false; lang: Lang }, cmd: Command, io: AppIO): { ok: boolean; ledger?: string; lang: Lang } {
  const project = projectSettingsOrReport({ config: o.config, waivers: false, loadsPacks: false, lang: onCommandLine(cmd, 'lang', o.lang), ledger: o.ledger }, io, o.lang);
  if (!project) return { ok: false, lang: o.lang };
  return { ok: true, lang: project.lang ?? o.lang, ...(project.ledger !== undefined ? { ledger: project.ledger } : {}) };
}

const ENVIRONMENT = [
  'XBORDER_LANG        en or zh (default from LANG)',
  'XBORDER_LOG_LEVEL   pino level on stderr: trace, debug, info, warn (default), error, silent',
  'XBORDER_LEDGER      ledger when neither --ledger nor .xborder.yaml names one (check, report and zones: it must exist)',
  'XBORDER_MAX_BYTES   largest manifest file read (default 10 MB)',
  'XBORDER_CACHE_DIR   compiled-pack cache folder; XBORDER_NO_CACHE=1 turns it off',
  'XBORDER_TODAY       the date waivers are judged on; safeguards dated after it are not yet in place (YYYY-MM-DD; default: today in China)',
  'NO_COLOR, FORCE_COLOR  colour of the text report',
];

/** `--help` text after the options: examples, the exit codes and the environment, for every command. */
const helpAfter = (examples: readonly string[], exits = '0 ok · 1 a verdict fails the gate (--fail-on) · 2 usage error, unreadable or invalid input'): string =>
  `\nExamples:\n${examples.map((e) => `  $ ${e}`).join('\n')}\n\nExit codes: ${exits}\n\nEnvironment:\n${ENVIRONMENT.map((e) => `  ${e}`).join('\n')}\n`;

/** The top-level commands defined here (extensions add others). */
const OWN_COMMANDS = ['check', 'validate', 'pack', 'explain', 'ledger', 'zones'] as const;

/** Adds commands of another front end (the service's `serve`): bin/xborder.js passes them in. */
export type CommandsExtension = (program: Command, io: AppIO, setCode: (code: number) => void) => void;

/** Builds the program and runs it; returns the exit code (0 ok, 1 gate, 2 usage or input error). */
export async function runCli(argv: readonly string[], io: AppIO = processIO(), extensions: readonly CommandsExtension[] = []): Promise<number> {
  let code = 0;
  // `xborder check …` (the common, scripted case) defines only the command it runs: building every command's
  // options is a measurable share of a cold start. Anything else (help, an option first, another front end's
  // command, a typo to suggest against) defines them all.
  const only = OWN_COMMANDS.find((c) => c === argv[0]);
  const usage = usageLang(argv, envLang(io.env));
  const wanted = (name: string): boolean => only === undefined || only === name;
  const program = new Command('xborder')
    .description('Check outbound data transfers against PRC rules (CAC 2024 Provisions, PIPL, DSL) and pilot-zone lists')
    .version(packageVersion())
    .option('--log-level <level>', 'pino log level on stderr (trace, debug, info, warn, error, silent)', io.env.XBORDER_LOG_LEVEL ?? 'warn')
    .hook('preAction', (cmd) => setLogLevel(String(cmd.opts().logLevel)))
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: (text, write) => write(usage === 'zh' ? zhUsage(text) : text) });

  if (wanted('check')) {
    program.command('check')
      .addHelpText('after', helpAfter(['xborder check examples/manifests/', 'xborder check manifests/ --format sarif=xborder.sarif --format github --fail-on review', 'cat transfers.ndjson | xborder check - --format ndjson', 'xborder check --ledger .xborder/ledger.db next-transfer.yaml']))
      .description('check manifests (files, directories searched recursively for *.yaml, *.yml, *.json, or - for stdin)')
      .argument('<inputs...>', 'manifest files or directories, or -')
      .addOption(new Option('-f, --format <format>', `report format, or format=file (repeatable: one run, several reports): ${FORMAT_NAMES.join(', ')}`).argParser(reportTarget).default([]))
      .addOption(langOption(io))
      .addOption(new Option('--fail-on <verdict>', 'lowest verdict that fails the gate (exit 1)').choices(['fail', 'review']).default('fail'))
      .addOption(packOption())
      .addOption(asOfOption())
      .option('--config <file>', 'project configuration (default: .xborder.yaml here or in a folder above, within the git repository)')
      .option('--no-config', 'ignore any .xborder.yaml')
      .option('--waivers <file>', 'waivers file (accepted risks; default: the one named in the configuration)')
      .option('--exclude <glob>', 'leave out matching paths in folder walks (gitignore syntax, relative to here; repeatable)', collect, [])
      .option('--only <outcomes>', 'write only these verdicts to the report, e.g. fail,review (all are counted; errors are always written)', onlyList)
      .option('--color', 'colour the text report even when stdout is not a terminal')
      .option('--no-color', 'never colour the text report (also NO_COLOR=1)')
      .option('-o, --output <file>', 'write the report to a file (the one report; not with several formats or --format f=file); the summary line goes to stderr')
      .option('--explain', 'include every evaluated condition in each finding')
      .option('-q, --quiet', 'no progress line, unused-waiver note or summary line on stderr (a text report on stdout keeps its own summary)')
      .option('--max-bytes <n>', 'refuse manifest files larger than this', (v) => Number(v))
      .option('--ledger <ledger>', 'read year-to-date totals from an existing ledger (SQLite file or postgres:// URL); never created or written by check (default: the configuration\'s ledger, else $XBORDER_LEDGER, else none)')
      .option('--allow-empty', 'exit 0 when the inputs hold no manifest (default: exit 2, so a renamed folder cannot pass the gate)')
      .option('-j, --jobs <n>', 'worker threads (default: available cores; 1 checks in-process)', (v) => Number(v))
      .addOption(trustOption())
      .action(async (inputs: string[], o: CheckFlags, cmd: Command) => {
        const settings = checkSettings(o, cmd, io);
        if (!settings) { code = 2; return; }
        const clock = runToday(io.env);
        if ('problem' in clock) { say(io.stderr, settings.lang, clock.problem); code = 2; return; }
        const { project, ...opts } = settings;
        // The same load as `report`'s: the project's packs, verified against its trust store, through the cache.
        const set = await loadProjectPacks(project, io, settings.lang);
        if (!set) { code = 2; return; }
        code = await checkInputs(inputs, set, { ...opts, cache: true, today: clock.today }, io);
      });
  }

  if (wanted('validate')) {
    program.command('validate')
      .addHelpText('after', helpAfter(['xborder validate manifests/', 'xborder validate manifests/ --exclude "drafts/"'], '0 ok · 2 usage error, unreadable or invalid input, or no manifest (without --allow-empty)'))
      .description('validate manifests against the format (no evaluation)')
      .argument('<inputs...>', 'manifest files or directories, or -')
      .addOption(langOption(io))
      .option('--config <file>', 'project configuration, for its exclude (default: .xborder.yaml here or in a folder above, within the git repository)')
      .option('--no-config', 'ignore any .xborder.yaml')
      .option('--exclude <glob>', 'leave out matching paths in folder walks (gitignore syntax, relative to here; repeatable)', collect, [])
      .option('--allow-empty', 'exit 0 when the inputs hold no manifest (default: exit 2, so a renamed folder cannot pass)')
      .option('--max-bytes <n>', 'refuse files larger than this', (v) => Number(v))
      .action(async (inputs: string[], o: { maxBytes?: number; lang: Lang; config?: string | false; exclude: string[]; allowEmpty?: boolean }, cmd: Command) => {
        // The configuration's exclude (and lang) apply as they do to check, so both walk the same files.
        const project = projectSettingsOrReport({ config: o.config, exclude: o.exclude, waivers: false, loadsPacks: false, lang: onCommandLine(cmd, 'lang', o.lang) }, io, o.lang);
        if (!project) { code = 2; return; }
        code = await (await import('../app/validate.js')).validateInputs(inputs, io, {
          maxBytes: o.maxBytes, allowEmpty: o.allowEmpty, exclude: project.exclude, lang: project.lang ?? o.lang,
        });
      });
  }

  if (wanted('pack')) {
    const pack = program.command('pack').description('tools for rule-pack authors');
    pack.command('validate')
      .addHelpText('after', helpAfter(['xborder pack validate rules/'], '0 ok · 2 usage error, unreadable or invalid input'))
      .description('check packs: schema, facts, operators, taxonomy ids, placeholders, effective dates (file:line:column)')
      .argument('[paths...]', 'pack files or directories (default: bundled rules/)')
      .addOption(trustOption())
      .addOption(langOption(io))
      .action(async (paths: string[], o: { trust?: string; lang: Lang }) => { code = await validatePacks(paths, io, { trust: resolveTrust(o.trust, io.env) }, o.lang); });
    pack.command('test')
      .addHelpText('after', helpAfter(['xborder pack test', 'xborder pack test rules/cn-national rules/zone-beijing'], '0 every case passes · 1 a case fails · 2 invalid packs or test files'))
      .description('run every pack\'s test cases (tests.yaml beside pack.yaml) and report rule coverage')
      .argument('[paths...]', 'pack directories (default: bundled rules/)')
      .addOption(trustOption())
      .option('--min-coverage <percent>', 'fail (exit 1) when a pack has less than this share of its rules exercised', (v) => Number(v))
      .option('--require-paths', 'fail, instead of flagging, cases that name a rule but check only the verdict')
      .addOption(new Option('-f, --format <format>', 'report format').choices(['text', 'junit']).default('text'))
      .addOption(langOption(io, 'language of the text report and messages (JUnit stays English)'))
      .action(async (paths: string[], o: { trust?: string; minCoverage?: number; requirePaths?: boolean; format: 'text' | 'junit'; lang: Lang }) => {
        code = await testPacks(paths, io, { trust: resolveTrust(o.trust, io.env) }, o);
      });
    pack.command('coverage')
      .addHelpText('after', helpAfter(['xborder pack coverage', 'xborder pack coverage rules/zone-shanghai --format json'], '0 ok · 2 usage error or invalid packs'))
      .description('per zone list: sectors, scenarios, sub-classes and fields published vs encoded, complete vs partial scenarios, sources')
      .argument('[paths...]', 'pack files or directories (default: bundled rules/)')
      .addOption(trustOption())
      .addOption(new Option('-f, --format <format>', 'report format').choices(['text', 'markdown', 'json']).default('text'))
      .option('-o, --output <file>', 'write the report to a file instead of stdout')
      .addOption(langOption(io, 'language of the text and markdown reports and of messages'))
      .action(async (paths: string[], o: { trust?: string; format: CoverageFormat; output?: string; lang: Lang }) => {
        code = await (await import('../app/pack-coverage.js')).packCoverage(paths, io, o, { trust: resolveTrust(o.trust, io.env) });
      });
    pack.command('keygen')
      .description('write an Ed25519 key pair as PEM: <prefix>.key.pem (private) and <prefix>.pub.pem')
      .requiredOption('--out <prefix>', 'path prefix of the two files')
      .action(async (o: { out: string }) => { code = (await import('../app/pack-signing.js')).keygen(o.out, io); });
    pack.command('sign')
      .description('sign each pack file under a path: writes <name>.sig.json beside it')
      .argument('<path>', 'pack file or directory')
      .requiredOption('--key <pem>', 'Ed25519 private key (PEM)')
      .option('--expires <date>', 'last day the signature is accepted (default: one year from today)')
      .option('--previous <sig.json>', 'signature file of the version this one replaces (default: the one being overwritten)')
      .action(async (path: string, o: { key: string; expires?: string; previous?: string }) => { code = await (await import('../app/pack-signing.js')).signPacks(path, o, io); });
    pack.command('verify')
      .description('verify the signatures of the packs under a path against one public key or a trust store')
      .argument('<path>', 'pack file or directory')
      .option('--public-key <pem>', 'Ed25519 public key (PEM)')
      .addOption(trustOption())
      .addOption(langOption(io, 'language of the refusal reasons'))
      .action(async (path: string, o: { publicKey?: string; trust?: string; lang: Lang }) => { code = await (await import('../app/pack-signing.js')).verifyPacks(path, { publicKey: o.publicKey, trust: resolveTrust(o.trust, io.env) }, io, o.lang); });

    pack.command('diff')
      .description('replay manifests under two pack sets: verdict transitions, the rules that cause them, and the pack changes')
      .requiredOption('--base <path|git-ref>', 'the packs before: a directory, or a git ref of the repository holding --head')
      .requiredOption('--head <path>', 'the packs after (a directory)')
      .requiredOption('--corpus <paths...>', 'manifest files or directories; an evidence export (xborder evidence export) among them replays its decisions, on their as-of dates and totals, with the manifests matched by digest')
      .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'markdown', 'json']).default('text'))
      .option('--fail-on <transitions>', 'exit 1 when any of these occur, e.g. pass-to-fail,review-to-pass')
      .addOption(asOfOption())
      .option('--samples <n>', 'sample manifests per rule group', (v) => Number(v), 3)
      .option('-j, --jobs <n>', 'worker threads per pack set (default 1: in-process)', (v) => Number(v))
      .option('-o, --output <file>', 'write the report to a file')
      .option('--max-bytes <n>', 'refuse manifest files larger than this', (v) => Number(v))
      .addOption(langOption(io, 'language of messages (the report stays English)'))
      .action(async (o: PackDiffOptions) => { code = await (await import('../app/pack-diff.js')).packDiff(o, io); });

    pack.command('changelog')
      .description('bilingual release notes (markdown) for the packs of --head against --base')
      .requiredOption('--base <path|git-ref>', 'the previous release: a directory, or a git ref of the repository holding --head')
      .requiredOption('--head <path>', 'the release (a directory)')
      .option('-o, --output <file>', 'write the notes to a file')
      .action(async (o: { base: string; head: string; output?: string }) => { code = await (await import('../app/pack-diff.js')).packChangelog(o, io); });
  }

  if (wanted('explain')) {
    program.command('explain')
      .addHelpText('after', helpAfter(['xborder explain cn.volume.contract-non-sensitive', 'xborder explain zone-beijing-2024/beijing.automotive.exterior-video', 'xborder explain --scenarios shanghai --lang zh'], '0 ok · 2 usage error, unreadable or invalid input'))
      .description('show a rule in plain words, both languages, with citation, source and dates; or a zone\'s scenarios')
      .argument('[rule]', 'rule id, or <pack>/<rule id> when several packs use the id')
      .addOption(packOption('rule pack file or directory (repeatable)'))
      .option('--scenarios <zone>', 'list the scenarios of the zone\'s lists (ids for purpose.scenario), with coverage and source')
      .addOption(langOption(io, 'language of the page (en: both languages; zh: Chinese only) and of --scenarios'))
      .addOption(trustOption())
      .option('--config <file>', 'project configuration, for its packs, trust store and lang (default: .xborder.yaml here or in a folder above, within the git repository)')
      .option('--no-config', 'ignore any .xborder.yaml')
      .action(async (id: string | undefined, o: PackFlags & { scenarios?: string }, cmd: Command) => {
        if (id === undefined && o.scenarios === undefined) {
          say(io.stderr, o.lang, MESSAGES.explainNeedsRule());
          code = 2;
          return;
        }
        const loaded = await projectPackSet(o, cmd, io);
        if (!loaded) { code = 2; return; }
        const { set, lang } = loaded;
        const { explainRule, explainScenarios } = await import('../app/explain.js');
        code = o.scenarios !== undefined ? explainScenarios(o.scenarios, set, lang, io) : explainRule(id!, set, io, lang);
      });
  }

  if (wanted('ledger')) {
    // Subcommands load their modules when they run: `check` pays only for what checking needs (cold start).
    const ledgerApp = () => import('../app/ledger.js');
    const ledger = program.command('ledger').description('year-to-date ledger of transfers that actually happened (counts only)');
    ledger.command('record')
      .addHelpText('after', helpAfter(['xborder ledger record transfers/tm-2026-0042.yaml', 'xborder ledger record --pack rules/ --trust trust.yaml transfers/tm-2026-0042.yaml'], '0 ok · 2 usage error, unreadable or invalid input, invalid or untrusted packs'))
      .description('record transfers that happened; recording a manifest twice changes nothing. Which exempt transfers count is decided by the packs check uses (--pack, .xborder.yaml, --trust)')
      .argument('<manifest...>', 'manifest files')
      .addOption(ledgerOption())
      .addOption(packOption())
      .addOption(trustOption())
      .option('--config <file>', 'project configuration, for its ledger, packs, trust store and lang (default: .xborder.yaml here or in a folder above, within the git repository)')
      .option('--no-config', 'ignore any .xborder.yaml')
      .option('--max-bytes <n>', 'refuse manifest files larger than this (default: $XBORDER_MAX_BYTES or 10 MB)', (v) => Number(v))
      .addOption(langOption(io))
      .action(async (files: string[], o: PackFlags & { ledger?: string; maxBytes?: number }, cmd: Command) => {
        // The packs (and language) `check` would use here, so both count the same exemptions.
        const loaded = await projectPackSet(o, cmd, io);
        if (!loaded) { code = 2; return; }
        code = await (await ledgerApp()).runRecord(files, { ledger: loaded.ledger, lang: loaded.lang, packs: loaded.set, maxBytes: o.maxBytes }, io);
      });
    ledger.command('show')
      .addHelpText('after', helpAfter(['xborder ledger show --year 2026'], '0 ok · 2 usage error, unreadable or invalid input'))
      .description('print totals per exporter and calendar year')
      .option('--exporter <id>', 'only this exporter (USCC, or name when no USCC)')
      .option('--year <yyyy>', 'only this calendar year')
      .addOption(ledgerOption())
      .option('--config <file>', 'project configuration, for its ledger and lang (default: .xborder.yaml here or in a folder above, within the git repository)')
      .option('--no-config', 'ignore any .xborder.yaml')
      .addOption(langOption(io, 'language of the table and messages'))
      .action(async (o: { ledger?: string; config?: string | false; exporter?: string; year?: string; lang: Lang }, cmd: Command) => {
        const p = projectLedger(o, cmd, io);
        code = p.ok ? await (await ledgerApp()).runShow({ ...o, ledger: p.ledger, lang: p.lang }, io) : 2;
      });
    ledger.command('export')
      .addHelpText('after', helpAfter(['xborder ledger export --format csv --output ledger.csv'], '0 ok · 2 usage error, unreadable or invalid input'))
      .description('write totals per exporter and year as CSV or JSON')
      .addOption(new Option('--format <format>', 'output format').choices(['csv', 'json']).default('csv'))
      .option('--output <file>', 'write to this file instead of stdout')
      .addOption(ledgerOption())
      .option('--config <file>', 'project configuration, for its ledger and lang (default: .xborder.yaml here or in a folder above, within the git repository)')
      .option('--no-config', 'ignore any .xborder.yaml')
      .addOption(langOption(io, 'language of messages (CSV and JSON keep their field names)'))
      .action(async (o: { ledger?: string; config?: string | false; format?: string; output?: string; lang: Lang }, cmd: Command) => {
        const p = projectLedger(o, cmd, io);
        code = p.ok ? await (await ledgerApp()).runExport({ ...o, ledger: p.ledger, lang: p.lang }, io) : 2;
      });
  }

  if (wanted('zones')) {
    program.command('zones')
      .addHelpText('after', helpAfter(['xborder zones examples/manifests/fail-sme-150k-singapore.yaml --lang zh'], '0 ok · 1 the manifest as written fails (as check exits) · 2 usage error, unreadable or invalid input'))
      .description('compare one manifest as if the exporter were registered in each pilot zone with a pack, and in none')
      .argument('<manifest>', 'manifest file, or -')
      .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
      .addOption(langOption(io, 'language of headers and messages'))
      .addOption(packOption())
      .addOption(asOfOption())
      .addOption(trustOption())
      .option('--config <file>', 'project configuration, for its packs, trust store, ledger and lang (default: .xborder.yaml here or in a folder above, within the git repository)')
      .option('--no-config', 'ignore any .xborder.yaml')
      .option('--ledger <ledger>', 'read year-to-date totals from an existing ledger, as check does (default: the configuration\'s ledger, else $XBORDER_LEDGER, else none)')
      .action(async (file: string, o: PackFlags & { format: 'text' | 'json'; asOf?: string }, cmd: Command) => {
        const loaded = await projectPackSet(o, cmd, io);
        // The ledger check would read (--ledger, else ledger:, else XBORDER_LEDGER): a row is the verdict check gives.
        const ledger = loaded && checkLedger({ ledger: loaded.ledger }, io.env);
        code = loaded ? await (await import('../app/zones.js')).zonesReport(file, loaded.set, { format: o.format, asOf: o.asOf, lang: loaded.lang, ...ledger }, io) : 2;
      });
  }

  if (only === undefined) for (const extend of extensions) extend(program, io, (c) => { code = c; });

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
