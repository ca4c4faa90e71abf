import type { CST } from 'yaml';
import type { Limits } from './limits.js';
import type { ScanProblem } from './json-scan.js';

const COLLECTIONS = new Set(['block-map', 'block-seq', 'flow-collection']);

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
  while (stack.length) {
    const { node, depth } = stack.pop()!;
    if (Array.isArray(node)) {
      for (const child of node) if (child && typeof child === 'object') stack.push({ node: child, depth });
      continue;
    }
    if (!node || typeof node !== 'object') continue;
    const t = node as { type?: string; offset?: number; source?: unknown };
    let d = depth;
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
    if (t.type === 'scalar' || t.type === 'single-quoted-scalar' || t.type === 'double-quoted-scalar' || t.type === 'block-scalar') {
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
