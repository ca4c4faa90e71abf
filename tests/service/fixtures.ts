import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/cli.js';

export const BASE = readFileSync(join(ROOT, 'examples/manifests/pass-sme-80k-below-threshold.yaml'), 'utf8');
export const EXPORTER = '杭州小微电子商务有限公司';

/** The 80k example with another id and count: under 100,000 a year it passes (exempt), over it does not. */
export const sized = (id: string, individuals: number): string =>
  BASE.replace(/^id: .*$/m, `id: ${id}`).replace(/individuals: 80000/, `individuals: ${individuals}`);
