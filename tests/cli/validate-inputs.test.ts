import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../helpers/cli.js';

const good = readFileSync(join(ROOT, 'examples/manifests/pass-ciio-hotel-booking.yaml'), 'utf8');
const invalid = good.replace(/^date: .*$/m, 'date: not-a-date');

/** The built CLI from `cwd` (a temp project: its .xborder.yaml, or none above it). */
const run = (cwd: string, ...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', XBORDER_LANG: 'en' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const project = (): string => mkdtempSync(join(tmpdir(), 'xborder-validate-'));

describe('xborder validate: an input with no manifest does not pass', () => {
  it('an empty folder is exit 2 and says so, as check; --allow-empty makes it exit 0', () => {
    const dir = project();
    mkdirSync(join(dir, 'empty'));
    const v = run(dir, 'validate', 'empty');
    expect(v.code).toBe(2);
    expect(v.stderr).toContain('no manifests found in empty');
    expect(run(dir, 'check', 'empty').code).toBe(2);
    expect(run(dir, 'validate', '--allow-empty', 'empty').code).toBe(0);
  });

  it('a folder holding only another kind of file is exit 2, in Chinese with --lang zh', () => {
    const dir = project();
    mkdirSync(join(dir, 'm'));
    writeFileSync(join(dir, 'm', 'tests.yaml'), 'kind: PackTests\ncases: []\n');
    const v = run(dir, 'validate', '--lang', 'zh', 'm');
    expect(v.code).toBe(2);
    expect(v.stderr).toContain('未找到出境说明');
    expect(v.stderr).toContain('--allow-empty');
    expect(run(dir, 'validate', '--allow-empty', 'm').code).toBe(0);
  });

  it('--exclude leaves paths of the walk out, as check does', () => {
    const dir = project();
    mkdirSync(join(dir, 'm', 'drafts'), { recursive: true });
    writeFileSync(join(dir, 'm', 'a.yaml'), good);
    writeFileSync(join(dir, 'm', 'drafts', 'b.yaml'), invalid);
    expect(run(dir, 'validate', 'm').code).toBe(2);
    const v = run(dir, 'validate', '--exclude', 'm/drafts/', 'm');
    expect(v.stderr).toContain('1 validated: 1 valid, 0 invalid');
    expect(v.code).toBe(0);
  });

  it('the configuration\'s exclude applies (and --no-config ignores it)', () => {
    const dir = project();
    mkdirSync(join(dir, 'm', 'drafts'), { recursive: true });
    writeFileSync(join(dir, 'm', 'a.yaml'), good);
    writeFileSync(join(dir, 'm', 'drafts', 'b.yaml'), invalid);
    writeFileSync(join(dir, '.xborder.yaml'), 'exclude: ["m/drafts/"]\n');
    const v = run(dir, 'validate', 'm');
    expect(v.stderr).toContain('1 validated: 1 valid, 0 invalid');
    expect(v.code).toBe(0);
    expect(run(dir, 'check', 'm').code).toBe(0);
    expect(run(dir, 'validate', '--no-config', 'm').code).toBe(2);
  });
});
