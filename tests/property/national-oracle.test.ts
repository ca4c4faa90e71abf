/**
 * A second opinion on the national rules: a small decision function written from the law itself (CAC Provisions
 * 2024 Arts 2-5, 7-8; PIPL Arts 13, 39, 41, 55; NDSMR Art 35(6)), not from the pack, must agree with xborder's
 * verdict and mechanism on every generated manifest that only the national pack binds. Where the two disagree,
 * one of them misreads the law. Counts of cases run are printed (`npm run test:fuzz` raises them).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPacks } from '../../dist/src/load/load-packs.js';
import type { PackSet } from '../../dist/src/evaluate/pack-set.js';
import type { Manifest } from '../../dist/src/model/manifest.js';
import { checkText } from '../../dist/src/evaluate/pipeline.js';
import { isError, type Mechanism, type Verdict } from '../../dist/src/model/verdict.js';
import { CATEGORIES, FC_PARAMS, clean, isDate, isoDate, people, shiftDays } from './arbitraries.js';

let packs: PackSet;
beforeAll(async () => { packs = await loadPacks(); });
let cases = 0;
afterAll(() => { console.log(`national oracle: ${cases} generated manifests agreed with the second opinion`); });

const RANK: Record<Mechanism, number> = { none: 0, 'contract-or-certification': 1, 'security-assessment': 2, prohibited: 3 };
const ART3_ACTIVITIES = ['international-trade', 'cross-border-transport', 'academic-cooperation', 'manufacturing', 'marketing'];

/** The second opinion: verdict and mechanism from the statutes, for a manifest only the national rules bind. */
function nationalOracle(m: Manifest): { verdict: 'pass' | 'review' | 'fail'; mechanism: Mechanism } {
  const personal = (c: string): 'pi' | 'spi' | undefined => (c.startsWith('spi') ? 'spi' : c.startsWith('pi') ? 'pi' : undefined);
  const piItems = m.data.filter((d) => d.categories.some((c) => personal(c)));
  const hasPI = piItems.length > 0;
  const spiCategory = m.data.some((d) => d.categories.some((c) => personal(c) === 'spi'));
  const plainCategory = m.data.some((d) => d.categories.some((c) => personal(c) === 'pi'));
  const important = m.data.some((d) => d.classification === 'important');
  const domesticPI = piItems.some((d) => (d.origin ?? 'domestic') === 'domestic');
  const foreignPI = piItems.some((d) => d.origin === 'abroad');
  const count = m.personalInformation ?? { individuals: 0, sensitiveIndividuals: 0 };
  const prior = m.personalInformation?.priorThisYear ?? { individuals: 0, sensitiveIndividuals: 0 };
  // Art 5(4), 7, 8: cumulative since 1 January, non-sensitive and sensitive tallied apart; 以上 includes the number.
  const individuals = count.individuals + prior.individuals;
  const sensitive = count.sensitiveIndividuals + prior.sensitiveIndividuals;
  const s = m.safeguards ?? {};
  const date = m.date;
  const assessment = !!s.securityAssessment && s.securityAssessment.issuedOn <= date && date <= s.securityAssessment.validUntil;
  const certification = !!s.certification && date <= s.certification.validUntil;
  // A signed contract counts once filed, or while its 10 working days to file run (Order 13 Art 7).
  const contract = !!s.standardContract && s.standardContract.signedOn <= date
    && (s.standardContract.filedOn !== undefined ? s.standardContract.filedOn <= date : shiftDays(s.standardContract.signedOn, 14) >= date);
  const inPlace = (mech: Mechanism): boolean =>
    mech === 'security-assessment' ? assessment : mech === 'contract-or-certification' ? assessment || certification || contract : mech === 'none';

  const required: { mechanism: Mechanism; exemptible: boolean }[] = [];
  if (m.recipient.kind === 'foreign-authority' && !s.authorityApproval) required.push({ mechanism: 'prohibited', exemptible: false }); // PIPL 41
  if (important) required.push({ mechanism: 'security-assessment', exemptible: false }); // Arts 2, 7; Art 5's PI excludes important data
  if (m.exporter.ciio && hasPI) required.push({ mechanism: 'security-assessment', exemptible: true }); // Art 7(1)
  if (!m.exporter.ciio && (individuals >= 1_000_000 || sensitive >= 10_000)) required.push({ mechanism: 'security-assessment', exemptible: true }); // Art 7(2)
  if (!m.exporter.ciio && ((individuals >= 100_000 && individuals < 1_000_000) || (sensitive >= 1 && sensitive < 10_000))) required.push({ mechanism: 'contract-or-certification', exemptible: true }); // Art 8
  const exempt = (!hasPI && !important) // Art 3 (trade and similar data) and Art 2 (no PI, no important data)
    || (hasPI && !domesticPI && !important) // Art 4
    || (hasPI && ['contract', 'hr', 'emergency'].includes(m.purpose.basis)) // Art 5(1)-(3)
    || (hasPI && m.purpose.basis === 'legal-duty' && date >= '2025-01-01') // NDSMR 35(6), in force 1 Jan 2025
    || (hasPI && !m.exporter.ciio && individuals < 100_000 && sensitive === 0); // Art 5(4)

  const outcomes: ('pass' | 'review' | 'fail')[] = exempt ? ['pass'] : [];
  let mechanism: Mechanism = 'none';
  for (const r of required) {
    if (exempt && r.exemptible) continue;
    if (RANK[r.mechanism] > RANK[mechanism]) mechanism = r.mechanism;
    outcomes.push(inPlace(r.mechanism) ? 'pass' : 'fail');
  }
  if (hasPI && !(s.pia && s.pia.completedOn <= date)) outcomes.push('fail'); // PIPL 55(4)
  if (hasPI && m.purpose.basis === 'consent' && s.separateConsent !== true) outcomes.push('fail'); // PIPL 39
  if (hasPI && m.purpose.basis === 'none') outcomes.push('review'); // PIPL 13: no basis stated
  if (foreignPI && domesticPI) outcomes.push('review'); // Art 4 unavailable, counts unclear
  // Counts that contradict the categories: the thresholds cannot be applied with confidence.
  if ((spiCategory && count.sensitiveIndividuals === 0) || (plainCategory && count.individuals === 0)
    || (!hasPI && (count.individuals > 0 || count.sensitiveIndividuals > 0)) || (!spiCategory && count.sensitiveIndividuals > 0)) outcomes.push('review');
  const verdict = outcomes.includes('fail') ? 'fail' : outcomes.includes('review') || outcomes.length === 0 ? 'review' : 'pass';
  return { verdict, mechanism };
}

