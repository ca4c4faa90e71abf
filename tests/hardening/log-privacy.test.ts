import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { GOOD, runCli, tempDir, writeTemp } from './cli-run.js';

/** Personal data placed in every free-text field; none of it may reach stderr (logs) at any level. */
const PII = ['张伟', 'Zhang Wei', '13800138000', '+86 138 0013 8000', 'zhang.wei@example.com', 'Jane Doe', 'jane.doe@example.org', '+65 9123 4567'];

const base = readFileSync(join(GOOD, 'sme-150k-singapore.yaml'), 'utf8');
const files: string[] = [];

beforeAll(() => {
  const dir = tempDir();
  const withPii = base
    .replace('name: 上海示例贸易有限公司', 'name: "张伟 Zhang Wei 13800138000 zhang.wei@example.com"')
    .replace('name: Example Pte. Ltd.', 'name: "Jane Doe, jane.doe@example.org, +65 9123 4567"')
    .replace('description: customer master data for CRM', 'description: "contact 张伟 at +86 138 0013 8000"')
    .replace('description: customer master', 'description: "rows like Zhang Wei, 13800138000, zhang.wei@example.com"');
  files.push(writeTemp(dir, 'pii.yaml', withPii));
  // Invalid manifests whose error messages quote the offending value: that belongs in the report, not the log.
  files.push(writeTemp(dir, 'pii-invalid.yaml', withPii.replace('country: SG', 'country: "Jane Doe 13800138000"')));
  files.push(writeTemp(dir, 'pii-typo.yaml', withPii.replace('  ciio: false', '  ciio: false\n  "zhang.wei@example.com": 1')));
  files.push(writeTemp(dir, 'pii-syntax.json', `{"apiVersion": "xborder/v1", "exporter": {"name": "张伟 13800138000", "name": "Jane Doe"}}`));
});

describe('logs carry ids, counts, rule ids and verdicts only', () => {
  for (const level of ['debug', 'trace']) {
    for (const format of ['json', 'text', 'sarif', 'ndjson', 'markdown', 'junit']) {
      it.concurrent(`check --log-level ${level} --format ${format}: no personal data on stderr`, async () => {
        const run = await runCli(['--log-level', level, 'check', ...files, '--format', format]);
        expect(run.code).toBe(2);
        // The log is there (so the test would catch a leak) ...
        expect(run.stderr).toMatch(/"msg":"verdict"/);
        expect(run.stderr).toMatch(/"msg":"manifest rejected"/);
        // ... and none of the personal data is.
        for (const s of PII) expect(run.stderr, s).not.toContain(s);
      }, 60_000);
    }
  }
  it('validate and pack commands log nothing personal either', async () => {
    const run = await runCli(['--log-level', 'trace', 'validate', ...files]);
    for (const s of PII) expect(run.stderr, s).not.toContain(s);
  });
});
