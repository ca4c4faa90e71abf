import fc from 'fast-check';
import type { Manifest } from '../../dist/src/model/manifest.js';

/** Fixed seed and bounded runs in `npm test`; `npm run test:fuzz` raises the runs through XBORDER_FUZZ_RUNS. */
export const FC_PARAMS = { seed: Number(process.env.XBORDER_FUZZ_SEED ?? 20260315), numRuns: Number(process.env.XBORDER_FUZZ_RUNS ?? 60) };

const PI = ['pi.basic', 'pi.contact', 'pi.employment', 'pi.education', 'pi.online', 'pi.order'];
const SPI = ['spi.biometric', 'spi.religion', 'spi.identity', 'spi.health', 'spi.financial', 'spi.location', 'spi.minor', 'spi.other'];
const BIZ = ['biz.trade', 'biz.logistics', 'biz.technical', 'biz.operations', 'biz.research'];
export const CATEGORIES = [...PI, ...SPI, ...BIZ];
export const isPersonal = (c: string): boolean => /^s?pi(\.|$)/.test(c);

const DAY = 86_400_000;
const FROM = Date.UTC(2024, 3, 1);
const TO = Date.UTC(2027, 11, 31);
/** A real calendar date as YYYY-MM-DD, in the bundled national pack's period. */
export const isoDate = (from = FROM, to = TO): fc.Arbitrary<string> =>
  fc.integer({ min: Math.floor(from / DAY), max: Math.floor(to / DAY) }).map((d) => new Date(d * DAY).toISOString().slice(0, 10));

/** The date `days` after (or before, when negative) an ISO date. */
export const shiftDays = (iso: string, days: number): string => new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
export const isDate = (s: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(s) && shiftDays(s, 0) === s;

// Free text: printable, bounded, never empty where the schema says minLength 1.
const text = (max: number): fc.Arbitrary<string> => fc.string({ minLength: 1, maxLength: max, unit: 'grapheme' }).filter((s) => s.trim() !== '');
const ref = fc.stringMatching(/^[A-Z]{2,4}-[0-9]{4}-[0-9]{1,4}$/);
const opt = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(a, { nil: undefined });

/** Counts of persons, biased toward the legal thresholds where verdicts change. */
export const people = (max: number): fc.Arbitrary<number> => fc.oneof(
  fc.integer({ min: 0, max }),
  fc.constantFrom(0, 9_999, 10_000, 99_999, 100_000, 999_999, 1_000_000).filter((n) => n <= max),
);

/** Two dates in order: a contract is filed after it is signed, an assessment expires after it is issued. */
const ordered = fc.tuple(isoDate(), isoDate()).map(([a, b]): readonly [string, string] => (a <= b ? [a, b] : [b, a]));

const safeguards = fc.record({
  separateConsent: opt(fc.boolean()),
  pia: opt(fc.record({ completedOn: isoDate() })),
  standardContract: opt(fc.record({ dates: ordered, filed: fc.boolean(), ref: opt(ref) })
    .map(({ dates: [signedOn, filedOn], filed, ref: r }) => ({ signedOn, filedOn: filed ? filedOn : undefined, ref: r }))),
  certification: opt(fc.record({ ref, validUntil: isoDate() })),
  securityAssessment: opt(fc.record({ ref, dates: ordered }).map(({ ref: r, dates: [issuedOn, validUntil] }) => ({ ref: r, issuedOn, validUntil }))),
  authorityApproval: opt(fc.record({ ref })),
});

/** Drops undefined members, so optional fields are absent rather than present-and-undefined. */
export function clean<T>(v: T): T {
  if (Array.isArray(v)) return v.map(clean) as T;
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => [k, clean(x)])) as T;
  return v;
}

