import type { Diagnostic } from '../model/diagnostic.js';
import type { Manifest } from '../model/manifest.js';
import { CN_REGIONS, COUNTRIES } from '../model/places.js';
import type { SourceDoc } from '../source/document.js';
import { validate } from './schemas.js';
import { LATEST_DAY } from '../util/dates.js';

/** Safeguard dates outside this range are impossible (typing slips such as 1900 or 9999), not legal facts. */
const EARLIEST = '2000-01-01';
/** ISO 3166-2:CN codes of places outside the mainland. */
const OUTSIDE_MAINLAND: ReadonlySet<string> = new Set(['CN-HK', 'CN-MO', 'CN-TW']);

/**
 * Schema first; then what a schema cannot say: unique item ids, assigned country and region codes, and safeguard
 * dates that cannot be true (docs/questionable-inputs.md).
 */
export function validateManifest(doc: SourceDoc): { manifest?: Manifest; diagnostics: Diagnostic[] } {
  const diagnostics = validate('manifest', doc);
  if (diagnostics.length) return { diagnostics };
  const m = doc.data as Manifest;
  const problem = (pointer: string, message: string, hint?: string): void => {
    const pos = doc.locate(pointer);
    diagnostics.push({ code: 'semantic', severity: 'error', message: `${pointer} ${message}`, hint, location: { uri: doc.uri, pointer, line: pos?.line, column: pos?.column } });
  };
  if (!COUNTRIES.has(m.recipient.country)) {
    problem('/recipient/country', `"${m.recipient.country}" is not an assigned ISO 3166-1 country code`, 'give the country the recipient is in; XX, ZZ and other unassigned codes name no country');
  }
  if (!CN_REGIONS.has(m.exporter.region)) problem('/exporter/region', `"${m.exporter.region}" is not an ISO 3166-2:CN region code`, 'e.g. CN-SH, CN-BJ, CN-GD');
  // The rules bind exporters in the mainland; a transfer from Hong Kong, Macao or Taiwan is not an outbound transfer
  // from it (they count as outside the mainland for recipient.country), so no verdict on it would be about that law.
  else if (OUTSIDE_MAINLAND.has(m.exporter.region)) {
    problem('/exporter/region', `"${m.exporter.region}" is outside the mainland: these rules are for exporters registered in the mainland`, 'give the mainland region where the exporter (or its branch that sends the data) is registered');
  }
  // The rules of a year past the range are not known (a pack's open-ended `effective` is not a promise for 9999):
  // such a date is a slip or a placeholder, and it passed on today's rules. Earlier dates are review (no pack in force).
  if (m.date > LATEST_DAY) problem('/date', `${m.date} cannot be the date of a transfer (expected ${LATEST_DAY} or earlier)`, 'give the day of the transfer, or of the planned transfer');
  const s = m.safeguards ?? {};
  const dates: [string, string | undefined][] = [
    ['/safeguards/pia/completedOn', s.pia?.completedOn],
    ['/safeguards/standardContract/signedOn', s.standardContract?.signedOn],
    ['/safeguards/standardContract/filedOn', s.standardContract?.filedOn],
    ['/safeguards/standardContract/effectiveOn', s.standardContract?.effectiveOn],
    ['/safeguards/gbaContract/signedOn', s.gbaContract?.signedOn],
    ['/safeguards/gbaContract/effectiveOn', s.gbaContract?.effectiveOn],
    ['/safeguards/gbaContract/filedOn', s.gbaContract?.filedOn],
    ['/safeguards/certification/validUntil', s.certification?.validUntil],
    ['/safeguards/securityAssessment/issuedOn', s.securityAssessment?.issuedOn],
    ['/safeguards/securityAssessment/validUntil', s.securityAssessment?.validUntil],
  ];
  for (const [pointer, date] of dates) {
    if (date !== undefined && (date < EARLIEST || date > LATEST_DAY)) problem(pointer, `${date} cannot be a date of this safeguard (expected ${EARLIEST} to ${LATEST_DAY})`);
  }
  const contract = s.standardContract;
  if (contract?.filedOn !== undefined && contract.filedOn < contract.signedOn) {
    problem('/safeguards/standardContract/filedOn', `the contract is filed (${contract.filedOn}) before it is signed (${contract.signedOn})`);
  }
  const gba = s.gbaContract;
  if (gba?.filedOn !== undefined && gba.filedOn < gba.signedOn) {
    problem('/safeguards/gbaContract/filedOn', `the contract is filed (${gba.filedOn}) before it is signed (${gba.signedOn})`);
  }
  const sa = s.securityAssessment;
  if (sa && sa.validUntil < sa.issuedOn) problem('/safeguards/securityAssessment/validUntil', `the assessment expires (${sa.validUntil}) before it is issued (${sa.issuedOn})`);
  const seen = new Map<string, number>();
  m.data.forEach((item, i) => {
    const first = seen.get(item.id);
    if (first !== undefined) {
      const pointer = `/data/${i}/id`;
      const pos = doc.locate(pointer);
      diagnostics.push({
        code: 'semantic', severity: 'error', message: `${pointer} duplicate data item id "${item.id}" (also /data/${first}/id)`,
        location: { uri: doc.uri, pointer, line: pos?.line, column: pos?.column },
      });
    } else seen.set(item.id, i);
  });
  return diagnostics.length ? { diagnostics } : { manifest: m, diagnostics };
}
