import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isManifestText, MANIFEST_KEYS } from '../../src/io/files.js';

// The folder walk tells a manifest from other YAML by its top-level fields: the list must be the schema's.
describe('the folder walk knows the manifest\'s top-level fields', () => {
  it('MANIFEST_KEYS is exactly the properties of schemas/manifest.schema.json', () => {
    const schema = JSON.parse(readFileSync('schemas/manifest.schema.json', 'utf8')) as { properties: Record<string, unknown> };
    expect([...MANIFEST_KEYS].sort()).toEqual(Object.keys(schema.properties).sort());
  });
});

// A folder walk that leaves a manifest out says nothing about it: a CI gate would pass without checking it.
describe('a manifest written another way is never left out of a folder walk', () => {
  const yaml = (text: string): boolean => isManifestText('m.yaml', text);
  it('keys in another letter case or with underscores, explicit keys, a JSON Exporter: checked', () => {
    expect(yaml('ApiVersion: xborder/v1\nKind: TransferManifest\nExporter: { name: A }\n')).toBe(true);
    expect(yaml('personal_information: { individuals: 5 }\nrecipient: { name: B }\n')).toBe(true);
    expect(yaml('? exporter\n: { name: A }\n')).toBe(true);
    expect(isManifestText('m.json', '{"Exporter": {"name": "A"}}')).toBe(true);
    // Another kind declared, but an exporter written another way: checked (and refused), as in JSON.
    expect(yaml('kind: Deployment\nExporter: { name: A }\n')).toBe(true);
  });
  it('a waivers file, a CI workflow, package.json: left out', () => {
    expect(yaml('# accepted risks\nwaivers:\n  - rule: r\n')).toBe(false);
    expect(yaml('name: gate\non: [push]\njobs: {}\n')).toBe(false);
    expect(isManifestText('package.json', '{"name": "x", "version": "1.0.0"}')).toBe(false);
  });
  it('a --format json report written into the checked folder is left out; an array that may hold a manifest is not', () => {
    expect(isManifestText('xborder.json', '[{"manifest": "tm-1", "verdict": "pass", "findings": []}]')).toBe(false);
    expect(isManifestText('xborder.json', '[]')).toBe(false);
    expect(isManifestText('batch.json', '[{"exporter": {"name": "A"}}]')).toBe(true);
    expect(isManifestText('odd.json', '[1, 2]')).toBe(true);
    expect(isManifestText('typo.json', '[{"kind": "TransferManifest", "exportr": {"name": "A"}}]')).toBe(true);
  });
});
