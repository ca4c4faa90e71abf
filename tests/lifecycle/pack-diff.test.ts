/**
 * `pack diff` through the built CLI: publishing Beijing's 2026 list next to the 2024 one, replayed over the
 * examples and the Beijing pack-test manifests, moves exactly the manifests the new list governs.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergePatch } from '../../src/packtest/merge-patch.js';
import { ROOT, xborder } from '../helpers/cli.js';

let dir: string;
const base = (): string => join(dir, 'base');
const corpus = (): string => join(dir, 'corpus');
/** How many bundled examples the corpus holds (they grow as packs are added). */
const examples = (): number => readdirSync(join(ROOT, 'examples/manifests')).length;
const diff = (...args: string[]): ReturnType<typeof xborder> =>
  xborder(['pack', 'diff', '--base', base(), '--head', join(ROOT, 'rules'), '--corpus', join(ROOT, 'examples/manifests'), corpus(), ...args]);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'xborder-diff-'));
  // Base: the bundled packs before the 2026 list was added.
  cpSync(join(ROOT, 'rules'), base(), { recursive: true });
  for (const f of readdirSync(join(base(), 'zone-beijing'))) if (f.startsWith('two-zones-2026.')) rmSync(join(base(), 'zone-beijing', f));
  // The Beijing pack-test cases as manifest files.
  mkdirSync(corpus());
  for (const t of ['tests.yaml', 'two-zones-2026.tests.yaml']) {
    const suite = parse(readFileSync(join(ROOT, 'rules/zone-beijing', t), 'utf8')) as { base: object; cases: { manifest?: object; patch?: object }[] };
    suite.cases.forEach((c, i) => writeFileSync(join(corpus(), `${t.replace('.yaml', '')}-${i}.json`), JSON.stringify(c.manifest ?? mergePatch(suite.base, c.patch ?? {}))));
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pack diff', () => {
  it('shows no transition while only the 2024 list is in force', () => {
    const r = diff('--as-of', '2025-06-01', '-f', 'json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.impact.transitions).toEqual({});
    expect(j.impact.unchanged).toBe(j.impact.manifests);
  });

  it('after 2026-05-11, the 2026 list moves the Beijing manifests it governs, and nothing else', () => {
    const r = diff('--as-of', '2026-06-01', '-f', 'json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.impact.manifests).toBe(examples() + readdirSync(corpus()).length);
    // What moves, re-derived from the packs of issue 10: the 2024 list ends on 2026-05-11, so in the base nothing
    // Beijing is in force on 2026-06-01 (a named Beijing scenario is unknown: review; a listed automotive category is
    // unknown: review). In the head the 2026 edition is in force and inherits the 2024 table:
    // - a named scenario is encoded only in part (every zone scenario is partial): beijing.scenario.partial gives
    //   review, so the national contract duty that failed becomes review (fail → review), never an exemption;
    const partial = j.impact.groups.find((g: { rule: string; direction: string }) => g.rule === 'beijing.scenario.partial=review' && g.direction === 'fires');
    expect(partial.transitions['fail-to-review']).toBeGreaterThan(0);
    expect(partial.samples).toContain('examples/manifests/review-beijing-retail-partial-scenario.yaml');
    expect(j.impact.groups.some((g: { rule: string }) => g.rule === 'beijing.exempt.unlisted=pass')).toBe(false);
    // - listed automotive important data (inherited entries) needs a security assessment: review → fail, or
    //   review → pass where the manifest holds an approved assessment.
    const video = j.impact.groups.find((g: { rule: string }) => g.rule === 'beijing.automotive.exterior-video=fail');
    expect(video.transitions['review-to-fail']).toBeGreaterThan(0);
    expect(video.samples).toContain('examples/manifests/fail-beijing-automotive-exterior-video.yaml');
    // Nothing that failed passes, and nothing that passed fails.
    expect(j.impact.transitions['fail-to-pass']).toBeUndefined();
    expect(j.impact.transitions['pass-to-fail']).toBeUndefined();
    // Every moved manifest is a Beijing one.
    for (const g of j.impact.groups) for (const s of g.samples) expect(s).toMatch(/beijing|zone-beijing|tests-|two-zones/);
    const bj = j.packs.find((p: { pack: string }) => p.pack === 'zone-beijing-2026');
    expect(bj).toMatchObject({ status: 'added', base: 'zone-beijing-2024 2024.7.0' });
    // The edition is compared as it is in force (merged over the one it extends), its table row by row: the new
    // sectors' scenarios are added, and nothing it inherits shows as removed.
    const added = bj.changes.filter((c: { section: string; change: string }) => c.section === 'list.scenarios' && c.change === 'added').map((c: { id: string }) => c.id);
    expect(added).toEqual(expect.arrayContaining(['beijing.banking', 'beijing.icv']));
    expect(bj.changes.filter((c: { change: string }) => c.change === 'removed')).toEqual([]);
    expect(bj.changes).toContainEqual(expect.objectContaining({ section: 'metadata', id: 'effective', change: 'changed', fields: ['from', 'to'] }));
  });

  it('on worker threads the report is the same', () => {
    const one = diff('--as-of', '2026-06-01', '-f', 'json');
    const two = diff('--as-of', '2026-06-01', '-f', 'json', '--jobs', '2');
    expect(two.code).toBe(0);
    expect(JSON.parse(two.stdout)).toEqual(JSON.parse(one.stdout));
  });

  it('--fail-on gates on the transitions that occurred', () => {
    const tripped = diff('--as-of', '2026-06-01', '--fail-on', 'pass-to-fail,review-to-fail');
    expect(tripped.code).toBe(1);
    expect(tripped.stdout).toMatch(/Gate failed: review → fail/);
    expect(diff('--as-of', '2026-06-01', '--fail-on', 'pass-to-fail,fail-to-pass').code).toBe(0);
    const bad = diff('--fail-on', 'pass-to-maybe');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown transition "pass-to-maybe"/);
  });

  it('markdown fits a pull-request comment', () => {
    const r = diff('--as-of', '2026-06-01', '-f', 'markdown');
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBeLessThanOrEqual(65_536);
    expect(r.stdout).toMatch(/\| fail → review \| \d+ \|/);
    expect(r.stdout).toContain('| `beijing.scenario.partial=review` | newly fires |');
  });

  it('takes a git ref as the base: the committed packs against themselves change nothing', () => {
    const r = xborder(['pack', 'diff', '--base', 'HEAD', '--head', 'rules', '--corpus', 'examples/manifests', '-f', 'json']);
    expect(r.stderr).toBe('');
    const j = JSON.parse(r.stdout);
    expect(j.impact.unchanged).toBe(examples());
    expect(j.packs.every((p: { status: string }) => p.status === 'unchanged')).toBe(true);
    expect(xborder(['pack', 'diff', '--base', 'no-such-ref', '--head', 'rules', '--corpus', 'examples/manifests']).stderr)
      .toMatch(/--base no-such-ref: neither a pack directory nor a git ref/);
  });

  it('base packs that do not load here: exit 2, and the message says they are the base', () => {
    const old = join(dir, 'old-release');
    cpSync(join(ROOT, 'rules'), old, { recursive: true });
    const gba = join(old, 'cn-gba', 'pack.yaml');
    // What a pack of the release before the tri-state onward-transfer fact says; this release refuses it.
    writeFileSync(gba, readFileSync(gba, 'utf8').replace("fact: mechanisms.gbaOnwardOutsideGba, equals: 'no'", 'fact: mechanisms.gbaOnwardOutsideGba, equals: false'));
    const r = xborder(['pack', 'diff', '--base', old, '--head', 'rules', '--corpus', 'examples/manifests']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"mechanisms.gbaOnwardOutsideGba" is text; got false');
    expect(r.stderr).toContain(`those are the base packs (--base ${old})`);
  });

  it('pack changelog writes bilingual release notes from the structural diff', () => {
    const r = xborder(['pack', 'changelog', '--base', base(), '--head', join(ROOT, 'rules')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^## zone-beijing-2026 2026\.7\.0 — .+ \/ 北京/m);
    expect(r.stdout).toContain('Replaces / 取代: zone-beijing-2024 2024.7.0');
    expect(r.stdout).toContain('In force / 施行: 2026-05-11 → open / 未定');
    expect(r.stdout).toContain('### Zone list scenarios / 清单场景');
    expect(r.stdout).toMatch(/^- `beijing\.banking` — Banking: .+ \/ 银行.+: added \/ 新增$/m);
    expect(r.stdout).not.toContain('removed / 删除');
    expect(r.stdout).not.toContain('cn-national');
  });
});
