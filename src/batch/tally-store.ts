/**
 * Where the run's tally (tally.ts) keeps what it holds per transfer: typed arrays, off the V8 heap. A garbage-
 * collected heap is sized at a few times what stays alive on it, so every byte the tally kept there cost several of
 * the process's memory (100,000 manifests took ~1.7× the memory of 10,000); bytes in typed arrays cost one each.
 * Strings are stored as UTF-8 bytes and compared byte for byte: a hash only finds where to look, never decides.
 */
import type { RunRef } from '../evaluate/checker-findings.js';

type Column = Float64Array | Int32Array | Uint32Array | Uint8Array;

/** `a`, or a copy twice as long (or more) when it holds fewer than `need`. */
function grown<T extends Column>(a: T, need: number): T {
  if (need <= a.length) return a;
  let n = a.length * 2;
  while (n < need) n *= 2;
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}

const encoder = new TextEncoder();
/** A UTF-16 code unit of a surrogate pair without its other half (a pair is one code point here, not Cs). */
const LONE_SURROGATE = /\p{Cs}/u;
const decoder = new TextDecoder();

/** Strings as UTF-8 bytes, appended one after another. */
export class Arena {
  private bytes = new Uint8Array(1 << 16);
  private end = 0;
  private scratch = new Uint8Array(1 << 10);

  /**
   * The string's bytes in a scratch buffer, valid until the next call. UTF-8 would write every lone surrogate as
   * U+FFFD (two strings, one set of bytes): such a string is written as its JSON text (which escapes them) after a
   * 0xFF byte, which UTF-8 never holds.
   */
  encode(s: string): Uint8Array {
    const lone = LONE_SURROGATE.test(s);
    const text = lone ? JSON.stringify(s) : s;
    const need = text.length * 3 + 1;
    if (need > this.scratch.length) this.scratch = new Uint8Array(need);
    if (!lone) return this.scratch.subarray(0, encoder.encodeInto(text, this.scratch).written);
    this.scratch[0] = 0xff;
    return this.scratch.subarray(0, 1 + encoder.encodeInto(text, this.scratch.subarray(1)).written);
  }

  /** Appends the bytes; returns where they start. */
  put(b: Uint8Array): number {
    this.bytes = grown(this.bytes, this.end + b.length);
    const at = this.end;
    this.bytes.set(b, at);
    this.end += b.length;
    return at;
  }

  equals(at: number, b: Uint8Array): boolean {
    for (let i = 0; i < b.length; i++) if (this.bytes[at + i] !== b[i]) return false;
    return true;
  }

  text(at: number, length: number): string {
    if (length > 0 && this.bytes[at] === 0xff) return JSON.parse(decoder.decode(this.bytes.subarray(at + 1, at + length))) as string;
    return decoder.decode(this.bytes.subarray(at, at + length));
  }
}

/** FNV-1a over the bytes: where to look in the table, nothing more. */
function hashOf(b: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < b.length; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
  return h >>> 0;
}

/** A set of strings: an open-addressing table of entries whose bytes are compared exactly. */
export class KeySet {
  private slots = new Int32Array(1 << 12); // entry + 1; 0 is empty
  private hashes = new Uint32Array(1 << 11);
  private at = new Uint32Array(1 << 11);
  private lengths = new Uint32Array(1 << 11);
  private size = 0;

  constructor(private readonly arena: Arena) {}

  has(key: string): boolean {
    const b = this.arena.encode(key);
    return this.find(b, hashOf(b)) >= 0;
  }

  /** Adds the key; false when it was there already. */
  add(key: string): boolean {
    const b = this.arena.encode(key);
    const h = hashOf(b);
    if (this.find(b, h) >= 0) return false;
    const e = this.size++;
    this.hashes = grown(this.hashes, this.size);
    this.at = grown(this.at, this.size);
    this.lengths = grown(this.lengths, this.size);
    [this.hashes[e], this.at[e], this.lengths[e]] = [h, this.arena.put(b), b.length];
    if (this.size * 2 > this.slots.length) this.rehash();
    else this.place(e);
    return true;
  }

