/**
 * Positions in JSON text for JSON pointers, without building a tree.
 *
 * Why not re-parse with `yaml`: it builds a full CST and node tree per manifest, which was a third of the
 * per-manifest CPU time (every verdict has findings, and every finding asks for a position). This scanner
 * only walks the text up to the value the pointer names, skipping sibling values by bracket matching.
 * It runs only on text JSON.parse has already accepted, so it need not diagnose malformed input; on any
 * surprise it stops at the nearest ancestor, as the yaml-based locator does.
 */

const isWs = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

function skipWs(text: string, i: number): number {
  while (i < text.length && isWs(text.charCodeAt(i))) i++;
  return i;
}

/** Index just past the string starting at `i` (a quote): its closing quote is the next one not escaped. */
function skipString(text: string, i: number): number {
  // indexOf finds the next quote faster than a loop over each character; an odd run of backslashes before it escapes it.
  for (let q = text.indexOf('"', i + 1); q >= 0; q = text.indexOf('"', q + 1)) {
    let b = q - 1;
    while (text.charCodeAt(b) === 0x5c) b--;
    if ((q - 1 - b) % 2 === 0) return q + 1;
  }
  return text.length;
}

/** Index just past the value starting at `i`. */
function skipValue(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 0x22) return skipString(text, i);
  if (c === 0x7b || c === 0x5b) {
    let depth = 0;
    while (i < text.length) {
      const d = text.charCodeAt(i);
      if (d === 0x22) { i = skipString(text, i); continue; }
      if (d === 0x7b || d === 0x5b) depth++;
      else if (d === 0x7d || d === 0x5d) { depth--; if (depth === 0) return i + 1; }
      i++;
    }
    return i;
  }
  // number, true, false, null: up to the next delimiter
  while (i < text.length) {
    const d = text.charCodeAt(i);
    if (d === 0x2c || d === 0x7d || d === 0x5d || isWs(d)) return i;
    i++;
  }
  return i;
}

/** Whether the key written from `start` (its opening quote) to `end` (past its closing one) is `name`, compared in place. */
function keyIs(text: string, start: number, end: number, name: string): boolean {
  for (let i = start + 1; i < end - 1; i++) {
    // Keys with escapes are rare in manifests; JSON.parse decodes them exactly.
    if (text.charCodeAt(i) === 0x5c) return JSON.parse(text.slice(start, end)) === name;
  }
  return end - start - 2 === name.length && text.startsWith(name, start + 1);
}

/**
 * Offset of the value at `segments` (or of the deepest ancestor that exists); with `key`, of the last member's key
 * instead of its value (an unknown field is the key's mistake, not its value's).
 */
export function jsonOffset(text: string, segments: readonly string[], key = false): number {
  return walk(text, skipWs(text, 0), segments, 0, key);
}

/** jsonOffset from the value at `at`, which segments[0..from) led to. */
function walk(text: string, at: number, segments: readonly string[], from: number, key: boolean): number {
  for (let n = from; n < segments.length; n++) {
    const seg = segments[n]!;
    const open = text.charCodeAt(at);
    let found = -1;
    if (open === 0x7b) {
      let i = skipWs(text, at + 1);
      while (i < text.length && text.charCodeAt(i) === 0x22) {
        const keyAt = i;
        const end = skipString(text, i);
        const named = keyIs(text, i, end, seg);
        i = skipWs(text, end);
        if (text.charCodeAt(i) !== 0x3a) return at;
        i = skipWs(text, i + 1);
        if (named) { found = key && n === segments.length - 1 ? keyAt : i; break; } // duplicate keys: JSON.parse keeps the last, we point at the first
        i = skipWs(text, skipValue(text, i));
        if (text.charCodeAt(i) !== 0x2c) break;
        i = skipWs(text, i + 1);
      }
    } else if (open === 0x5b) {
      if (!/^(0|[1-9]\d*)$/.test(seg)) return at;
      const want = Number(seg);
      let i = skipWs(text, at + 1);
      for (let k = 0; i < text.length && text.charCodeAt(i) !== 0x5d; k++) {
        if (k === want) { found = i; break; }
        i = skipWs(text, skipValue(text, i));
        if (text.charCodeAt(i) !== 0x2c) break;
        i = skipWs(text, i + 1);
      }
    }
    if (found < 0) return at;
    at = found;
  }
  return at;
}

/**
 * jsonOffset for many lookups in one text: the root object's members are scanned once, only as far as the lookups so
 * far have reached, and each lookup starts at its member's value. A verdict's findings point below a few members
 * (/purpose, /data, /personalInformation, /safeguards); each lookup used to skip the members before its own again,
 * the data items among them. The same answers as jsonOffset: a member named twice is found at its first place.
 */
export function jsonLocator(text: string): (segments: readonly string[], key?: boolean) => number {
  const root = skipWs(text, 0);
  if (text.charCodeAt(root) !== 0x7b) return (segments, key = false) => jsonOffset(text, segments, key);
  /** Each member's value offset, by name, in the order scanned. */
  const members = new Map<string, number>();
  /** Where the scan goes on: at a member's key, or (`skip`) at the value of the last member scanned; -1 once done. */
  let next = skipWs(text, root + 1);
  let skip = false;
  const member = (name: string): number | undefined => {
    const known = members.get(name);
    if (known !== undefined) return known;
    while (next >= 0) {
      let i = next;
      if (skip) {
        i = skipWs(text, skipValue(text, i));
        if (text.charCodeAt(i) !== 0x2c) { next = -1; break; }
        i = skipWs(text, i + 1);
        skip = false;
      }
      if (i >= text.length || text.charCodeAt(i) !== 0x22) { next = -1; break; }
      const end = skipString(text, i);
      const own = keyText(text, i, end);
      i = skipWs(text, end);
      if (text.charCodeAt(i) !== 0x3a) { next = -1; break; }
      i = skipWs(text, i + 1);
      [next, skip] = [i, true];
      if (!members.has(own)) members.set(own, i);
      if (own === name) return i;
    }
    return undefined;
  };
  return (segments, key = false) => {
    if (segments.length === 0 || (key && segments.length === 1)) return jsonOffset(text, segments, key);
    const at = member(segments[0]!);
    return at === undefined ? root : walk(text, at, segments, 1, key);
  };
}

/** The key written from `start` (its opening quote) to `end` (past its closing one), decoded as keyIs compares it. */
function keyText(text: string, start: number, end: number): string {
  for (let i = start + 1; i < end - 1; i++) if (text.charCodeAt(i) === 0x5c) return JSON.parse(text.slice(start, end)) as string;
  return text.slice(start + 1, end - 1);
}
