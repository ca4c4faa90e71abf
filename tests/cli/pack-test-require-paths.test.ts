import { describe, expect, it } from 'vitest';
import { xborder } from '../helpers/cli.js';

// The pack author's command in the README: every bundled case that names a rule also pins its deciding field.
describe('pack test rules/ --require-paths', () => {
  it('the bundled packs pass: exit 0, no case failed or checking only the verdict', () => {
    const r = xborder(['pack', 'test', 'rules/', '--require-paths']);
    expect(r.stdout).not.toMatch(/^(FAIL|WEAK) /m);
    expect(r.stdout).toMatch(/\n\d+ cases in \d+ files: \d+ passed, 0 failed\n$/);
    expect(r.code).toBe(0);
  });
});
