import { describe, expect, it } from 'vitest';
import { ParseError, parseSource } from '../../src/source/document.js';
import { quickParseJson } from '../../src/source/json-scan.js';
import { DEFAULT_LIMITS } from '../../src/source/limits.js';

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
    // JSON: quotes, backslashes and `": ` inside strings are not keys; a key repeated behind escapes is still found.
    for (const text of ['{"a\\"": 1, "b": "x\\\\", "c": "\\"d\\": 1", "d\\\\": {"e": "\\\\\\":"}}', '{"k": "\\\\", "k2": ["\\"", ":"]}']) {
      expect(parseSource(text, 'x.json').data, text).toEqual(JSON.parse(text));
      // Without the full scan: the quick path's key count agrees with the parsed objects.
      expect(quickParseJson(text, DEFAULT_LIMITS), text).toEqual({ data: JSON.parse(text) });
    }
    for (const text of ['{"k\\\\": 1, "k\\\\": 2}', '{"v": "\\"", "a\\"b": 1, "a\\"b": 2}', '{"x": {"q": "\\\\", "q": 3}}']) {
      expect(() => parseSource(text, 'x.json'), text).toThrow(/duplicate key/);
    }
    try {
      parseSource('   \n', 'x.yaml');
    } catch (e) {
      expect((e as ParseError).diagnostic).toMatchObject({ code: 'parse-error', location: { uri: 'x.yaml', line: 1 } });
    }
  });
});

// yaml reports a misaligned key as "Nested mappings are not allowed in compact mappings" at the value of the key
// above it, or "All mapping items must start at the same column": neither names the key a user has to move.
describe('a misaligned YAML key is named, placed at the key, with its field path', () => {
  const diag = (text: string) => {
    try { parseSource(text, 'x.yaml'); } catch (e) { return (e as ParseError).diagnostic; }
    throw new Error('parsed');
  };
  it('a key indented more than the key above it (a scalar value above)', () => {
    expect(diag('exporter:\n  name: X\n    region: CN-SH\n  ciio: false\n')).toMatchObject({
      message: '/exporter/region "region" is indented more than the key above it ("name", line 2)',
      location: { line: 3, column: 5, pointer: '/exporter/region' },
    });
  });
  it('inside a list item, after a comment line', () => {
    expect(diag('data:\n  - id: staff\n    # why\n      categories: [a]\n')).toMatchObject({
      message: '/data/0/categories "categories" is indented more than the key above it ("id", line 2)',
      location: { line: 4, column: 7, pointer: '/data/0/categories' },
    });
  });
  it('a key indented one space more after a flow value, and one indented less', () => {
    expect(diag('data:\n  - id: s\n    categories: [a]\n     classification: general\n')).toMatchObject({
      message: '/data/0/classification "classification" is indented more than the key above it ("categories", line 3)',
      location: { line: 4, column: 6 },
    });
    expect(diag('exporter:\n    name: X\n  region: CN\n')).toMatchObject({ message: /"region" is indented less than the key above it \("name", line 2\)$/, location: { line: 3, column: 3 } });
  });
  it('lined-up keys after a value holding ": " are not an indentation problem: the value is named, with the fix', () => {
    expect(diag('exporter:\n  name: Foo (bar): baz\n  region: CN-SH\n')).toMatchObject({
      message: '/exporter/name the value of "name" holds ": ", which YAML reads as the start of another key',
      hint: 'put the value in quotes, or write the colon without a space after it',
      location: { line: 2, column: 9, pointer: '/exporter/name' },
    });
  });
  it('the last key of a mapping holding ": " is named too, not the next, less indented key', () => {
    expect(diag('purpose:\n  basis: consent\n  description: order notes: see CRM\ndata: []\n')).toMatchObject({
      message: '/purpose/description the value of "description" holds ": ", which YAML reads as the start of another key',
      location: { line: 3, pointer: '/purpose/description' },
    });
  });
  it('other indentation errors keep their own message (an unclosed flow list)', () => {
    expect(diag('a:\n  b: [1,\n  2\nc: 1\n').message).not.toMatch(/indented (more|less)/);
  });
});

describe('locateKey', () => {
  it('places an object member at its key in YAML and JSON, and falls back like locate', () => {
    const y = parseSource('a:\n  bogus:\n    x: 1\n', 'x.yaml');
    expect(y.locateKey?.('/a/bogus')).toEqual({ line: 2, column: 3 });
    expect(y.locate('/a/bogus')).toEqual({ line: 3, column: 5 });
    const j = parseSource('{"a": {\n  "bogus":   {"x": 1}}}\n', 'x.json');
    expect(j.locateKey?.('/a/bogus')).toEqual({ line: 2, column: 3 });
    expect(j.locate('/a/bogus')).toEqual({ line: 2, column: 14 });
  });
});