  /** The slot of the entry with these bytes, or -1. */
  private find(b: Uint8Array, h: number): number {
    const mask = this.slots.length - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const e = this.slots[i]! - 1;
      if (e < 0) return -1;
      if (this.hashes[e] === h && this.lengths[e] === b.length && this.arena.equals(this.at[e]!, b)) return i;
    }
  }

  private place(e: number): void {
    const mask = this.slots.length - 1;
    let i = this.hashes[e]! & mask;
    while (this.slots[i] !== 0) i = (i + 1) & mask;
    this.slots[i] = e + 1;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    for (let e = 0; e < this.size; e++) this.place(e);
  }
}

/** Manifests a finding may name (id and source), by number; made into a RunRef only when named. */
export class Refs {
  private cols = new Uint32Array(4 << 10); // per ref: id at, id length, source at, source length
  private n = 0;

  constructor(private readonly arena: Arena) {}

  add(ref: RunRef): number {
    this.cols = grown(this.cols, (this.n + 1) * 4);
    const i = this.n++;
    const id = this.arena.encode(ref.id);
    [this.cols[i * 4], this.cols[i * 4 + 1]] = [this.arena.put(id), id.length];
    const source = this.arena.encode(ref.source);
    [this.cols[i * 4 + 2], this.cols[i * 4 + 3]] = [this.arena.put(source), source.length];
    return i;
  }

  get(i: number): RunRef {
    const c = this.cols;
    return { id: this.arena.text(c[i * 4]!, c[i * 4 + 1]!), source: this.arena.text(c[i * 4 + 2]!, c[i * 4 + 3]!) };
  }
}

/**
 * Days with a transfer, by number: each on its bucket's list (`next`), with the transfers the run counts that day
 * and the passes dated that day as one (tally.ts). A day without a pass has `lowI` -1 and infinite slacks.
 */
export class Days {
  n = 0;
  day = new Int32Array(1 << 10);
  next = new Int32Array(1 << 10);
  individuals = new Float64Array(1 << 10);
  sensitive = new Float64Array(1 << 10);
  count = new Float64Array(1 << 10);
  /** The first counted transfer of the day (a Refs number), or -1. */
  first = new Int32Array(1 << 10);
  slackI = new Float64Array(1 << 10);
  slackS = new Float64Array(1 << 10);
  lowI = new Int32Array(1 << 10);
  lowS = new Int32Array(1 << 10);
  /** The years before their own the day's passes count whole (from > to: none). */
  from = new Int32Array(1 << 10);
  to = new Int32Array(1 << 10);

  add(day: number): number {
    if (this.n === this.day.length) this.grow();
    const e = this.n++;
    this.day[e] = day;
    this.next[e] = -1;
    this.individuals[e] = this.sensitive[e] = this.count[e] = 0;
    this.first[e] = this.lowI[e] = this.lowS[e] = -1;
    this.slackI[e] = this.slackS[e] = Infinity;
    [this.from[e], this.to[e]] = [1, 0];
    return e;
  }

  hasPass(e: number): boolean {
    return this.lowI[e]! >= 0;
  }

  private grow(): void {
    const need = this.n + 1;
    this.day = grown(this.day, need);
    this.next = grown(this.next, need);
    this.individuals = grown(this.individuals, need);
    this.sensitive = grown(this.sensitive, need);
    this.count = grown(this.count, need);
    this.first = grown(this.first, need);
    this.slackI = grown(this.slackI, need);
    this.slackS = grown(this.slackS, need);
    this.lowI = grown(this.lowI, need);
    this.lowS = grown(this.lowS, need);
    this.from = grown(this.from, need);
    this.to = grown(this.to, need);
  }
}
