/** What the builder offers, read from the bundled packs at build time (scripts/build-web.mjs). */
import data from './generated/catalog.json';
import type { Bi } from './i18n';
import type { Threshold } from '../../src/console/thresholds';
import type { PackMaterials } from '../../src/model/pack';
import { materialsFor } from '../../src/console/materials';

export interface Catalog {
  taxonomy: { id: string; title: Bi; personal: 'pi' | 'spi' | 'none'; zone?: string }[];
  sectors: { id: string; title?: Bi }[];
  zones: { id: string; title?: Bi }[];
  scenarios: { id: string; zone: string; pack: string; from: string; to?: string; title: Bi; sector?: string; coverage?: string }[];
  national: { pack: string; version: string; from: string; to?: string; thresholds: Threshold[] }[];
  /** Every bundled pack: whether it is a zone pack, and its checklists of materials per route. */
  packs: { id: string; zone: boolean; materials?: PackMaterials }[];
}

export const catalog = data as Catalog;

const inForce = (p: { from: string; to?: string }, date: string): boolean => p.from <= date && (p.to === undefined || date < p.to);

/** The scenarios of the zone's list in force on the date. */
export const scenariosFor = (zone: string | undefined, date: string) =>
  zone ? catalog.scenarios.filter((s) => s.zone === zone && inForce(s, date)) : [];

/** The thresholds of the national pack the verdict used (by pack id), else of the one in force on the date. */
export function thresholdsFor(packIds: string[], date: string): Threshold[] {
  const n = catalog.national.find((p) => packIds.includes(p.pack)) ?? catalog.national.find((p) => inForce(p, date));
  return n?.thresholds ?? [];
}

/** The checklists for a verdict's route, from the packs that decided it (none for a pack the page was not built with). */
export const materialsOf = (mechanism: Parameters<typeof materialsFor>[0], packIds: string[]) =>
  materialsFor(mechanism, packIds.map((id) => catalog.packs.find((p) => p.id === id) ?? { zone: false }));
