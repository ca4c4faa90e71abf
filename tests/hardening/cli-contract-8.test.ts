/**
 * Contract breaches of the command line the seventh adversarial round found (December 2026, /tmp/hunt7 F05, F07,
 * F10, F12, F13, and the XBORDER_TODAY clock), through the built CLI. Every `it` failed before its fix unless it
 * is named a control.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { cliIn as cli, ROOT, type Run } from './cli-run.js';
import { BASE_MANIFEST, manifestWith, yamlOf } from '../helpers/manifests.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'xborder-contract8-'));
const write = (dir: string, name: string, text: string): string => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

const NOTHING_BEFORE = { personalInformation: { priorThisYear: { individuals: 0, sensitiveIndividuals: 0 } } };
/** One exporter's transfer of `individuals` people on `date`, with nothing before it stated in the manifest. */
const transfer = (id: string, date: string, individuals: number): string =>
  yamlOf(manifestWith(BASE_MANIFEST, NOTHING_BEFORE, { id, date, exporter: { name: 'Ledger Co' }, personalInformation: { individuals } }));

const verdicts = (json: string): string[] => (JSON.parse(json) as { verdict: string }[]).map((v) => v.verdict);

// F05. README suggests XBORDER_LEDGER for PostgreSQL checkers and the ledger commands record into it, yet `check`
// read a ledger only with --ledger or `ledger:`: with the variable set it read none and passed 50,000 people whose
// year total in the ledger was 110,000.
describe('check and report read XBORDER_LEDGER when neither --ledger nor the configuration names a ledger', () => {
  const project = (): { dir: string; ledger: string } => {
    const dir = tmp();
    write(dir, 'l1.yaml', transfer('l1', '2026-02-01', 60_000));
    write(dir, 'l4.yaml', transfer('l4', '2026-04-01', 50_000));
    const ledger = join(dir, 'led.db');
    expect(cli(dir, ['ledger', 'record', 'l1.yaml', '--no-config', '--ledger', ledger]).code).toBe(0);
    return { dir, ledger };
  };

  it('check: the 60,000 recorded before count (fail, exit 1), as with --ledger', () => {
    const { dir, ledger } = project();
    const viaEnv = cli(dir, ['check', '--no-config', 'l4.yaml', '--format', 'json'], { XBORDER_LEDGER: ledger });
    expect(viaEnv.code).toBe(1);
    expect(verdicts(viaEnv.stdout)).toEqual(['fail']);
    expect(JSON.parse(viaEnv.stdout)[0].countsSource).toBe('ledger');
    const viaFlag = cli(dir, ['check', '--no-config', 'l4.yaml', '--format', 'json', '--ledger', ledger]);
    expect(viaFlag.code).toBe(1);
    // Control: without a ledger named anywhere, none is read (the default file is never read by check).
    const none = cli(dir, ['check', '--no-config', 'l4.yaml', '--format', 'json']);
    expect([none.code, verdicts(none.stdout)]).toEqual([0, ['pass']]);
  });

  it('control: --ledger, then the configuration\'s ledger:, win over XBORDER_LEDGER', () => {
    const { dir, ledger } = project();
    const missing = join(dir, 'nope.db');
    expect(cli(dir, ['check', '--no-config', 'l4.yaml', '-q', '--ledger', ledger], { XBORDER_LEDGER: missing }).code).toBe(1);
    write(dir, '.xborder.yaml', `ledger: ${ledger}\n`);
    expect(cli(dir, ['check', 'l4.yaml', '-q'], { XBORDER_LEDGER: missing }).code).toBe(1);
    write(dir, '.xborder.yaml', 'ledger: nope.db\n');
    const configWins = cli(dir, ['check', 'l4.yaml', '-q'], { XBORDER_LEDGER: ledger });
    expect(configWins.code).toBe(2); // the configuration's (missing) ledger, not the variable's
    expect(configWins.stderr).not.toContain('XBORDER_LEDGER=');
  });

  it('a ledger XBORDER_LEDGER names must exist: exit 2, the variable named (en, zh), never a pass', () => {
    const { dir } = project();
    const r = cli(dir, ['check', '--no-config', 'l4.yaml', '--format', 'json'], { XBORDER_LEDGER: 'nope.db' });
    expect(r.code).toBe(2);
    expect(verdicts(r.stdout)).toEqual(['review']);
    expect(r.stderr).toContain('cannot open ledger XBORDER_LEDGER=nope.db: nope.db does not exist; check never creates a ledger');
    const zh = cli(dir, ['check', '--no-config', 'l4.yaml', '-q', '--lang', 'zh'], { XBORDER_LEDGER: 'nope.db' });
    expect(zh.stderr).toContain('无法打开台账 XBORDER_LEDGER=nope.db：nope.db 不存在');
  });

  it('report reads it too: the HTML shows the ledger\'s year total; a missing one is exit 2', () => {
    const { dir, ledger } = project();
    const r = cli(dir, ['report', '--no-config', 'l4.yaml'], { XBORDER_LEDGER: ledger });
    expect(r.code).toBe(1); // written; with the ledger's 110,000 the verdict fails the gate
    expect(r.stdout).toContain('110,000');
    expect(cli(dir, ['report', '--no-config', 'l4.yaml'], { XBORDER_LEDGER: 'nope.db' }).code).toBe(2);
  });

  it('the help says so', () => {
    const r = cli(tmp(), ['check', '--help']);
    expect(r.stdout).toMatch(/XBORDER_LEDGER +ledger when neither --ledger nor \.xborder\.yaml names one \(check, report and zones: it must exist\)/);
  });
});

