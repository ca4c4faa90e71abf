import { describe, expect, it } from 'vitest';
// The built code (npm test builds first), as the other hardening tests.
import { loadPacks } from '../../dist/src/load/load-packs.js';
import { isError, withinGate } from '../../dist/src/model/verdict.js';
import * as lib from '../../dist/src/index.js';
import { BASE_MANIFEST, manifestWith, yamlOf } from '../helpers/manifests.js';
import { cliIn, ROOT, tempDir, writeTemp } from './cli-run.js';

/**
 * Doubtful passes and contract breaks the eleventh adversarial round found (December 2026: waivers, signed packs).
 * Every `it` here failed before its fix unless it is named a control.
 */
const packs = await loadPacks();

describe('a waiver that ends before the transfer date does not waive that transfer', () => {
  // Expiry was judged on today only: checked on 2026-12-07, a transfer planned for 2027-06-01 passed the gate on a
  // waiver whose last day is 2027-03-31, so the data left two months after the accepted risk had lapsed.
  const waivers = [{ rule: 'cn-national/cn.volume.contract-non-sensitive', exporter: '上海示例贸易有限公司', manifest: 'tm-base', reason: 'filing under way', approver: 'Li Wei', expires: '2027-03-31', entry: 1 }];
  const dated = (date: string): string => yamlOf(manifestWith(BASE_MANIFEST, {
    date, personalInformation: { priorThisYear: { individuals: 0, sensitiveIndividuals: 0 } },
  }));
  const judged = async (date: string) => {
    const r = await lib.checkText(dated(date), 'm.yaml', packs, { today: '2026-12-07', waivers });
    if (isError(r)) throw new Error(r.error.message);
    return r;
  };
  it('transfer 2027-06-01, waiver until 2027-03-31, checked 2026-12-07: the fail is not waived, the gate fails', async () => {
    const v = await judged('2027-06-01');
    const f = v.findings.find((x) => x.rule === 'cn.volume.contract-non-sensitive');
    expect([v.verdict, f?.outcome, f?.waived]).toEqual(['fail', 'fail', undefined]);
    expect(withinGate(v, 'fail')).toBe(false);
    const w = v.warnings?.find((x) => x.code === 'waiver-ends-before-transfer');
    expect(w?.message.en).toContain('dated 2027-06-01, after the last day of waiver #1 cn-national/cn.volume.contract-non-sensitive until 2027-03-31');
    expect(w?.message.zh).toContain('2027-03-31');
  });
  it('control: a transfer on the waiver\'s last day, or before it, is waived', async () => {
    for (const date of ['2027-03-31', '2026-12-20', '2026-03-15']) {
      const v = await judged(date);
      expect(v.findings.find((x) => x.rule === 'cn.volume.contract-non-sensitive')?.waived?.expires, date).toBe('2027-03-31');
      expect(withinGate(v, 'fail'), date).toBe(true);
      expect(v.warnings?.some((x) => x.code === 'waiver-ends-before-transfer'), date).toBeFalsy();
    }
  });
  it('CLI: exit 1, the warning on the verdict; a later waiver of the same rule in the file still applies', () => {
    const dir = tempDir();
    const file = writeTemp(dir, 'm.yaml', dated('2027-06-01'));
    const one = `waivers:
  - { rule: cn-national/cn.volume.contract-non-sensitive, exporter: 上海示例贸易有限公司, manifest: tm-base, reason: r, approver: a, expires: 2027-03-31 }
`;
    writeTemp(dir, 'w.yaml', one);
    const r = cliIn(ROOT, ['check', file, '--no-config', '--waivers', `${dir}/w.yaml`]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Not waived: the transfer is dated 2027-06-01');
    writeTemp(dir, 'w.yaml', `${one}  - { rule: cn-national/cn.volume.contract-non-sensitive, exporter: 上海示例贸易有限公司, manifest: tm-base, reason: r, approver: b, expires: 2027-12-31 }
`);
    const renewed = cliIn(ROOT, ['check', file, '--no-config', '--waivers', `${dir}/w.yaml`, '--format', 'json']);
    expect(renewed.code).toBe(0);
    const [v] = JSON.parse(renewed.stdout) as { findings: { waived?: { approver: string } }[]; warnings?: { code: string }[] }[];
    expect(v?.findings[0]?.waived?.approver).toBe('b');
    expect(v?.warnings?.some((x) => x.code === 'waiver-ends-before-transfer')).toBeFalsy();
  });
});

describe('a review is waived only by a waiver naming the manifest', () => {
  // An exporter-wide waiver of cn.taxonomy.unknown-category, with --fail-on review, accepted every unknown category
  // the exporter would ever use: a person accepts a review for a transfer they looked at, not for all of them.
  const unknown = yamlOf(manifestWith(BASE_MANIFEST, {
    data: [{ id: 'x', categories: ['pi.galactic'], classification: 'general' }],
    personalInformation: { individuals: 500, priorThisYear: { individuals: 0, sensitiveIndividuals: 0 } },
  }));
  const waiver = (extra: object) => [{ rule: 'cn-national/cn.taxonomy.unknown-category', reason: 'r', approver: 'a', expires: '2027-03-31', entry: 1, ...extra }];
  const judged = async (waivers: object[]) => {
    const r = await lib.checkText(unknown, 'm.yaml', packs, { today: '2026-12-07', waivers: waivers as never });
    if (isError(r)) throw new Error(r.error.message);
    return r.findings.find((x) => x.rule === 'cn.taxonomy.unknown-category');
  };
  it('by exporter, or by rule alone: not applied, the review stays', async () => {
    expect((await judged(waiver({ exporter: '上海示例贸易有限公司' })))?.waived).toBeUndefined();
    expect((await judged(waiver({})))?.waived).toBeUndefined();
  });
  it('control: naming the manifest (with its exporter) waives it', async () => {
    expect((await judged(waiver({ exporter: '上海示例贸易有限公司', manifest: 'tm-base' })))?.waived?.expires).toBe('2027-03-31');
  });
});
