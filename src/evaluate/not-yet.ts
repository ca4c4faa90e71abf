import type { Manifest } from '../model/manifest.js';
import type { Bilingual } from '../model/verdict.js';

const NONE: readonly { code: string; message: Bilingual }[] = Object.freeze([]);

/**
 * Safeguard dates after the day of the check (the caller's `today`): derive-facts.ts counts those events as not yet
 * made, so the verdict may say a mechanism is absent or a filing pending that the manifest dates. Say why.
 */
export function notYetWarnings(m: Manifest, today: string | undefined): readonly { code: string; message: Bilingual }[] {
  const s = m.safeguards;
  if (today === undefined || !s) return NONE;
  // Most manifests have nothing dated after today: decide that without building the list.
  const after = (d: string | undefined): boolean => d !== undefined && d > today;
  if (!after(s.securityAssessment?.issuedOn) && !after(s.pia?.completedOn) && !after(s.standardContract?.signedOn) && !after(s.standardContract?.filedOn)
    && !after(s.gbaContract?.signedOn) && !after(s.gbaContract?.filedOn)) return NONE;
  const dated: [string, string | undefined][] = [
    ['safeguards.securityAssessment.issuedOn', s.securityAssessment?.issuedOn], ['safeguards.pia.completedOn', s.pia?.completedOn],
    ['safeguards.standardContract.signedOn', s.standardContract?.signedOn], ['safeguards.standardContract.filedOn', s.standardContract?.filedOn],
    ['safeguards.gbaContract.signedOn', s.gbaContract?.signedOn], ['safeguards.gbaContract.filedOn', s.gbaContract?.filedOn],
  ];
  const later = dated.filter(([, d]) => d !== undefined && d > today).map(([f, d]) => `${f} ${d}`);
  if (!later.length) return [];
  return [{
    code: 'safeguard-not-yet',
    message: {
      en: `Dated after today (${today}), so not yet done and not counted: ${later.join(', ')}. Check again once it is done.`,
      zh: `以下日期晚于今日（${today}），尚未完成，不予计入：${later.join('，')}。完成后请重新检查。`,
    },
  }];
}