/** Safeguards on both sides of each validity edge, relative to the transfer date. */
const safeguardsFor = (date: string) => fc.record({
  // Mostly in place, so that passes (which need every duty met) are common enough to test.
  separateConsent: fc.constantFrom(true, true, true, false, undefined),
  pia: fc.option(fc.integer({ min: -5, max: 200 }).map((d) => ({ completedOn: shiftDays(date, -d) })), { nil: undefined, freq: 6 }),
  securityAssessment: fc.option(fc.constantFrom('valid', 'expired', 'not-yet-issued').chain((state) => fc.integer({ min: 0, max: 300 }).map((d) => ({
    ref: 'SA-2025-1',
    ...(state === 'valid' ? { issuedOn: shiftDays(date, -d), validUntil: shiftDays(date, 1 + (d % 60)) }
      : state === 'expired' ? { issuedOn: shiftDays(date, -d - 400), validUntil: shiftDays(date, -1 - (d % 60)) }
        : { issuedOn: shiftDays(date, 1 + d), validUntil: shiftDays(date, 700 + d) }),
  }))), { nil: undefined }),
  certification: fc.option(fc.integer({ min: -90, max: 90 }).filter((d) => d !== 0).map((d) => ({ ref: 'CERT-2025-1', validUntil: shiftDays(date, d) })), { nil: undefined }),
  // Filed; signed after the transfer; signed on the day (filing pending); signed 60 days before, never filed (overdue).
  standardContract: fc.option(fc.constantFrom('filed', 'later', 'pending', 'overdue').map((state) => (
    state === 'filed' ? { signedOn: shiftDays(date, -30), filedOn: shiftDays(date, -20) }
      : state === 'later' ? { signedOn: shiftDays(date, 3) }
        : state === 'pending' ? { signedOn: date } : { signedOn: shiftDays(date, -60) })), { nil: undefined }),
  authorityApproval: fc.option(fc.constant({ ref: 'APP-2025-1' }), { nil: undefined }),
});

