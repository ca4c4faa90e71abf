import type { CompiledPack } from '../compile/compile-pack.js';
import type { Bilingual } from '../model/verdict.js';
import type { Facts, PersonTotals } from './derive-facts.js';
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

/**
 * The bands the pack defines, with their thresholds. Sensitive PI of any number needs a contract where the pack has
 * a non-sensitive contract band (2024 rules): a band from 1, with no headroom warning, that notCounted checks too.
 */
type Band = { count: 'individuals' | 'sensitiveIndividuals'; threshold: number; band: (typeof BANDS)[number] | undefined };
const bandsOf = new WeakMap<CompiledPack, readonly Band[]>();
/** Once per pack (compiled packs never change): every check with personal information reads them. */
function bands(national: CompiledPack): readonly Band[] {
  let out = bandsOf.get(national);
  if (out) return out;
  const p = national.params;
  const found = BANDS.flatMap((b): Band[] => (typeof p[b.param] === 'number' ? [{ count: b.count, threshold: p[b.param] as number, band: b }] : []));
  if (typeof p.nonSensitiveContractThreshold === 'number') found.push({ count: 'sensitiveIndividuals', threshold: 1, band: undefined });
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
    if (!band || total >= threshold || total < threshold * (1 - fraction)) continue;
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

/**
 * The ledger's exempt transfers this year that it does not count (the national pack's exemptionsNotCounted, an
 * unconfirmed reading): when counting them would bring the totals to a threshold the counted totals stay below,
 * the verdict rests on that reading, and says so (regulation/zone-lists.md §5 item 11).
 */
export function notCounted(facts: Facts, national: CompiledPack, uncounted: PersonTotals, years: { fromYear: number; toYear: number }): { code: string; message: Bilingual }[] {
  if (facts.exporter.ciio || !facts.data.hasPersonalInfo) return [];
  const counted = facts.totals;
  const all = counted.individuals + uncounted.individuals;
  const sensitive = counted.sensitiveIndividuals + uncounted.sensitiveIndividuals;
  const withUncounted = { individuals: all, sensitiveIndividuals: sensitive };
  if (!bands(national).some(({ count, threshold }) => counted[count] < threshold && withUncounted[count] >= threshold)) return [];
  // The 2022 measures count over the previous and the current year, and so does the ledger's sum.
  const when = years.fromYear === years.toYear
    ? { en: `in ${years.toYear}`, zh: `${years.toYear}年` }
    : { en: `in ${years.fromYear}-${years.toYear}`, zh: `${years.fromYear}年至${years.toYear}年` };
  return [{
    code: 'ledger.not-counted',
    message: {
      en: `The ledger holds ${fmt(uncounted.individuals)} individuals (${fmt(uncounted.sensitiveIndividuals)} with sensitive PI) sent abroad ${when.en} under exemptions it does not count (the unconfirmed exemptionsNotCounted setting). Counted, the totals would be ${fmt(all)} (${fmt(sensitive)} sensitive) and reach a threshold the counted totals do not: this verdict depends on that setting.`,
      zh: `台账中${when.zh}另有${fmt(uncounted.individuals)}人（其中敏感个人信息${fmt(uncounted.sensitiveIndividuals)}人）依豁免情形出境且未计入累计人数（依尚未确认的参数设置）。如计入，累计为${fmt(all)}人（敏感${fmt(sensitive)}人），将达到按现有累计尚未达到的门槛：本结论取决于该设置。`,
    },
  }];
}
