/**
 * Every sentence the pack layers can say has a Chinese pattern (src/report/pack-error-text.ts): the sentences are
 * read from the source files that make them, so a new or reworded English sentence fails here until it is translated.
 * Interpolations become a sample value; the few sentences whose wording an interpolation chooses are given whole.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { zhHint, zhMessage } from '../../src/report/error-text.js';

const SOURCES = [
  'src/compile/pack-problems.ts', 'src/compile/expand-list.ts', 'src/compile/build-pack-set.ts', 'src/load/load-packs.ts', 'src/load/pack-cache.ts',
  'src/load/trusted.ts', 'src/signing/verify.ts', 'src/signing/trust-store.ts', 'src/signing/accepted.ts',
  'src/signing/keys.ts', 'src/signing/signature.ts', 'src/packtest/run.ts',
];
const HOLE = '\u0001';

/** The string and template literals of a TypeScript source, each `${…}` (nested templates included) as HOLE. */
function literals(src: string): string[] {
  const out: string[] = [];
  let i = 0;
  const skipQuoted = (q: string): void => { i++; while (src[i] !== q) i += src[i] === '\\' ? 2 : 1; i++; };
  const template = (): string => { // from just after the opening backtick to the closing one
    let s = '';
    while (src[i] !== '`') {
      if (src[i] === '\\') { s += src[i + 1]; i += 2; continue; }
      if (src[i] === '$' && src[i + 1] === '{') {
        i += 2;
        for (let depth = 1; depth;) {
          const c = src[i];
          if (c === '`') { i++; template(); i++; continue; }
          if (c === "'" || c === '"') { skipQuoted(c); continue; }
          if (c === '{') depth++;
          if (c === '}') depth--;
          i++;
        }
        s += HOLE;
        continue;
      }
      s += src[i++];
    }
    return s;
  };
  while (i < src.length) {
    const c = src[i]!;
    if (c === '/' && src[i + 1] === '/') { i = src.indexOf('\n', i); continue; }
    if (c === '/' && src[i + 1] === '*') { i = src.indexOf('*/', i) + 2; continue; }
    if (c === '`') { i++; out.push(template()); i++; continue; }
    if (c === "'" || c === '"') { const start = i; skipQuoted(c); out.push(src.slice(start + 1, i - 1)); continue; }
    i++;
  }
  return out;
}

/** Literals that are parts of sentences, or say nothing a user reads, or are Chinese already. */
const NOT_SENTENCES = new Set([
  'sensitive personal information', 'rule packs are invalid:n\u0001', 'not found or not readable', 'the private key', 'the public key',
  'trust store \u0001 \u0001', '\u0001 (\u0001): public key file \u0001 \u0001', '\u0001 is a \u0001 key, not Ed25519',
  '"\u0001" entries belong to \u0001', 'rule "\u0001" needs a Chinese \u0001 (zh has no Chinese text)',
]);
/** The sentences those parts make. */
const WHOLE = [
  'trust store t/trust.yaml not found or not readable',
  'trust store t/trust.yaml refused: file is 9 bytes, over the 1-byte limit (--max-bytes)',
  't/trust.yaml: keys[0] (cac): public key file cac.pem not found',
  't/trust.yaml: keys[0] (cac): public key file cac.pem refused: a folder, not a file',
  't/trust.yaml: keys[0] (cac): the public key is a rsa key, not Ed25519',
  '"general" entries belong to general-data lists', '"sensitive" entries belong to negative lists and catalogues',
  ...['title', 'message', 'action'].map((f) => `rule "r.x" needs a Chinese ${f} (zh has no Chinese text)`),
];

const sentences = SOURCES.flatMap((f) => literals(readFileSync(f, 'utf8')).map((l) => ({ f, l })))
  .filter(({ l }) => /^[a-z\u0001"{(]/.test(l) && / [a-z]+ /.test(l) && !/\p{Script=Han}/u.test(l) && !NOT_SENTENCES.has(l));

describe('pack problems in Chinese', () => {
  it('finds the sentences (the reader of the sources works)', () => {
    expect(sentences.length).toBeGreaterThan(80);
    expect(sentences.map((s) => s.l)).toContain('unknown fact "\u0001"');
    expect(sentences.map((s) => s.l)).toContain('pack \u0001: key "\u0001" was revoked\u0001');
  });
  it('every sentence of the pack layers has a translation', () => {
    const untranslated = [...sentences.map(({ f, l }) => ({ f, text: l.replace(/(?<=[a-z])\u0001/g, '').replace(/\u0001/g, '1') })), ...WHOLE.map((text) => ({ f: '', text }))]
      .filter(({ text }) => {
        const zh = text.startsWith('did you mean') ? zhHint(text) : zhMessage(text);
        return zh === text || !/\p{Script=Han}/u.test(zh);
      });
    expect(untranslated).toEqual([]);
  });
  it('an absolute path that starts a sentence is not taken for a pointer', () => {
    expect(zhMessage('/etc/x/trust.yaml: expected apiVersion xborder/trust/v1, kind TrustStore and a list of keys'))
      .toBe('/etc/x/trust.yaml：信任库须写明 apiVersion "xborder/trust/v1" 和 kind "TrustStore"，并列出密钥（keys）');
    expect(zhMessage('/rules/0/kind must be one of: a, b (got "c")')).toBe('/rules/0/kind 须为以下之一："a"、"b"（实际为 "c"）');
  });
  it('nested sentences are translated too; what has no pattern stays as it is', () => {
    expect(zhMessage('manifest is invalid: /date must be a real calendar date YYYY-MM-DD (got "2026-02-30")'))
      .toBe('出境说明无效：/date 须为真实存在的日期（YYYY-MM-DD）（实际为 "2026-02-30"）');
    expect(zhMessage('pack.sig.json: Unexpected token } in JSON')).toBe('pack.sig.json：Unexpected token } in JSON');
  });

  it('translates the ledger\'s refusal of an exporter without a key (the service answers zh clients with it)', () => {
    expect(zhMessage('exporter has neither a USCC nor a name with a visible character: the ledger cannot record this transfer')).toBe('出境方既无统一社会信用代码，也无含可见字符的名称：台账无法记录本次出境');
    expect(zhMessage('exporter has neither a USCC nor a name')).toBe('出境方既无统一社会信用代码，也无名称');
  });
});
