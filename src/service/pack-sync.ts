/**
 * Replicas learn of a new pack set through the ledger database: a reload publishes its digest (a revision row,
 * plus NOTIFY on PostgreSQL); every replica listens and also polls the row, and reloads its own pack files when
 * the published digest differs from the one it serves. A replica whose files give another digest keeps serving
 * its last good set and says so in /readyz (`inSync: false`), so an operator sees the mismatch.
 */
import type { Logger } from 'pino';
import type { DecisionStore, PackRevision } from '../ledger/decisions.js';
import { describeLoadError, type ActivePacks, type PackHolder } from './packs.js';

export class PackSync {
  #seen = 0;
  #published: PackRevision | undefined;
  #timer: NodeJS.Timeout | undefined;
  #unlisten: (() => Promise<void>) | undefined;

  constructor(private readonly packs: PackHolder, private readonly store: DecisionStore, private readonly log?: Logger) {}

  /** The revision last seen in the database, and whether this replica serves its digest. */
  status(): { revision: number; inSync: boolean } | undefined {
    const p = this.#published;
    return p && { revision: p.revision, inSync: this.packs.active?.digest === p.digest };
  }

  /** An operator's reload (SIGHUP, POST /v1/admin/reload): load, then tell the other replicas. */
  async reloadAndPublish(): Promise<ActivePacks> {
    const a = await this.packs.reload();
    this.#published = await this.store.publishPacks(a.digest);
    this.#seen = this.#published.revision;
    return a;
  }

  async start(pollMs = 5000): Promise<void> {
    await this.poll();
    this.#unlisten = await this.store.onPacksPublished(() => { void this.poll(); });
    this.#timer = setInterval(() => { void this.poll(); }, pollMs);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#unlisten?.();
  }

  /** Reads the revision row; reloads when another replica published a digest this one does not serve. */
  async poll(): Promise<void> {
    let rev: PackRevision | undefined;
    try {
      rev = await this.store.packRevision();
    } catch {
      return; // the ledger is down: /readyz says so; keep serving
    }
    if (!rev || rev.revision <= this.#seen) return;
    this.#seen = rev.revision;
    this.#published = rev;
    if (rev.digest === this.packs.active?.digest) return;
    try {
      const a = await this.packs.reload();
      if (a.digest === rev.digest) this.log?.info({ digest: a.digest, revision: rev.revision }, 'rule packs reloaded as published by another replica');
      else this.log?.error({ published: rev.digest, local: a.digest }, 'this replica\'s pack files differ from the published pack set');
    } catch (err) {
      this.log?.error({ problems: describeLoadError(err) }, 'reload after a published change failed; the last good rule packs keep serving');
    }
  }
}
