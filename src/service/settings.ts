/**
 * The service's settings: command-line flags, over the project configuration (.xborder.yaml), over defaults —
 * resolved by the same function as `xborder check` and `xborder report` (src/app/project-settings.ts).
 */
import type { AppIO } from '../app/io.js';
import { projectSettings, type ProjectSettings } from '../app/project-settings.js';
import type { Waiver } from '../evaluate/waivers.js';
import type { TrustOptions } from '../load/trusted.js';
import type { Lang } from '../model/verdict.js';

export interface ServeFlags {
  pack: string[];
  /** '' asks for the default ledger; undefined: none unless the configuration names one. */
  ledger?: string;
  /** A file, or false for --no-config; undefined: look for .xborder.yaml from the working directory up. */
  config?: string | false;
  waivers?: string;
  trust?: string;
  failOn?: 'fail' | 'review';
  /** Given on the command line: over the file's `lang`. */
  lang?: Lang;
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
export const serveSettings = (o: ServeFlags, io: Pick<AppIO, 'cwd' | 'env'>): ServeSettings => serveSettingsOf(projectSettings(o, io));

/** What the service takes of the project's settings; its own default gate is review (a reservation is a write). */
export function serveSettingsOf(s: ProjectSettings): ServeSettings {
  return {
    ...(s.configFile ? { configFile: s.configFile } : {}),
    packs: s.packs,
    ...(s.ledger !== undefined ? { ledger: s.ledger } : {}),
    waivers: s.waivers,
    ...(s.trust ? { trust: s.trust } : {}),
    failOn: s.failOn ?? 'review',
  };
}
