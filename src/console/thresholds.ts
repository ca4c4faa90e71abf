/**
 * The year-to-date thresholds a national pack sets, read from its parameters (never written here): every numeric
 * parameter named `…Threshold`, counted against sensitive individuals when its name starts with `sensitive`.
 */
import type { Citation } from '../model/pack.js';
import type { Bilingual } from '../model/verdict.js';

export interface Threshold {
  name: string;
  value: number;
  /** Which year-to-date total the threshold is tested against. */
  counts: 'individuals' | 'sensitiveIndividuals';
  description: Bilingual;
  citation?: Citation;
}

interface ParameterLike {
  value?: unknown;
  description?: Bilingual;
  citation?: Citation;
}

export function thresholdsOf(parameters: Record<string, ParameterLike> | undefined): Threshold[] {
  const out: Threshold[] = [];
  for (const [name, p] of Object.entries(parameters ?? {})) {
    if (!name.endsWith('Threshold') || typeof p.value !== 'number' || !p.description) continue;
    out.push({
      name, value: p.value, description: p.description,
      counts: name.startsWith('sensitive') ? 'sensitiveIndividuals' : 'individuals',
      ...(p.citation ? { citation: p.citation } : {}),
    });
  }
  return out.sort((a, b) => a.counts.localeCompare(b.counts) || a.value - b.value);
}
