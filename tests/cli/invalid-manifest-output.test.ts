import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, xborder } from '../helpers/cli.js';

// A name and phone number typed into an enum field: the value must not leave through stderr, or through the
// zones table, which are not the report (CI logs keep both).
const PHONE = '13800138000';
const dir = mkdtempSync(join(tmpdir(), 'xborder-pii-'));
const bad = join(dir, 'bad.yaml');
const good = readFileSync(join(ROOT, 'examples/manifests/fail-sme-150k-singapore.yaml'), 'utf8');
writeFileSync(bad, good.replace(/^ {2}kind: company$/m, `  kind: "王小明 ${PHONE}"`));

describe('an invalid manifest outside the report', () => {
  it('the fixture carries the phone number', () => {
    expect(readFileSync(bad, 'utf8')).toContain(PHONE);
  });

  for (const lang of ['en', 'zh']) {
    it(`report (${lang}): one located diagnostic without the value, exit 2`, () => {
      const r = xborder(['report', '--no-config', '--lang', lang, bad]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).not.toContain(PHONE);
      expect(r.stderr).not.toContain('王小明');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/bad\.yaml:16:9 \/recipient\/kind /);
    });

    it(`zones (${lang}): one located diagnostic on stderr, nothing on stdout, exit 2`, () => {
      const r = xborder(['zones', '--lang', lang, bad]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).not.toContain(PHONE);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/bad\.yaml:16:9 \/recipient\/kind /);
    });
  }

  it('zones --format json: no half-made rows either', () => {
    const r = xborder(['zones', '--format', 'json', bad]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(`${r.stdout}${r.stderr}`).not.toContain(PHONE);
  });

  it('check still quotes the value in its report (asked for) and nowhere else', () => {
    const r = xborder(['check', '--no-config', bad]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(PHONE);
    expect(r.stderr).not.toContain(PHONE);
  });
});