// F07. findConfig walked up past the git repository's top: a stray .xborder.yaml in a parent folder (a home or
// checkout folder) changed the packs and the gate of every repository below it, unseen.
describe('.xborder.yaml is looked for up to the git repository\'s top only', () => {
  const layout = (gitAs: 'folder' | 'file' | 'none'): string => {
    const top = tmp();
    // failOn: review turns the review below into exit 1: the stray configuration's effect, if it is read.
    write(top, '.xborder.yaml', 'failOn: review\n');
    const repo = join(top, 'repo');
    mkdirSync(join(repo, 'sub'), { recursive: true });
    if (gitAs === 'folder') mkdirSync(join(repo, '.git'));
    if (gitAs === 'file') write(repo, '.git', 'gitdir: /elsewhere/.git/worktrees/repo\n'); // a worktree or submodule
    // Earlier transfers not stated: review (below the default gate, fail).
    write(join(repo, 'sub'), 'm.yaml', yamlOf(manifestWith(BASE_MANIFEST, { personalInformation: { individuals: 50_000 } })));
    return join(repo, 'sub');
  };

  it('a configuration above the repository (.git folder) is not read', () => {
    const r = cli(layout('folder'), ['check', 'm.yaml', '--format', 'json']);
    expect([r.code, verdicts(r.stdout)]).toEqual([0, ['review']]);
  });
  it('nor above a repository whose .git is a file (worktree, submodule)', () => {
    expect(cli(layout('file'), ['check', 'm.yaml', '-q']).code).toBe(0);
  });
  it('control: one at the repository\'s top is read', () => {
    const sub = layout('folder');
    write(join(sub, '..'), '.xborder.yaml', 'failOn: review\n');
    expect(cli(sub, ['check', 'm.yaml', '-q']).code).toBe(1);
  });
  it('control: outside any repository the search goes up as before', () => {
    expect(cli(layout('none'), ['check', 'm.yaml', '-q']).code).toBe(1);
  });
});

