/**
 * `--lang zh` errors of the commands that still spoke English whatever the language: `evidence verify | export`
 * (which had no --lang), `pack diff`'s incomplete-gate line and its other messages, `pack verify`'s usage errors,
 * `explain` without a rule, a ledger value that looks like a manifest, a bad --max-bytes. English stays as it was.
 */
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { xborder } from '../helpers/cli.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'xborder-zh-msg-'));
const PASS = 'examples/manifests/pass-sme-80k-below-threshold.yaml';
const both = (args: readonly string[]) => ({ zh: xborder([...args, '--lang', 'zh']), en: xborder([...args, '--lang', 'en']) });

describe('evidence verify | export --lang zh', () => {
  it('a missing and an empty ledger: exit 2 in both languages, and neither creates one', () => {
    const dir = tmp();
    const missing = join(dir, 'typo.db');
    for (const cmd of ['verify', 'export']) {
      const r = both(['evidence', cmd, '--ledger', missing]);
      expect([r.zh.code, r.en.code]).toEqual([2, 2]);
      // The ledger is named once ("cannot open ledger x: x does not exist" said it twice).
      expect(r.zh.stderr).toBe(`xborder: ${missing} 不存在；\`xborder evidence\` 从不创建台账（决策记录由 \`xborder serve --ledger\` 写入）\n`);
      expect(r.en.stderr).toBe(`xborder: ${missing} does not exist; evidence verify and export never create a ledger (\`xborder serve --ledger\` writes the decision records)\n`);
    }
    expect(readdirSync(dir)).toEqual([]);
    const empty = join(dir, 'empty.db');
    writeFileSync(empty, '');
    const r = both(['evidence', 'verify', '--ledger', empty]);
    expect(r.zh.stderr).toContain(`${empty} 是空文件，不是台账；\`xborder evidence\` 从不创建台账`);
    expect(r.en.stderr).toContain(`${empty} is an empty file, not a ledger; evidence verify and export never create a ledger`);
  });

  it('an intact chain and a broken one, said in Chinese; the exit codes stay 0 and 1', async () => {
    const dir = tmp();
    const file = join(dir, 'ledger.db');
    const { openDecisionStore } = await import('../../src/ledger/decisions.js');
    const store = await openDecisionStore(file);
    for (const id of ['d-1', 'd-2']) await store.transaction(undefined, async (tx) => { await tx.appendEvidence(id, '2025-01-01T00:00:00Z', '{"verdict":"pass"}'); });
    await store.close();
    const intact = both(['evidence', 'verify', '--ledger', file]);
    expect([intact.zh.code, intact.zh.stdout]).toEqual([0, expect.stringMatching(/^证据链完整：共 2 条记录；链尾 2:sha256:[0-9a-f]{64}（请记下/)]);
    expect(intact.en.stdout).toMatch(/^evidence chain intact: 2 records; head 2:sha256:[0-9a-f]{64} \(note it/);
    const db = new Database(file);
    db.prepare(`UPDATE xborder_evidence SET body = '{"verdict":"fail"}' WHERE seq = 2`).run();
    db.close();
    const broken = both(['evidence', 'verify', '--ledger', file]);
    expect([broken.zh.code, broken.zh.stdout]).toEqual([1, '证据链在第 2 条记录处断裂（决策编号 d-2）：其内容与哈希值不符（记录被修改过）；此前 1 条记录完整\n']);
    expect(broken.en.stdout).toBe('evidence chain BROKEN at record 2 (decision d-2): its content does not match its hash (the record was edited); the record before it is intact\n');
  });
});

describe('pack diff --lang zh', () => {
  it('a corpus with no manifest: the incomplete-gate line in Chinese, exit 2; the report stays English', () => {
    const empty = tmp();
    mkdirSync(join(empty, 'corpus'));
    const r = both(['pack', 'diff', '--base', 'rules', '--head', 'rules', '--corpus', join(empty, 'corpus')]);
    expect([r.zh.code, r.en.code]).toEqual([2, 2]);
    expect(r.zh.stderr).toBe('xborder: --corpus 中未找到出境说明，未比较任何内容：门禁对此不作判断（退出码 2）\n');
    expect(r.en.stderr).toBe('xborder: no manifests found in the corpus; nothing was compared: the gate says nothing about them (exit 2)\n');
    expect(r.zh.stdout).toContain('Incomplete: no manifests found in the corpus; nothing was compared');
  }, 120_000);

  it('usage errors: a corpus on stdin, an unknown transition, a --base that is neither a folder nor a ref', () => {
    expect(both(['pack', 'diff', '--base', 'rules', '--head', 'rules', '--corpus', '-']).zh.stderr).toBe('xborder: pack diff 要读取 --corpus 两次：请给出文件或文件夹，不能用 -\n');
    const t = both(['pack', 'diff', '--base', 'rules', '--head', 'rules', '--corpus', PASS, '--fail-on', 'pass-to-maybe']);
    expect(t.zh.stderr).toMatch(/^xborder: 未知的结论变化 "pass-to-maybe"（须为以下之一：pass-to-review、/);
    expect(t.en.stderr).toMatch(/^xborder: unknown transition "pass-to-maybe" \(one of pass-to-review, /);
    const b = both(['pack', 'diff', '--base', 'no-such-ref', '--head', 'rules', '--corpus', PASS]);
    expect(b.zh.stderr).toBe('xborder: --base no-such-ref：既不是规则包目录，也不是 rules 所在仓库的 git 引用\n');
    expect(b.en.stderr).toBe('xborder: --base no-such-ref: neither a pack directory nor a git ref of the repository holding rules\n');
  });
});

describe('other usage errors --lang zh', () => {
  it('pack verify without a key, and with a key file that cannot be read', () => {
    const none = both(['pack', 'verify', 'rules']);
    expect(none.zh).toMatchObject({ code: 2, stderr: 'xborder: pack verify 须指定 --public-key <pem> 或 --trust <file>\n' });
    expect(none.en.stderr).toBe('xborder: pack verify needs --public-key <pem> or --trust <file>\n');
    const key = both(['pack', 'verify', 'rules', '--public-key', 'missing.pem']);
    expect(key.zh).toMatchObject({ code: 2, stderr: 'xborder: 密钥文件 missing.pem 不存在或无法读取\n' });
    expect(key.en.stderr).toBe('xborder: key file missing.pem not found or not readable\n');
  });

  it('explain without a rule; check --ledger <manifest>; --max-bytes 0', () => {
    const explain = both(['explain']);
    expect(explain.zh).toMatchObject({ code: 2, stderr: 'xborder: explain 须指定规则 id 或 --scenarios <zone>\n' });
    expect(explain.en.stderr).toBe('xborder: explain needs a rule id or --scenarios <zone>\n');
    const ledger = both(['check', '--ledger', PASS, PASS]);
    expect(ledger.zh.code).toBe(2);
    expect(ledger.zh.stderr).toContain(`"${PASS}" 看起来是出境说明，不是台账（台账是 SQLite 文件或 postgres:// URL）；请把 --ledger <ledger> 写在出境说明之前或之后`);
    expect(ledger.en.stderr).toContain(`"${PASS}" looks like a manifest, not a ledger`);
    const max = both(['check', '--max-bytes', '0', PASS]);
    expect(max.zh).toMatchObject({ code: 2, stderr: 'xborder: --max-bytes 须为正整数（字节数）\n' });
    expect(max.en.stderr).toBe('xborder: --max-bytes must be a positive whole number of bytes\n');
    const validate = xborder(['validate', '--max-bytes', '0', '--lang', 'zh', PASS]);
    expect(validate).toMatchObject({ code: 2, stderr: 'xborder: --max-bytes 须为正整数（字节数）\n' });
  });

  it('check --ledger <empty file>: refused before it is opened, in Chinese', () => {
    const empty = join(tmp(), 'empty.db');
    writeFileSync(empty, '');
    const r = both(['check', '--format', 'json', '--ledger', empty, PASS]);
    expect([r.zh.code, r.en.code]).toEqual([2, 2]);
    expect(r.zh.stderr).toContain(`${empty} 是空文件，不是台账；\`xborder check\` 从不创建台账`);
    expect(r.en.stderr).toContain(`${empty} is an empty file, not a ledger; check never creates a ledger`);
  });
});

