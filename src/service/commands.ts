/**
 * The service's commands on the xborder command line (`serve`), added to the CLI's program by bin/xborder.js:
 * the CLI and the service are both front ends and neither imports the other. Heavy modules load in the action.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { envLang, type AppIO } from '../app/io.js';
import { collect } from '../app/option-parsers.js';
import { onCommandLine } from '../app/project-settings.js';
import type { Lang } from '../model/verdict.js';

const port = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('must be a port number 0-65535');
  return n;
};
const count = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be a whole number >= 0');
  return n;
};

interface ServeCommandFlags {
  port: number; host: string; pack: string[]; ledger?: string | boolean; createLedger?: boolean; web?: string; keys?: string; checksNeedKey?: boolean; rateLimit: number; maxBytes?: number;
  config?: string | false; waivers?: string; trust?: string; failOn?: 'fail' | 'review'; lang: Lang;
}


export function addServiceCommands(program: Command, io: AppIO, setCode: (code: number) => void): void {
  program.command('serve')
    .description('run the HTTP decision service (POST /v1/check, /healthz; see /openapi.json)')
    .addOption(new Option('--port <n>', 'TCP port (0: any free port)').argParser(port).default(8080))
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .addOption(new Option('-p, --pack <path>', 'rule pack file or directory (repeatable; default: the bundled rules/)').argParser(collect).default([]))
    .option('--ledger [url]', 'ledger for year-to-date totals and evidence (SQLite file or postgres:// URL); a bare --ledger means $XBORDER_LEDGER or .xborder/ledger.db; without it (and no ledger in the configuration), none')
    .option('--create-ledger', 'create the SQLite ledger file if it does not exist (without it, serve refuses a missing one: a mistyped path would read as an empty ledger)')
    .option('--config <file>', 'project configuration: packs, ledger, waivers, trust, failOn (default: .xborder.yaml here or in a folder above)')
    .option('--no-config', 'ignore any .xborder.yaml')
    .option('--waivers <file>', 'waivers file (accepted risks; default: the one named in the configuration)')
    .option('--trust <file>', 'trust store (trust.yaml): every pack must be signed by a key trusted for it (default: $XBORDER_TRUST)')
    .addOption(new Option('--fail-on <verdict>', 'lowest verdict that refuses a reservation (?record=true; default: review)').choices(['fail', 'review']))
    .option('--web <dir>', 'folder of the web console to serve at / (default: web/dist of the package, if built)')
    .option('--keys <file>', 'API keys, hashed: "name sha256:<hex>" per line (XBORDER_API_KEYS adds more); needed for ledger writes, reload, evidence')
    .option('--checks-need-key', 'checks need an API key too (default: open)')
    .addOption(new Option('--rate-limit <n>', 'requests per minute per API key or client address (0: no limit)').argParser(count).default(6000))
    .addOption(new Option('--max-bytes <n>', 'largest manifest (request body, NDJSON line) in bytes').argParser(count))
    .addOption(new Option('--lang <lang>', 'language of start-up errors (default: the configuration\'s lang, else from LANG)').choices(['en', 'zh']).default(envLang(io.env)))
    .action(async (o: ServeCommandFlags, cmd: Command) => {
      const { serve } = await import('./run.js');
      const logLevel = String(cmd.optsWithGlobals().logLevel ?? 'info');
      // --lang given on the command line wins over the configuration's; the LANG default does not.
      const lang = onCommandLine(cmd, 'lang', o.lang);
      setCode(await serve({ ...o, ledger: o.ledger === true ? '' : o.ledger || undefined, logLevel, lang, fallbackLang: o.lang }, io));
    });
}

export function addApiKeyCommands(program: Command, io: AppIO, setCode: (code: number) => void): void {
  program.command('apikey').description('API keys for xborder serve')
    .command('new').description('print a new random API key (give it to the client) and its hashed line (add it to the keys file)')
    .argument('<name>', 'a name for the key, for rotation and logs (letters, digits, _ . -)')
    .action(async (name: string) => {
      const { newKey } = await import('./auth.js');
      if (!/^[A-Za-z0-9_.-]{1,64}$/.test(name)) {
        io.stderr('xborder: a key name is 1-64 letters, digits, _ . or -\n');
        setCode(2);
        return;
      }
      const k = newKey(name);
      io.stdout(`key:  ${k.key}\nline: ${k.line}\n`);
      setCode(0);
    });
}

export function addEvidenceCommands(program: Command, io: AppIO, setCode: (code: number) => void): void {
  const evidence = program.command('evidence').description('decision records written by xborder serve (a hash chain in the ledger)');
  const ledger = () => new Option('--ledger <url>', 'ledger: a SQLite file, sqlite:path or postgres://… (default: $XBORDER_LEDGER or .xborder/ledger.db)');
  const lang = (what: string) => new Option('--lang <lang>', what).choices(['en', 'zh']).default(envLang(io.env));
  evidence.command('verify').description('check the hash chain; report the first broken link (exit 1), or its head')
    .addOption(ledger())
    .option('--head <seq:hash>', 'a head printed by an earlier verify: exit 1 unless the chain still holds it (records deleted from the end)')
    .addOption(lang('language of the result and of messages'))
    .action(async (o: { ledger?: string; head?: string; lang: Lang }) => { setCode(await (await import('../app/evidence.js')).evidenceVerify(o, io)); });
  evidence.command('export').description('print every record as NDJSON, in chain order, for auditors')
    .addOption(ledger())
    .addOption(lang('language of messages'))
    .action(async (o: { ledger?: string; lang: Lang }) => { setCode(await (await import('../app/evidence.js')).evidenceExport(o, io)); });
}
