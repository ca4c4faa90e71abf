/**
 * A run's settings from the project: command-line flags, over the project configuration (.xborder.yaml), over the
 * environment and defaults. One function for every front end that reads the file (`check`, `report`, `serve`), so
 * they never disagree on precedence; and one way to load the packs a check runs on (with the trust store).
 */
import { dirname } from 'node:path';
import type { PackSet } from '../evaluate/pack-set.js';
import type { Waiver } from '../evaluate/waivers.js';
import type { TrustOptions } from '../load/trusted.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Lang } from '../model/verdict.js';
import type { ExcludePatterns } from '../io/files.js';
import { formatDiagnosticIn } from '../report/error-text.js';
import type { AppIO } from './io.js';
import { loadPacksWithBaseHint } from './packs.js';
import { resolveTrust } from './trust-option.js';
import { findConfig, ProjectFileError, readConfig, readWaivers, type ProjectConfig } from './project-files.js';

/** What the command line said. A flag left undefined was not given: the file's value, then the default, applies. */
export interface ProjectFlags {
  pack?: readonly string[];
  /** A file, or false for --no-config; undefined: look for .xborder.yaml from the working directory up. */
  config?: string | false;
  /** A file; false for a command that applies no waivers (validate, zones, explain): the file's is then not read. */
  waivers?: string | false;
  trust?: string;
  /** '' asks for the default ledger (serve's bare --ledger). */
  ledger?: string;
  /** Only when given on the command line: a commander default would hide the file's value. */
  failOn?: 'fail' | 'review';
  lang?: Lang;
  exclude?: readonly string[];
  /** False for a command that loads no packs (validate, ledger show and export): the file's packs and trust store are not its to check. */
  loadsPacks?: false;
}

export interface ProjectSettings {
  /** The configuration file used, if any. */
  configFile?: string;
  /** The file's values as read (paths resolved against its folder); {} without one. */
  config: Partial<ProjectConfig>;
  /** Pack paths; [] means the bundled rules/. */
  packs: string[];
  ledger?: string;
  waivers: Waiver[];
  /** The waivers file read, if any. */
  waiversFile?: string;
  /** Problems of the project files that do not stop a run (a waiver wider than it likely means). */
  warnings: Diagnostic[];
  trust?: TrustOptions;
  /** Undefined when neither the flags nor the file say: each command has its own default. */
  failOn?: 'fail' | 'review';
  lang?: Lang;
  /** The configuration's patterns (relative to its folder), then the command line's (relative to the working directory). */
  exclude: ExcludePatterns[];
}

/** The configuration file the flags point to (or the one found upward), read and validated; {} without one. */
function readProjectConfig(flags: ProjectFlags, io: Pick<AppIO, 'cwd'>): { file?: string; config: Partial<ProjectConfig> } {
  const file = flags.config === false ? undefined : flags.config ?? findConfig(io.cwd);
  // Only the file settings no flag overrides must name files that exist.
  const packs = flags.loadsPacks !== false;
  const used = ([['packs', packs && !flags.pack?.length], ['waivers', flags.waivers === undefined], ['trust', packs && flags.trust === undefined]] as const)
    .flatMap(([key, usedHere]) => (usedHere ? [key] : []));
  return file ? { file, config: readConfig(file, used) } : { config: {} };
}

function settingsFrom(flags: ProjectFlags, { file, config: cfg }: { file?: string; config: Partial<ProjectConfig> }, io: Pick<AppIO, 'cwd' | 'env'>): ProjectSettings {
  const env = io.env;
  const waiversFile = flags.waivers === false ? undefined : flags.waivers ?? cfg.waivers;
  const ledger = flags.ledger ?? cfg.ledger;
  const trust = resolveTrust(flags.trust, env, cfg.trust);
  const failOn = flags.failOn ?? cfg.failOn;
  const lang = flags.lang ?? cfg.lang;
  const warnings: Diagnostic[] = [];
  return {
    ...(file ? { configFile: file } : {}),
    config: cfg,
    packs: flags.pack?.length ? [...flags.pack] : cfg.packs ?? [],
    ...(ledger !== undefined ? { ledger } : {}),
    waivers: waiversFile ? readWaivers(waiversFile, (d) => warnings.push(d)) : [],
    ...(waiversFile ? { waiversFile } : {}),
    warnings,
    ...(trust ? { trust } : {}),
    ...(failOn ? { failOn } : {}),
    ...(lang ? { lang } : {}),
    exclude: [
      ...(file && cfg.exclude?.length ? [{ base: dirname(file), patterns: cfg.exclude }] : []),
      ...(flags.exclude?.length ? [{ base: io.cwd, patterns: flags.exclude }] : []),
    ],
  };
}

/** Throws ProjectFileError (every problem with its position) when the configuration or waivers file is unusable. */
export function projectSettings(flags: ProjectFlags, io: Pick<AppIO, 'cwd' | 'env'>): ProjectSettings {
  return settingsFrom(flags, readProjectConfig(flags, io), io);
}

/**
 * The settings, or undefined after printing every problem of an unusable configuration or waivers file in the
 * run's language (the flag's, else the file's when the file itself could be read, else `fallbackLang`).
 */
export function projectSettingsOrReport(flags: ProjectFlags, io: AppIO, fallbackLang: Lang): ProjectSettings | undefined {
  let read: ReturnType<typeof readProjectConfig> | undefined;
  const lang = (): Lang => flags.lang ?? read?.config.lang ?? fallbackLang;
  try {
    read = readProjectConfig(flags, io);
    const settings = settingsFrom(flags, read, io);
    for (const w of settings.warnings) io.stderr(`xborder: ${lang() === 'zh' ? '警告：' : 'warning: '}${formatDiagnosticIn(w, lang())}\n`);
    return settings;
  } catch (err) {
    if (!(err instanceof ProjectFileError)) throw err;
    io.stderr(`xborder: ${err.diagnostics.map((d) => formatDiagnosticIn(d, lang())).join('\n')}\n`);
    return undefined;
  }
}

/**
 * The packs a check runs on, as `check` loads them: the settings' paths (else the bundled rules/), every pack
 * verified against the trust store when there is one, through the compiled-pack cache. Undefined after printing
 * why nothing can be checked.
 */
export const loadProjectPacks = (settings: ProjectSettings, io: AppIO, lang: Lang): Promise<PackSet | undefined> =>
  // The compiled-pack cache spares each cold start (and each worker) the pack compile (src/load/pack-cache.ts).
  loadPacksWithBaseHint('check', settings.packs, io, { cache: true, ...(settings.trust ? { trust: settings.trust } : {}) }, lang);

/**
 * A flag's value only when it was given on the command line: its default (e.g. --lang from LANG) must not override
 * the project configuration's setting. `cmd` is the front end's parsed command (commander's Command).
 */
export function onCommandLine<T>(cmd: { getOptionValueSource(name: string): string | undefined }, name: string, value: T): T | undefined {
  return cmd.getOptionValueSource(name) === 'cli' ? value : undefined;
}
