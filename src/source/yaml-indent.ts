import type { Document } from 'yaml';
import { yamlLib } from './yaml-lib.js';
import { joinPointer } from '../util/json-pointer.js';

/**
 * A key indented more (or less) than its siblings: yaml reports it as what it then misreads the lines as
 * ("Nested mappings are not allowed in compact mappings", at the value of the key above), which a user cannot act
 * on. This names the key, places it, and gives the field path it would have had when one can be worked out.
 */
export interface IndentProblem {
  offset: number;
  message: string;
  pointer?: string;
  hint: string;
}

/** yaml's error codes for a line that does not line up with the lines around it (BAD_INDENT also covers flow collections). */
const INDENT_CODES = new Set(['BLOCK_AS_IMPLICIT_KEY', 'MULTILINE_IMPLICIT_KEY', 'BAD_INDENT']);
const isMisaligned = (e: { code: string; message: string }): boolean =>
  INDENT_CODES.has(e.code) && (e.code !== 'BAD_INDENT' || /must start at the same column/.test(e.message));

/** Leading spaces, then any "- " list markers, then an unquoted or quoted key followed by ":". */
const KEY_LINE = /^( *)((?:- +)*)("[^"]*"|'[^']*'|[^\s#:'"][^:#]*?) *:(?: |$)/;

interface Line { start: number; text: string }

function linesOf(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (const t of text.split('\n')) {
    out.push({ start, text: t.replace(/\r$/, '') });
    start += t.length + 1;
  }
  return out;
}

const isContent = (l: Line): boolean => l.text.trim() !== '' && !l.text.trimStart().startsWith('#');

/** Where a line's key (or, without one, its first character) starts, and the key's name. */
function keyOf(l: Line): { offset: number; name?: string } {
  const m = KEY_LINE.exec(l.text);
  if (!m) return { offset: l.start + (l.text.length - l.text.trimStart().length) };
  const raw = m[3]!;
  const name = /^["']/.test(raw) ? raw.slice(1, -1) : raw;
  return { offset: l.start + m[1]!.length + m[2]!.length, name };
}

/** The JSON pointer of the map key that starts at `offset` in the composed document (iterative walk). */
function pointerOfKeyAt(doc: Document, offset: number): (string | number)[] | undefined {
  const Y = yamlLib();
  const stack: { node: unknown; path: (string | number)[] }[] = [{ node: doc.contents, path: [] }];
  while (stack.length) {
    const { node, path } = stack.pop()!;
    if (Y.isMap(node)) {
      for (const pair of node.items) {
        const key = pair.key;
        if (!Y.isScalar(key)) continue;
        const here = [...path, String(key.value)];
        if (key.range?.[0] === offset) return here;
        stack.push({ node: pair.value, path: here });
      }
    } else if (Y.isSeq(node)) node.items.forEach((item, i) => stack.push({ node: item, path: [...path, i] }));
  }
  return undefined;
}

/** The indentation problem behind one of yaml's errors, or undefined when it is not one. */
export function indentProblem(text: string, doc: Document, error: { code: string; message: string; pos: [number, number] }): IndentProblem | undefined {
  if (!isMisaligned(error)) return undefined;
  const lines = linesOf(text);
  let at = lines.findLastIndex((l) => l.start <= error.pos[0]);
  if (at < 0) return undefined;
  // BAD_INDENT points into the misaligned line (or a comment line before it); the others at the value above it.
  if (error.code !== 'BAD_INDENT') at++;
  while (at < lines.length && !isContent(lines[at]!)) at++;
  const line = lines[at];
  if (!line || !isContent(line)) return undefined;
  let before = at - 1;
  while (before >= 0 && !isContent(lines[before]!)) before--;
  if (before < 0) return undefined;
  const key = keyOf(line);
  const above = keyOf(lines[before]!);
  const column = (k: { offset: number }, l: Line): number => k.offset - l.start;
  const sibling = key.name === undefined ? undefined : pointerOfKeyAt(doc, above.offset);
  // The value above holds ": " (yaml then reads "value: rest" as a key), whatever the next line's indent; else, lined
  // up after all, it is not an indent problem.
  if (error.code === 'BLOCK_AS_IMPLICIT_KEY' && valueHoldsColon(lines[before]!)) return colonInValue(error.pos[0], above.name, pointerOfKeyAt(doc, above.offset));
  if (column(key, line) === column(above, lines[before]!)) return undefined;
  const more = column(key, line) > column(above, lines[before]!);
  const what = key.name === undefined ? `line ${at + 1}` : `"${key.name}"`;
  const aboveName = above.name === undefined ? `line ${before + 1}` : `"${above.name}", line ${before + 1}`;
  const pointer = sibling ? joinPointer([...sibling.slice(0, -1), key.name!]) : undefined;
  return {
    offset: key.offset,
    message: `${what} is indented ${more ? 'more' : 'less'} than the key above it (${aboveName})`,
    ...(pointer !== undefined ? { pointer } : {}),
    hint: 'keys of one mapping start in the same column; indent a key further only under a key whose value starts on the next line',
  };
}

/** An unquoted value after the key that itself holds ": " (or ends in ":"). */
function valueHoldsColon(l: Line): boolean {
  const m = KEY_LINE.exec(l.text);
  const value = (m ? l.text.slice(m[0].length) : '').replace(/\s#.*$/, '').trim();
  return value !== '' && !/^["'[{|>]/.test(value) && /:(\s|$)/.test(value);
}

function colonInValue(offset: number, key: string | undefined, at: (string | number)[] | undefined): IndentProblem {
  return {
    offset,
    message: `the value${key === undefined ? '' : ` of "${key}"`} holds ": ", which YAML reads as the start of another key`,
    ...(at ? { pointer: joinPointer(at) } : {}),
    hint: 'put the value in quotes, or write the colon without a space after it',
  };
}
