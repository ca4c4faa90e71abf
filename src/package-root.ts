import { existsSync } from 'node:fs';

/**
 * The package's root directory (holding package.json, schemas/, rules/), found by walking up from this module,
 * so the same code works from dist/src/ (built) and src/ (tests run on the sources).
 */
export const PACKAGE_ROOT: URL = (() => {
  let dir = new URL('./', import.meta.url);
  for (let i = 0; i < 6; i++) {
    if (existsSync(new URL('package.json', dir)) && existsSync(new URL('schemas/', dir))) return dir;
    dir = new URL('../', dir);
  }
  throw new Error('xborder: cannot find its package root (package.json beside schemas/)');
})();
