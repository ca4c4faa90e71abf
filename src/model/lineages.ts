/**
 * The scope of each lineage the bundled packs publish. A pack of one of these lineages must have that scope, wherever
 * it is loaded from and whatever is loaded beside it (src/compile/build-pack-set.ts): a key a trust store allows for
 * a lineage then signs for that lineage's exporters only, not a copy relabelled to bind others (a cn-gba pack scoped
 * to CN-SH, a zone list scoped to every exporter). Zone lists come from KNOWN_LISTS; a test keeps the table equal
 * to rules/ (the core reads no files).
 */
import type { PackMetadata } from './pack.js';
import { KNOWN_LISTS } from './zones.js';

type Scope = PackMetadata['scope'];

export const LINEAGE_SCOPES: ReadonlyMap<string, Scope> = new Map<string, Scope>([
  ['cn-national', { kind: 'national' }],
  ['cn-gba', { kind: 'region', region: 'CN-GD' }],
  ['sector-automotive', { kind: 'sector', sectors: ['automotive', 'icv'] }],
  ...KNOWN_LISTS.map((l): [string, Scope] => [l.lineage, { kind: 'zone', zone: l.zone }]),
]);
