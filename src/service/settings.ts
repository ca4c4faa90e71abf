/**
 * The service's settings: command-line flags, over the project configuration (.xborder.yaml, the same file and
 * the same precedence as `xborder check`), over defaults. Relative paths in the file are resolved against its folder.
 */
import { findConfig, readConfig, readWaivers, type ProjectConfig } from '../app/project-files.js';
import { resolveTrust } from '../app/pack-signing.js';
import type { AppIO } from '../app/io.js';
import type { Waiver } from '../evaluate/waivers.js';
import type { TrustOptions } from '../load/trusted.js';

export interface ServeFlags {
  pack: string[];
  /** '' asks for the default ledger; undefined: none unless the configuration names one. */
  ledger?: string;
  /** A file, or false for --no-config; undefined: look for .xborder.yaml from the working directory up. */
  config?: string | false;
  waivers?: string;
  trust?: string;
  failOn?: 'fail' | 'review';
}

export interface ServeSettings {
  /** The configuration file used, if any (for the start-up line). */
  configFile?: string;
  packs: string[];
  ledger?: string;
  waivers: Waiver[];
  trust?: TrustOptions;
  /** Lowest verdict that refuses a reservation. */
  failOn: 'fail' | 'review';
}

/** Throws ProjectFileError (every problem with its position) when the configuration or waivers file is unusable. */
export function serveSettings(o: ServeFlags, io: Pick<AppIO, 'cwd' | 'env'>): ServeSettings {
  const file = o.config === false ? undefined : o.config ?? findConfig(io.cwd);
  const cfg: Partial<ProjectConfig> = file ? readConfig(file) : {};
  const waiversFile = o.waivers ?? cfg.waivers;
  const ledger = o.ledger ?? cfg.ledger;
  const trust = resolveTrust(o.trust, io.env, cfg.trust);
  return {
    ...(file ? { configFile: file } : {}),
    packs: o.pack.length ? o.pack : cfg.packs ?? [],
    ...(ledger !== undefined ? { ledger } : {}),
    waivers: waiversFile ? readWaivers(waiversFile) : [],
    ...(trust ? { trust } : {}),
    failOn: o.failOn ?? cfg.failOn ?? 'review',
  };
}
