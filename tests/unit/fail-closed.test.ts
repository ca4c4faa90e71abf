import { describe, expect, it } from 'vitest';
import { compilePack } from '../../src/compile/compile-pack.js';
import { checkManifest } from '../../src/evaluate/check.js';
import { createPackSet } from '../../src/evaluate/pack-set.js';
import { loadPacks } from '../../src/load/load-packs.js';
import type { ExpandedPack, PackRule } from '../../src/model/pack.js';
import type { Manifest } from '../../src/model/manifest.js';

const manifest: Manifest = {
  apiVersion: 'xborder/v1', kind: 'TransferManifest', id: 'tm-x', date: '2026-03-15',
  exporter: { name: 'x', region: 'CN-SH', ciio: false },
  recipient: { name: 'y', country: 'SG', kind: 'company' },
  purpose: { basis: 'consent' },
  data: [{ id: 'c', categories: ['pi.basic'], classification: 'general' }],
  personalInformation: { individuals: 10, sensitiveIndividuals: 0 },
  safeguards: { separateConsent: true, pia: { completedOn: '2026-01-01' } },
};

/** The bundled national pack plus one zone pack whose rule is broken in a way load-time checks would refuse. */
async function setWith(rule: PackRule) {
  const bundled = await loadPacks();
  const zone: ExpandedPack = {
    apiVersion: 'xborder/pack/v1', kind: 'RulePack',
    metadata: {
      id: 'zone-test', version: '1.0.0', lineage: 'zone-test', title: { en: 't', zh: 't' }, issuer: { en: 't', zh: 't' },
      instrument: { title: { en: 't', zh: 't' } }, source: 'https://example.org', effective: { from: '2024-01-01' }, scope: { kind: 'zone', zone: 'tianjin' },
    },
    rules: [rule],
  };
  return createPackSet([...bundled.packs, compilePack(zone, 'zone.yaml')]);
}

describe('fail closed', () => {
  it('an operator that meets the wrong type at run time yields review, never pass', async () => {
    const set = await setWith({
      id: 'zone.broken', kind: 'exemption', title: { en: 'b', zh: 'b' }, citation: 'test',
      message: { en: 'b', zh: 'b' }, when: { fact: 'exporter.zone', atLeast: 5 },
    });
    const v = await checkManifest({ ...manifest, exporter: { ...manifest.exporter, zone: 'tianjin' } }, set);
    expect(v.verdict).toBe('review');
    expect(v.findings[0]?.rule).toBe('xborder.evaluation-error');
  });

  it('a rule naming a fact that does not exist yields review, never pass', async () => {
    const set = await setWith({
      id: 'zone.missing-fact', kind: 'exemption', title: { en: 'b', zh: 'b' }, citation: 'test',
      message: { en: 'b', zh: 'b' }, when: { fact: 'exporter.nonexistent', equals: true },
    });
    const v = await checkManifest({ ...manifest, exporter: { ...manifest.exporter, zone: 'tianjin' } }, set);
    expect(v.verdict).toBe('review');
    expect(v.findings[0]?.message.en).toMatch(/missing/);
  });

  it('a ledger that cannot be read yields review, never pass', async () => {
    const set = await loadPacks();
    const v = await checkManifest(manifest, set, { priorFor: async () => { throw new Error('connection refused'); } });
    expect(v).toMatchObject({ verdict: 'review', findings: [{ rule: 'xborder.ledger-unavailable' }] });
  });

  // A fail-closed verdict's counts are totals like any verdict's (verdict.md): the manifest's stated priorThisYear
  // was left out, so the text report said "this year (incl. this transfer): 10" of a year that held 50,010.
  it('a fail-closed review reports the totals the manifest states, and where they came from', async () => {
    const set = await loadPacks();
    const stated = { ...manifest, personalInformation: { individuals: 10, sensitiveIndividuals: 0, priorThisYear: { individuals: 50_000, sensitiveIndividuals: 3 } } };
    const noLedger = await checkManifest(stated, set, { priorFor: async () => { throw new Error('connection refused'); } });
    expect(noLedger).toMatchObject({ verdict: 'review', counts: { individuals: 50_010, sensitiveIndividuals: 3 }, countsSource: 'manifest' });
    // As of another year, priorThisYear says nothing of that year: this transfer alone, and said to be so.
    const noPack = await checkManifest(stated, set, { asOf: '2021-01-01' });
    expect(noPack).toMatchObject({ verdict: 'review', counts: { individuals: 10, sensitiveIndividuals: 0 }, countsSource: 'none', findings: [{ rule: 'xborder.no-pack-in-force' }] });
    // An evaluation error after the ledger was read: the totals it read, as the evidence's totalsUsed holds them.
    const broken = await setWith({
      id: 'zone.broken', kind: 'exemption', title: { en: 'b', zh: 'b' }, citation: 'test',
      message: { en: 'b', zh: 'b' }, when: { fact: 'exporter.zone', atLeast: 5 },
    });
    const afterLedger = await checkManifest({ ...stated, exporter: { ...stated.exporter, zone: 'tianjin' } }, broken,
      { priorFor: async () => ({ individuals: 70_000, sensitiveIndividuals: 0 }) });
    expect(afterLedger).toMatchObject({ verdict: 'review', counts: { individuals: 70_010, sensitiveIndividuals: 3 }, countsSource: 'ledger', findings: [{ rule: 'xborder.evaluation-error' }] });
  });

  it('a date no pack covers yields review', async () => {
    const v = await checkManifest({ ...manifest, date: '2020-01-01' }, await loadPacks());
    expect(v).toMatchObject({ verdict: 'review', findings: [{ rule: 'xborder.no-pack-in-force' }] });
  });
});
