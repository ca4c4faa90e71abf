import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

// We publish no schema URL, so each `$id` is the schema's own file name: resolved against wherever the file was
// read from (node_modules/xborder/schemas/, a clone), it names that file. Files a description points to ship too.
const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { files: string[] };
const shipped = (file: string): boolean => pkg.files.some((f) => file === f || file.startsWith(`${f}/`));

describe('schema $id and description', () => {
  const schemas = readdirSync(`${ROOT}schemas`).filter((f) => f.endsWith('.schema.json'));

  it.each(schemas)('%s: $id names the file itself, which the package ships', (file) => {
    const s = JSON.parse(readFileSync(`${ROOT}schemas/${file}`, 'utf8')) as { $id: string };
    expect(s.$id).toBe(file);
    expect(shipped(`schemas/${file}`)).toBe(true);
  });

  it.each(schemas)('%s: every file the description names exists and ships', (file) => {
    const s = JSON.parse(readFileSync(`${ROOT}schemas/${file}`, 'utf8')) as { description: string };
    for (const named of s.description.match(/[\w./-]+\.(?:md|json)\b/g) ?? []) {
      expect(existsSync(`${ROOT}${named}`), named).toBe(true);
      expect(shipped(named), named).toBe(true);
    }
  });
});
