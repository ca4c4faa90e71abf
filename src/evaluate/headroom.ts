import type { CompiledPack } from '../compile/compile-pack.js';
import type { Bilingual } from '../model/verdict.js';
import type { Facts, PersonTotals } from './derive-facts.js';
import { groupDigits } from '../util/numbers.js';

const fmt = groupDigits;

/**
 * Warnings when the year's totals come within a fraction (pack parameter) of the next threshold, so an exporter
 * sees the line before a later transfer crosses it unnoticed. CIIOs have no volume bands (Art 7(1)).
 */
export function headroom(facts: Facts, national: CompiledPack): { code: string; message: Bilingual }[] {
  const p = national.params;
  const fraction = typeof p.headroomWarningFraction === 'number' ? p.headroomWarningFraction : 0;
  if (!fraction || facts.exporter.ciio || !facts.data.hasPersonalInfo) return [];
  const out: { code: string; message: Bilingual }[] = [];
  const check = (total: number, threshold: unknown, code: string, what: Bilingual, then: Bilingual): void => {
    if (typeof threshold !== 'number' || total >= threshold || total < threshold * (1 - fraction)) return;
    const left = threshold - total;
    out.push({
      code,
      message: {
        en: `${fmt(total)} of ${fmt(threshold)} ${what.en} this year; a further ${fmt(left)} require ${then.en}.`,
        zh: `当年已累计${fmt(total)}人${what.zh}（门槛${fmt(threshold)}人）；再增加${fmt(left)}人即须${then.zh}。`,
      },
    });
  };
  const contract = { en: 'a standard contract or certification', zh: '订立标准合同或通过认证' };
  const assessment = { en: 'a security assessment', zh: '申报安全评估' };
  const plain = { en: 'individuals', zh: '个人信息' };
  const sensitive = { en: "individuals' sensitive PI", zh: '敏感个人信息' };
  const { individuals, sensitiveIndividuals } = facts.totals;
  check(individuals, p.nonSensitiveContractThreshold, 'headroom.contract', plain, contract);
  check(individuals, p.nonSensitiveAssessmentThreshold, 'headroom.assessment', plain, assessment);
  check(sensitiveIndividuals, p.sensitiveAssessmentThreshold, 'headroom.sensitive-assessment', sensitive, assessment);
  return out;
}

/**
 * The ledger's exempt transfers this year that it does not count (the national pack's exemptionsNotCounted, an
 * unconfirmed reading): when counting them would bring the totals to a threshold the counted totals stay below,
 * the verdict rests on that reading, and says so (regulation/zone-lists.md §5 item 11).
 */
export function notCounted(facts: Facts, national: CompiledPack, uncounted: PersonTotals | undefined, years: { fromYear: number; toYear: number }): { code: string; message: Bilingual }[] {
  if (!uncounted || facts.exporter.ciio || !facts.data.hasPersonalInfo) return [];
  const p = national.params;
  const { individuals, sensitiveIndividuals } = facts.totals;
  const [all, sensitive] = [individuals + uncounted.individuals, sensitiveIndividuals + uncounted.sensitiveIndividuals];
  const reaches = (total: number, counted: number, threshold: unknown): boolean => typeof threshold === 'number' && counted < threshold && total >= threshold;
  // Sensitive PI of any number needs a contract where the pack has a non-sensitive contract band (2024 rules).
  const crosses = reaches(all, individuals, p.nonSensitiveContractThreshold) || reaches(all, individuals, p.nonSensitiveAssessmentThreshold)
    || reaches(sensitive, sensitiveIndividuals, p.sensitiveAssessmentThreshold)
    || (typeof p.nonSensitiveContractThreshold === 'number' && reaches(sensitive, sensitiveIndividuals, 1));
  if (!crosses) return [];
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
