import { stringify } from 'yaml';
import { mergePatch } from '../../src/packtest/merge-patch.js';

/** A manifest as a plain object (tests build them, then write YAML or JSON). */
export type ManifestObject = Record<string, unknown>;

/**
 * A valid base manifest: a Shanghai retailer sends 150,000 people's basic personal information to a company in
 * Singapore for marketing, with separate consent and a PIA, and no mechanism. Cases change it with patches.
 */
export const BASE_MANIFEST: Readonly<ManifestObject> = Object.freeze({
  apiVersion: 'xborder/v1',
  kind: 'TransferManifest',
  id: 'tm-base',
  date: '2026-03-15',
  exporter: { name: '上海示例贸易有限公司', region: 'CN-SH', ciio: false, sector: 'retail' },
  recipient: { name: 'Example Pte. Ltd.', country: 'SG', kind: 'company' },
  purpose: { basis: 'consent', activity: 'marketing' },
  data: [{ id: 'customers', categories: ['pi.basic', 'pi.contact'], classification: 'general' }],
  personalInformation: { individuals: 150000, sensitiveIndividuals: 0 },
  safeguards: { separateConsent: true, pia: { completedOn: '2026-01-02' } },
});

/**
 * `base` with each RFC 7396 merge patch applied in turn (the pack tests' `patch:` semantics, one implementation:
 * src/packtest/merge-patch.ts): objects merge, `null` deletes a field, arrays and values replace.
 */
export function manifestWith(base: Readonly<ManifestObject>, ...patches: readonly object[]): ManifestObject {
  return patches.reduce<ManifestObject>((m, p) => mergePatch(m, p) as ManifestObject, base as ManifestObject);
}

/** The same manifest as YAML text, for the CLI. */
export const yamlOf = (m: Readonly<ManifestObject>): string => stringify(m);
