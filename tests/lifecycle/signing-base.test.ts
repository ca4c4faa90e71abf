/** An edition that `extends` another must have a signature that covers its base pack (src/signing/verify.ts). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { generatePemKeyPair, keyId, privateKeyFromPem, publicKeyFromPem } from '../../src/signing/keys.js';
import { signStatement, type SignedStatement } from '../../src/signing/signature.js';
import { textDigest } from '../../src/util/canonical.js';
import { verifyPack } from '../../src/signing/verify.js';
import type { PackMetadata } from '../../src/model/pack.js';

const dir = mkdtempSync(join(tmpdir(), 'xborder-sign-base-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('refuses a signature of an extending pack that does not name and cover its base (as signed before editions existed)', () => {
  const pem = generatePemKeyPair();
  const [priv, pub] = [privateKeyFromPem(pem.privateKey), publicKeyFromPem(pem.publicKey)];
  const meta = { id: 'zone-x-2026', version: '2026.1.0', lineage: 'zone-x', scope: { kind: 'zone', zone: 'x' } } as unknown as PackMetadata;
  const text = 'extends: zone-x-2024\n';
  const file = join(dir, 'x.pack.yaml');
  writeFileSync(file, text);
  const statement = (base?: SignedStatement['base'], extra: Record<string, string> = {}): Omit<SignedStatement, 'key'> => ({
    type: 'xborder/pack-signature/v1', pack: { id: meta.id, version: meta.version, lineage: meta.lineage, scope: meta.scope },
    ...(base ? { base } : {}), files: { 'x.pack.yaml': textDigest(text), ...extra }, signedAt: '2026-06-01', expires: '2099-01-01', previous: null,
  });
  const verify = (s: Omit<SignedStatement, 'key'>): string[] => {
    writeFileSync(join(dir, 'x.pack.sig.json'), JSON.stringify(signStatement(s, priv, pub)));
    return verifyPack({ file, text, meta, extends: 'zone-x-2024' }, { today: '2026-06-02', publicKey: { id: keyId(pub), key: pub } }).problems.map((p) => `${p.reason} ${p.message}`);
  };
  expect(verify(statement())).toEqual(['tampered pack zone-x-2026: it extends zone-x-2024, but its signature does not cover that base pack\'s file; sign it again']);
  writeFileSync(join(dir, 'base.pack.yaml'), 'base\n');
  expect(verify(statement({ id: 'zone-x-2024', file: 'base.pack.yaml' }, { 'base.pack.yaml': textDigest('base\n') }))).toEqual([]);
  expect(verify(statement({ id: 'zone-x-2023', file: 'base.pack.yaml' }, { 'base.pack.yaml': textDigest('base\n') }))).toHaveLength(1);
});
