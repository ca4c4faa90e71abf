import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * `dir` and its missing parents, created one level at a time from the nearest folder that exists. Node 20's
 * mkdirSync(dir, { recursive: true }) spins forever at full CPU on some paths it cannot create (/proc/x: the parent
 * exists, yet mkdir says ENOENT); one level at a time, such a path fails with its error. Throws naming the folder.
 */
export function makeDirs(dir: string, mode?: number): void {
  const missing: string[] = [];
  let at = resolve(dir);
  for (;;) {
    const found = statOf(at, dir);
    if (found) {
      if (!found.isDirectory()) throw new Error(`cannot create the folder ${dir} (${at} is not a folder)`);
      break;
    }
    missing.push(at);
    const up = dirname(at);
    if (up === at) break;
    at = up;
  }
  for (const level of missing.reverse()) {
    try {
      mkdirSync(level, mode === undefined ? undefined : { mode });
    } catch (err) {
      // Another process (a worker thread writing the same cache) made it meanwhile: as good as made here.
      if ((err as NodeJS.ErrnoException).code === 'EEXIST' && statSync(level, { throwIfNoEntry: false })?.isDirectory()) continue;
      const code = (err as NodeJS.ErrnoException).code;
      throw new Error(`cannot create the folder ${level} (${(code && WHY[code]) ?? code ?? (err as Error).message})`);
    }
  }
}

/** What is at `path`; undefined when nothing is, or a parent is a file (the walk up then finds that file). */
function statOf(path: string, dir: string): ReturnType<typeof statSync> {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') return undefined;
    throw new Error(`cannot create the folder ${dir} (${(code && WHY[code]) ?? code ?? (err as Error).message})`);
  }
}

/** The usual reasons in words (src/report/error-text.ts translates them). */
const WHY: Record<string, string> = {
  ENOENT: 'no such file or directory', EACCES: 'permission denied', EPERM: 'permission denied', EROFS: 'read-only file system',
  ENOTDIR: 'a parent is not a folder', ENOSPC: 'no space left on the device',
};
