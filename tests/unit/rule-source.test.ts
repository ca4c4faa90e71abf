/** A rule made from a zone list's entry or duty links the entry's own source, not the pack's (SARIF helpUri, explain). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadPacks } from '../../src/load/load-packs.js';
import { ruleInfo } from '../../src/app/check.js';
import { ruleKey } from '../../src/model/verdict.js';

describe('rule sources', () => {
  it('every list entry and duty rule carries its own source into the report\'s rule info; other rules the pack\'s', async () => {
    const set = await loadPacks();
    const info = ruleInfo(set);
    let fromList = 0;
    let differing = 0;
    // Duties are not kept on the compiled list: read them from the pack files (an edition inherits its parent's).
    const dutiesOf = (uri: string) => (parse(readFileSync(uri, 'utf8')) as { list?: { duties?: { id: string; source: string }[] } }).list?.duties ?? [];
    const anyDuty = new Map(set.packs.flatMap((p) => dutiesOf(p.uri)).map((d) => [d.id, d.source]));
    for (const p of set.packs) {
      const own = new Map(dutiesOf(p.uri).map((d) => [d.id, d.source]));
      const listed = new Map([...(p.list?.entries ?? []).map((e): [string, string] => [e.id, e.source]), ...anyDuty, ...own]);
      for (const r of p.rules) {
        const want = listed.get(r.id) ?? p.meta.source;
        if (listed.has(r.id)) fromList++;
        if (want !== p.meta.source) differing++;
        expect(info.get(ruleKey({ pack: p.meta.id, id: r.id }))?.source, `${p.meta.id}/${r.id}`).toBe(want);
      }
    }
    expect(fromList).toBeGreaterThan(10);
    expect(differing).toBeGreaterThan(0); // some entry is published elsewhere than the pack's main source
  });
});
