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
  return new JsonScan(text, limits).run();
}

/** One open container: for objects, the keys seen so far; `at` is the key or index being read (for pointers). */
type Frame = { kind: 'object'; keys: Set<string>; at?: string } | { kind: 'array'; at: number };

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const LITERALS = ['true', 'false', 'null'];

/** The state of one scan: a cursor into the text, the open containers, and the values counted so far. */
class JsonScan {
  private i = 0;
  private values = 0;
  private readonly stack: Frame[] = [];
  private readonly n: number;

  constructor(private readonly text: string, private readonly limits: Limits) {
    this.n = text.length;
  }

  /** The top-level value, then members until every container is closed, then nothing but whitespace. */
  run(): ScanProblem | undefined {
    const top = this.value();
    if (top !== undefined && top !== 'open') return top;
    let opened = top === 'open';
    while (this.stack.length) {
      const step = opened ? this.member(true) : this.next();
      if (typeof step === 'object') return step;
      opened = step;
    }
    this.ws();
    if (this.i < this.n) return this.fail(`unexpected ${this.describe()} after the end of the JSON value`);
    return undefined;
  }

  /** After a member: the container closes, or a comma leads to the next member. True when that member opened one. */
  private next(): ScanProblem | boolean {
    this.ws();
    const top = this.stack[this.stack.length - 1]!;
    const close = top.kind === 'object' ? '}' : ']';
    if (this.text[this.i] === close) {
      this.stack.pop();
      this.i++;
      return false;
    }
    if (this.text[this.i] !== ',') return this.fail(`expected "," or "${close}", found ${this.describe()}`);
    this.i++;
    return this.member(false);
  }

  /**
   * After an opening bracket (`first`: the container may be empty), or after a comma: reads a key (objects) and a
   * value. True when the value opened a container.
   */
  private member(first: boolean): ScanProblem | boolean {
    const { text } = this;
    const top = this.stack[this.stack.length - 1]!;
    this.ws();
    if (first && text[this.i] === (top.kind === 'object' ? '}' : ']')) return false;
    if (top.kind === 'object') {
      const problem = this.key(top);
      if (problem) return problem;
    } else top.at++;
    const v = this.value();
    return v === 'open' ? true : v ?? false;
  }

  /** A member's key and its colon: refused if reserved or already seen in this object. */
  private key(top: Extract<Frame, { kind: 'object' }>): ScanProblem | undefined {
    const { text } = this;
    if (text[this.i] !== '"') return this.fail(`expected a quoted key, found ${this.describe()}`);
    const keyStart = this.i;
    const raw = this.string();
    if (typeof raw !== 'string') return raw;
    const key = raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
    top.at = key;
    if (RESERVED_KEYS.has(key)) return { offset: keyStart, pointer: this.pointer(), message: `key "${key}" is not allowed`, hint: 'reserved: it could change how JavaScript objects behave' };
    if (top.keys.has(key)) return { offset: keyStart, pointer: this.pointer(), message: `duplicate key "${key}"`, hint: 'JSON parsers silently keep only the last one: remove or rename one of them' };
    top.keys.add(key);
    this.ws();
    if (text[this.i] !== ':') return this.fail(`expected ":" after key "${key}", found ${this.describe()}`);
    this.i++;
    return undefined;
  }

  /** One value: a scalar is read whole; `{` or `[` opens a container ('open') whose members the loop reads. */
  private value(): ScanProblem | 'open' | undefined {
    const { text, limits } = this;
    this.ws();
    if (++this.values > limits.maxValues) return this.fail(tooManyValues(limits));
    const c = text[this.i];
    if (c === '{' || c === '[') {
      if (this.stack.length >= limits.maxDepth) return this.fail(`nesting deeper than ${limits.maxDepth} levels`, this.i);
      this.stack.push(c === '{' ? { kind: 'object', keys: new Set() } : { kind: 'array', at: -1 });
      this.i++;
      return 'open';
    }
    if (c === '"') {
      const s = this.string();
      return typeof s === 'string' ? undefined : s;
    }
    for (const lit of LITERALS) {
      if (text.startsWith(lit, this.i)) { this.i += lit.length; return undefined; }
    }
    NUMBER.lastIndex = this.i;
    if (NUMBER.test(text) && NUMBER.lastIndex > this.i) { this.i = NUMBER.lastIndex; return undefined; }
    const word = /^[A-Za-z]+/.exec(text.slice(this.i, this.i + 16))?.[0];
    if (word === 'NaN' || word === 'Infinity') return { offset: this.i, pointer: this.pointer(), message: `${word} is not a JSON number`, hint: 'counts are whole numbers' };
    return this.fail(`expected a value, found ${this.describe()}`);
  }

