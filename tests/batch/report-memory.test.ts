/**
 * Flat memory in every streamed format (issue 11, item 12): the live heap while 20,000 results go through the
 * batch report writer is no larger than after 2,000. Each format runs in a child process with --expose-gc, so
 * the heap is measured after full collections (before streaming, SARIF grew by ~105 MB between the two).
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const run = promisify(execFile);
const SCRIPT = join(ROOT, 'tests', 'batch', 'report-memory.mjs');
/** Allowed growth of the live heap from 2,000 to 20,000 results: far below what keeping results costs (~6 KB each). */
const SLACK = 3 * 1024 * 1024;

interface Measured { heap: Record<string, number>; bytes: number; checked: number; tail: string }

const measure = async (format: string, sources: 'one-source' | 'many-sources'): Promise<Measured> => {
  const { stdout } = await run('node', ['--expose-gc', SCRIPT, format, sources, '2000,20000'], { cwd: ROOT, maxBuffer: 1 << 24 });
  return JSON.parse(stdout) as Measured;
};

const CASES = [
  ['ndjson', 'many-sources'], ['sarif', 'many-sources'], ['markdown', 'many-sources'],
  ['junit', 'many-sources'], ['junit', 'one-source'], // one source: a single suite of 20,000 cases, spooled to a file
] as const;

describe('report memory does not grow with the batch', { timeout: 120_000 }, () => {
  it.each(CASES)('%s (%s): live heap after 20,000 results within 3 MB of that after 2,000', async (format, sources) => {
    const m = await measure(format, sources);
    expect(m.checked).toBe(20_000);
    expect(m.heap['20000']! - m.heap['2000']!, `${format}: ${JSON.stringify(m.heap)}`).toBeLessThan(SLACK);
    if (format === 'sarif') expect(m.tail).toMatch(/"invocations": \[\n {8}\{\n {10}"executionSuccessful": false,\n {10}"exitCode": 2\n {8}\}\n {6}\]\n {4}\}\n {2}\]\n\}\n$/);
    if (format === 'junit') expect(m.tail.endsWith('  </testsuite>\n</testsuites>\n')).toBe(true);
    if (format === 'markdown') {
      expect(m.bytes).toBeLessThanOrEqual(65_536);
      expect(m.tail).toMatch(/> 19\d{3} of 20000 manifests are left out/);
    }
  });
});
