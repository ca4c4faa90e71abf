import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MANIFEST_KEYS } from '../../src/io/files.js';

// The folder walk tells a manifest from other YAML by its top-level fields: the list must be the schema's.
describe('the folder walk knows the manifest\'s top-level fields', () => {
  it('MANIFEST_KEYS is exactly the properties of schemas/manifest.schema.json', () => {
    const schema = JSON.parse(readFileSync('schemas/manifest.schema.json', 'utf8')) as { properties: Record<string, unknown> };
    expect([...MANIFEST_KEYS].sort()).toEqual(Object.keys(schema.properties).sort());
  });
});
