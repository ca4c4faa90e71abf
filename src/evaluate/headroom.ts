import type { CompiledPack } from '../compile/compile-pack.js';
import type { Bilingual } from '../model/verdict.js';
import type { Facts } from './derive-facts.js';
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
