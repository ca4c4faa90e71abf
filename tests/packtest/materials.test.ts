/** The checklists of materials per route live in the national packs (`materials:`), cited; the report takes them from there. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compilePacks } from '../../src/compile/build-pack-set.js';
import { materialsFor } from '../../src/console/materials.js';
import { loadPacks } from '../../src/load/load-packs.js';
import { parseSource } from '../../src/source/document.js';

const national = readFileSync(new URL('../../rules/cn-national/pack.yaml', import.meta.url), 'utf8');
const diagnose = (text: string) => compilePacks([parseSource(text, 'pack.yaml', { allowAliases: true })]).diagnostics.map((d) => d.message);

describe('materials in the packs', () => {
  it('every bundled national pack lists, for each route it can require, bilingual items under a citation and an official source', async () => {
    const set = await loadPacks();
    const nationals = set.packs.filter((p) => p.meta.scope.kind === 'national');
    expect(nationals.map((p) => p.meta.id).sort()).toEqual(['cn-national', 'cn-national-2022']);
    for (const p of nationals) {
      for (const route of ['contract-or-certification', 'security-assessment'] as const) {
        const lists = p.materials[route] ?? [];
        expect(lists.length, `${p.meta.id} ${route}`).toBeGreaterThan(0);
        for (const l of lists) {
          expect(l.source).toMatch(/^https:\/\/www\.cac\.gov\.cn\//);
          expect(typeof l.citation === 'string' ? l.citation : l.citation.zh).toMatch(/《.+》/);
          for (const i of l.items) expect(i.en && i.zh).toBeTruthy();
        }
      }
    }
    // Zone lists exist only under the 2024 Provisions (Art. 6): the 2022 regime has no zone-list filing.
    expect(nationals.find((p) => p.meta.id === 'cn-national')?.materials['zone-list']).toHaveLength(1);
    expect(nationals.find((p) => p.meta.id === 'cn-national-2022')?.materials['zone-list']).toBeUndefined();
  });

  it('a national pack without the materials of a route is invalid; a list without a source is a schema error', () => {
    const noAssessment = national.replace(/\n {2}security-assessment:\n(?: {4}.*\n)+/, '\n');
    expect(noAssessment).not.toBe(national);
    expect(diagnose(noAssessment)).toContainEqual(expect.stringMatching(/a national pack needs the materials for security-assessment/));
    const unsourced = national.replace('      source: https://www.cac.gov.cn/2022-07/07/c_1658811536396503.htm\n      items:', '      items:');
    expect(unsourced).not.toBe(national);
    expect(diagnose(unsourced)).toContainEqual(expect.stringMatching(/missing required field "source"/));
  });

  it('picks the route\'s lists from the packs that decided, and the zone-list filing only when a zone pack took part', async () => {
    const set = await loadPacks();
    const refs = (ids: string[]) => set.packs.filter((p) => ids.includes(p.meta.id)).map((p) => ({ materials: p.materials, zone: p.meta.scope.kind === 'zone' }));
    const titles = (m: Parameters<typeof materialsFor>[0], ids: string[]) => materialsFor(m, refs(ids)).map((l) => l.title.zh);
    expect(titles('contract-or-certification', ['cn-national'])).toEqual(['标准合同备案（向省级网信部门）', '或：个人信息保护认证']);
    expect(titles('security-assessment', ['cn-national'])).toEqual(['数据出境安全评估申报（通过省级网信部门）']);
    expect(titles('none', ['cn-national'])).toEqual([]);
    expect(titles('none', ['cn-national', 'zone-shanghai-lingang-2024'])).toEqual(['自贸试验区清单使用：向试验区管理部门备案']);
    expect(titles('contract-or-certification', ['cn-national-2022'])).toEqual(['标准合同备案（向省级网信部门）']);
  });
});

describe('the certification item in the words of PIPL Art 38(2) and the 2025 Certification Measures', () => {
  it('a qualified professional certification body issues the certificate; the CAC does not designate it (bodies file with it)', async () => {
    const set = await loadPacks();
    const p = set.packs.find((x) => x.meta.id === 'cn-national');
    const items = (p?.materials['contract-or-certification'] ?? []).flatMap((l) => l.items);
    const cert = items.find((i) => /^Certificate /.test(i.en));
    expect(cert?.en).toMatch(/professional certification body qualified to certify personal information protection/);
    expect(cert?.en).not.toMatch(/designated by the CAC/);
    expect(cert?.zh).toContain('具备个人信息保护认证资质的专业认证机构');
    expect(cert?.zh).not.toContain('国家网信部门认可');
  });
});
