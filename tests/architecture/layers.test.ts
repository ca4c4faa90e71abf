import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkLayers } from '../../scripts/check-layers.mjs';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

describe('architecture (docs/architecture.md)', () => {
  it('every import in src/ follows the layer direction, and there is no import cycle', () => {
    expect((checkLayers as (src: string) => string[])(SRC)).toEqual([]);
  });
});
