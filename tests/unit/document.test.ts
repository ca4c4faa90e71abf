import { describe, expect, it } from 'vitest';
import { ParseError, parseSource } from '../../src/source/document.js';

describe('parseSource', () => {
  it('keeps YAML 1.2 core: NO, yes and dates stay strings', () => {
    const d = parseSource('a: NO\nb: yes\nc: 2026-03-15\nd: false\n', 'x.yaml');
    expect(d.data).toEqual({ a: 'NO', b: 'yes', c: '2026-03-15', d: false });
  });
  it('locates JSON pointers in YAML and JSON, falling back to the nearest ancestor', () => {
    const y = parseSource('a:\n  b:\n    - 1\n    - 22\n', 'x.yaml');
    expect(y.locate('/a/b/1')).toEqual({ line: 4, column: 7 });
    expect(y.locate('/a/missing')).toEqual({ line: 2, column: 3 });
    const j = parseSource('{\n  "a": {\n    "b": [1, 22]\n  }\n}\n', 'x.json');
    expect(j.locate('/a/b/1')).toEqual({ line: 3, column: 14 });
  });
  it('accepts a byte-order mark and CRLF line endings', () => {
    const d = parseSource('\uFEFFa: 1\r\nb: 2\r\n', 'x.yaml');
    expect(d.data).toEqual({ a: 1, b: 2 });
    expect(d.locate('/b')).toEqual({ line: 2, column: 4 });
  });
  it('refuses duplicate keys, aliases in manifests, and empty files with a position', () => {
    expect(() => parseSource('a: 1\na: 2\n', 'x.yaml')).toThrow(ParseError);
    expect(() => parseSource('a: &x 1\nb: *x\n', 'x.yaml')).toThrow(/anchors|aliases/);
    expect(parseSource('a: &x 1\nb: *x\n', 'x.yaml', { allowAliases: true }).data).toEqual({ a: 1, b: 1 });
    // An alias inside the value it names is a loop (the data would be circular, and loading never ended): refused.
    for (const text of ['a: &r\n  - *r\n', 'a: &r\n  b:\n    c: [*r]\n', 'a: &r { not: *r }\n']) {
      expect(() => parseSource(text, 'p.yaml', { allowAliases: true }), text).toThrow(/alias refers to the value that contains it/);
    }
    try { parseSource('x: 1\na: &r\n  - *r\n', 'p.yaml', { allowAliases: true }); } catch (e) {
      expect((e as ParseError).diagnostic.location).toMatchObject({ line: 3, column: 5 });
    }
    // A re-used anchor name inside its own value names the later anchor (YAML order): not a loop.
    expect(parseSource('a: &r { b: &r 1, c: *r }\n', 'p.yaml', { allowAliases: true }).data).toEqual({ a: { b: 1, c: 1 } });
    try {
      parseSource('   \n', 'x.yaml');
    } catch (e) {
      expect((e as ParseError).diagnostic).toMatchObject({ code: 'parse-error', location: { uri: 'x.yaml', line: 1 } });
    }
  });
});
