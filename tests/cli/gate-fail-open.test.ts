/** The CI gate never fails open (issue 12): each case failed on the code before the fix. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, xborder } from '../helpers/cli.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'xborder-gate-'));
const FAIL = 'examples/manifests/fail-sme-150k-singapore.yaml';
const PASS = 'examples/manifests/pass-sme-80k-below-threshold.yaml';

describe('--ledger cannot swallow a manifest path, and check never creates a ledger', () => {
  it('check --ledger <manifest> <manifest> is a usage error naming the value, and writes nothing', () => {
    const cwd = tmp();
    const r = spawnSync(process.execPath, [BIN, 'check', '--ledger', join(ROOT, PASS), join(ROOT, FAIL)], { cwd, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('looks like a manifest');
    expect(readdirSync(cwd)).toEqual([]);
  });
  it('check --ledger typo.db is exit 2 naming the path, and no file is created', () => {
    const dir = tmp();
    const r = xborder(['check', '--ledger', join(dir, 'typo.db'), PASS]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('typo.db does not exist');
    expect(existsSync(join(dir, 'typo.db'))).toBe(false);
  });
  it('check b.yaml --ledger (no value) is a usage error and creates no .xborder/ledger.db', () => {
    const cwd = tmp();
    const r = spawnSync(process.execPath, [BIN, 'check', join(ROOT, PASS), '--ledger'], { cwd, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(existsSync(join(cwd, '.xborder'))).toBe(false);
  });
});

describe('an input with no manifests does not pass', () => {
  it('an empty folder is exit 2 with a message; --allow-empty makes it 0', () => {
    const dir = tmp();
    mkdirSync(join(dir, 'manifests'));
    const r = xborder(['check', join(dir, 'manifests'), '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no manifests found');
    expect(JSON.parse(r.stdout)).toEqual([]);
    const allowed = xborder(['check', join(dir, 'manifests'), '--allow-empty', '-q']);
    expect(allowed.code).toBe(0);
    // The text report of nothing is its summary line alone, with no blank lines before it.
    expect(allowed.stdout).toBe('0 checked: 0 pass, 0 review, 0 fail\n');
  });
  it('a glob that matches nothing is exit 2', () => {
    expect(xborder(['check', 'examples/manifests/*.nothing.yaml']).code).toBe(2);
  });
  it('an empty folder beside a passing manifest is exit 2 too (check and validate), the manifest still reported; --allow-empty makes it 0', () => {
    const dir = tmp();
    mkdirSync(join(dir, 'manifests'));
    const r = xborder(['check', join(dir, 'manifests'), PASS, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`no manifests found in ${join(dir, 'manifests')}`);
    expect((JSON.parse(r.stdout) as { verdict: string }[]).map((v) => v.verdict)).toEqual(['pass']);
    expect(xborder(['check', join(dir, 'manifests'), PASS, '--allow-empty', '-q']).code).toBe(0);
    expect(xborder(['validate', PASS, join(dir, 'manifests')]).code).toBe(2);
    expect(xborder(['validate', PASS, join(dir, 'manifests'), '--allow-empty']).code).toBe(0);
  });
});

describe('a closed stdout ends the run quietly', () => {
  for (const format of ['json', 'sarif', 'text', 'ndjson']) {
    it(`check --format ${format} | head -1: no stack trace, no internal error`, () => {
      // Enough manifests that the report outgrows the pipe buffer after head has gone.
      const inputs = Array.from({ length: 40 }, () => 'examples/manifests').join(' ');
      const r = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" check ${inputs} --jobs 1 --format ${format} | head -1`], { cwd: ROOT, encoding: 'utf8' });
      expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(1);
      expect(r.stderr).not.toMatch(/EPIPE|internal error|at .*\.js:\d+/);
    });
  }
});

describe('a report that cannot be written to stdout is exit 2', () => {
  it.runIf(existsSync('/dev/full'))('check and validate > /dev/full: one line naming the error, exit 2 whatever the verdict, no stack trace', () => {
    for (const args of [['check', PASS, '--format', 'json'], ['check', FAIL], ['validate', PASS]]) {
      const r = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" ${args.join(' ')} > /dev/full`], { cwd: ROOT, encoding: 'utf8' });
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toContain('cannot write to standard output: ENOSPC');
      expect(r.stderr).not.toMatch(/at .*\.js:\d+|throw err/);
    }
  });
  it.runIf(existsSync('/dev/full'))('2> /dev/full: the report is written and the exit code is the gate\'s (a pass crashed with exit 1)', () => {
    for (const [file, code] of [[PASS, 0], [FAIL, 1]] as const) {
      const r = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" check ${file} --format json 2> /dev/full`], { cwd: ROOT, encoding: 'utf8' });
      expect([file, r.status]).toEqual([file, code]);
      expect(JSON.parse(r.stdout)).toHaveLength(1);
    }
  });
});

describe('annotation and SARIF levels follow the gate', () => {
  const review = 'examples/manifests/review-unknown-category.yaml';
  it('a review under --fail-on review is an error annotation and SARIF error; under the default a warning', () => {
    const gated = xborder(['check', review, '--format', 'github', '--fail-on', 'review']);
    expect(gated.code).toBe(1);
    expect(gated.stdout).toMatch(/^::error /m);
    expect(xborder(['check', review, '--format', 'github']).stdout).toMatch(/^::warning /m);
    const sarif = JSON.parse(xborder(['check', review, '--format', 'sarif', '--fail-on', 'review']).stdout) as { runs: { results: { level: string }[] }[] };
    expect(sarif.runs[0]?.results.map((x) => x.level)).toContain('error');
  });
});

describe('folder walks check the manifests of a project, not everything in it', () => {
  it('skip node_modules, dot-folders, .gitignore and --exclude; count YAML/JSON that is not a manifest; a named file still counts', () => {
    const dir = tmp();
    const manifest = readFileSync(join(ROOT, FAIL), 'utf8');
    const files: Record<string, string> = {
      'transfers/a.yaml': manifest,
      'transfers/drafts/b.yaml': manifest, // ignored by .gitignore
      'transfers/old/c.yaml': manifest, // --exclude
      'node_modules/pkg/package.json': '{"name": "pkg"}',
      '.git/config.json': '{}',
      '.github/workflows/ci.yml': 'on: push\n',
      'transfers/tool-settings.json': '{"indent": 2}',
      'transfers/k8s.yaml': 'apiVersion: v1\nkind: ConfigMap\n',
      // Quoted keys: not recognised as a manifest mark, so it must be checked (never skipped in silence).
      'transfers/quoted.yaml': manifest.replace(/^kind:/m, "'kind':").replace(/^apiVersion:/m, "'apiVersion':"),
      '.gitignore': 'transfers/drafts/\n',
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const r = spawnSync(process.execPath, [BIN, 'check', '.', '--exclude', 'transfers/old/**', '--format', 'ndjson'], { cwd: dir, encoding: 'utf8' });
    expect(r.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { source: string }).source)).toEqual(['transfers/a.yaml', 'transfers/quoted.yaml']);
    expect(r.stderr).toContain('skipped 2 YAML/JSON files');
    expect(r.status).toBe(1);
    const named = spawnSync(process.execPath, [BIN, 'check', 'transfers/tool-settings.json', '--format', 'ndjson'], { cwd: dir, encoding: 'utf8' });
    expect(named.status).toBe(2);
    // A folder named on the command line is checked even though a .gitignore above it ignores it.
    const ignoredDir = spawnSync(process.execPath, [BIN, 'check', 'transfers/drafts', '--format', 'ndjson'], { cwd: dir, encoding: 'utf8' });
    expect(ignoredDir.stdout.trim().split('\n')).toHaveLength(1);
  });
  it('a .gitignore above the walked folder counts only inside a git repository, up to its top', () => {
    const top = tmp();
    const manifest = readFileSync(join(ROOT, FAIL), 'utf8');
    // A stray ignore file above everything (as ~/.gitignore or /tmp/.gitignore may be), and one above the repository.
    writeFileSync(join(top, '.gitignore'), '*.yaml\n');
    for (const path of ['loose/m.yaml', 'outer/repo/sub/m.yaml']) {
      mkdirSync(join(top, path, '..'), { recursive: true });
      writeFileSync(join(top, path), manifest);
    }
    const walk = (dir: string) => spawnSync(process.execPath, [BIN, 'check', dir, '--format', 'ndjson'], { cwd: top, encoding: 'utf8' });
    const sources = (r: ReturnType<typeof walk>): string[] => r.stdout.trim().split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { source: string }).source);
    // Outside a repository: the parent's *.yaml does not leave the manifest unchecked.
    const loose = walk('loose');
    expect(sources(loose)).toEqual(['loose/m.yaml']);
    expect(loose.stderr).not.toContain('left out');
    expect(loose.status).toBe(1);
    // Inside one: its .gitignore files count up to its top (here none), and nothing above it does.
    mkdirSync(join(top, 'outer/repo/.git'));
    expect(sources(walk('outer/repo/sub'))).toEqual(['outer/repo/sub/m.yaml']);
    // A .gitignore inside the repository, above the walked folder, is obeyed (the manifest is left out and counted).
    writeFileSync(join(top, 'outer/repo/.gitignore'), 'sub/*.yaml\n');
    const inRepo = walk('outer/repo/sub');
    expect(sources(inRepo)).toEqual([]);
    // The walked tree's own .gitignore counts outside a repository too.
    writeFileSync(join(top, 'loose/.gitignore'), 'm.yaml\n');
    expect(sources(walk('loose'))).toEqual([]);
  });
  it('a file with an exporter and a mistyped kind is a broken manifest (exit 2), never left out', () => {
    const dir = tmp();
    const manifest = readFileSync(join(ROOT, FAIL), 'utf8');
    writeFileSync(join(dir, 'typo.yaml'), manifest.replace(/^kind: .*$/m, 'kind: transfermanifest').replace(/^apiVersion: .*$/m, 'apiVersion: v1'));
    writeFileSync(join(dir, 'typo.json'), JSON.stringify({ kind: 'Manifest', exporter: { name: 'X' } }));
    const r = spawnSync(process.execPath, [BIN, 'check', '.', '--format', 'ndjson'], { cwd: dir, encoding: 'utf8' });
    expect(r.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { source: string; error?: unknown }).error !== undefined)).toEqual([true, true]);
    expect(r.status).toBe(2);
  });
  it('worker threads leave out and count what is not a manifest, like the in-process run (files are read once, by the worker)', () => {
    const dir = tmp();
    const manifest = readFileSync(join(ROOT, FAIL), 'utf8');
    // Enough files for the batch to go to worker threads (src/app/check.ts MIN_PARALLEL).
    for (let i = 0; i < 80; i++) writeFileSync(join(dir, `m${String(i).padStart(3, '0')}.yaml`), manifest.replace(/^id: .*$/m, `id: tm-${i}`));
    for (let i = 0; i < 7; i++) writeFileSync(join(dir, `other${i}.yaml`), 'apiVersion: v1\nkind: ConfigMap\n');
    for (const jobs of ['1', '2']) {
      const r = spawnSync(process.execPath, [BIN, 'check', '.', '--jobs', jobs, '--format', 'ndjson'], { cwd: dir, encoding: 'utf8' });
      expect(r.stdout.trim().split('\n')).toHaveLength(80);
      expect(r.stderr).toContain('skipped 7 YAML/JSON files');
      expect(r.status).toBe(1);
    }
  });
});
