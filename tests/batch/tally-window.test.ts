/**
 * applyTally's window (src/batch/tally-apply.ts): while a result waits for its verdict it races the next input, so a
 * pull may be in flight when the consumer stops or the input fails: it must never be a rejection nobody handles (Node
 * ends the process on one: exit 1 with a stack trace) nor keep the input open, and the window must keep input order
 * and its bound whatever order the workers' verdicts come back in.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyTally, TALLY_WINDOW } from '../../src/batch/tally-apply.js';
import { RunTally } from '../../src/batch/tally.js';
import type { Checked } from '../../src/batch/protocol.js';
import type { TallyRecord } from '../../src/batch/tally-record.js';
import type { Job } from '../../src/batch/inputs.js';
import { NOT_A_MANIFEST } from '../../src/batch/job.js';
import type { CheckResult } from '../../src/model/verdict.js';

const job = (id: string): Job => ({ kind: 'text', uri: `${id}.yaml`, text: '' });
const rec = (id: string, name = id): TallyRecord => ({
  name, year: 2026, day: 10, date: '2026-01-10', id, source: `${id}.yaml`, individuals: 10, sensitiveIndividuals: 0,
  prior: { individuals: 0, sensitiveIndividuals: 0 }, recorded: false, verdict: 'pass', mechanism: 'none', duties: [],
});
const verdictOf = (r: TallyRecord) => ({ manifest: r.id, source: r.source, verdict: 'pass', mechanism: 'none', findings: [], obligations: [] }) as unknown as CheckResult;
const rendered = (r: TallyRecord, fetchResult?: () => Promise<CheckResult | undefined>): Checked =>
  ({ outcome: 'pass', part: '{}', source: r.source, record: r, ...(fetchResult ? { fetchResult } : {}) });
const noRecheck = async () => ({ result: NOT_A_MANIFEST }) as const;
const tick = (ms = 20) => new Promise((resolve) => setTimeout(resolve, ms));

describe('applyTally, its pull ahead', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (e: unknown): void => { unhandled.push(e); };
  beforeEach(() => { unhandled.length = 0; process.on('unhandledRejection', onUnhandled); });
  afterEach(() => { process.off('unhandledRejection', onUnhandled); });

  it('a consumer that stops early (| head, a client gone): an input that fails afterwards is no unhandled rejection', async () => {
    let fail!: () => void;
    const failed = new Promise<void>((resolve) => { fail = resolve; });
    async function* results(): AsyncGenerator<[Job, Checked]> {
      yield [job('a'), { notManifest: true }];
      await failed; // the request body aborted, stdin gone
      throw new Error('aborted');
    }
    for await (const c of applyTally(results(), noRecheck)) { expect(c).toEqual({ notManifest: true }); break; }
    fail();
    await tick();
    expect(unhandled).toEqual([]);
  });

  it('a consumer that stops early leaves nothing of the input pending: it is closed at once, however long its next item takes', async () => {
    let closed = false;
    let pulls = 0;
    async function* results(): AsyncGenerator<[Job, Checked]> {
      try {
        for (;;) {
          pulls++;
          if (pulls > 1) await new Promise(() => undefined); // stdin with nothing more to say yet (`tail -f | check - | head`)
          yield [job('a'), { notManifest: true }];
        }
      } finally {
        closed = true; // stdinJobs: returning destroys the stream
      }
    }
    for await (const c of applyTally(results(), noRecheck)) { expect(c).toEqual({ notManifest: true }); break; }
    expect(pulls).toBe(1);
    expect(closed).toBe(true);
  });

  it('a result that gets the finding (in process: its verdict at hand) comes out before the failure of the input after it', async () => {
    const a = rec('a');
    const b = rec('b');
    async function* results(): AsyncGenerator<[Job, Checked]> {
      yield [job('a'), { outcome: 'pass', result: verdictOf(a), record: a }];
      yield [job('b'), { outcome: 'pass', result: verdictOf(b), record: b }]; // past the tally's bound: the finding
      throw new Error('aborted');
    }
    const seen: string[] = [];
    const done = (async () => { for await (const c of applyTally(results(), noRecheck, new RunTally(1))) seen.push(`${(c as { outcome: string }).outcome} ${(c as { result: CheckResult }).result.source}`); })();
    await expect(done).rejects.toThrow('aborted');
    expect(seen).toEqual(['pass a.yaml', 'review b.yaml']);
  });

  it('an input that fails while the consumer writes a result: the error comes at the next pull, and no unhandled rejection', async () => {
    async function* results(): AsyncGenerator<[Job, Checked]> {
      yield [job('a'), { notManifest: true }];
      throw new Error('aborted');
    }
    const it = applyTally(results(), noRecheck);
    expect((await it.next()).value).toEqual({ notManifest: true });
    await tick(); // the consumer waits for stdout to drain
    await expect(it.next()).rejects.toThrow('aborted');
    expect(unhandled).toEqual([]);
  });

  it('an input that fails while the window is full waiting on its head: the error comes out, and no unhandled rejection', async () => {
    let answer!: () => void;
    const late = new Promise<void>((resolve) => { answer = resolve; });
    async function* results(): AsyncGenerator<[Job, Checked]> {
      // A tally bound of 1: every record after the first is untracked, so each gets the finding and waits for its verdict.
      for (let i = 0; i <= TALLY_WINDOW + 1; i++) {
        const r = rec(`m${i}`);
        yield [job(r.id), rendered(r, async () => { if (i === 1) await late; return verdictOf(r); })];
      }
      throw new Error('aborted');
    }
    const seen: string[] = [];
    const done = (async () => { for await (const c of applyTally(results(), noRecheck, new RunTally(1))) seen.push((c as { source?: string; result?: CheckResult }).result?.source ?? (c as { source: string }).source); })();
    const outcome = done.then(() => 'ended', (e: Error) => e.message);
    await tick(50);
    expect(seen).toEqual(['m0.yaml']);
    answer();
    expect(await outcome).toBe('aborted');
    expect(seen).toHaveLength(TALLY_WINDOW + 2);
    expect(unhandled).toEqual([]);
  });
});

describe('applyTally, its window', () => {
  it('keeps input order while verdicts come back in any order, and pulls at most the window (plus one) past a waiting head', async () => {
    const n = TALLY_WINDOW * 2 + 7;
    let pulled = 0;
    let answer!: () => void;
    const late = new Promise<void>((resolve) => { answer = resolve; });
    async function* results(): AsyncGenerator<[Job, Checked]> {
      for (let i = 0; i < n; i++) {
        pulled++;
        const r = rec(`m${i}`);
        // The head's verdict comes last; the others after a delay of their own, in no order.
        yield [job(r.id), rendered(r, async () => { if (i === 1) await late; else await tick(i % 7); return verdictOf(r); })];
      }
    }
    const seen: string[] = [];
    const done = (async () => { for await (const c of applyTally(results(), noRecheck, new RunTally(1))) seen.push((c as { result?: CheckResult; source?: string }).result?.source ?? (c as { source: string }).source); })();
    await tick(100);
    expect(seen).toEqual(['m0.yaml']);
    expect(pulled).toBeLessThanOrEqual(TALLY_WINDOW + 2);
    answer();
    await done;
    expect(seen).toEqual(Array.from({ length: n }, (_, i) => `m${i}.yaml`));
  });
});

describe('applyTally, a verdict a worker sends back', () => {
  it('is taken only if it is the one the record was made of: another manifest\'s, or an error, is checked again here', async () => {
    const a = rec('a');
    const b = rec('b');
    const rechecked: string[] = [];
    const recheck = async (j: Job) => { rechecked.push(j.kind === 'text' ? j.uri : ''); return { result: verdictOf(b), record: b }; };
    const wrong = [
      async () => verdictOf(a), // another manifest's verdict
      async () => ({ source: 'b.yaml', error: { code: 'internal', message: 'x' } }) as unknown as CheckResult, // an error for a pass
    ];
    for (const fetchResult of wrong) {
      rechecked.length = 0;
      async function* results(): AsyncGenerator<[Job, Checked]> {
        yield [job('a'), rendered(a, async () => verdictOf(a))];
        yield [job('b'), rendered(b, fetchResult)]; // past the tally's bound: the finding
      }
      const out: Checked[] = [];
      for await (const c of applyTally(results(), recheck, new RunTally(1))) out.push(c);
      expect(rechecked).toEqual(['b.yaml']);
      expect(out[1]).toMatchObject({ outcome: 'review', result: { manifest: 'b', source: 'b.yaml', verdict: 'review', findings: [{ rule: 'xborder.run-undercount' }] } });
    }
  });
});