// F10. `check victim.yaml --output victim.yaml` wrote the report over the manifest; `check d/ --output
// d/report.json` exited 0, then 2 on the next run, which read the report (truncated by then) as a manifest.
describe('a report is never written over an input, nor read back as one', () => {
  const dir = (): string => {
    const d = tmp();
    write(d, 'm.yaml', transfer('m', '2026-05-06', 80_000));
    return d;
  };

  it('--output naming a manifest to check: exit 2, the path named, the manifest untouched (en, zh)', () => {
    const d = dir();
    const before = readFileSync(join(d, 'm.yaml'), 'utf8');
    const r = cli(d, ['check', '--no-config', 'm.yaml', '--output', 'm.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the report file m.yaml is also a manifest to check');
    expect(readFileSync(join(d, 'm.yaml'), 'utf8')).toBe(before);
    const zh = cli(d, ['check', '--no-config', 'm.yaml', '--output', './m.yaml', '--lang', 'zh']);
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain('报告文件 ./m.yaml 同时也是待检查的出境说明');
    expect(readFileSync(join(d, 'm.yaml'), 'utf8')).toBe(before);
  });

  it('--format sarif=<a manifest>, and the same file by another spelling (absolute path)', () => {
    const d = dir();
    const before = readFileSync(join(d, 'm.yaml'), 'utf8');
    expect(cli(d, ['check', '--no-config', 'm.yaml', '--format', 'sarif=m.yaml']).code).toBe(2);
    expect(cli(d, ['check', '--no-config', 'm.yaml', '--format', `junit=${join(d, 'm.yaml')}`, '--format', 'text']).code).toBe(2);
    expect(readFileSync(join(d, 'm.yaml'), 'utf8')).toBe(before);
  });

  it('a report kept in the folder it checks: the same result on every run', () => {
    for (const format of ['json', 'text']) {
      const d = dir();
      mkdirSync(join(d, 'm'));
      write(join(d, 'm'), 'a.yaml', transfer('a', '2026-05-06', 80_000));
      for (let run = 1; run <= 2; run++) {
        const r = cli(d, ['check', '--no-config', 'm/', '--format', format, '--output', `m/report.${format === 'json' ? 'json' : 'yaml'}`]);
        expect([format, run, r.code, r.stderr.trim()]).toEqual([format, run, 0, '1 checked: 1 pass, 0 review, 0 fail']);
      }
    }
  });

  it('a report over a manifest a folder walk would find: exit 2, the manifest untouched (the gate passed without it)', () => {
    const d = dir();
    mkdirSync(join(d, 'm'));
    write(join(d, 'm'), 'a.yaml', transfer('a', '2026-05-06', 80_000));
    const before = readFileSync(join(d, 'm', 'a.yaml'), 'utf8');
    const r = cli(d, ['check', '--no-config', 'm/', '--format', 'text=m/a.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the report file m/a.yaml holds a manifest');
    expect(readFileSync(join(d, 'm', 'a.yaml'), 'utf8')).toBe(before);
  });

  it('a report file too large to judge: refused unless it is a JSON array (an earlier JSON report)', () => {
    const d = dir();
    const pad = ' '.repeat(10_500_000);
    writeFileSync(join(d, 'big.yaml'), `apiVersion: xborder/v1\n#${pad}\n`);
    writeFileSync(join(d, 'old-report.json'), `[${pad}]`);
    const yaml = cli(d, ['check', '--no-config', 'm.yaml', '--output', 'big.yaml']);
    expect([yaml.code, yaml.stderr]).toEqual([2, expect.stringContaining('the report file big.yaml holds a manifest')]);
    expect(cli(d, ['check', '--no-config', 'm.yaml', '--format', 'json', '--output', 'old-report.json']).code).toBe(0);
  });

  // Hunt (December 2026): `--ledger l.db --output l.db` wrote the report over the ledger (the year's totals gone),
  // `ledger export --ledger l.db --output l.db` too (exit 0); `--waivers w.yaml -o w.yaml` over the waivers.
  it('a report over the ledger, the waivers or the configuration the run reads: exit 2, the file untouched', () => {
    const d = dir();
    expect(cli(d, ['ledger', 'record', '--no-config', '--ledger', 'l.db', 'm.yaml']).code).toBe(0);
    write(d, 'w.yaml', 'waivers: []\n');
    write(d, 'cfg.yaml', 'failOn: fail\n');
    const files = ['l.db', 'w.yaml', 'cfg.yaml'];
    const before = files.map((f) => readFileSync(join(d, f)));
    for (const args of [
      ['check', '--no-config', 'm.yaml', '--ledger', 'l.db', '--output', 'l.db'],
      ['check', '--no-config', 'm.yaml', '--ledger', 'sqlite:l.db', '--format', 'json=./l.db'],
      ['check', '--no-config', 'm.yaml', '--waivers', 'w.yaml', '--format', 'sarif=w.yaml'],
      ['check', '--config', 'cfg.yaml', 'm.yaml', '--output', 'cfg.yaml'],
      ['report', '--no-config', 'm.yaml', '--ledger', 'l.db', '--output', 'l.db'],
      ['ledger', 'export', '--ledger', 'l.db', '--output', 'l.db'],
    ]) {
      const r = cli(d, args);
      expect([args.join(' '), r.code]).toEqual([args.join(' '), 2]);
      expect(r.stderr).toContain('is a file this run reads');
    }
    expect(cli(d, ['check', '--no-config', 'm.yaml', '-q'], { XBORDER_LEDGER: 'l.db' }).code).toBe(0); // control: the ledger still reads
    expect(cli(d, ['check', '--no-config', 'm.yaml', '--output', 'l.db'], { XBORDER_LEDGER: 'l.db' }).code).toBe(2);
    expect(files.map((f) => readFileSync(join(d, f)))).toEqual(before);
    // `--ledger ''` reads the default ledger (ledger/spec.ts parseLedgerSpec): a report over it was written.
    expect(cli(d, ['ledger', 'record', '--no-config', 'm.yaml']).code).toBe(0);
    const defaultLedger = readFileSync(join(d, '.xborder/ledger.db'));
    expect(cli(d, ['check', '--no-config', 'm.yaml', '-q', '--ledger', '']).code).toBe(0); // control: it reads
    expect(cli(d, ['check', '--no-config', 'm.yaml', '--ledger', '', '--output', '.xborder/ledger.db']).code).toBe(2);
    expect(readFileSync(join(d, '.xborder/ledger.db'))).toEqual(defaultLedger);
    // A rule pack it loads, too.
    cpSync(join(ROOT, 'rules'), join(d, 'rules'), { recursive: true });
    const pack = readFileSync(join(d, 'rules/cn-national/pack.yaml'));
    expect(cli(d, ['check', '--no-config', 'm.yaml', '--pack', 'rules', '--output', 'rules/cn-national/pack.yaml']).code).toBe(2);
    expect(readFileSync(join(d, 'rules/cn-national/pack.yaml'))).toEqual(pack);
  });

  it('two reports to one file: exit 2', () => {
    const r = cli(dir(), ['check', '--no-config', 'm.yaml', '--format', 'sarif=out.txt', '--format', 'junit=./out.txt']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('two reports would go to ./out.txt');
  });
});

// F13. A report whose folder does not exist was "internal error: ENOENT: no such file or directory, open …".
describe('a report folder that does not exist is said as such', () => {
  it('en and zh, exit 2, before anything is checked', () => {
    const d = tmp();
    write(d, 'm.yaml', transfer('m', '2026-05-06', 80_000));
    const r = cli(d, ['check', '--no-config', 'm.yaml', '--output', 'no/such/x.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('xborder: cannot write the report to no/such/x.json: the folder no/such does not exist (xborder creates no folders); nothing was checked\n');
    const zh = cli(d, ['check', '--no-config', 'm.yaml', '--format', 'sarif=/nonexistent/x.sarif', '--lang', 'zh']);
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain('无法将报告写入 /nonexistent/x.sarif：文件夹 /nonexistent 不存在');
    expect(zh.stderr).not.toMatch(/internal error|ENOENT/);
  });
  it.each([
    [['pack', 'coverage', '-o', 'no/c.txt']],
    [['pack', 'changelog', '--base', 'RULES', '--head', 'RULES', '-o', 'no/c.md']],
    [['pack', 'diff', '--base', 'RULES', '--head', 'RULES', '--corpus', 'm.yaml', '-o', 'no/d.md']],
    [['ledger', 'export', '--no-config', '--ledger', 'LEDGER', '--output', 'no/l.csv']],
    [['report', '--no-config', 'm.yaml', '-o', 'no/r.html']],
  ])('the other commands\' output files too: %j', (args) => {
    const d = tmp();
    write(d, 'm.yaml', transfer('m', '2026-05-06', 80_000));
    expect(cli(d, ['ledger', 'record', '--no-config', '--ledger', 'x.db', 'm.yaml']).code).toBe(0);
    const r = cli(d, args.map((a) => (a === 'RULES' ? join(ROOT, 'rules') : a === 'LEDGER' ? 'x.db' : a)));
    expect(r.code).toBe(2);
    // report vets its files before reading anything, as check does: check's words for it.
    const said = args[0] === 'report' ? /^xborder: cannot write the report to no\/r\.html: the folder no does not exist \(xborder creates no folders\); nothing was checked\n$/
      : /^xborder( ledger)?: cannot write no\/\S+: the folder no does not exist \(xborder creates no folders\)\n$/;
    expect(r.stderr).toMatch(said);
  });
  it('a folder named as the report file: exit 2 with the path, not an internal error', () => {
    const d = tmp();
    write(d, 'm.yaml', transfer('m', '2026-05-06', 80_000));
    mkdirSync(join(d, 'out'));
    const r = cli(d, ['check', '--no-config', 'm.yaml', '--output', 'out']);
    expect([r.code, r.stderr]).toEqual([2, 'xborder: cannot write out: a folder, not a file\n']);
  });
});

// F12. JUnit headed a still-failing manifest's <failure> with the waived finding as a plain "[fail]", and a waived
// fail beside an unwaived review showed only <skipped>: the review disappeared. verdict.md: waived findings are
// shown as waived in every format.
describe('JUnit shows waived findings as waived', () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', htmlEntities: true });
  type Case = { failure?: { '#text': string; '@message': string }; skipped?: { '@message': string }; 'system-out'?: string };
  const junitCase = (r: Run): Case => {
    expect(XMLValidator.validate(r.stdout)).toBe(true);
    return (parser.parse(r.stdout) as { testsuites: { testsuite: { testcase: Case } } }).testsuites.testsuite.testcase;
  };
  const WAIVERS = 'waivers:\n  - rule: cn-national/cn.volume.contract-non-sensitive\n    exporter: Ledger Co\n    reason: accepted for the pilot\n    approver: Li Wei\n    expires: 2027-03-31\n';
  const setup = (patch: object): string => {
    const d = tmp();
    write(d, 'w.yaml', WAIVERS);
    write(d, 'm.yaml', yamlOf(manifestWith(BASE_MANIFEST, { exporter: { name: 'Ledger Co' } }, patch)));
    return d;
  };

  it('a manifest failing for another reason: the waived finding is marked, and the failure is headed by the unwaived one', () => {
    const d = setup({ ...NOTHING_BEFORE, safeguards: { pia: null } }); // 150,000 people, no contract (waived), no PIA
    const r = cli(d, ['check', '--no-config', 'm.yaml', '--waivers', 'w.yaml', '--format', 'junit']);
    expect(r.code).toBe(1);
    const c = junitCase(r);
    expect(c.failure?.['@message']).toMatch(/^fail \(contract-or-certification\): cn\.pia\.missing: /);
    const lines = c.failure!['#text'].split('\n');
    expect(lines[0]).toMatch(/^\[fail, waived\] cn\.volume\.contract-non-sensitive: .*; waived by Li Wei until 2027-03-31: accepted for the pilot$/);
    expect(lines[1]).toMatch(/^\[fail\] cn\.pia\.missing: /);
    const zh = junitCase(cli(d, ['check', '--no-config', 'm.yaml', '--waivers', 'w.yaml', '--format', 'junit', '--lang', 'zh']));
    expect(zh.failure!['#text']).toMatch(/^\[不通过，已例外批准\] cn\.volume\.contract-non-sensitive：.*；已例外批准：Li Wei批准/);
  });

  it('a waived fail and an unwaived review: skipped, and the review stays in <system-out>', () => {
    const d = setup({}); // earlier transfers not stated: xborder.prior-unstated (review)
    const r = cli(d, ['check', '--no-config', 'm.yaml', '--waivers', 'w.yaml', '--format', 'junit']);
    expect(r.code).toBe(0);
    const c = junitCase(r);
    expect(c.skipped?.['@message']).toContain('cn.volume.contract-non-sensitive: waived by Li Wei');
    expect(c['system-out']).toMatch(/^fail \(waived; review remains\) \(below --fail-on fail\):\n\[fail, waived\] cn\.volume\.contract-non-sensitive: .*\n\[review\] xborder\.prior-unstated: /);
  });

  it('with --fail-on review the same manifest fails on the review, headed by it, the waived fail marked', () => {
    const d = setup({});
    const r = cli(d, ['check', '--no-config', 'm.yaml', '--waivers', 'w.yaml', '--format', 'junit', '--fail-on', 'review']);
    expect(r.code).toBe(1);
    const c = junitCase(r);
    expect(c.failure?.['@message']).toMatch(/^fail \(waived; review remains\) \(contract-or-certification\): xborder\.prior-unstated: /);
    expect(c.failure!['#text']).toMatch(/^\[fail, waived\] /);
  });
});

// XBORDER_TODAY is the clock waivers expire by and safeguards are judged on; a value that was no real date was
// ignored in silence, so the run used the real date instead of the one pinned.
describe('an invalid XBORDER_TODAY is a usage error', () => {
  it.each(['2026-13-01', 'tomorrow', '2026-02-30'])('%s: exit 2, the variable named', (value) => {
    const d = tmp();
    write(d, 'm.yaml', transfer('m', '2026-05-06', 80_000));
    const r = cli(d, ['check', '--no-config', 'm.yaml'], { XBORDER_TODAY: value });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`XBORDER_TODAY must be a real date YYYY-MM-DD, 2100-12-31 or earlier (got "${value}")`);
    expect(r.stdout).toBe('');
    expect(cli(d, ['report', '--no-config', 'm.yaml'], { XBORDER_TODAY: value }).code).toBe(2);
  });
  it('control: a real date, or the variable empty, checks', () => {
    const d = tmp();
    write(d, 'm.yaml', transfer('m', '2026-05-06', 80_000));
    expect(cli(d, ['check', '--no-config', 'm.yaml', '-q'], { XBORDER_TODAY: '2026-12-07' }).code).toBe(0);
    expect(cli(d, ['check', '--no-config', 'm.yaml', '-q'], { XBORDER_TODAY: '' }).code).toBe(0);
  });
});

// Hunt (December 2026): a run that exits 2 for itself (a folder with no manifest, a ledger it could not read) wrote a
// SARIF invocation saying exitCode 0 and executionSuccessful true, computed from the verdicts alone.
describe('SARIF says what the exit code says when the run itself fails', () => {
  const invocation = (sarif: string) => (JSON.parse(sarif) as { runs: { invocations: unknown[] }[] }).runs[0]!.invocations[0];
  it('a folder with no manifest beside one that passes: exit 2, and the invocation did not succeed', () => {
    const dir = tmp();
    mkdirSync(join(dir, 'empty'));
    const one = write(dir, 'one.yaml', transfer('tm-sarif-1', '2026-03-01', 100));
    const r = cli(dir, ['check', '--format', 'sarif', one, join(dir, 'empty')]);
    expect(r.code).toBe(2);
    expect(invocation(r.stdout)).toEqual({ executionSuccessful: false, exitCode: 2 });
    const allowed = cli(dir, ['check', '--format', 'sarif', '--allow-empty', one, join(dir, 'empty')]);
    expect(allowed.code).toBe(0); // control
    expect(invocation(allowed.stdout)).toEqual({ executionSuccessful: true, exitCode: 0 });
  });
  it('a ledger that cannot be read: exit 2, and the invocation did not succeed', () => {
    const dir = tmp();
    const one = write(dir, 'one.yaml', transfer('tm-sarif-2', '2026-03-01', 100));
    const r = cli(dir, ['check', '--format', 'sarif', '--ledger', join(dir, 'missing.db'), one]);
    expect(r.code).toBe(2);
    expect(invocation(r.stdout)).toEqual({ executionSuccessful: false, exitCode: 2 });
  });
});
