import { RESERVED_KEYS, tooManyValues, type Limits } from './limits.js';

import { escapeSegment } from '../util/json-pointer.js';

/** A problem found by the scan, at a UTF-16 offset into the text. */
export interface ScanProblem {
  offset: number;
  message: string;
  hint?: string;
  /** JSON pointer of the value or key where the problem is, when the scan knows it. */
  pointer?: string;
}

/**
 * One iterative pass over JSON text before JSON.parse sees it. JSON.parse silently keeps the last of duplicate
 * keys (a typo could hide a fact) and its syntax errors carry no line or column; this scan reports both with an
 * offset, and refuses deep nesting, long strings and prototype keys without building anything.
 * Returns the first problem, or undefined when the text is well-formed JSON within the limits.
 */
export function scanJson(text: string, limits: Limits): ScanProblem | undefined {
  // One frame per open container: for objects, the keys seen so far.
  // `at` is the key or index of the member being read, for the pointer in a message.
  const stack: ({ kind: 'object'; keys: Set<string>; at?: string } | { kind: 'array'; at: number })[] = [];
  const pointer = (): string => stack.map((f) => (f.at === undefined ? '' : `/${escapeSegment(f.at)}`)).join('');
  let i = 0;
  const n = text.length;
  const ws = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
  };
  const fail = (message: string, at = i): ScanProblem => ({ offset: at, message, pointer: pointer() });
  const describe = (): string => (i >= n ? 'the end of the file' : JSON.stringify(text[i]));

  /** Reads a string starting at the opening quote; returns its raw slice (quotes included) or a problem. */
  const string = (): string | ScanProblem => {
    const start = i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        if (i - start - 2 > limits.maxStringLength) {
          return { offset: start, pointer: pointer(), message: `string of ${(i - start - 2).toLocaleString('en-US')} characters is longer than the ${limits.maxStringLength.toLocaleString('en-US')}-character limit` };
        }
        return text.slice(start, i);
      }
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return fail('invalid \\u escape in string');
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else return fail('invalid escape in string');
      } else if (c < 0x20) return fail('control character in string (escape it, e.g. \\n)');
      else i++;
    }
    return fail('unterminated string', start);
  };

  const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
  let values = 0;
  const value = (): ScanProblem | 'open' | undefined => {
    ws();
    if (++values > limits.maxValues) return fail(tooManyValues(limits));
    const c = text[i];
    if (c === '{' || c === '[') {
      if (stack.length >= limits.maxDepth) return fail(`nesting deeper than ${limits.maxDepth} levels`, i);
      stack.push(c === '{' ? { kind: 'object', keys: new Set() } : { kind: 'array', at: -1 });
      i++;
      return 'open';
    }
    if (c === '"') {
      const s = string();
      return typeof s === 'string' ? undefined : s;
    }
    for (const lit of ['true', 'false', 'null']) {
      if (text.startsWith(lit, i)) { i += lit.length; return undefined; }
    }
    NUMBER.lastIndex = i;
    if (NUMBER.test(text) && NUMBER.lastIndex > i) { i = NUMBER.lastIndex; return undefined; }
    const word = /^[A-Za-z]+/.exec(text.slice(i, i + 16))?.[0];
    if (word === 'NaN' || word === 'Infinity') return { offset: i, pointer: pointer(), message: `${word} is not a JSON number`, hint: 'counts are whole numbers' };
    return fail(`expected a value, found ${describe()}`);
  };

  // After an opening bracket, or after a comma: read a key (objects) and a value, or close an empty container.
  const member = (first: boolean): ScanProblem | undefined => {
    const top = stack[stack.length - 1];
    ws();
    if (!top) return undefined;
    if (first && text[i] === (top.kind === 'object' ? '}' : ']')) return undefined;
    if (top.kind === 'object') {
      if (text[i] !== '"') return fail(`expected a quoted key, found ${describe()}`);
      const keyStart = i;
      const raw = string();
      if (typeof raw !== 'string') return raw;
      const key = raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
      top.at = key;
      if (RESERVED_KEYS.has(key)) return { offset: keyStart, pointer: pointer(), message: `key "${key}" is not allowed`, hint: 'reserved: it could change how JavaScript objects behave' };
      if (top.keys.has(key)) return { offset: keyStart, pointer: pointer(), message: `duplicate key "${key}"`, hint: 'JSON parsers silently keep only the last one: remove or rename one of them' };
      top.keys.add(key);
      ws();
      if (text[i] !== ':') return fail(`expected ":" after key "${key}", found ${describe()}`);
      i++;
    } else top.at++;
    const v = value();
    return v === 'open' ? undefined : v;
  };

  // Top-level value.
  const topValue = value();
  if (topValue !== undefined && topValue !== 'open') return topValue;
  let afterOpen = topValue === 'open';
  while (stack.length) {
    if (afterOpen) {
      const depthBefore = stack.length;
      const p = member(true);
      if (p) return p;
      afterOpen = stack.length > depthBefore;
      if (afterOpen) continue;
    }
    ws();
    const top = stack[stack.length - 1]!;
    const close = top.kind === 'object' ? '}' : ']';
    if (text[i] === close) {
      stack.pop();
      i++;
      continue;
    }
    if (text[i] !== ',') return fail(`expected "," or "${close}", found ${describe()}`);
    i++;
    const depthBefore = stack.length;
    const p = member(false);
    if (p) return p;
    afterOpen = stack.length > depthBefore;
  }
  ws();
  if (i < n) return fail(`unexpected ${describe()} after the end of the JSON value`);
  return undefined;
}

/** Texts above this size always get the full scan first: JSON.parse must not build a huge value to refuse. */
const QUICK_MAX_LENGTH = 256 * 1024;

/** Number of object keys in JSON text JSON.parse has accepted: strings followed by a colon. */
function countKeys(text: string): number {
  let keys = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    if (text.charCodeAt(i) !== 0x22) continue;
    for (i++; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x5c) i++;
      else if (c === 0x22) break;
    }
    let j = i + 1;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) j++;
      else break;
    }
    if (text.charCodeAt(j) === 0x3a) keys++;
  }
  return keys;
}

/**
 * The common case without the scan: JSON.parse, then one walk of the result for the limits and reserved keys,
 * and a key count of the text against the parsed objects (JSON.parse keeps one of duplicate keys, so any
 * duplicate makes the text hold more keys). Returns undefined whenever anything is off; the caller then runs
 * scanJson, which finds and places the problem. The same refusals as scanJson (string lengths are counted
 * decoded here, with their escapes there), at about a third of its cost.
 */
export function quickParseJson(text: string, limits: Limits): { data: unknown } | undefined {
  if (text.length > QUICK_MAX_LENGTH) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  let values = 0;
  let keys = 0;
  const stack: { v: unknown; depth: number }[] = [{ v: data, depth: 0 }];
  while (stack.length) {
    const { v, depth } = stack.pop()!;
    if (++values > limits.maxValues) return undefined;
    if (typeof v === 'string') {
      if (v.length > limits.maxStringLength) return undefined;
    } else if (v !== null && typeof v === 'object') {
      if (depth >= limits.maxDepth) return undefined;
      if (Array.isArray(v)) {
        for (const x of v) stack.push({ v: x, depth: depth + 1 });
      } else {
        for (const k of Object.keys(v)) {
          if (RESERVED_KEYS.has(k) || k.length > limits.maxStringLength) return undefined;
          keys++;
          stack.push({ v: (v as Record<string, unknown>)[k], depth: depth + 1 });
        }
      }
    }
  }
  return countKeys(text) === keys ? { data } : undefined;
}
