import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { xborder } from '../helpers/cli.js';
import { position } from '../../src/report/common.js';
import { stdinJobs } from '../../src/batch/inputs.js';
import { Readable } from 'node:stream';

// NDJSON on stdin, each line its own document `<stdin>:N`: a bad line is reported at the stream's line and column,
// with its field; a line that is not JSON says so (not "must be of type object"); the other lines are still checked.
const manifest = parse(readFileSync('examples/manifests/pass-sme-80k-below-threshold.yaml', 'utf8')) as Record<string, any>;
const good = JSON.stringify(manifest);
const badField = JSON.stringify({ ...manifest, personalInformation: { ...manifest.personalInformation, individuals: 'many' } });
const column = badField.indexOf('"many"') + 1;
const input = `${good}\nthis is not json {\n${badField}\n`;

describe('check - with NDJSON: positions and non-JSON lines', () => {
  it('text: <stdin>:LINE:COLUMN with the field, "line N is not valid JSON", exit 2, line 1 still passes', () => {
    const r = xborder(['check', '-'], { input });
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^<stdin>:1 {2}tm-2026-0101[^\n]*\n {2}PASS/m);
    expect(r.stdout).toContain('<stdin>:2:1 line 2 is not valid JSON: expected a value, found "t"');
    expect(r.stdout).toContain(`<stdin>:3:${column} /personalInformation/individuals must be a whole number`);
    expect(r.stdout).not.toMatch(/<stdin>:\d+:1:\d+/);
    expect(r.stdout).not.toContain('must be of type object');
    expect(r.stdout).toContain('3 checked: 1 pass, 0 review, 0 fail, 2 error');
  });

  it('zh: the non-JSON line in Chinese; JSON keeps the one-line document\'s own position', () => {
    expect(xborder(['check', '-', '--lang', 'zh'], { input }).stdout).toContain('<stdin>:2:1 第 2 行不是有效的 JSON');
    const json = JSON.parse(xborder(['check', '-', '--format', 'json'], { input }).stdout) as { source: string; error?: { code: string; line: number; column: number } }[];
    expect(json.map((r) => r.source)).toEqual(['<stdin>:1', '<stdin>:2', '<stdin>:3']);
    expect(json[1]!.error).toMatchObject({ code: 'parse-error', line: 1, column: 1 });
    expect(json[2]!.error).toMatchObject({ code: 'schema', line: 1, column });
  });

  it('a line of valid JSON that is no object stays a type error; a file path keeps file:line:col', () => {
    const r = xborder(['check', '-'], { input: `${good}\n42\n` });
    expect(r.stdout).toContain('<stdin>:2:1 / must be of type object (got 42)');
    expect(position('a.yaml', 1, 5)).toBe('a.yaml:1:5');
    expect(position('<stdin>', 3, 5)).toBe('<stdin>:3:5');
    expect(position('<stdin>:4', 1, 9)).toBe('<stdin>:4:9');
  });
});

// Every reader of an NDJSON stream (check -, check-one, record-decision) wrapped stdinJobs in the same filter; the
// stream now says it itself, so a new reader cannot forget it.
describe('stdinJobs: a line that is not JSON is that line\'s error, from the stream itself', () => {
  it('lines 1 and 3 are text jobs, line 2 a parse-error at its own line 1, column 1', async () => {
    const jobs = [];
    for await (const j of stdinJobs(Readable.from([input]))) jobs.push(j);
    expect(jobs.map((j) => j.kind)).toEqual(['text', 'error', 'text']);
    const bad = jobs[1]!.kind === 'error' ? jobs[1]!.result.error : undefined;
    expect(bad).toMatchObject({ code: 'parse-error', message: 'line 2 is not valid JSON: expected a value, found "t"', line: 1, column: 1 });
  });
});
