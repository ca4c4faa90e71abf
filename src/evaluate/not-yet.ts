import type { Manifest, Safeguards } from '../model/manifest.js';
import type { Bilingual } from '../model/verdict.js';

const NONE: readonly { code: string; message: Bilingual }[] = Object.freeze([]);

/** The safeguard dates that record an event (made on that day), as derive-facts.ts happenedBy and the filing clock read them. */
const EVENTS: readonly (readonly [string, (s: Safeguards) => string | undefined])[] = [
  ['safeguards.securityAssessment.issuedOn', (s) => s.securityAssessment?.issuedOn], ['safeguards.pia.completedOn', (s) => s.pia?.completedOn],
  ['safeguards.standardContract.signedOn', (s) => s.standardContract?.signedOn], ['safeguards.standardContract.filedOn', (s) => s.standardContract?.filedOn],
  ['safeguards.gbaContract.signedOn', (s) => s.gbaContract?.signedOn], ['safeguards.gbaContract.filedOn', (s) => s.gbaContract?.filedOn],
];

/**
 * Safeguard dates after the day of the check (the caller's `today`): derive-facts.ts counts those events as not yet
 * made, so the verdict may say a mechanism is absent or a filing pending that the manifest dates. Say why.
 */
export function notYetWarnings(m: Manifest, today: string | undefined): readonly { code: string; message: Bilingual }[] {
  const s = m.safeguards;
  if (today === undefined || !s) return NONE;
  let later: string[] | undefined;
  for (const [field, read] of EVENTS) {
    const d = read(s);
    if (d !== undefined && d > today) (later ??= []).push(`${field} ${d}`);
  }
  if (!later) return NONE;
  return [{
    code: 'safeguard-not-yet',
    message: {
      en: `Dated after today (${today}), so not yet done and not counted: ${later.join(', ')}. Check again once it is done.`,
      zh: `以下日期晚于今日（${today}），尚未完成，不予计入：${later.join('，')}。完成后请重新检查。`,
    },
  }];
}
