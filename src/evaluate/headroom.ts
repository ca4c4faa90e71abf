import type { CompiledPack } from '../compile/compile-pack.js';
import type { Bilingual } from '../model/verdict.js';
import type { Facts } from './derive-facts.js';
import { groupDigits } from '../util/numbers.js';

const fmt = groupDigits;

const CONTRACT = { en: 'a standard contract or certification', zh: '订立标准合同或通过认证' };
const ASSESSMENT = { en: 'a security assessment', zh: '申报安全评估' };
const PLAIN = { en: 'individuals', zh: '个人信息' };
const SENSITIVE = { en: "individuals' sensitive PI", zh: '敏感个人信息' };

/** The volume thresholds of a national pack (its parameters), the count each applies to, and what crossing needs. */
const BANDS = [
  { param: 'nonSensitiveContractThreshold', count: 'individuals', code: 'headroom.contract', what: PLAIN, then: CONTRACT },
  { param: 'nonSensitiveAssessmentThreshold', count: 'individuals', code: 'headroom.assessment', what: PLAIN, then: ASSESSMENT },
  { param: 'sensitiveAssessmentThreshold', count: 'sensitiveIndividuals', code: 'headroom.sensitive-assessment', what: SENSITIVE, then: ASSESSMENT },
] as const;

/** The bands the pack defines, with their thresholds. */
type Band = { count: 'individuals' | 'sensitiveIndividuals'; threshold: number; band: (typeof BANDS)[number] };
const bandsOf = new WeakMap<CompiledPack, readonly Band[]>();
/** Once per pack (compiled packs never change): every check with personal information reads them. */
function bands(national: CompiledPack): readonly Band[] {
  let out = bandsOf.get(national);
  if (out) return out;
  const p = national.params;
  const found = BANDS.flatMap((b): Band[] => (typeof p[b.param] === 'number' ? [{ count: b.count, threshold: p[b.param] as number, band: b }] : []));
  bandsOf.set(national, (out = found));
  return out;
}

/**
 * Warnings when the year's totals come within a fraction (pack parameter) of the next threshold, so an exporter
 * sees the line before a later transfer crosses it unnoticed. CIIOs have no volume bands (Art 7(1)).
 */
export function headroom(facts: Facts, national: CompiledPack): { code: string; message: Bilingual }[] {
  const fraction = typeof national.params.headroomWarningFraction === 'number' ? national.params.headroomWarningFraction : 0;
  if (!fraction || facts.exporter.ciio || !facts.data.hasPersonalInfo) return [];
  const out: { code: string; message: Bilingual }[] = [];
  for (const { count, threshold, band } of bands(national)) {
    const total = facts.totals[count];
    if (total >= threshold || total < threshold * (1 - fraction)) continue;
    const left = threshold - total;
    out.push({
      code: band.code,
      message: {
        en: `${fmt(total)} of ${fmt(threshold)} ${band.what.en} this year; a further ${fmt(left)} require ${band.then.en}.`,
        zh: `当年已累计${fmt(total)}人${band.what.zh}（门槛${fmt(threshold)}人）；再增加${fmt(left)}人即须${band.then.zh}。`,
      },
    });
  }
  return out;
}
