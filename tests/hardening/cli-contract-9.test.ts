/**
 * Contract breaches of the command line an adversarial round found and left open (December 2026), through the built
 * CLI. Every `it` failed before its fix unless it is named a control.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliIn as cli, ROOT, type Run } from './cli-run.js';
import { BASE_MANIFEST, manifestWith, yamlOf } from '../helpers/manifests.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'xborder-contract9-'));
const write = (dir: string, name: string, text: string): string => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

const NOTHING_BEFORE = { personalInformation: { priorThisYear: { individuals: 0, sensitiveIndividuals: 0 } } };
/** A transfer of 5,000 people, below every threshold, that passes. */
const manifest = (id: string, exporter: string): string =>
  yamlOf(manifestWith(BASE_MANIFEST, NOTHING_BEFORE, { id, exporter: { name: exporter }, personalInformation: { individuals: 5_000 } }));

// -o was used only when exactly one report had no file of its own; otherwise it was dropped without a word, and the
// user found no report where they asked for it.
describe('check: --output that no report would go to is a usage error (exit 2), naming both', () => {
  const project = (): string => {
    const d = tmp();
    write(d, 'm.yaml', manifest('m', 'Output Co'));
    return d;
  };

  it('--format json=a.json with -o b.json: exit 2, nothing written', () => {
    const d = project();
    const r = cli(d, ['check', '--no-config', 'm.yaml', '--format', 'json=a.json', '-o', 'b.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--output b.json');
    expect(r.stderr).toContain('json=a.json');
    expect(existsSync(join(d, 'a.json')) || existsSync(join(d, 'b.json'))).toBe(false);
  });

  it("the configuration's format: [json=out.json] with -o b.json: exit 2, naming the configuration's format", () => {
    const d = project();
    write(d, '.xborder.yaml', 'format: [json=out.json]\n');
    const r = cli(d, ['check', 'm.yaml', '-o', 'b.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--output b.json');
    expect(r.stderr).toMatch(/configuration's format json=\S*out\.json/);
    expect(existsSync(join(d, 'out.json')) || existsSync(join(d, 'b.json'))).toBe(false);
  });

  it('several formats with -o: exit 2 (-o names the file of the one report)', () => {
    const d = project();
    const r = cli(d, ['check', '--no-config', 'm.yaml', '--format', 'json=a.json', '--format', 'text', '-o', 'b.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--output b.json');
    expect(existsSync(join(d, 'b.json'))).toBe(false);
  });

  it('control: one format without a file and -o writes the report there (exit 0)', () => {
    const d = project();
    const r = cli(d, ['check', '--no-config', 'm.yaml', '--format', 'json', '-o', 'b.json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(d, 'b.json'), 'utf8'))).toHaveLength(1);
    write(d, '.xborder.yaml', 'format: [json]\n');
    expect(cli(d, ['check', 'm.yaml', '-o', 'c.json']).code).toBe(0);
    expect(JSON.parse(readFileSync(join(d, 'c.json'), 'utf8'))).toHaveLength(1);
  });
});

// A folder whose every file declares another kind was skipped file by file ("skipped N files") and, beside an input
// that had manifests, passed the gate: the same renamed-folder hole an empty folder was closed for.
describe('check and validate: a folder whose every file is not a manifest counts as a folder with no manifest', () => {
  const CONFIG_MAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: not-a-manifest }\n';
  const project = (manifests = 1): string => {
    const d = tmp();
    mkdirSync(join(d, 'm'));
    mkdirSync(join(d, 'other'));
    for (let i = 0; i < manifests; i++) write(join(d, 'm'), `m${i}.yaml`, manifest(`m${i}`, `Folder Co ${i}`));
    write(join(d, 'other'), 'cm.yaml', CONFIG_MAP);
    write(join(d, 'other'), 'cm2.json', JSON.stringify({ apiVersion: 'v1', kind: 'Secret' }));
    return d;
  };

  it('check: exit 2 naming the folder; the manifests beside it are still reported', () => {
    const d = project();
    const r = cli(d, ['check', '--no-config', 'm', 'other', '--format', 'json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toHaveLength(1);
    expect(r.stderr).toContain('skipped 2 YAML/JSON files');
    expect(r.stderr).toContain('no manifests found in other');
  });

  it('check on worker threads (a streamed report rendered by the workers): exit 2, and SARIF says the run failed', () => {
    const d = project(70);
    const r = cli(d, ['check', '--no-config', 'm', 'other', '--format', 'ndjson', '--jobs', '2']);
    expect(r.code).toBe(2);
    expect(r.stdout.trim().split('\n')).toHaveLength(70);
    expect(r.stderr).toContain('no manifests found in other');
    const sarif = cli(d, ['check', '--no-config', 'm', 'other', '--format', 'sarif', '--jobs', '2']);
    expect(sarif.code).toBe(2);
    expect(JSON.parse(sarif.stdout).runs[0].invocations[0]).toMatchObject({ exitCode: 2, executionSuccessful: false });
  });

  it('validate: exit 2 naming the folder', () => {
    const d = project();
    const r = cli(d, ['validate', '--no-config', 'm', 'other']);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('valid (m0)');
    expect(r.stderr).toContain('no manifests found in other');
  });

  it('control: --allow-empty lets it through (exit 0); a folder with a manifest beside the other kinds passes', () => {
    const d = project();
    expect(cli(d, ['check', '--no-config', 'm', 'other', '--allow-empty', '--format', 'json']).code).toBe(0);
    expect(cli(d, ['validate', '--no-config', 'm', 'other', '--allow-empty']).code).toBe(0);
    write(join(d, 'other'), 'real.yaml', manifest('real', 'Other Co'));
    const r = cli(d, ['check', '--no-config', 'm', 'other', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('skipped 2 YAML/JSON files');
    expect(r.stderr).not.toContain('no manifests found');
    expect(cli(d, ['validate', '--no-config', 'm', 'other']).code).toBe(0);
  });
});

// `pack coverage -o` refused a pack it read; `pack diff -o` and `pack changelog -o` wrote over one (exit 0) and the
// next diff compared a markdown report as a rule pack.
describe('pack diff and pack changelog: -o over a file they read is exit 2, the file untouched', () => {
  const project = (): string => {
    const d = tmp();
    cpSync(join(ROOT, 'rules'), join(d, 'base'), { recursive: true });
    cpSync(join(ROOT, 'rules'), join(d, 'head'), { recursive: true });
    write(d, 'm.yaml', manifest('m', 'Diff Co'));
    return d;
  };
  const untouched = (d: string, file: string, run: () => Run): Run => {
    const before = readFileSync(join(d, file), 'utf8');
    const r = run();
    expect(readFileSync(join(d, file), 'utf8')).toBe(before);
    return r;
  };

  it('pack diff -o a head or a base pack, or a corpus manifest', () => {
    const d = project();
    for (const file of ['head/cn-national/pack.yaml', 'base/cn-national/pack.yaml']) {
      const r = untouched(d, file, () => cli(d, ['pack', 'diff', '--base', 'base', '--head', 'head', '--corpus', 'm.yaml', '-o', file]));
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`the report file ${file} is a file this run reads`);
    }
    const r = untouched(d, 'm.yaml', () => cli(d, ['pack', 'diff', '--base', 'base', '--head', 'head', '--corpus', 'm.yaml', '-o', 'm.yaml']));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('m.yaml');
  });

  it('pack changelog -o a head or a base pack', () => {
    const d = project();
    for (const file of ['head/cn-national/pack.yaml', 'base/cn-national/pack.yaml']) {
      const r = untouched(d, file, () => cli(d, ['pack', 'changelog', '--base', 'base', '--head', 'head', '-o', file]));
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`the report file ${file} is a file this run reads`);
    }
  });

  it('control: -o elsewhere writes the report (exit 0)', () => {
    const d = project();
    expect(cli(d, ['pack', 'diff', '--base', 'base', '--head', 'head', '--corpus', 'm.yaml', '-o', 'diff.md']).code).toBe(0);
    expect(readFileSync(join(d, 'diff.md'), 'utf8').length).toBeGreaterThan(0);
    expect(cli(d, ['pack', 'changelog', '--base', 'base', '--head', 'head', '-o', 'notes.md']).code).toBe(0);
    expect(readFileSync(join(d, 'notes.md'), 'utf8').length).toBeGreaterThan(0);
  });
});

// Node 20's mkdirSync(path, { recursive: true }) spins forever on /proc/x (the parent exists, mkdir says ENOENT): the
// compiled-pack cache and the ledger created their folders so, and the run hung at full CPU until killed.
describe.skipIf(process.platform !== 'linux')('a folder that cannot be created (/proc/x) fails instead of hanging', () => {
  it('XBORDER_CACHE_DIR=/proc/x: no cache, as for an unwritable cache folder (exit 0)', () => {
    const d = tmp();
    const version = cli(d, ['--version'], { XBORDER_CACHE_DIR: '/proc/x' });
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+/);
    write(d, 'm.yaml', manifest('m', 'Cache Co'));
    const r = cli(d, ['check', '--no-config', 'm.yaml', '--format', 'json'], { XBORDER_CACHE_DIR: '/proc/x/y' });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)[0].verdict).toBe('pass');
  });

  it('ledger record --ledger /proc/x/l.db: exit 2 naming the folder', () => {
    const d = tmp();
    write(d, 'm.yaml', manifest('m', 'Ledger Co'));
    const r = cli(d, ['ledger', 'record', 'm.yaml', '--no-config', '--ledger', '/proc/x/l.db']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot create the folder /proc/x (no such file or directory)');
    const zh = cli(d, ['ledger', 'record', 'm.yaml', '--no-config', '--ledger', '/proc/x/l.db', '--lang', 'zh']);
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain('无法创建文件夹 /proc/x（文件或文件夹不存在）');
  });

  it('control: a ledger in folders that do not exist yet creates them, one level at a time (exit 0)', () => {
    const d = tmp();
    write(d, 'm.yaml', manifest('m', 'Ledger Co'));
    expect(cli(d, ['ledger', 'record', 'm.yaml', '--no-config', '--ledger', 'a/b/c/l.db']).code).toBe(0);
    expect(existsSync(join(d, 'a/b/c/l.db'))).toBe(true);
    write(d, 'file', '');
    const r = cli(d, ['ledger', 'record', 'm.yaml', '--no-config', '--ledger', 'file/x/l.db']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not a folder');
  });
});
