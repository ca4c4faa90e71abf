import type { Bilingual, Mechanism } from '../model/verdict.js';
import type { Facts } from './derive-facts.js';

/** Whether what the manifest has in place satisfies a required mechanism; a stronger one satisfies a weaker one. */
export function inPlace(required: Mechanism, m: Facts['mechanisms']): boolean {
  const assessment = m.securityAssessment === 'valid' || m.securityAssessment === 'extension-unverified';
  switch (required) {
    case 'none': return true;
    case 'security-assessment': return assessment;
    case 'contract-or-certification':
      return assessment || m.certification === 'valid' || m.standardContract === 'filed' || m.standardContract === 'filing-pending';
    case 'prohibited': return false;
  }
}

/** One sentence on the state of the required mechanism, appended to a requirement's message. */
export function status(required: Mechanism, m: Facts['mechanisms'], ok: boolean): Bilingual | undefined {
  if (required === 'none' || required === 'prohibited') return undefined;
  if (required === 'security-assessment') {
    switch (m.securityAssessment) {
      case 'valid': return { en: `A security assessment valid until ${m.assessmentExpiry} is in place.`, zh: `已有有效期至${m.assessmentExpiry}的数据出境安全评估。` };
      case 'extension-unverified': return { en: 'The assessment is relied on beyond its 3-year term; an approved extension must be confirmed.', zh: '评估结果已超过3年有效期，需确认已获批延期。' };
      case 'expired': return { en: `The security assessment expired on ${m.assessmentExpiry}.`, zh: `数据出境安全评估已于${m.assessmentExpiry}到期。` };
      case 'not-yet-issued': return { en: 'The security assessment is not yet issued on the transfer date.', zh: '数据出境时安全评估结果尚未出具。' };
      default: return { en: 'No security assessment is in place.', zh: '尚未通过数据出境安全评估。' };
    }
  }
  if (ok) {
    if (m.securityAssessment === 'valid') return { en: 'A valid security assessment covers it.', zh: '有效的安全评估已涵盖该要求。' };
    if (m.certification === 'valid') return { en: 'A valid certification is in place.', zh: '已通过有效的个人信息保护认证。' };
    if (m.standardContract === 'filed') return { en: 'A standard contract is signed and filed.', zh: '标准合同已订立并备案。' };
    return { en: `The standard contract is signed; file it by ${m.filingDeadline}.`, zh: `标准合同已订立，须于${m.filingDeadline}前备案。` };
  }
  const parts: Bilingual[] = [];
  if (m.standardContract === 'filing-overdue') parts.push({ en: `The standard contract was not filed by ${m.filingDeadline} (10 working days after signing).`, zh: `标准合同未在签订后10个工作日内（${m.filingDeadline}前）备案。` });
  else if (m.standardContract === 'not-yet-signed') parts.push({ en: 'The standard contract is signed after the transfer date.', zh: '标准合同在出境日期之后才签订。' });
  if (m.certification === 'expired') parts.push({ en: 'The certification has expired.', zh: '认证已过期。' });
  if (m.securityAssessment === 'expired') parts.push({ en: `The security assessment expired on ${m.assessmentExpiry}.`, zh: `安全评估已于${m.assessmentExpiry}到期。` });
  if (parts.length === 0) parts.push({ en: 'No filed standard contract, certification or security assessment is in place.', zh: '尚无已备案的标准合同、认证或安全评估。' });
  return { en: parts.map((p) => p.en).join(' '), zh: parts.map((p) => p.zh).join('') };
}