/** Manifests only the national pack binds: no zone, a region without a zone pack, taxonomy categories only. */
const nationalManifest: fc.Arbitrary<Manifest> = isoDate(Date.UTC(2024, 3, 1), Date.UTC(2027, 10, 30)).chain((date) => fc.record({
  date: fc.constant(date),
  ciio: fc.constantFrom(false, false, false, true),
  kind: fc.constantFrom('company', 'company', 'individual', 'foreign-authority'),
  basis: fc.constantFrom('consent', 'consent', 'consent', 'contract', 'hr', 'emergency', 'legal-duty', 'none'),
  activity: fc.option(fc.constantFrom(...ART3_ACTIVITIES, 'other'), { nil: undefined }),
  items: fc.array(fc.record({
    // Weighted so that every band is common: plain PI most, sensitive PI and important data less.
    categories: fc.uniqueArray(fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...CATEGORIES.filter((c) => c.startsWith('pi.'))) },
      { weight: 1, arbitrary: fc.constantFrom(...CATEGORIES.filter((c) => c.startsWith('spi.'))) },
      { weight: 2, arbitrary: fc.constantFrom(...CATEGORIES.filter((c) => c.startsWith('biz.'))) },
    ), { minLength: 1, maxLength: 3 }),
    classification: fc.constantFrom('general', 'general', 'general', 'general', 'general', 'general', 'general', 'important'),
    origin: fc.option(fc.constantFrom('domestic', 'abroad', 'abroad'), { nil: undefined }),
  }), { minLength: 1, maxLength: 3 }),
  // Year-to-date totals near the thresholds, split between this transfer and the ones before it.
  totals: fc.record({ individuals: people(1_100_000), sensitiveIndividuals: people(20_000) }),
  before: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
  // Mostly counts that match the categories (contradictions are a review of their own, tested less often).
  consistent: fc.constantFrom(true, true, true, false),
  safeguards: fc.option(safeguardsFor(date), { nil: undefined, freq: 8 }),
})).map((g): Manifest => {
  const data = g.items.map((it, i) => ({ id: `item-${i}`, ...it }));
  const has = (re: RegExp): boolean => data.some((d) => d.categories.some((c) => re.test(c)));
  const personal = has(/^s?pi\./);
  const share = (n: number): number => Math.floor(n * (g.before ?? 0));
  const prior = { individuals: share(g.totals.individuals), sensitiveIndividuals: share(g.totals.sensitiveIndividuals) };
  const counts = { individuals: g.totals.individuals - prior.individuals, sensitiveIndividuals: g.totals.sensitiveIndividuals - prior.sensitiveIndividuals };
  if (g.consistent) {
    counts.sensitiveIndividuals = has(/^spi\./) ? Math.max(1, counts.sensitiveIndividuals) : 0;
    if (has(/^pi\./)) counts.individuals = Math.max(1, counts.individuals);
  }
  return clean({
    apiVersion: 'xborder/v1', kind: 'TransferManifest', id: 'tm-oracle', date: g.date,
    // Hubei: no zone list and no regional pack (Guangdong has the GBA contracts); a stated sector no sector pack
    // covers (without one, a sector pack that would change the verdict makes it review: xborder.sector-unstated).
    exporter: { name: 'Oracle Co.', region: 'CN-HB', ciio: g.ciio, sector: 'other' },
    recipient: { name: 'Recipient Ltd', country: 'SG', kind: g.kind },
    purpose: { basis: g.basis, activity: g.activity },
    data,
    personalInformation: personal ? { ...counts, ...(g.before !== undefined ? { priorThisYear: prior } : {}) } : undefined,
    safeguards: g.safeguards,
  } as Manifest);
});

describe('second opinion on the national rules', () => {
  it('the oracle and xborder agree on verdict and mechanism for national-only manifests', async () => {
    await fc.assert(fc.asyncProperty(nationalManifest, async (m) => {
      expect(isDate(m.date)).toBe(true);
      const r = await checkText(JSON.stringify(m), 'oracle.json', packs);
      if (isError(r)) throw new Error(`generated manifest is invalid: ${r.error.message}`);
      const v = r as Verdict;
      expect(v.packs.map((p) => p.id), 'only the national pack binds').toEqual(['cn-national']);
      const expected = nationalOracle(m);
      expect({ verdict: v.verdict, mechanism: v.mechanism }, JSON.stringify(v.findings.map((f) => [f.rule, f.outcome]))).toEqual(expected);
      cases++;
    }), { ...FC_PARAMS, numRuns: FC_PARAMS.numRuns * 10 });
  }, 600_000);

  it('the oracle is not vacuous: it reaches every verdict and mechanism on a fixed sample', () => {
    const seen = new Set(fc.sample(nationalManifest, { seed: 1, numRuns: 2000 }).map((m) => { const o = nationalOracle(m); return `${o.verdict}/${o.mechanism}`; }));
    for (const v of ['pass', 'review', 'fail']) for (const mech of ['none', 'contract-or-certification', 'security-assessment']) expect(seen, `${v}/${mech}`).toContain(`${v}/${mech}`);
    expect(seen).toContain('fail/prohibited');
  });
});
