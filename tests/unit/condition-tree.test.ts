import { describe, expect, it } from 'vitest';
import { eachLeaf, foldTree, nodeKind } from '../../src/model/condition-tree.js';
import type { Condition } from '../../src/model/pack.js';

const when: Condition = {
  all: [
    { fact: 'transfer.date', atLeast: '2024-03-22' },
    { any: [{ fact: 'data.hasImportant', equals: true }, { not: { fact: 'exporter.ciio', equals: false } }] },
    { not: { all: [{ fact: 'data.hasCore', equals: true }] } },
  ],
};

describe('condition tree', () => {
  it('tells combinators from leaves by what they hold, whatever other keys an engine node carries', () => {
    expect(nodeKind({ all: [] })).toBe('all');
    expect(nodeKind({ any: [{ fact: 'x' }] })).toBe('any');
    expect(nodeKind({ not: { fact: 'x' } })).toBe('not');
    expect(nodeKind({ fact: 'x', equals: 1 })).toBe('leaf');
    // The engine's annotated result: a leaf with a priority and a result is still a leaf.
    expect(nodeKind({ fact: 'data', path: 'hasCore', operator: 'strictEquals', value: true, result: false, priority: 1 })).toBe('leaf');
    // `not` must hold a node, `all`/`any` a list: anything else is a leaf's operand, not a combinator.
    expect(nodeKind({ fact: 'x', not: null } as object)).toBe('leaf');
    expect(nodeKind({ fact: 'x', all: 'y' } as object)).toBe('leaf');
  });

  it('folds bottom-up in document order, passing each combinator its node', () => {
    const seen: string[] = [];
    const text = foldTree<Condition, string>(when, {
      all: (members, node) => { expect('all' in node).toBe(true); return `all(${members.join(', ')})`; },
      any: (members) => `any(${members.join(', ')})`,
      not: (member) => `not(${member})`,
      leaf: (leaf) => { seen.push(leaf.fact); return leaf.fact; },
    });
    expect(text).toBe('all(transfer.date, any(data.hasImportant, not(exporter.ciio)), not(all(data.hasCore)))');
    expect(seen).toEqual(['transfer.date', 'data.hasImportant', 'exporter.ciio', 'data.hasCore']);
  });

  it('maps a tree to another tree (the shape compile uses)', () => {
    const upper = foldTree<Condition, Condition>(when, {
      all: (all) => ({ all }), any: (any) => ({ any }), not: (not) => ({ not }),
      leaf: (leaf) => ({ ...leaf, fact: leaf.fact.toUpperCase() }),
    });
    expect(JSON.stringify(upper)).toBe(JSON.stringify(when).replace(/"fact":"([^"]+)"/g, (_, f: string) => `"fact":"${f.toUpperCase()}"`));
  });

  it('visits every leaf with its JSON pointer below the given root', () => {
    const leaves: [string, string][] = [];
    eachLeaf<Condition>(when, (leaf, pointer) => leaves.push([leaf.fact, pointer]), '/rules/3/when');
    expect(leaves).toEqual([
      ['transfer.date', '/rules/3/when/all/0'],
      ['data.hasImportant', '/rules/3/when/all/1/any/0'],
      ['exporter.ciio', '/rules/3/when/all/1/any/1/not'],
      ['data.hasCore', '/rules/3/when/all/2/not/all/0'],
    ]);
  });

  it('visits leaves without pointers when no root is given, and a bare leaf is its own only leaf', () => {
    const pointers: string[] = [];
    eachLeaf<Condition>(when, (_, pointer) => pointers.push(pointer));
    expect(pointers).toEqual(['', '', '', '']);
    const bare: string[] = [];
    eachLeaf<Condition>({ fact: 'x', equals: 1 }, (leaf, pointer) => bare.push(`${leaf.fact}@${pointer}`), '');
    expect(bare).toEqual(['x@']);
  });
});
