/**
 * N recorder PROCESSES (not promises) hammer one ledger: no lost or double-counted record, and every record's
 * returned totals prove it ran alone (serialised per exporter and year).
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openLedger } from '../../src/ledger/open.js';
import { PG_URL, ensureBuilt, freshPgSchema, runNode, tempDir } from './helpers.js';

const WORKERS = 8;
const OWN = 50;
const SHARED = 10;
const EACH = 100; // individuals per manifest; sensitive is 1 per manifest

interface Result { manifestId: string; recorded: boolean; individuals: number; sensitive: number }

async function hammer(spec: string): Promise<void> {
  const startAt = String(Date.now() + 1_500);
  const children = await Promise.all(Array.from({ length: WORKERS }, (_, w) =>
    runNode('recorder.mjs', [spec, String(w), String(OWN), String(SHARED), startAt])));
  for (const c of children) expect(c.code, c.stderr).toBe(0);
  const results = children.flatMap((c) => JSON.parse(c.stdout) as Result[]);
  const unique = WORKERS * OWN + SHARED;

  expect(results).toHaveLength(WORKERS * (OWN + SHARED));
  const recorded = results.filter((r) => r.recorded);
  // Each shared manifest is recorded by exactly one process; every other attempt says "already recorded".
  expect(recorded).toHaveLength(unique);
  expect(new Set(recorded.map((r) => r.manifestId)).size).toBe(unique);
  // Serialisation: the totals returned by the k-th successful record are exactly k × EACH, with no gaps or repeats.
  expect(recorded.map((r) => r.individuals).sort((a, b) => a - b))
    .toEqual(Array.from({ length: unique }, (_, k) => (k + 1) * EACH));
  expect(recorded.map((r) => r.sensitive).sort((a, b) => a - b))
    .toEqual(Array.from({ length: unique }, (_, k) => k + 1));

  const store = await openLedger(spec);
  try {
    expect(await store.list()).toEqual([{
      exporter: '91310000MA1FL0000X', year: 2026, transfers: unique,
      individuals: unique * EACH, sensitiveIndividuals: unique, uncountedIndividuals: 0, uncountedSensitiveIndividuals: 0,
    }]);
  } finally {
    await store.close();
  }
}

describe('concurrent recorder processes', () => {
  beforeAll(() => ensureBuilt(), 60_000);

  it(`SQLite: ${WORKERS} processes × (${OWN} own + ${SHARED} shared) manifests end with exact totals`, async () => {
    await hammer(`sqlite:${join(tempDir(), 'ledger.db')}`);
  }, 60_000);

  it.skipIf(!PG_URL)(`PostgreSQL: ${WORKERS} processes × (${OWN} own + ${SHARED} shared) manifests end with exact totals`, async () => {
    await hammer(await freshPgSchema(PG_URL ?? ''));
  }, 60_000);
});
