// The service's batch with a ledger (recordDecisionStream): a line the run's earlier lines may make stricter is
// checked again with them added to the totals its first check read, not to a second read of the ledger.
import { Readable } from 'node:stream';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadPacks } from '../../dist/src/load/load-packs.js';
import { recordDecisionStream } from '../../dist/src/app/record-decision.js';
import { sized } from './fixtures.js';

describe('recordDecisionStream', () => {
  it('reads the ledger once per line, also for a line checked again with the earlier lines counted', async () => {
    const set = await loadPacks();
    let reads = 0;
    const store = {
      transaction: async <T>(_lock: unknown, fn: (tx: object) => Promise<T>): Promise<T> => fn({
        prior: async () => { reads++; return { individuals: 0, sensitiveIndividuals: 0 }; },
        record: async () => ({ recorded: true }),
        appendEvidence: async (decisionId: string, createdAt: string, body: string) => ({ seq: reads, decisionId, createdAt, body, prevHash: '', hash: '' }),
      }),
    };
    const ndjson = [sized('t-1', 60_000), sized('t-2', 60_000)].map((t) => JSON.stringify(parseYaml(t))).join('\n');
    const verdicts: string[] = [];
    for await (const line of recordDecisionStream(Readable.from([ndjson]), '<body>', set, store as never)) {
      const { result } = await line.decision();
      verdicts.push('verdict' in result ? `${result.verdict}${result.findings.some((f) => f.rule === 'xborder.run-undercount') ? '+undercount' : ''}` : 'error');
    }
    // The second line passes alone (60,000 < 100,000) and not with the first counted: checked twice, read once.
    expect(verdicts).toEqual(['pass', 'review+undercount']);
    expect(reads).toBe(2);
  });
});
