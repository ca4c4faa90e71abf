import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { errnoText } from './errno-text.js';

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
      throw new Error(`cannot create the folder ${level} (${why(err)})`);
    }
  }
}

/** What is at `path`; undefined when nothing is, or a parent is a file (the walk up then finds that file). */
function statOf(path: string, dir: string): ReturnType<typeof statSync> {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw new Error(`cannot create the folder ${dir} (${why(err)})`);
  }
}

/** Why a folder could not be made: the reason in words, else the error's code, else its message. */
const why = (err: unknown): string => errnoText(err) ?? (err as NodeJS.ErrnoException).code ?? (err as Error).message;
