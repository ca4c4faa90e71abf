import { existsSync, readFileSync } from 'node:fs';

let root: URL | undefined;
let manifest: PackageJson | undefined;
let homepage: { uri?: string } | undefined;

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
export const packageVersion = (): string => packageJson().version;

const packageJson = (): PackageJson => (manifest ??= JSON.parse(readFileSync(new URL('package.json', packageRoot()), 'utf8')) as PackageJson);

/**
 * A web address for the project from package.json: `homepage`, else `repository` (a URL, `git+https://…git`,
 * `git@host:owner/name.git` or `github:owner/name`), as https; undefined without one. Never the npm page: xborder is
 * not published there, and a name on the public registry could be anyone's.
 */
export const packageHomepage = (): string | undefined =>
  (homepage ??= { uri: homepageOf(packageJson()) }).uri;

interface PackageJson { version: string; homepage?: unknown; repository?: unknown }

const HOSTS: Record<string, string> = { github: 'github.com', gitlab: 'gitlab.com', bitbucket: 'bitbucket.org' };

export function homepageOf(pkg: Omit<PackageJson, 'version'>): string | undefined {
  const web = (s: unknown): string | undefined => {
    if (typeof s !== 'string') return undefined;
    let t = s.trim().replace(/^git\+/, '');
    const scp = /^git@([^:/]+):(.+)$/.exec(t);
    if (scp) t = `https://${scp[1]!}/${scp[2]!}`;
    const short = /^(?:(github|gitlab|bitbucket):)?([\w.-]+\/[\w.-]+)$/.exec(t);
    if (short) t = `https://${HOSTS[short[1] ?? 'github']!}/${short[2]!}`;
    t = t.replace(/^(?:git|ssh):\/\/(?:git@)?/, 'https://').replace(/\.git$/, '').replace(/\/$/, '');
    try {
      const url = new URL(t);
      return url.protocol === 'https:' || url.protocol === 'http:' ? url.href.replace(/\/$/, '') : undefined;
    } catch {
      return undefined;
    }
  };
  const repo = pkg.repository;
  return web(pkg.homepage) ?? web(typeof repo === 'object' && repo ? (repo as { url?: unknown }).url : repo);
}
