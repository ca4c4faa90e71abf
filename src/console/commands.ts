/**
 * The console's command on the xborder command line (`report`), added to the CLI's program by bin/xborder.js
 * like the service's: the printable report of one manifest's verdict, as HTML or, through Chromium, as PDF.
 *
 * The verdict is the one `xborder check` gives the same file: the same project settings (.xborder.yaml, flags
 * over it), the same pack load (trust store, cache), waivers and ledger totals, through the same src/app functions.
 * Exit codes, as `check`'s: 0 the report was written and the verdict is within the gate (--fail-on) · 1 the report was
 * written and the verdict fails the gate · 2 usage error, unusable configuration or packs, invalid manifest, or the
 * report (or its PDF) not written.
 */
import { Option, type Command } from 'commander';
import { envLang, type AppIO } from '../app/io.js';
import { collect, isoDate } from '../app/option-parsers.js';
import { onCommandLine } from '../app/project-settings.js';
import type { ReportOptions } from './report-command.js';

export function addConsoleCommands(program: Command, io: AppIO, setCode: (code: number) => void): void {
  program.command('report')
    .description('printable report of one manifest\'s verdict: HTML (stdout or --output), or PDF with --pdf through headless Chromium')
    .argument('<manifest>', 'manifest file')
    .addOption(new Option('--lang <lang>', 'language of the report and messages (default: the configuration\'s lang, else from LANG)').choices(['en', 'zh']).default(envLang(io.env)))
    .addOption(new Option('-p, --pack <path>', 'rule pack file or directory (repeatable; default: the configuration\'s packs, else the bundled rules/)').argParser(collect).default([]))
    .addOption(new Option('--as-of <date>', 'evaluate as of this date (YYYY-MM-DD) instead of the manifest\'s date').argParser(isoDate))
    .option('--config <file>', 'project configuration (default: .xborder.yaml here or in a folder above)')
    .option('--no-config', 'ignore any .xborder.yaml')
    .option('--waivers <file>', 'waivers file (accepted risks; default: the one named in the configuration)')
    .option('--ledger <ledger>', 'read year-to-date totals from an existing ledger, as check --ledger does (default: the configuration\'s, else $XBORDER_LEDGER, else none)')
    .option('--trust <file>', 'trust store (trust.yaml): every pack must be signed by a key trusted for it (default: the configuration\'s, else $XBORDER_TRUST)')
    .option('-o, --output <file>', 'write the HTML to this file instead of stdout')
    .option('--pdf <file>', 'print the report to this PDF through chromium; without it, exit 2 (the HTML is still written next to it)')
    .addOption(new Option('--fail-on <verdict>', 'lowest verdict that fails the gate (exit 1 once the report is written; default: the configuration\'s, else fail)').choices(['fail', 'review']))
    .addHelpText('after', '\nExit codes, as check\'s: 0 the report was written and the verdict is within the gate · 1 the report was written and the verdict fails the gate (--fail-on) · 2 usage error, unusable configuration, packs or manifest, or no report (or no PDF) written\n')
    .action(async (file: string, o: ReportOptions, cmd: Command) => {
      // The report's modules (HTML, PDF, materials) load here, not with the program: `check` never pays for them.
      const { reportCommand } = await import('./report-command.js');
      setCode(await reportCommand(file, o, onCommandLine(cmd, 'lang', o.lang), io));
    });
}

