import { describe, expect, it } from 'vitest';
import { escapeMarkdown, markdown } from '../../src/report/markdown.js';
import { all, ctx, failVerdict, passVerdict, reviewVerdict } from './fixtures.js';

describe('markdown', () => {
  it('en report (snapshot)', () => {
    expect(markdown(all, ctx())).toMatchInlineSnapshot(`
      "## xborder cross-border transfer check

      **❌ Gate failed** — 5 checked: 1 pass, 1 review, 1 fail, 2 error

      | Manifest | Verdict | Mechanism | Key reason |
      |---|---|---|---|
      | manifests/broken.yaml | 🚫 error | — | parse-error: Unexpected token at line 3 |
      | tm-bad-2 | 🚫 error | — | schema: must have required property "exporter" |
      | tm-2026-0042 | ❌ fail | contract-or-certification | A standard contract or certification is required: 170,000 individuals since 1 January (CAC Provisions 2024 Art. 8) |
      | tm-review-7 | ⚠️ review | undetermined | Unknown data category "x-custom" (GB/T 43697-2024) |
      | tm-pass-001 | ✅ pass | none | Below every threshold (CAC Provisions 2024 Art. 5\\(4\\)) |

      ### 🚫 manifests/broken.yaml

      File: manifests/broken.yaml

      **parse-error**

      - Unexpected token at line 3 — manifests/broken.yaml:3

      ### 🚫 tm-bad-2

      File: manifests/batch.yaml

      **schema**

      - must have required property "exporter" — manifests/batch.yaml:1
      - must be a date\\\\u0001 with control char \\(use YYYY-MM-DD\\) — manifests/batch.yaml:4

      ### ❌ tm-2026-0042

      File: manifests/sme 150k.yaml

      - **fail** cn.volume.contract-band: A standard contract or certification is required: 170,000 individuals since 1 January — *CAC Provisions 2024 Art. 8* — manifests/sme 150k.yaml:31
      - **fail** cn.obligation.pia: Tricky \\<\\&\\>"' \\| pipe<br>second line, 100% sure: yes — *PIPL Art. 55* — manifests/sme 150k.yaml:40

      ### ⚠️ tm-review-7

      File: manifests/batch.yaml

      - **review** cn.category.unknown: Unknown data category "x-custom" — *GB/T 43697-2024* — manifests/batch.yaml

      ### ✅ tm-pass-001

      File: manifests/small.yaml

      - **pass** cn.volume.below-thresholds: Below every threshold — *CAC Provisions 2024 Art. 5\\(4\\)* — manifests/small.yaml:12
      "
    `);
  });

  it('zh report (snapshot)', () => {
    expect(markdown([passVerdict, failVerdict], ctx({ lang: 'zh' }))).toMatchInlineSnapshot(`
      "## xborder 数据出境检查

      **❌ 门禁未通过** — 共检查 2 份：通过 1，需人工审查 0，不通过 1

      | 出境说明 | 结论 | 所需机制 | 主要原因 |
      |---|---|---|---|
      | tm-2026-0042 | ❌ 不通过 | 标准合同或认证 | 需要标准合同或认证：自 1 月 1 日起 170,000 人（CAC Provisions 2024 Art. 8） |
      | tm-pass-001 | ✅ 通过 | 无需 | 低于所有阈值（CAC Provisions 2024 Art. 5\\(4\\)） |

      ### ❌ tm-2026-0042

      文件：manifests/sme 150k.yaml

      - **不通过** cn.volume.contract-band: 需要标准合同或认证：自 1 月 1 日起 170,000 人 — *CAC Provisions 2024 Art. 8* — manifests/sme 150k.yaml:31
      - **不通过** cn.obligation.pia: 个人信息保护影响评估缺失 \\<\\&\\> \\| 竖线<br>第二行 — *PIPL Art. 55* — manifests/sme 150k.yaml:40

      ### ✅ tm-pass-001

      文件：manifests/small.yaml

      - **通过** cn.volume.below-thresholds: 低于所有阈值 — *CAC Provisions 2024 Art. 5\\(4\\)* — manifests/small.yaml:12
      "
    `);
  });

  it('every table row has exactly four cells, whatever the messages hold', () => {
    const rows = markdown(all, ctx()).split('\n').filter((l) => l.startsWith('| '));
    expect(rows).toHaveLength(6); // header + 5 results
    for (const row of rows) {
      // split on pipes not preceded by a backslash
      expect(row.split(/(?<!\\)\|/).length - 2).toBe(4);
    }
  });

  it('escapes markdown specials, pipes and line breaks', () => {
    expect(escapeMarkdown('a|b')).toBe('a\\|b');
    expect(escapeMarkdown('*x* _y_ `z` [l](u) <b> #1 ~s~ $m$ @team & !')).toBe(
      '\\*x\\* \\_y\\_ \\`z\\` \\[l\\]\\(u\\) \\<b\\> \\#1 \\~s\\~ \\$m\\$ \\@team \\& \\!',
    );
    expect(escapeMarkdown('one\ntwo\r\nthree')).toBe('one<br>two<br>three');
    expect(escapeMarkdown('back\\slash')).toBe('back\\\\slash');
    expect(escapeMarkdown('中文：数据')).toBe('中文：数据');
  });

  it('gate line reflects --fail-on', () => {
    expect(markdown([passVerdict], ctx())).toContain('**✅ Gate passed** — 1 checked: 1 pass, 0 review, 0 fail');
    expect(markdown([failVerdict], ctx())).toContain('**❌ Gate failed**');
    // Within the gate, yet not all clear: a person still has to look at the reviews.
    expect(markdown([reviewVerdict], ctx())).toContain('**⚠️ Gate passed, with transfers to review**');
    expect(markdown([reviewVerdict], ctx({ lang: 'zh' }))).toContain('**⚠️ 门禁通过，但有需人工审查的出境**');
    expect(markdown([reviewVerdict], ctx({ failOn: 'review' }))).toContain('**❌ Gate failed** — 1 checked: 0 pass, 1 review, 0 fail (review fails the gate)');
    expect(markdown([reviewVerdict], ctx({ lang: 'zh', failOn: 'review' }))).toContain('**❌ 门禁未通过** — 共检查 1 份：通过 0，需人工审查 1，不通过 0（需人工审查视为未通过）');
  });
});
