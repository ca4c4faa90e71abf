import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { redactLedgerSpec, redactSecrets } from '../../src/ledger/open.js';
import { GOOD, runCli } from './cli-run.js';

/** Issue 11 item 8: ledger passwords were echoed in errors for every form but the simplest. */
const FORMS = [
  'postgres://user:SECRETa1@127.0.0.1:1/db',
  'postgres://127.0.0.1:1/db?password=SECRETa2',
  'postgres://127.0.0.1:1/db?sslmode=disable&sslpassword=SECRETa3',
  'postgres://user:pa/SECRETa4@127.0.0.1:1/db',
  'postgres://user:p@SECRETa5@127.0.0.1:1/db',
  'postgres://user:pa#SECRETa6@127.0.0.1:1/db',
  'postgres://user:pa?SECRETa7@127.0.0.1:1/db',
  'postgresql://user:SECRETa8@[::1]:1/db',
  'postgres://:SECRETa9@127.0.0.1:1/db',
  'postgres://user:SECRET%2Fb1@127.0.0.1:1/db',
  'mysql://user:SECRETb2@127.0.0.1:1/db',
];

describe('ledger passwords never reach a message', () => {
  it('redactLedgerSpec and redactSecrets hide every form, decoded or not', () => {
    for (const spec of FORMS) {
      expect(redactLedgerSpec(spec), spec).not.toMatch(/SECRET/);
      expect(redactSecrets(`failed: ${spec} / ${decodeURIComponent(spec)}`, spec), spec).not.toMatch(/SECRET/);
    }
    expect(redactLedgerSpec('postgres://user@db.example:5432/x?application_name=a')).toBe('postgres://user@db.example:5432/x?application_name=a');
  });
  for (const spec of FORMS) {
    it.concurrent(spec.replace(/SECRET\w+/, '…'), async () => {
      const manifest = join(GOOD, 'trade-docs.json');
      const env = { XBORDER_LEDGER_CONNECT_TIMEOUT: '2' };
      for (const run of [
        await runCli(['check', '--ledger', spec, manifest], { env }),
        await runCli(['ledger', 'record', '--ledger', spec, manifest], { env }),
        await runCli(['ledger', 'record', manifest], { env: { ...env, XBORDER_LEDGER: spec } }),
        await runCli(['ledger', 'show'], { env: { ...env, XBORDER_LEDGER: spec } }),
      ]) {
        expect(run.stdout + run.stderr).not.toMatch(/SECRET/);
        expect(run.stderr).toMatch(/cannot (open|use) ledger/);
      }
    }, 60_000);
  }
});
