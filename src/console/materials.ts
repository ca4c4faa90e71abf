/**
 * The checklist of materials on the printable report. The lists themselves are legal content and live in the packs
 * (`materials:`, per route); this only picks the ones for a verdict's route from the packs that decided it.
 */
import type { MaterialList, MaterialRoute, PackMaterials } from '../model/pack.js';
import type { Mechanism } from '../model/verdict.js';

export interface PackMaterialsRef {
  materials?: PackMaterials;
  /** A zone pack: its list took part, so the zone-list filing applies. */
  zone: boolean;
}

/** The route's lists, then the zone-list filing when a zone pack took part, each from every pack given (in order). */
export function materialsFor(mechanism: Mechanism, packs: readonly PackMaterialsRef[]): MaterialList[] {
  const routes: MaterialRoute[] = mechanism === 'contract-or-certification' || mechanism === 'security-assessment' ? [mechanism] : [];
  if (packs.some((p) => p.zone)) routes.push('zone-list');
  return routes.flatMap((r) => packs.flatMap((p) => p.materials?.[r] ?? []));
}
