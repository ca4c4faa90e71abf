/**
 * Signed packs through the built CLI: sign → verify, and every refusal of the trust store in the load path
 * (exit 2, nothing checked, each with its own reason).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, unlinkSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, xborder } from '../helpers/cli.js';

let dir: string;
// A retailer in the Beijing zone naming a partly encoded scenario: review (exit 0), decided by the Beijing pack.
const MANIFEST = join(ROOT, 'examples/manifests/review-beijing-retail-partial-scenario.yaml');
const rules = (): string => join(dir, 'rules');
const trust = (keys: string, state = 'accepted.json'): string => {
  const f = join(dir, 'trust.yaml');
  writeFileSync(f, `apiVersion: xborder/trust/v1\nkind: TrustStore\nstate: ${state}\nkeys:\n${keys}`);
  return f;
};
const NATIONAL = '  - { name: cac, publicKey: nat.pub.pem, lineages: [cn-national] }\n';
const check = (trustFile: string): ReturnType<typeof xborder> =>
  xborder(['check', MANIFEST, '--pack', rules(), '--trust', trustFile, '--jobs', '1']);

/** A fresh signed copy of the national and Beijing packs for each case. */
function fresh(signBeijing: string[] = []): void {
  rmSync(rules(), { recursive: true, force: true });
  rmSync(join(dir, 'accepted.json'), { force: true });
  for (const p of ['cn-national', 'cn-national-2022', 'zone-beijing']) cpSync(join(ROOT, 'rules', p), join(rules(), p), { recursive: true });
  for (const p of ['cn-national', 'cn-national-2022']) expect(xborder(['pack', 'sign', join(rules(), p), '--key', join(dir, 'nat.key.pem')]).code).toBe(0);
  expect(xborder(['pack', 'sign', join(rules(), 'zone-beijing'), '--key', join(dir, 'bj.key.pem'), ...signBeijing]).code).toBe(0);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'xborder-sign-'));
  for (const k of ['nat', 'bj', 'other']) expect(xborder(['pack', 'keygen', '--out', join(dir, k)]).code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pack keygen / sign / verify', () => {
  it('writes PEM Ed25519 keys and refuses to overwrite them', () => {
    expect(readFileSync(join(dir, 'bj.key.pem'), 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(readFileSync(join(dir, 'bj.pub.pem'), 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    const again = xborder(['pack', 'keygen', '--out', join(dir, 'bj')]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/exists; not overwritten/);
  });

  it('names a missing folder as check -o does, exit 2, and creates nothing (was "internal error: ENOENT")', () => {
    const r = xborder(['pack', 'keygen', '--out', join(dir, 'keys', 'x')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`xborder: cannot write ${join(dir, 'keys', 'x.key.pem')}: the folder ${join(dir, 'keys')} does not exist (xborder creates no folders)\n`);
    expect(existsSync(join(dir, 'keys'))).toBe(false);
  });

  it('leaves no private key behind when its public half cannot be written (the next keygen would refuse: "exists")', () => {
    // A dangling link: not there for existsSync, there for an exclusive create.
    symlinkSync(join(dir, 'nowhere', 'target.pem'), join(dir, 'half.pub.pem'));
    const r = xborder(['pack', 'keygen', '--out', join(dir, 'half')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(join(dir, 'half.pub.pem'));
    expect(existsSync(join(dir, 'half.key.pem'))).toBe(false);
  });

  it('verifies what it signed against the right key, and refuses another key', () => {
    fresh();
    const ok = xborder(['pack', 'verify', join(rules(), 'zone-beijing'), '--public-key', join(dir, 'bj.pub.pem')]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^ok {2}zone-beijing-2024 /m);
    expect(ok.stdout).toMatch(/^ok {2}zone-beijing-2026 /m);
    const wrong = xborder(['pack', 'verify', join(rules(), 'zone-beijing'), '--public-key', join(dir, 'other.pub.pem')]);
    expect(wrong.code).toBe(2);
    expect(wrong.stdout).toMatch(/\[untrusted-key\] pack zone-beijing-2024 is signed by key ed25519:\w+, not by the given public key/);
  });

  it('chains a new version to the signature it replaces', () => {
    fresh();
    const file = join(rules(), 'zone-beijing/pack.yaml');
    const before = JSON.parse(readFileSync(join(rules(), 'zone-beijing/pack.sig.json'), 'utf8'));
    expect(before.statement.previous).toBeNull();
    expect(Object.keys(before.statement.files).sort()).toEqual(['pack.yaml', 'tests.yaml']);
    writeFileSync(file, readFileSync(file, 'utf8').replace('version: 2024.7.0', 'version: 2024.7.1'));
    expect(xborder(['pack', 'sign', file, '--key', join(dir, 'bj.key.pem')]).code).toBe(0);
    const after = JSON.parse(readFileSync(join(rules(), 'zone-beijing/pack.sig.json'), 'utf8'));
    expect(after.statement.previous).toEqual({ version: '2024.7.0', digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) });
  });

  it('an edition that extends another covers the base pack\'s file: changing the base refuses the edition until it is signed again', () => {
    fresh();
    const sig = JSON.parse(readFileSync(join(rules(), 'zone-beijing/two-zones-2026.pack.sig.json'), 'utf8'));
    expect(sig.statement.base).toEqual({ id: 'zone-beijing-2024', file: 'pack.yaml' });
    expect(Object.keys(sig.statement.files).sort()).toEqual(['pack.yaml', 'two-zones-2026.pack.yaml', 'two-zones-2026.tests.yaml']);
    // A new 2024 version, properly signed, still changes what the 2026 edition inherits.
    const file = join(rules(), 'zone-beijing/pack.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('version: 2024.7.0', 'version: 2024.7.1'));
    expect(xborder(['pack', 'sign', file, '--key', join(dir, 'bj.key.pem')]).code).toBe(0);
    const r = xborder(['pack', 'verify', join(rules(), 'zone-beijing'), '--public-key', join(dir, 'bj.pub.pem')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^ok {2}zone-beijing-2024 2024\.7\.1 /m);
    expect(r.stdout).toMatch(/\[tampered\] pack zone-beijing-2026: pack\.yaml was changed after signing/);
    expect(xborder(['pack', 'sign', join(rules(), 'zone-beijing/two-zones-2026.pack.yaml'), '--key', join(dir, 'bj.key.pem')]).code).toBe(0);
    expect(xborder(['pack', 'verify', join(rules(), 'zone-beijing'), '--public-key', join(dir, 'bj.pub.pem')]).code).toBe(0);
  });

  it('refuses to sign an edition whose base pack it cannot find', () => {
    const alone = join(dir, 'alone');
    rmSync(alone, { recursive: true, force: true });
    cpSync(join(ROOT, 'rules/zone-beijing/two-zones-2026.pack.yaml'), join(alone, 'two-zones-2026.pack.yaml'));
    const r = xborder(['pack', 'sign', alone, '--key', join(dir, 'bj.key.pem')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/extends zone-beijing-2024, whose pack file is neither signed with it nor beside it/);
    expect(existsSync(join(alone, 'two-zones-2026.pack.sig.json'))).toBe(false);
  });
});

describe('the trust store in the load path', () => {
  const BJ = '  - { name: beijing-admin, publicKey: bj.pub.pem, lineages: [zone-beijing] }\n';

  it('a trust store that lists one public key twice is refused as a whole: a revocation in the second entry was never read', () => {
    fresh();
    const revokedBelow = NATIONAL + BJ + '  - { name: cac-revoked, publicKey: nat.pub.pem, lineages: [cn-national], revoked: true }\n';
    const r = check(trust(revokedBelow));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\[trust-store\] .*trust\.yaml: keys\[2\] \(cac-revoked\) is the same public key as keys\[0\] \(cac\)/);
    expect(existsSync(join(dir, 'accepted.json'))).toBe(false);
    // Control: the revocation in the key's own entry refuses its packs (key-revoked).
    const own = check(trust('  - { name: cac, publicKey: nat.pub.pem, lineages: [cn-national], revoked: true }\n' + BJ));
    expect(own.code).toBe(2);
    expect(own.stderr).toMatch(/\[key-revoked\] pack cn-national/);
  });

  it('an edition loaded with another release of its base than the one it was signed over is refused (tampered)', () => {
    // The load path compared the signed base digest with the file at the signed path beside the edition, not with the
    // base that was loaded: the 2026 edition ran over another release of its 2024 base from another folder (signed,
    // trusted) although it was signed over the bundled one, which "a new release of the base refuses the edition" (pack-admin-guide) rules out.
    fresh();
    const other = join(dir, 'other-base');
    rmSync(other, { recursive: true, force: true });
    cpSync(join(rules(), 'zone-beijing/pack.yaml'), join(other, 'pack.yaml'));
    cpSync(join(rules(), 'zone-beijing/tests.yaml'), join(other, 'tests.yaml'));
    // Another release: the bundled version with its patch number raised (whatever the bundled version is).
    const released = readFileSync(join(other, 'pack.yaml'), 'utf8').replace(/version: (\d+)\.(\d+)\.(\d+)/, (_m, a, b, c) => `version: ${a}.${b}.${Number(c) + 100}`);
    expect(released).not.toBe(readFileSync(join(other, 'pack.yaml'), 'utf8'));
    writeFileSync(join(other, 'pack.yaml'), released);
    expect(xborder(['pack', 'sign', other, '--key', join(dir, 'bj.key.pem')]).code).toBe(0);
    const args = (base: string): string[] => ['check', MANIFEST, '--pack', join(rules(), 'cn-national'), '--pack', join(rules(), 'cn-national-2022'),
      '--pack', join(rules(), 'zone-beijing/two-zones-2026.pack.yaml'), '--pack', base, '--trust', trust(NATIONAL + BJ), '--jobs', '1'];
    const r = xborder(args(other));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\[tampered\] pack zone-beijing-2026: the loaded zone-beijing-2024 is not the base pack it was signed over/);
    expect(existsSync(join(dir, 'accepted.json'))).toBe(false); // nothing accepted, nothing checked
    // Control: the base it was signed over, named the same way, loads.
    expect(xborder(args(join(rules(), 'zone-beijing/pack.yaml'))).code).toBe(0);
  });

  it('loads signed, trusted packs, checks, and records the accepted versions', () => {
    fresh();
    const r = check(trust(NATIONAL + BJ));
    expect(r.stderr).not.toMatch(/refused/);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('beijing.scenario.partial');
    expect(JSON.parse(readFileSync(join(dir, 'accepted.json'), 'utf8')).packs)
      .toMatchObject({ 'zone-beijing-2024': '2024.7.0', 'zone-beijing-2026': '2026.7.0', 'cn-national': expect.any(String) });
  });

  it('the same packs on worker threads verify there too', () => {
    fresh();
    const inputs = Array.from({ length: 70 }, () => MANIFEST);
    const r = xborder(['check', ...inputs, '--pack', rules(), '--trust', trust(NATIONAL + BJ), '--jobs', '2', '-f', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveLength(70);
  });

  const refused = (r: ReturnType<typeof xborder>, reason: string, message: RegExp): void => {
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/rule packs refused by the trust store; nothing was checked/);
    expect(r.stderr).toContain(`[${reason}]`);
    expect(r.stderr).toMatch(message);
  };

  it('refuses an unsigned pack', () => {
    fresh();
    unlinkSync(join(rules(), 'zone-beijing/two-zones-2026.pack.sig.json'));
    refused(check(trust(NATIONAL + BJ)), 'unsigned', /pack zone-beijing-2026 is not signed: no two-zones-2026\.pack\.sig\.json beside it/);
    expect(existsSync(join(dir, 'accepted.json'))).toBe(false);
  });

  it('refuses a key the trust store does not hold', () => {
    fresh();
    refused(check(trust(NATIONAL)), 'untrusted-key', /signed by key ed25519:\w+, which the trust store trust\.yaml does not hold/);
  });

  it('refuses a key not trusted for the lineage', () => {
    fresh();
    refused(check(trust(NATIONAL + '  - { name: beijing-admin, publicKey: bj.pub.pem, lineages: [zone-shanghai], zones: [shanghai] }\n')),
      'key-not-allowed', /key "beijing-admin" is not trusted to sign for lineage zone-beijing or zone beijing/);
  });

  it('refuses a pack file changed after signing', () => {
    fresh();
    const file = join(rules(), 'zone-beijing/pack.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('matches: [biz.logistics]', 'matches: [biz.operations]'));
    const r = check(trust(NATIONAL + BJ));
    refused(r, 'tampered', /pack zone-beijing-2024: pack\.yaml was changed after signing/);
    // The 2026 edition inherits the changed table, so it is refused too.
    expect(r.stderr).toMatch(/pack zone-beijing-2026: pack\.yaml was changed after signing/);
  });

  it('refuses an altered signature file', () => {
    fresh();
    const sig = join(rules(), 'zone-beijing/pack.sig.json');
    writeFileSync(sig, readFileSync(sig, 'utf8').replace(/"expires": "[^"]+"/, '"expires": "2099-12-31"'));
    refused(check(trust(NATIONAL + BJ)), 'bad-signature', /the signature in pack\.sig\.json does not verify/);
  });

  it('refuses an expired signature', () => {
    fresh(['--expires', '2020-01-01']);
    refused(check(trust(NATIONAL + BJ)), 'signature-expired', /the signature expired on 2020-01-01/);
  });

  it('refuses an expired key', () => {
    fresh();
    refused(check(trust(NATIONAL + '  - { name: beijing-admin, publicKey: bj.pub.pem, lineages: [zone-beijing], validTo: 2021-12-31 }\n')),
      'key-expired', /key "beijing-admin" expired on 2021-12-31/);
  });

  it('refuses a key before its validity starts', () => {
    fresh();
    refused(check(trust(NATIONAL + '  - { name: beijing-admin, publicKey: bj.pub.pem, lineages: [zone-beijing], validFrom: 2099-01-01 }\n')),
      'key-not-yet-valid', /key "beijing-admin" is valid only from 2099-01-01/);
  });

  it('refuses a signature made for another pack', () => {
    fresh();
    cpSync(join(rules(), 'zone-beijing/pack.sig.json'), join(rules(), 'zone-beijing/two-zones-2026.pack.sig.json'));
    refused(check(trust(NATIONAL + BJ)), 'wrong-pack', /pack zone-beijing-2026 2026\.7\.0: the signature is for zone-beijing-2024 2024\.7\.0/);
  });

  it('refuses a revoked key', () => {
    fresh();
    refused(check(trust(NATIONAL + '  - { name: beijing-admin, publicKey: bj.pub.pem, lineages: [zone-beijing], revoked: 2025-03-01 }\n')),
      'key-revoked', /key "beijing-admin" was revoked on 2025-03-01/);
  });

  it('refuses a version older than one already accepted (rollback)', () => {
    fresh();
    writeFileSync(join(dir, 'accepted.json'), JSON.stringify({ apiVersion: 'xborder/accepted-packs/v1', packs: { 'zone-beijing-2024': '2024.10.0' } }));
    refused(check(trust(NATIONAL + BJ)), 'rollback', /pack zone-beijing-2024: version 2024\.7\.0 is older than version 2024\.10\.0 already accepted/);
  });

  it('refuses everything when the trust store itself is unreadable', () => {
    fresh();
    refused(check(join(dir, 'missing-trust.yaml')), 'trust-store', /trust store .*missing-trust\.yaml not found/);
  });

  it('pack validate and pack test honour --trust', () => {
    fresh();
    unlinkSync(join(rules(), 'zone-beijing/pack.sig.json'));
    const t = trust(NATIONAL + BJ);
    expect(xborder(['pack', 'validate', rules(), '--trust', t]).code).toBe(2);
    expect(xborder(['pack', 'test', rules(), '--trust', t]).stderr).toContain('[unsigned]');
  });
});
