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
