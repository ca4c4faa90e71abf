import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, STACK_FRAME, runCli, tempDir, writeTemp } from './cli-run.js';

/**
 * Found by the pack mutation fuzzer (tests/property/pack-mutations.test.ts): a zone pack whose taxonomy redefined
 * `spi` and `spi.health` as plain personal information turned a Shanghai exporter's health data with no sensitive
 * count (review: a sensitive category without a count) into pass. A zone pack adds ids; it never redefines national ones.
 */
describe('a zone pack cannot redefine a national taxonomy id', () => {
  const root = 'taxonomy:\n  shanghai: ';
  const manifest = `apiVersion: xborder/v1
kind: TransferManifest
id: tm-zone-taxonomy
date: 2025-06-02
exporter: { name: Example Clinic Shanghai, region: CN-SH, zone: shanghai, ciio: false }
recipient: { name: Example Health Pte. Ltd., country: SG, kind: company }
purpose: { basis: consent }
data:
  - { id: records, categories: [spi.health], classification: general }
personalInformation: { individuals: 5000, sensitiveIndividuals: 0 }
safeguards: { separateConsent: true, pia: { completedOn: 2025-05-06 } }
`;
  for (const [what, entry] of [
    ['taxonomy', '  spi: { personal: pi, title: { en: x, zh: 个人信息 } }\n  spi.health: { personal: pi, title: { en: x, zh: 医疗健康 } }\n'],
    ['taxonomy (one id)', '  pi.basic: { personal: none, title: { en: x, zh: 基本信息 } }\n'],
  ] as const) {
    it.concurrent(`in its ${what}: refused (exit 2, file:line:column), nothing checked`, async () => {
      const dir = tempDir();
      cpSync(join(ROOT, 'rules'), join(dir, 'rules'), { recursive: true });
      const file = join(dir, 'rules/zone-shanghai/pack.yaml');
      const text = readFileSync(file, 'utf8');
      expect(text).toContain(root);
      writeFileSync(file, text.replace(root, `taxonomy:\n${entry}  shanghai: `));
      const validate = await runCli(['pack', 'validate', join(dir, 'rules')]);
      expect(validate.code).toBe(2);
      expect(validate.stderr).toMatch(/zone-shanghai\/pack\.yaml:\d+:\d+ taxonomy id "(spi|pi\.basic)" is defined by a national pack/);
      expect(validate.stderr).not.toMatch(STACK_FRAME);
      const check = await runCli(['check', '--pack', join(dir, 'rules'), writeTemp(dir, 'm.yaml', manifest), '--format', 'json']);
      expect(check.code).toBe(2);
      expect(check.stdout).toBe('');
    }, 60_000);
  }
  it('the bundled packs give that manifest review (the count is missing), never pass', async () => {
    const dir = tempDir();
    const run = await runCli(['check', writeTemp(dir, 'm.yaml', manifest), '--format', 'json']);
    const [v] = JSON.parse(run.stdout) as { verdict: string; findings: { rule: string }[] }[];
    expect(v!.verdict).toBe('review');
    expect(v!.findings.map((f) => f.rule)).toContain('cn.counts.sensitive-category-without-count');
  }, 60_000);
});
