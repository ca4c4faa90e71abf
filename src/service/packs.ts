/**
 * The active pack set of a running service. A reload loads and validates the new packs fully, then swaps in
 * one assignment; on any error the last good set keeps serving. Concurrent reloads share one load.
 */
import { createHash } from 'node:crypto';
import type { PackSet } from '../evaluate/pack-set.js';
import { bundledRules, loadPacks } from '../load/load-packs.js';
import { packLoadProblems } from '../app/packs.js';
import type { TrustOptions } from '../load/trusted.js';

export interface ActivePacks {
  readonly set: PackSet;
  /** sha256 over the sorted pack digests: equal on every replica that serves the same packs. */
  readonly digest: string;
  readonly loadedAt: string;
}

const packSetDigest = (set: PackSet): string =>
  `sha256:${createHash('sha256').update(set.packs.map((p) => `${p.meta.id}@${p.meta.version}=${p.digest}`).sort().join('\n')).digest('hex')}`;

/** A load failure as lines a person can act on (file:line:column), never a stack. */
export function describeLoadError(err: unknown): string[] {
  return packLoadProblems(err, 'en')?.lines ?? [(err as Error).message];
}

export class PackHolder {
  #active: ActivePacks | undefined;
  #loading: Promise<ActivePacks> | undefined;
  /** No paths: the bundled rules/. With a trust store, a pack not signed by a trusted key fails the load (and a reload). */
  constructor(private readonly paths: readonly string[], private readonly trust?: TrustOptions) {}

  get active(): ActivePacks | undefined { return this.#active; }

  /** Loads the packs; resolves to the new set, or rejects and leaves the last good set in place. */
  reload(): Promise<ActivePacks> {
    this.#loading ??= (async () => {
      try {
        const set = await loadPacks(this.paths.length ? this.paths : [bundledRules()], this.trust ? { trust: this.trust } : {});
        this.#active = { set, digest: packSetDigest(set), loadedAt: new Date().toISOString() };
        return this.#active;
      } finally {
        this.#loading = undefined;
      }
    })();
    return this.#loading;
  }
}
