/**
 * Issue 12, through the built CLI: tables aligned by display width (a Chinese character takes two columns), a CSV
 * export Excel opens as UTF-8 (byte order mark), and folder walks that say how much they left out.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { BIN, ROOT, xborder } from '../helpers/cli.js';

const temp = (): string => mkdtempSync(join(tmpdir(), 'xborder-display-'));

/** The display column of every " | " and "  " column break on each line of a table. */
const breaks = (line: string, sep: string): number[] => {
  const out: number[] = [];
  for (let i = line.indexOf(sep); i !== -1; i = line.indexOf(sep, i + sep.length)) out.push(stringWidth(line.slice(0, i)));
  return out;
};

describe('tables aligned by display width', () => {
  it('zones --lang zh: every row breaks at the same display columns as the header', () => {
    const r = xborder(['zones', '--lang', 'zh', 'examples/manifests/review-beijing-retail-partial-scenario.yaml']);
    expect(r.code, r.stderr).toBe(0);
    const [head, , ...rows] = r.stdout.split('\n\n')[0]!.split('\n');
    expect(rows.length).toBeGreaterThan(3);
    for (const row of rows) expect(breaks(row, ' | '), row).toEqual(breaks(head!, ' | '));
  });

  it('ledger show: a Chinese exporter name and an ASCII one end their column at the same display width', () => {
    const dir = temp();
    const db = join(dir, 'ledger.db');
    const manifest = readFileSync(join(ROOT, 'examples/manifests/pass-sme-80k-below-threshold.yaml'), 'utf8').replace(/^\s*uscc: .*\n/m, '');
    const named = (name: string, id: string): string => {
      const file = join(dir, `${id}.yaml`);
      writeFileSync(file, manifest.replace(/^(\s*)name: .*$/m, `$1name: ${name}`).replace(/^id: .*$/m, `id: ${id}`));
      return file;
    };
    expect(xborder(['ledger', 'record', '--ledger', db, named('杭州小微电子商务有限公司', 'tm-a'), named('Acme Trading Ltd', 'tm-b')]).code).toBe(0);
    const show = xborder(['ledger', 'show', '--ledger', db]);
    expect(show.code, show.stderr).toBe(0);
    const lines = show.stdout.trimEnd().split('\n');
    const yearAt = (line: string): number => stringWidth(line.slice(0, line.search(/\s\d{4}\s/) + 1));
    const [chinese, ascii] = [lines.find((l) => l.startsWith('杭州'))!, lines.find((l) => l.startsWith('Acme'))!];
    expect(yearAt(chinese)).toBe(yearAt(ascii));

    // CSV: a UTF-8 byte order mark first, so Excel on a Chinese system does not read it as GBK.
    const csv = join(dir, 'totals.csv');
    expect(xborder(['ledger', 'export', '--ledger', db, '--format', 'csv', '--output', csv]).code).toBe(0);
    const bytes = readFileSync(csv);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('杭州小微电子商务有限公司');
    expect(xborder(['ledger', 'export', '--ledger', db, '--format', 'csv']).stdout.startsWith('\uFEFFexporter,')).toBe(true);
    expect(xborder(['ledger', 'export', '--ledger', db, '--format', 'json']).stdout.startsWith('[')).toBe(true); // JSON has none
  });
});

describe('folder walks say what they left out', () => {
  it('counts the folders and YAML/JSON files left out by dot-folders, node_modules, .gitignore and --exclude', () => {
    const dir = temp();
    const one = readFileSync(join(ROOT, 'examples/manifests/pass-sme-80k-below-threshold.yaml'), 'utf8');
    for (const sub of ['m', '.hidden', 'node_modules/pkg', 'build', 'drafts']) mkdirSync(join(dir, sub), { recursive: true });
    writeFileSync(join(dir, '.gitignore'), 'build/\n*.tmp.yaml\n');
    writeFileSync(join(dir, 'm', 'a.yaml'), one);
    writeFileSync(join(dir, 'm', 'b.tmp.yaml'), one); // .gitignore: a file
    writeFileSync(join(dir, '.hidden', 'c.yaml'), one); // dot-folder
    writeFileSync(join(dir, 'node_modules', 'pkg', 'package.json'), '{}');
    writeFileSync(join(dir, 'build', 'd.yaml'), one); // .gitignore: a folder
    writeFileSync(join(dir, 'drafts', 'e.yaml'), one); // --exclude
    // --exclude is relative to the working directory: run inside the project.
    const run = (...extra: string[]) => spawnSync(process.execPath, [BIN, 'check', '.', '--exclude', 'drafts/', '--format', 'json', ...extra], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const r = run();
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveLength(1);
    // Folders are counted, not walked (.hidden, node_modules, build, drafts); files when a manifest could have the
    // name (b.tmp.yaml; the dot-file .gitignore is not YAML or JSON).
    expect(r.stderr).toContain('left out 4 folders and 1 YAML/JSON file of the folder walk');
    const zh = run('--lang', 'zh');
    expect(zh.stderr).toContain('遍历文件夹时略过 4 个文件夹和 1 个 YAML/JSON 文件');
  });

  it('without a .gitignore or --exclude, leaves out dot-folders, dot-files and node_modules only (names alone)', () => {
    const dir = temp();
    const one = readFileSync(join(ROOT, 'examples/manifests/pass-sme-80k-below-threshold.yaml'), 'utf8');
    for (const sub of ['m', '.hidden', 'node_modules/pkg', 'build']) mkdirSync(join(dir, sub), { recursive: true });
    writeFileSync(join(dir, 'm', 'a.yaml'), one);
    writeFileSync(join(dir, 'm', '.b.yaml'), one); // dot-file
    writeFileSync(join(dir, '.hidden', 'c.yaml'), one);
    writeFileSync(join(dir, 'node_modules', 'pkg', 'd.yaml'), one);
    writeFileSync(join(dir, 'build', 'e.yaml'), one); // checked: no .gitignore says otherwise
    const r = spawnSync(process.execPath, [BIN, 'check', '.', '--format', 'json'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.status, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { source: string }[]).map((x) => x.source).sort()).toEqual(['build/e.yaml', 'm/a.yaml']);
    expect(r.stderr).toContain('left out 2 folders and 1 YAML/JSON file of the folder walk');
  });

  it('says nothing when nothing was left out', () => {
    const r = xborder(['check', 'examples/manifests', '--format', 'json']);
    expect(r.stderr).not.toContain('left out');
  });
});
