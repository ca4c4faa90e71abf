import type { Diagnostic } from '../model/diagnostic.js';
import type { Manifest } from '../model/manifest.js';
import { CN_REGIONS, COUNTRIES } from '../model/places.js';
import type { SourceDoc } from '../source/document.js';
import { validate } from './schemas.js';
import { LATEST_DAY } from '../util/dates.js';
import { joinPointer } from '../util/json-pointer.js';

/** Safeguard dates outside this range are impossible (typing slips such as 1900 or 9999), not legal facts. */
const EARLIEST = '2000-01-01';
/** ISO 3166-2:CN codes of places outside the mainland. */
const OUTSIDE_MAINLAND: ReadonlySet<string> = new Set(['CN-HK', 'CN-MO', 'CN-TW']);

/** A UTF-16 surrogate without its pair (with the u flag a well-formed pair is one code point, not matched). */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * The pointer of the first string (a value or a key) holding a lone surrogate, which a JSON `\ud800` escape (or a
 * YAML one, or a library caller's object) can give: no UTF-8 text can carry it, so no report, ledger digest or
 * evidence record could say what the manifest said. Every manifest is walked: the pointer is built only on a hit.
 */
function loneSurrogateAt(v: unknown): string | undefined {
  const path: (string | number)[] = [];
  const hit = (x: unknown): boolean => {
    if (typeof x === 'string') return LONE_SURROGATE.test(x);
    if (x === null || typeof x !== 'object') return false;
    if (Array.isArray(x)) {
      for (let i = 0; i < x.length; i++) if (hit(x[i])) return path.push(i), true;
      return false;
    }
    for (const k in x) {
      if (LONE_SURROGATE.test(k) || hit((x as Record<string, unknown>)[k])) return path.push(k), true;
    }
    return false;
  };
  return hit(v) ? joinPointer(path.reverse()) : undefined;
}

/**
 * Schema first; then what a schema cannot say: text that is not Unicode, unique item ids, assigned country and
 * region codes, and safeguard dates that cannot be true (docs/questionable-inputs.md).
 */
export function validateManifest(doc: SourceDoc): { manifest?: Manifest; diagnostics: Diagnostic[] } {
  const diagnostics = validate('manifest', doc);
  if (diagnostics.length) return { diagnostics };
  const m = doc.data as Manifest;
  const problem = (pointer: string, message: string, hint?: string): void => {
    const pos = doc.locate(pointer);
    diagnostics.push({ code: 'semantic', severity: 'error', message: `${pointer} ${message}`, hint, location: { uri: doc.uri, pointer, line: pos?.line, column: pos?.column } });
  };
  const lone = loneSurrogateAt(m);
  if (lone !== undefined) problem(lone, 'holds a lone UTF-16 surrogate (a \\ud800-\\udfff escape without its pair), which no Unicode text can carry', 'write the character itself, or remove the escape');
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
