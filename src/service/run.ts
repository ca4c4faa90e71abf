/**
 * The running service: loads packs, opens the ledger, listens, and stops gracefully (stop accepting, finish
 * in-flight requests, close the ledger pool) on SIGTERM or SIGINT. SIGHUP reloads the packs.
 */
import { runToday } from '../app/today.js';
import { todayInChina } from '../util/dates.js';
import type { FastifyInstance } from 'fastify';
import type { AppIO } from '../app/io.js';
import { assertExistingLedger, openLedger, redactLedgerSpec } from '../ledger/open.js';
import type { LedgerStore } from '../ledger/types.js';
import { openDecisionStore, type DecisionStore } from '../ledger/decisions.js';
import { loadKeys, type ApiKey } from './auth.js';
import { InputError } from '../io/files.js';
import { scrub } from './errors.js';
import { describeLoadError, PackHolder } from './packs.js';
import { PackSync } from './pack-sync.js';
import { buildServer, REQUEST_LOG_SERIALIZERS } from './server.js';
import { serveSettingsOf, type ServeFlags, type ServeSettings } from './settings.js';
import { projectSettingsOrReport } from '../app/project-settings.js';
import { MESSAGES, say, thrown } from '../app/messages.js';
import { errorMessageIn } from '../report/error-text.js';
import { packLoadProblems } from '../app/packs.js';
import type { Lang } from '../model/verdict.js';

export interface ServeOptions extends ServeFlags {
  port: number;
  host: string;
  web?: string;
  logLevel: string;
  /** File of hashed API keys (`name sha256:<hex>` lines); XBORDER_API_KEYS adds more. */
  keys?: string;
  checksNeedKey?: boolean;
  /** Requests per minute per key (or client address); 0 turns the limit off. */
  rateLimit?: number;
  maxBytes?: number;
  /** Create the SQLite ledger file if it does not exist (without it a missing file is refused). */
  createLedger?: boolean;
  /** The language of start-up errors when neither --lang nor the configuration's `lang` says (from LANG). */
  fallbackLang?: Lang;
}

/** Resolves with the exit code once the server has stopped (0 after a signal, 2 when it could not start). */
export async function serve(o: ServeOptions, io: AppIO): Promise<number> {
  const { pino } = await import('pino');
  const logger = pino({ name: 'xborder', level: o.logLevel, base: { pid: process.pid }, serializers: REQUEST_LOG_SERIALIZERS }, pino.destination({ fd: 2 }));
  // A configuration or waivers file that cannot be used: its problems (with positions), in the run's language.
  const project = projectSettingsOrReport(o, io, o.fallbackLang ?? 'en');
  if (!project) return 2;
  const settings: ServeSettings = serveSettingsOf(project);
  const lang = o.lang ?? project.lang ?? o.fallbackLang ?? 'en';
  // A pinned clock that is not a date would be ignored request by request: refused at start, as check refuses it.
  const clock = runToday(io.env);
  if ('problem' in clock) {
    say(io.stderr, lang, clock.problem);
    return 2;
  }
  let keys: ApiKey[];
  try {
    keys = loadKeys(o.keys, io.env);
  } catch (err) {
    // A keys file that cannot be used: where and why, never a key.
    // An unreadable file: readText's error carries the path apart from its message.
    const where = err instanceof InputError ? `--keys ${err.uri}: ` : '';
    const why = thrown((err as Error).message);
    say(io.stderr, lang, { en: where + why.en, zh: where + why.zh });
    return 2;
  }
  if (o.checksNeedKey && keys.length === 0) {
    say(io.stderr, lang, MESSAGES.serveNeedsKey());
    return 2;
  }
  const packs = new PackHolder(settings.packs, settings.trust);
  try {
    await packs.reload();
  } catch (err) {
    const problems = packLoadProblems(err, lang);
    say(io.stderr, lang, problems?.refused ? MESSAGES.servePacksRefused() : MESSAGES.servePacksInvalid());
    const lines = problems?.lines ?? [errorMessageIn(scrub((err as Error).message), lang)];
    io.stderr(lines.map((l) => `  ${l}\n`).join(''));
    return 2;
  }
  let ledger: LedgerStore | undefined;
  let decisions: DecisionStore | undefined;
  if (settings.ledger !== undefined) {
    try {
      // A mistyped path would become a new, empty ledger, whose totals pass what the real one fails.
      if (!o.createLedger) assertExistingLedger(settings.ledger || undefined, io.env, 'serve');
      ledger = await openLedger(settings.ledger || undefined, {}, io.env);
      decisions = await openDecisionStore(settings.ledger || undefined, io.env);
    } catch (err) {
      await ledger?.close();
      say(io.stderr, lang, MESSAGES.ledgerUnavailable(redactLedgerSpec(settings.ledger), errorMessageIn(scrub((err as Error).message), lang)));
      return 2;
    }
  }
  const sync = decisions ? new PackSync(packs, decisions, logger) : undefined;
  let app: FastifyInstance;
  try {
    await sync?.start();
    app = await buildServer({
      packs, ledger, decisions, sync, logger, webDir: o.web, keys, checksNeedKey: o.checksNeedKey, bodyLimit: o.maxBytes,
      waivers: settings.waivers, failOn: settings.failOn, today: () => todayInChina(io.env), // the clock vetted above
      rateLimit: o.rateLimit === 0 ? false : { max: o.rateLimit ?? 6000, timeWindowMs: 60_000 },
    });
    await app.listen({ port: o.port, host: o.host });
  } catch (err) {
    await sync?.stop();
    await ledger?.close();
    await decisions?.close();
    say(io.stderr, lang, MESSAGES.serveCannotStart(errorMessageIn(scrub((err as Error).message), lang)));
    return 2;
  }
  // These two lines stay in English whatever the language: scripts read the address from them.
  if (settings.configFile) io.stderr(`xborder: configuration ${settings.configFile}\n`);
  io.stderr(`xborder: serving on ${app.listeningOrigin}\n`);
  let resolve!: (code: number) => void;
  const stopped = new Promise<number>((r) => { resolve = r; });
  const stop = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    app.close().then(() => sync?.stop()).then(() => Promise.all([ledger?.close(), decisions?.close()])).then(() => resolve(0), (err: Error) => {
      logger.error({ message: scrub(err.message) }, 'shutdown failed');
      resolve(2);
    });
  };
  const reload = () => {
    (sync ? sync.reloadAndPublish() : packs.reload()).then(
      (a) => logger.info({ digest: a.digest }, 'rule packs reloaded'),
      (err) => logger.error({ problems: describeLoadError(err) }, 'reload failed; the last good rule packs keep serving'),
    );
  };
  process.once('SIGTERM', stop).once('SIGINT', stop).on('SIGHUP', reload);
  try {
    return await stopped;
  } finally {
    process.off('SIGHUP', reload);
  }
}
