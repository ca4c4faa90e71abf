import { catalogue } from './own.js';

/**
 * Pilot-zone ids (manifest format v1, docs in ../shared/spec/manifest.md) and how they nest.
 * Lingang is part of the Shanghai FTZ: the Shanghai negative list binds Lingang exporters too, and Lingang adds
 * its own general-data (positive) list. So an exporter registered in `shanghai-lingang` gets the packs of
 * `shanghai` and of `shanghai-lingang`; one registered in `shanghai` gets only the former.
 */
export const ZONES = ['tianjin', 'beijing', 'shanghai', 'shanghai-lingang', 'hainan', 'zhejiang', 'chongqing', 'jiangsu', 'guangxi', 'fujian'] as const;

const PARENT = catalogue<string>({ 'shanghai-lingang': 'shanghai' });

/** The ISO 3166-2:CN region each pilot zone lies in: registering in the zone means registering in that region. */
export const ZONE_REGION = catalogue<string>({
  tianjin: 'CN-TJ', beijing: 'CN-BJ', shanghai: 'CN-SH', 'shanghai-lingang': 'CN-SH', hainan: 'CN-HI',
  zhejiang: 'CN-ZJ', chongqing: 'CN-CQ', jiangsu: 'CN-JS', guangxi: 'CN-GX', fujian: 'CN-FJ',
});

export const isZone = (z: string): boolean => (ZONES as readonly string[]).includes(z);

/** The zone and every zone it lies within, innermost last (shanghai-lingang → [shanghai, shanghai-lingang]). */
export function zoneChain(zone: string): string[] {
  const out = [zone];
  for (let z = PARENT[zone]; z !== undefined && !out.includes(z); z = PARENT[z]) out.unshift(z);
  return out;
}

/**
 * The zone lists known to exist, by the periods the bundled zone packs give them (their `effective` dates, sourced
 * in each pack's metadata; tests/hardening/false-pass-hunt-7.test.ts keeps the two equal). The evaluation core reads
 * no files: this is how it knows a list binds an exporter when the loaded packs leave it out (`--pack` naming only
 * the national rules), so that it reviews rather than passes as if the list were not there. By zone only: a city- or
 * province-wide list also binds by region, which this table leaves out (docs/questionable-inputs.md says why). `to`
 * is exclusive, as a pack's.
 */
export interface KnownList {
  zone: string;
  /** The lineage of the packs that encode it: a zone can have several lists (Fujian: Pingtan's and the FTZ's). */
  lineage: string;
  from: string;
  to?: string;
}
export const KNOWN_LISTS: readonly KnownList[] = [
  { zone: 'tianjin', lineage: 'zone-tianjin', from: '2024-05-09' },
  { zone: 'shanghai-lingang', lineage: 'zone-shanghai-lingang', from: '2024-05-17', to: '2025-05-17' },
  { zone: 'beijing', lineage: 'zone-beijing', from: '2024-08-30', to: '2026-05-11' },
  { zone: 'beijing', lineage: 'zone-beijing', from: '2026-05-11' },
  { zone: 'fujian', lineage: 'zone-fujian-pingtan', from: '2025-02-01' },
  { zone: 'fujian', lineage: 'zone-fujian', from: '2025-12-25', to: '2027-12-25' },
  { zone: 'shanghai', lineage: 'zone-shanghai', from: '2025-02-08', to: '2026-04-24' },
  { zone: 'shanghai', lineage: 'zone-shanghai', from: '2026-04-24' },
  { zone: 'hainan', lineage: 'zone-hainan', from: '2025-02-19' },
  { zone: 'zhejiang', lineage: 'zone-zhejiang', from: '2025-04-10' },
  { zone: 'guangxi', lineage: 'zone-guangxi', from: '2025-08-04' },
  { zone: 'jiangsu', lineage: 'zone-jiangsu', from: '2025-08-13', to: '2027-08-13' },
  { zone: 'chongqing', lineage: 'zone-chongqing', from: '2025-09-01', to: '2027-09-01' },
];
