// Regenerates docs/coverage.md and the README's zone figures from the bundled packs (run after `npm run build`;
// `npm run docs:coverage` does both). tests/unit/pack-coverage.test.ts fails when either is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { formatCoverage, listCoverage, withReadmeFigures } from '../dist/src/app/pack-coverage.js';
import { loadPacks } from '../dist/src/load/load-packs.js';

const lists = listCoverage((await loadPacks()).packs);
writeFileSync('docs/coverage.md', formatCoverage(lists, 'markdown'));
writeFileSync('README.md', withReadmeFigures(readFileSync('README.md', 'utf8'), lists));
console.log(`docs/coverage.md and README.md: ${lists.length} lists`);
