import { existsSync, readFileSync } from 'node:fs';

let root: URL | undefined;
let version: string | undefined;

/**
 * The package's root directory (holding package.json, schemas/, rules/), found by walking up from this module,
 * so the same code works from dist/src/ (built) and src/ (tests run on the sources). Looked up on first use,
 * never at import.
 */
export function packageRoot(): URL {
  if (root) return root;
  let dir = new URL('../', import.meta.url);
  for (let i = 0; i < 6; i++) {
    if (existsSync(new URL('package.json', dir)) && existsSync(new URL('schemas/', dir))) return (root = dir);
    dir = new URL('../', dir);
  }
  throw new Error('xborder: cannot find its package root (package.json beside schemas/)');
}

/** The version in package.json: the one place it is read. */
export const packageVersion = (): string =>
  (version ??= (JSON.parse(readFileSync(new URL('package.json', packageRoot()), 'utf8')) as { version: string }).version);