  /** Reads a string starting at the opening quote; returns its raw slice (quotes included) or a problem. */
  private string(): string | ScanProblem {
    const { text, n } = this;
    const start = this.i++;
    while (this.i < n) {
      const c = text.charCodeAt(this.i);
      if (c === 0x22) {
        this.i++;
        const length = this.i - start - 2;
        if (length > this.limits.maxStringLength) {
          return { offset: start, pointer: this.pointer(), message: `string of ${length.toLocaleString('en-US')} characters is longer than the ${this.limits.maxStringLength.toLocaleString('en-US')}-character limit` };
        }
        return text.slice(start, this.i);
      }
      if (c === 0x5c) {
        const e = text[this.i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(this.i + 2, this.i + 6))) return this.fail('invalid \\u escape in string');
          this.i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) this.i += 2;
        else return this.fail('invalid escape in string');
      } else if (c < 0x20) return this.fail('control character in string (escape it, e.g. \\n)');
      else this.i++;
    }
    return this.fail('unterminated string', start);
  }

  private ws(): void {
    const { text, n } = this;
    while (this.i < n) {
      const c = text.charCodeAt(this.i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) this.i++;
      else break;
    }
  }

  /** The JSON pointer of the member being read. */
  private pointer(): string {
    return this.stack.map((f) => (f.at === undefined ? '' : `/${escapeSegment(f.at)}`)).join('');
  }

  private fail(message: string, at = this.i): ScanProblem {
    return { offset: at, message, pointer: this.pointer() };
  }

  private describe(): string {
    return this.i >= this.n ? 'the end of the file' : JSON.stringify(this.text[this.i]);
  }
}

/** Texts above this size always get the full scan first: JSON.parse must not build a huge value to refuse. */
const QUICK_MAX_LENGTH = 256 * 1024;

/**
 * Number of object keys in JSON text JSON.parse has accepted: strings followed by a colon. From one string to the
 * next by indexOf, which is faster than a loop over each character; a string ends at the first quote after it that
 * an odd run of backslashes does not escape.
 */
function countKeys(text: string): number {
  let keys = 0;
  const n = text.length;
  for (let open = text.indexOf('"'); open >= 0;) {
    let close = text.indexOf('"', open + 1);
    for (; close >= 0; close = text.indexOf('"', close + 1)) {
      let b = close - 1;
      while (text.charCodeAt(b) === 0x5c) b--;
      if ((close - 1 - b) % 2 === 0) break;
    }
    if (close < 0) break;
    let j = close + 1;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) j++;
      else break;
    }
    if (text.charCodeAt(j) === 0x3a) keys++;
    open = text.indexOf('"', j);
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
  // Two parallel stacks rather than one of {value, depth} pairs: no allocation per value on the common path.
  const stack: unknown[] = [data];
  const depths: number[] = [0];
  while (stack.length) {
    const v = stack.pop();
    const depth = depths.pop()!;
    if (++values > limits.maxValues) return undefined;
    if (typeof v === 'string') {
      if (v.length > limits.maxStringLength) return undefined;
    } else if (v !== null && typeof v === 'object') {
      if (depth >= limits.maxDepth) return undefined;
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) { stack.push(v[i]); depths.push(depth + 1); }
      } else {
        for (const k in v) {
          if (RESERVED_KEYS.has(k) || k.length > limits.maxStringLength) return undefined;
          keys++;
          stack.push((v as Record<string, unknown>)[k]);
          depths.push(depth + 1);
        }
      }
    }
  }
  return countKeys(text) === keys ? { data } : undefined;
}
