import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, GOOD, ROOT, STACK_FRAME, runCli, tempDir } from './cli-run.js';

/** Issue 11 items 2, 5 and 6: symbolic links in folders, FIFOs and devices, and stdin without newlines. */
const PASS = join(GOOD, 'trade-docs.json');
const FAIL = join(GOOD, 'sme-150k-singapore.yaml');
const sources = (ndjson: string): string[] => ndjson.trim().split('\n').map((l) => (JSON.parse(l) as { source: string }).source);
const verdicts = (ndjson: string): string[] => ndjson.trim().split('\n').map((l) => (JSON.parse(l) as { verdict?: string; status?: string }).verdict ?? 'error');

describe('symbolic links in a checked folder are checked or reported, never skipped in silence', () => {
  it('a link to a failing manifest inside the folder is checked (fail, exit 1)', async () => {
    const dir = tempDir();
    copyFileSync(PASS, join(dir, 'a-pass.json'));
    mkdirSync(join(dir, 'sub'));
    copyFileSync(FAIL, join(dir, 'sub', 'real-fail.yaml'));
    symlinkSync(join('sub', 'real-fail.yaml'), join(dir, 'b-link.yaml'));
    symlinkSync('sub', join(dir, 'c-sublink')); // a folder inside the tree: walked as itself, not twice
    const r = await runCli(['check', '--format', 'ndjson', dir]);
    expect(sources(r.stdout).map((s) => s.replace(/.*\//, ''))).toEqual(['a-pass.json', 'b-link.yaml', 'real-fail.yaml']);
    expect(verdicts(r.stdout)).toEqual(['pass', 'fail', 'fail']);
    expect(r.code).toBe(1);
  }, 60_000);

  for (const [name, make, says] of [
    ['a link to a manifest outside the folder', (dir: string) => symlinkSync(FAIL, join(dir, 'b-out.yaml')), /b-out\.yaml.*outside the folder/],
    ['a link to a folder outside', (dir: string) => symlinkSync(GOOD, join(dir, 'b-outdir')), /b-outdir.*outside the folder/],
    ['a link loop to the folder itself', (dir: string) => symlinkSync('.', join(dir, 'b-loop')), /b-loop.*loop/],
    ['a dangling link', (dir: string) => symlinkSync('gone.yaml', join(dir, 'b-gone.yaml')), /b-gone\.yaml.*dangling/],
  ] as const) {
    it(`${name} is reported (exit 2) and the rest is still checked`, async () => {
      const dir = tempDir();
      copyFileSync(PASS, join(dir, 'a-pass.json'));
      make(dir);
      const r = await runCli(['check', dir]);
      expect(r.code).toBe(2);
      expect(r.stdout + r.stderr).toMatch(says);
      expect(r.stdout + r.stderr).toMatch(/2 checked/);
      expect(r.stdout + r.stderr).not.toMatch(STACK_FRAME);
      const v = await runCli(['validate', dir]);
      expect(v.code).toBe(2);
      expect(v.stdout).toMatch(says);
    }, 60_000);
  }
});

describe('FIFOs and devices are refused before they are opened', () => {
  it('a FIFO named on the command line does not block the batch (exit 2, message, other files checked)', async () => {
    const dir = tempDir();
    const fifo = join(dir, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    const r = await runCli(['check', '--format', 'ndjson', fifo, PASS], { timeout: 15_000 });
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/not a regular file/);
    expect(verdicts(r.stdout)).toEqual(['error', 'pass']);
    for (const cmd of [['validate', fifo], ['ledger', 'record', '--ledger', join(dir, 'l.db'), fifo]]) {
      const x = await runCli(cmd, { timeout: 15_000 });
      expect(x.stdout + x.stderr).toMatch(/not a regular file/);
    }
  }, 60_000);
  it('a FIFO given as the trust store is refused, not waited on (exit 2)', async () => {
    const fifo = join(tempDir(), 'trust.yaml');
    execFileSync('mkfifo', [fifo]);
    const r = await runCli(['check', '--trust', fifo, PASS], { timeout: 15_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/trust store .*trust\.yaml refused: not a regular file/);
  }, 60_000);
  it('a FIFO inside a checked folder is reported, and /dev/zero is refused', async () => {
    const dir = tempDir();
    execFileSync('mkfifo', [join(dir, 'pipe.json')]);
    const r = await runCli(['check', dir], { timeout: 15_000 });
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).toMatch(/pipe\.json.*not a regular file/);
    const z = await runCli(['check', '/dev/zero'], { timeout: 15_000 });
    expect(z.code).toBe(2);
    expect(z.stdout + z.stderr).toMatch(/not a regular file/);
  }, 60_000);
});

describe('standard input: the byte limit applies while reading, lines get the file checks', () => {
  const line = JSON.stringify(JSON.parse(readFileSync(PASS, 'utf8')));
  it('a line without a newline past the limit is an error for that line; earlier and later lines are kept (exit 2)', async () => {
    const input = `${line}\n{"id":"${'x'.repeat(3 * 1024 * 1024)}\n${line}\n{${'y'.repeat(3 * 1024 * 1024)}`;
    const r = await runCli(['check', '--format', 'ndjson', '--max-bytes', '1000000', '-'], { input });
    expect(r.code).toBe(2);
    expect(r.stderr + r.stdout).not.toMatch(STACK_FRAME);
    expect(r.stderr).not.toMatch(/RangeError|Invalid string length/);
    expect(sources(r.stdout)).toEqual(['<stdin>:1', '<stdin>:2', '<stdin>:3', '<stdin>:4']);
    expect(verdicts(r.stdout)).toEqual(['pass', 'error', 'pass', 'error']);
    expect(r.stdout).toMatch(/line is over the 1,000,000-byte limit/);
  }, 60_000);
  it('600 MB without a newline (past the longest string V8 can hold) after a good line: no crash, the verdict kept', async () => {
    const child = spawn(process.execPath, [BIN, 'check', '--format', 'ndjson', '-'], { cwd: ROOT, env: { ...process.env, XBORDER_LOG_LEVEL: 'silent' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.stdin.on('error', () => {});
    const done = new Promise<number | null>((res) => child.on('close', res));
    const chunk = Buffer.alloc(1024 * 1024, 'x');
    child.stdin.write(`${line}\n{"id":"`);
    for (let i = 0; i < 600 && !child.stdin.destroyed; i++) {
      if (!child.stdin.write(chunk)) await new Promise((res) => child.stdin.once('drain', res));
    }
    child.stdin.end();
    const code = await done;
    expect(stderr).not.toMatch(/RangeError|Invalid string length/);
    expect(stderr).not.toMatch(STACK_FRAME);
    expect(verdicts(stdout)).toEqual(['pass', 'error']);
    expect(code).toBe(2);
  }, 120_000);
  it('a document on stdin past the limit stops reading (exit 2)', async () => {
    const r = await runCli(['check', '--format', 'ndjson', '--max-bytes', '1000000', '-'], { input: `id: ${'z'.repeat(3 * 1024 * 1024)}` });
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/standard input is over the 1,000,000-byte limit/);
  }, 60_000);
  it('NUL bytes and invalid UTF-8 in a line are refused like in files', async () => {
    const input = Buffer.concat([Buffer.from(`${line}\n{"id":"a\u0000"}\n{"id":"`), Buffer.from([0xff, 0xfe]), Buffer.from(`"}\n${line}\n`)]);
    const r = await runCli(['check', '--format', 'ndjson', '-'], { input: input as unknown as string });
    expect(verdicts(r.stdout)).toEqual(['pass', 'error', 'error', 'pass']);
    expect(r.stdout).toMatch(/binary file \(contains NUL bytes\)/);
    expect(r.stdout).toMatch(/not UTF-8 text/);
    expect(r.code).toBe(2);
  }, 60_000);
});

describe('text in another encoding', () => {
  it('UTF-16 and UTF-32 files (with or without a byte order mark) are named as such, not as binary: exit 2', async () => {
    const dir = tempDir();
    const text = readFileSync(PASS, 'utf8');
    const be = Buffer.from(text, 'utf16le').swap16();
    const files: Record<string, Buffer> = {
      'a.json': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
      'b.json': Buffer.from(text, 'utf16le'),
      'c.json': Buffer.concat([Buffer.from([0xfe, 0xff]), be]),
      'd.json': be,
      'e.json': Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), ...[...text].map((ch) => { const b = Buffer.alloc(4); b.writeUInt32LE(ch.codePointAt(0)!); return b; })]),
      'f.json': Buffer.from('{"id":"a\u0000"}'), // binary: one NUL, no wide pattern
    };
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
    const r = await runCli(['check', '--format', 'ndjson', dir]);
    const messages = r.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { error: { message: string; line: number; column: number } }).error);
    expect(messages.map((m) => [m.line, m.column, m.message])).toEqual([
      [1, 1, 'text in UTF-16LE, not UTF-8: save the file as UTF-8'],
      [1, 1, 'text in UTF-16LE (no byte order mark), not UTF-8: save the file as UTF-8'],
      [1, 1, 'text in UTF-16BE, not UTF-8: save the file as UTF-8'],
      [1, 1, 'text in UTF-16BE (no byte order mark), not UTF-8: save the file as UTF-8'],
      [1, 1, 'text in UTF-32LE, not UTF-8: save the file as UTF-8'],
      [1, 9, 'binary file (contains NUL bytes), not YAML or JSON'],
    ]);
    expect(r.code).toBe(2);
  }, 60_000);
});
