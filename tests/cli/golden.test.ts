/**
 * The CLI's output over every example, kept in files: a change to any verdict, message or format shows up in
 * review as a diff of tests/fixtures/golden/. After an intended change: `npx vitest run tests/cli/golden -u`.
 */
import { describe, expect, it } from 'vitest';
import { xborder } from '../helpers/cli.js';

describe('golden output of check examples/manifests', () => {
  for (const [format, file] of [['text', 'check.txt'], ['json', 'check.json'], ['sarif', 'check.sarif'], ['markdown', 'check.md'], ['junit', 'check.junit.xml']] as const) {
    it(`--format ${format}`, async () => {
      const r = xborder(['check', 'examples/manifests', '--format', format, '--jobs', '1']);
      expect(r.code).toBe(1); // some examples are meant to fail
      await expect(r.stdout).toMatchFileSnapshot(`../fixtures/golden/${file}`);
    });
  }
  it('pack test over the bundled packs', async () => {
    const r = xborder(['pack', 'test']);
    expect(r.code).toBe(0);
    await expect(r.stdout).toMatchFileSnapshot('../fixtures/golden/pack-test.txt');
  });
});
