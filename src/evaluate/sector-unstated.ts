import type { CompiledPack } from '../compile/compile-pack.js';
import { SECTOR_TITLES } from '../model/sectors.js';
import type { Bilingual, Mechanism } from '../model/verdict.js';
import type { Fired } from './decide.js';
import { joinMapped } from '../util/arrays.js';

/**
 * `fired` holds only the fired rules of the left-out sector packs (`unbound`). A manifest without exporter.sector
 * (and no category or scenario naming one, src/evaluate/select.ts) is not bound by the sector packs, yet the exporter
 * may be in their sector. Their rules run beside the others; where one would have found something (a check that
 * reviews or fails, a requirement whose mechanism is missing), the sector decides the verdict, so it is review with
 * these words. Obligations and passes say nothing: a sector-less manifest the sector rules would not change stays as
 * it is (most manifests give no sector; they must not all be review).
 */
export function sectorUnstated(fired: readonly Fired[], unbound: readonly CompiledPack[], inPlace: (m: Mechanism) => boolean): Bilingual | undefined {
  if (fired.length === 0) return undefined;
  const byId = new Map(unbound.map((p) => [p.meta.id, p]));
  const decisive = fired.filter((f) => (f.rule.kind === 'flag' ? f.rule.outcome !== 'pass' : f.rule.kind === 'requirement' && !inPlace(f.rule.mechanism)));
  if (decisive.length === 0) return undefined;
  const packs = [...new Set(decisive.map((f) => byId.get(f.rule.pack)!))];
  const sectors = [...new Set(packs.flatMap((p) => (p.meta.scope.kind === 'sector' ? p.meta.scope.sectors : [])))];
  const title = (s: string): Bilingual => SECTOR_TITLES[s] ?? { en: s, zh: s };
  return {
    en: `The manifest does not give exporter.sector. If the exporter is in the ${joinMapped(sectors, (s) => title(s).en, ' or ')} sector, `
      + `the rules of ${joinMapped(packs, (p) => `${p.meta.title.en} (${p.meta.id})`, '; ')} also apply and find: `
      + `${joinMapped(decisive, (f) => `${f.rule.title.en} (${f.rule.id})`, '; ')}. A person must confirm the sector; `
      + 'state exporter.sector (any sector id, e.g. other) so that these rules are applied or set aside.',
    zh: `出境说明未载明出境方所属行业（exporter.sector）。出境方如属于${joinMapped(sectors, (s) => title(s).zh, '或')}行业，`
      + `还适用${joinMapped(packs, (p) => p.meta.title.zh, '；')}的规则，并将得出：${joinMapped(decisive, (f) => f.rule.title.zh, '；')}。`
      + '须人工确认所属行业；请在出境说明中填写出境方所属行业，以便适用或排除上述规则。',
  };
}
