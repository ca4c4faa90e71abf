/**
 * Positions in JSON text (src/source/json-locate.ts): jsonLocator, which scans the root object's members once for
 * many lookups, answers as jsonOffset does for every pointer, and both place values where yaml's parser of the same
 * text does (an independent reading), escaped quotes and backslashes inside strings included.
 */
import { describe, expect, it } from 'vitest';
import { parseDocument, isCollection, isNode, isMap, isScalar, type Node } from 'yaml';
import { jsonLocator, jsonOffset } from '../../src/source/json-locate.js';
import { joinPointer, splitPointer } from '../../src/util/json-pointer.js';
import { manifest, rng, zoneShapes } from '../../bench/corpus.js';

/** Every pointer into the value, with some that do not exist below each container. */
function pointers(v: unknown, at: (string | number)[] = [], out: string[] = []): string[] {
  out.push(joinPointer(at));
  if (Array.isArray(v)) {
    v.forEach((x, i) => pointers(x, [...at, i], out));
    out.push(joinPointer([...at, v.length]), joinPointer([...at, 'x']));
  } else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) pointers(x, [...at, k], out);
    out.push(joinPointer([...at, 'missing']), joinPointer([...at, 'missing', 'deeper']));
  }
  return out;
}

/** yaml's offset of the value at the pointer (or the deepest ancestor that exists). */
function yamlOffset(text: string, pointer: string): number {
  const doc = parseDocument(text, { uniqueKeys: false });
  let node: unknown = doc.contents;
  for (const seg of splitPointer(pointer)) {
    if (!isCollection(node)) break;
    const next = isMap(node) ? node.items.find((p) => isScalar(p.key) && String(p.key.value) === seg)?.value : node.items[Number(seg)];
    if (!isNode(next) || (!isMap(node) && !/^(0|[1-9]\d*)$/.test(seg))) break;
    node = next;
  }
  return (node as Node).range![0];
}

const texts = (): string[] => {
  const r = rng(3);
  const zones = zoneShapes();
  const out: string[] = [];
  for (let i = 0; i < 40; i++) {
    const m = manifest(r, i, { zones });
    out.push(i % 2 ? JSON.stringify(m) : JSON.stringify(m, null, 2));
  }
  // Quotes, backslashes and brackets inside strings and keys; an escaped key; nesting; empty containers.
  out.push('{"a\\"]}": "x\\\\", "b": ["\\"{", "\\\\\\"[", {"c\\u0064": [[], {}, "}"]}], "e": { "f" : 1 , "g":[ true,null ] } }');
  out.push('  [ {"a": 1}, "\\\\", [2, {"b": "]"}] ]');
  return out;
};

describe('jsonLocator', () => {
  it('answers as jsonOffset and as yaml for every pointer of generated manifests and awkward texts', () => {
    let n = 0;
    for (const text of texts()) {
      const locate = jsonLocator(text);
      // Lookups in a shuffled order: the member scan resumes where the last one stopped.
      const all = pointers(JSON.parse(text));
      const order = [...all.keys()].sort((a, b) => ((a * 7919) % all.length) - ((b * 7919) % all.length));
      for (const i of order) {
        const p = all[i]!;
        const expected = jsonOffset(text, splitPointer(p));
        expect(locate(splitPointer(p)), p).toBe(expected);
        expect(expected, p).toBe(yamlOffset(text, p));
        expect(locate(splitPointer(p), true), p).toBe(jsonOffset(text, splitPointer(p), true));
        n++;
      }
    }
    expect(n).toBeGreaterThan(2000);
  });
  it('points at the first of two members of one name, as jsonOffset does, whichever is asked first', () => {
    const text = '{"a": 1, "b": {"c": 2}, "a": 3, "b": 4}';
    const early = jsonLocator(text);
    expect(early(['b', 'c'])).toBe(text.indexOf('2'));
    expect(early(['a'])).toBe(text.indexOf('1'));
    expect(early(['zz'])).toBe(0);
    const late = jsonLocator(text);
    expect(late(['zz'])).toBe(0);
    expect(late(['a'])).toBe(jsonOffset(text, ['a']));
    expect(late(['b'])).toBe(jsonOffset(text, ['b']));
  });
});
