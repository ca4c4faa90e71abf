import type { CST } from 'yaml';
import { yamlLib } from './yaml-lib.js';
import { tooManyValues, type Limits } from './limits.js';
import type { ScanProblem } from './json-scan.js';

const COLLECTIONS = new Set(['block-map', 'block-seq', 'flow-collection']);
const SCALARS = new Set(['scalar', 'single-quoted-scalar', 'double-quoted-scalar', 'block-scalar', 'alias']);

export interface YamlScan {
  problem?: ScanProblem;
  /** Offset of the first alias (*name), for a position when alias expansion is refused later. */
  firstAlias?: number;
}

/**
 * Walks yaml's concrete syntax tree (built by its non-recursive parser) with an explicit stack, before the
 * recursive composer runs: nesting deeper than the limit is refused here, with its position, instead of
 * overflowing the stack. When aliases are not allowed, the first anchor or alias is refused here too.
 */
export function scanYaml(tokens: readonly CST.Token[], limits: Limits, allowAliases: boolean): YamlScan {
  const out: YamlScan = {};
  const stack: { node: unknown; depth: number }[] = tokens.map((node) => ({ node, depth: 0 }));
  let values = 0;
  while (stack.length) {
    const { node, depth } = stack.pop()!;
    if (Array.isArray(node)) {
      for (const child of node) if (child && typeof child === 'object') stack.push({ node: child, depth });
      continue;
    }
    if (!node || typeof node !== 'object') continue;
    const t = node as { type?: string; offset?: number; source?: unknown };
    let d = depth;
    if (t.type && (COLLECTIONS.has(t.type) || SCALARS.has(t.type)) && ++values > limits.maxValues) {
      return { problem: { offset: t.offset ?? 0, message: tooManyValues(limits) } };
    }
    if (t.type && COLLECTIONS.has(t.type)) {
      d = depth + 1;
      if (d > limits.maxDepth) return { problem: { offset: t.offset ?? 0, message: `nesting deeper than ${limits.maxDepth} levels` } };
    }
    if (t.type === 'alias' || t.type === 'anchor') {
      const offset = t.offset ?? 0;
      if (t.type === 'alias' && (out.firstAlias === undefined || offset < out.firstAlias)) out.firstAlias = offset;
      if (!allowAliases) {
        // Report the earliest one in the text, not the first one popped.
        if (!out.problem || offset < out.problem.offset) {
          out.problem = { offset, message: `YAML ${t.type === 'alias' ? 'aliases (*name)' : 'anchors (&name)'} are not allowed here`, hint: 'write the value out in full' };
        }
      }
    }
    if (t.type && SCALARS.has(t.type)) {
      const len = typeof t.source === 'string' ? t.source.length : 0;
      if (len > limits.maxStringLength) {
        return { problem: { offset: t.offset ?? 0, message: `string of ${len.toLocaleString('en-US')} characters is longer than the ${limits.maxStringLength.toLocaleString('en-US')}-character limit` } };
      }
    }
    for (const key of ['start', 'items', 'key', 'sep', 'value', 'end', 'props']) {
      const child = (node as Record<string, unknown>)[key];
      if (child && typeof child === 'object') stack.push({ node: child, depth: d });
    }
  }
  return out;
}

// Lexer control markers: they stand for no source text.
const MARKERS = new Set(['\x02', '\x18', '\x1f']);

/**
 * Counts values with yaml's streaming lexer before any tree is built: the syntax tree of 10 MB of `[1,1,1,...]`
 * alone takes gigabytes. Returns the offset where the count passes the limit, or undefined.
 */
export function countYamlValues(text: string, limits: Limits): ScanProblem | undefined {
  let values = 0;
  let offset = 0;
  for (const token of new (yamlLib().Lexer)().lex(text)) {
    const c = token[0];
    if (token === '\x1f' || c === '"' || c === "'" || c === '*' || c === '|' || c === '>' || c === '[' || c === '{') {
      if (++values > limits.maxValues) return { offset, message: tooManyValues(limits) };
    }
    if (!MARKERS.has(token)) offset += token.length;
  }
  return undefined;
}
