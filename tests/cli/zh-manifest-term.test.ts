import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { xborder } from '../helpers/cli.js';

// In Chinese, 清单 is the zones' lists (负面清单, 一般数据清单); a manifest is 出境说明, so a compliance officer never
// reads "the manifest" as "the zone list". Pack texts may speak of lists: only the checker's own words are tested.
const noManifestList = (text: string): void => {
  expect(text).toContain('出境说明');
  expect(text.replace(/负面清单|一般数据清单|试验区清单|自贸区清单/g, '')).not.toContain('清单');
};

describe('zh: a manifest is 出境说明, never 清单', () => {
  it('markdown table header, SARIF invalid-manifest rule, explain, no manifests found', () => {
    const md = xborder(['check', 'examples/manifests/pass-sme-80k-below-threshold.yaml', '--format', 'markdown', '--lang', 'zh']);
    expect(md.stdout).toContain('| 出境说明 | 结论 | 所需机制 | 主要原因 |');
    const sarif = JSON.parse(xborder(['check', '-', '--format', 'sarif', '--lang', 'zh'], { input: 'apiVersion: xborder/v1\n' }).stdout) as { runs: { tool: { driver: { rules: { id: string; shortDescription: { text: string }; fullDescription: { text: string } }[] } } }[] };
    const rule = sarif.runs[0]!.tool.driver.rules.find((r) => r.id === 'xborder/invalid-manifest')!;
    noManifestList(`${rule.shortDescription.text}${rule.fullDescription.text}`);
    noManifestList(xborder(['explain', 'xborder/invalid-manifest', '--lang', 'zh']).stdout);
    noManifestList(xborder(['validate', mkdtempSync(`${tmpdir()}/xborder-empty-`), '--lang', 'zh']).stderr);
    noManifestList(xborder(['check', 'examples/manifests/pass-sme-80k-below-threshold.yaml', '--ledger', 'examples/manifests/pass-sme-80k-below-threshold.yaml', '--lang', 'zh']).stderr);
  });
});
