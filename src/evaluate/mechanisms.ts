import type { MessageKey } from '../model/pack.js';
import type { Mechanism } from '../model/verdict.js';
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

/**
 * The sentences on the state of the required mechanism, appended to a requirement's message. Only their keys are
 * chosen here: the national pack in force words them, with its own validity term and filing clock.
 */
export function status(required: Mechanism, m: Facts['mechanisms'], ok: boolean): MessageKey[] {
  if (required === 'none' || required === 'prohibited') return [];
  if (required === 'security-assessment') {
    switch (m.securityAssessment) {
      case 'valid': return ['assessment.valid'];
      case 'extension-unverified': return ['assessment.extension-unverified'];
      case 'expired': return ['assessment.expired'];
      case 'not-yet-issued': return ['assessment.not-yet-issued'];
      default: return ['assessment.absent'];
    }
  }
  if (ok) {
    if (m.securityAssessment === 'valid' || m.securityAssessment === 'extension-unverified') return ['covered.assessment'];
    if (m.certification === 'valid') return ['covered.certification'];
    if (m.standardContract === 'filed') return ['covered.contract-filed'];
    return ['covered.contract-filing-pending'];
  }
  const keys: MessageKey[] = [];
  if (m.standardContract === 'filing-overdue') keys.push('contract.filing-overdue');
  else if (m.standardContract === 'not-yet-signed') keys.push('contract.not-yet-signed');
  else if (m.standardContract === 'not-yet-effective') keys.push('contract.not-yet-effective');
  if (m.certification === 'expired') keys.push('certification.expired');
  if (m.securityAssessment === 'expired') keys.push('assessment.expired');
  if (keys.length === 0) keys.push('mechanisms.absent');
  return keys;
}
