import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { xborder } from '../helpers/cli.js';
import { PACK_MESSAGES } from '../../src/app/pack-messages.js';
import { MESSAGES } from '../../src/app/messages.js';
import { ManifestIdReusedError } from '../../src/ledger/types.js';
import { zhMessage } from '../../src/report/error-text.js';

const PASS = 'examples/manifests/pass-sme-80k-below-threshold.yaml';
const missing = join(mkdtempSync(join(tmpdir(), 'xborder-wording-')), 'nosuch.db');

// Found by a new user's run-through: a file named twice, the wrong command named, "1 rules", "a different individuals".
describe('CLI message wording', () => {
  it('report --ledger <missing>: names report, not check, and the ledger once (en, zh)', () => {
    const en = xborder(['report', PASS, '--ledger', missing]);
    expect(en.code).toBe(2);
    expect(en.stderr).toBe(`xborder: ${missing} does not exist; report never creates a ledger (record transfers with \`xborder ledger record\`)\n`);
    const zh = xborder(['report', PASS, '--ledger', missing, '--lang', 'zh']);
    expect(zh.stderr).toBe(`xborder: ${missing} 不存在；\`xborder report\` 从不创建台账（请用 \`xborder ledger record\` 记录已发生的出境）\n`);
    expect(xborder(['check', PASS, '--ledger', missing]).stderr).toContain(`xborder: ${missing} does not exist; check never creates a ledger`);
  });

  it('a missing trust store is named once', () => {
    const r = xborder(['check', PASS, '--trust', 'nosuch-trust.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('\n  [trust-store] trust store nosuch-trust.yaml not found or not readable\n');
  });

  it('counts agree with their nouns', () => {
    expect(PACK_MESSAGES.packValid('p', '1.0.0', 1, '2024-01-01', undefined, 'p.yaml').en).toContain('  1 rule  ');
    expect(PACK_MESSAGES.packValid('p', '1.0.0', 2, '2024-01-01', undefined, 'p.yaml').en).toContain('  2 rules  ');
    expect(PACK_MESSAGES.packsValid(1).en).toBe('1 pack valid');
    expect(PACK_MESSAGES.testSummary(1, 1, 0, 0, 1).en).toBe('1 case in 1 file: 1 passed, 0 failed, 1 error in test files');
    expect(MESSAGES.unusedWaivers('#3 r', 1).en).toBe('1 waiver matched no finding: #3 r');
    expect(MESSAGES.ignored({ folders: 1, files: 2 }).en).toMatch(/^left out 1 folder and 2 YAML\/JSON files /);
    expect(MESSAGES.chainBroken(2, 'd-2', 'x', 1).en).toMatch(/; the record before it is intact$/);
  });

  it('a re-used manifest id names the differing fields in a sentence, in both languages', () => {
    const one = new ManifestIdReusedError('tm-1', ['individuals']).message;
    expect(one).toBe('manifest id "tm-1" is already recorded for this exporter with a different value for individuals; a different transfer needs a new manifest id');
    const two = new ManifestIdReusedError('tm-1', ['date', 'individuals']).message;
    expect(two).toContain('with different values for date, individuals;');
    expect(zhMessage(one)).toBe('该数据处理者已记录过出境说明编号 "tm-1"，但 individuals 不同；另一次出境须使用新的出境说明编号');
  });
});