/** Schema-valid manifests (schemas/manifest.schema.json), including legally odd but well-formed ones. */
export const manifest: fc.Arbitrary<Manifest> = fc.record({
  id: fc.stringMatching(/^tm-[a-z0-9]{1,12}$/),
  date: isoDate(),
  exporter: fc.record({
    name: text(60),
    region: fc.constantFrom('CN-SH', 'CN-BJ', 'CN-GD', 'CN-JS', 'CN-HI'),
    zone: opt(fc.constantFrom('tianjin', 'beijing', 'shanghai', 'shanghai-lingang', 'hainan', 'zhejiang')),
    ciio: fc.boolean(),
    sector: opt(fc.constantFrom('automotive', 'retail', 'ecommerce', 'healthcare', 'software', 'other')),
  }),
  recipient: fc.record({
    name: text(60),
    country: fc.constantFrom('SG', 'US', 'DE', 'HK', 'MO', 'TW', 'JP', 'GB'),
    kind: fc.constantFrom('company', 'company', 'individual', 'foreign-authority'),
  }),
  purpose: fc.record({
    basis: fc.constantFrom('consent', 'contract', 'hr', 'emergency', 'legal-duty', 'none'),
    activity: opt(fc.constantFrom('international-trade', 'cross-border-transport', 'academic-cooperation', 'manufacturing', 'marketing', 'reexport-of-foreign-data', 'other')),
    description: opt(text(200)),
  }),
  items: fc.array(fc.record({
    description: opt(text(100)),
    categories: fc.uniqueArray(fc.constantFrom(...CATEGORIES), { minLength: 1, maxLength: 4 }),
    classification: fc.constantFrom('general', 'general', 'general', 'important', 'core'),
    origin: opt(fc.constantFrom('domestic', 'abroad')),
    records: opt(fc.integer({ min: 0, max: 1e9 })),
  }), { minLength: 1, maxLength: 4 }),
  counts: fc.record({ individuals: people(2_000_000), sensitiveIndividuals: people(50_000) }),
  prior: opt(fc.record({ individuals: people(1_500_000), sensitiveIndividuals: people(20_000) })),
  safeguards: opt(safeguards),
}).map(({ items, counts, prior, ...m }): Manifest => {
  const data = items.map((it, i) => ({ id: `item-${i}`, ...it }));
  const personal = data.some((d) => d.categories.some(isPersonal));
  return clean({
    apiVersion: 'xborder/v1', kind: 'TransferManifest', ...m, data,
    personalInformation: personal ? { ...counts, ...(prior ? { priorThisYear: prior } : {}) } : undefined,
  } as Manifest);
});

/** The same value with every object's keys in a random order (a permutation from `seed`). */
export function shuffleKeys<T>(v: T, seed: number): T {
  let s = seed >>> 0 || 1;
  const rand = (): number => { s = (s * 1_103_515_245 + 12_345) >>> 0; return s / 2 ** 32; };
  const walk = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(walk);
    if (!x || typeof x !== 'object') return x;
    const keys = Object.keys(x);
    for (let i = keys.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [keys[i], keys[j]] = [keys[j]!, keys[i]!];
    }
    return Object.fromEntries(keys.map((k) => [k, walk((x as Record<string, unknown>)[k])]));
  };
  return walk(v) as T;
}

/** Mutations that each break the schema (or a rule the validator adds): the result must be an error. */
export const breakSchema: fc.Arbitrary<(m: Manifest) => unknown> = fc.constantFrom(
  (m: Manifest) => ({ ...m, date: '2026-02-30' }),
  (m: Manifest) => ({ ...m, date: '15/03/2026' }),
  (m: Manifest) => ({ ...m, apiVersion: 'xborder/v2' }),
  (m: Manifest) => { const { exporter: _e, ...rest } = m; return rest; },
  (m: Manifest) => { const { data: _d, ...rest } = m; return rest; },
  (m: Manifest) => ({ ...m, data: [] }),
  (m: Manifest) => ({ ...m, exporter: { ...m.exporter, cio: m.exporter.ciio } }),
  (m: Manifest) => ({ ...m, recipient: { ...m.recipient, country: 'Singapore' } }),
  (m: Manifest) => ({ ...m, recipient: { ...m.recipient, country: 'CN' } }),
  (m: Manifest) => ({ ...m, data: [...m.data, { ...m.data[0]! }] }),
  (m: Manifest) => ({ ...m, data: [{ ...m.data[0]!, categories: ['pi.basic'] }], personalInformation: { individuals: -1, sensitiveIndividuals: 0 } }),
  (m: Manifest) => ({ ...m, data: [{ ...m.data[0]!, categories: ['pi.basic'] }], personalInformation: { individuals: 1.5, sensitiveIndividuals: 0 } }),
  (m: Manifest) => ({ ...m, data: [{ ...m.data[0]!, categories: ['pi.basic'] }], personalInformation: { individuals: '100', sensitiveIndividuals: 0 } }),
  (m: Manifest) => ({ ...m, data: [{ ...m.data[0]!, categories: ['pi.basic'] }], personalInformation: { individuals: 3e9, sensitiveIndividuals: 0 } }),
  (m: Manifest) => ({ ...m, data: [{ ...m.data[0]!, categories: ['pi.basic'] }], personalInformation: undefined }),
  (m: Manifest) => ({ ...m, unexpected: true }),
  (m: Manifest) => ({ ...m, exporter: { ...m.exporter, name: 'x'.repeat(201) } }),
  (m: Manifest) => ({ ...m, id: '' }),
  (m: Manifest) => [m],
);
