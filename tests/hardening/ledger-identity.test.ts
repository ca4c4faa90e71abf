import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir, writeTemp } from './cli-run.js';

/** Issue 11 item 3: one company's transfers split across spellings and identifiers each passed under 100,000. */
const dir = tempDir();
const db = join(dir, 'ledger.db');
const USCC = '91310115MA1K4XXXX1';
const manifest = (id: string, exporter: string, individuals = 60000): string => writeTemp(dir, `${id}.yaml`, `apiVersion: xborder/v1
kind: TransferManifest
id: ${id}
date: 2026-03-01
exporter: { ${exporter}, region: CN-SH, ciio: false }
recipient: { name: Demo Pte. Ltd., country: SG, kind: company }
purpose: { basis: consent }
data: [{ id: customers, categories: [pi.basic, pi.contact], classification: general }]
personalInformation: { individuals: ${individuals}, sensitiveIndividuals: 0 }
safeguards: { separateConsent: true, pia: { completedOn: 2026-01-01 } }
`);
const check = async (file: string) => {
  const r = await runCli(['check', '--format', 'json', '--ledger', db, file]);
  return { code: r.code, v: (JSON.parse(r.stdout) as { verdict: string; counts: { individuals: number }; findings: { rule: string }[] }[])[0]! };
};
const record = (file: string) => runCli(['ledger', 'record', '--ledger', db, file]);

describe('ledger identity: names are normalised and linked to the USCC they were recorded with', () => {
  it('a name-only manifest and a zero-width-spaced name count with the USCC recorded before them', async () => {
    expect((await record(manifest('with-uscc', `name: "Demo Trading Co.", uscc: ${USCC}`))).code).toBe(0);
    for (const [id, exporter] of [
      ['name-only', 'name: "Demo Trading Co."'],
      ['zero-width', 'name: "Demo\\u200b Trading Co."'],
      ['full-width', 'name: "Ｄｅｍｏ　Trading Co."'],
    ]) {
      const { code, v } = await check(manifest(id!, exporter!));
      expect(v.verdict, id).toBe('fail');
      expect(code).toBe(1);
      expect(v.counts.individuals).toBe(120000);
    }
    expect((await record(join(dir, 'zero-width.yaml'))).stdout).toMatch(/recorded zero-width for Demo Trading Co\. 2026: .*year total 120,000/);
  }, 60_000);

  it('the same name with another USCC is a review finding, with every linked transfer counted', async () => {
    const other = manifest('other-uscc', 'name: "Demo Trading Co.", uscc: 91110000MA0000000Y', 100);
    const { v } = await check(other);
    expect(v.verdict).not.toBe('pass');
    expect(v.findings.map((f) => f.rule)).toContain('xborder.ledger-identity-conflict');
    expect(v.counts.individuals).toBeGreaterThanOrEqual(120000);
    const renamed = await check(manifest('renamed', `name: "Demo Holdings", uscc: ${USCC}`, 100));
    expect(renamed.v.findings.map((f) => f.rule)).toContain('xborder.ledger-identity-conflict');
  }, 60_000);

  it('re-using a manifest id with different content is an error, not "already recorded"', async () => {
    const changed = manifest('with-uscc', `name: "Demo Trading Co.", uscc: ${USCC}`, 70000);
    const r = await record(changed);
    // The exit code (2) of ledger subcommands is the lead's process.exitCode fix, tested with it.
    expect(r.stderr).toMatch(/"with-uscc" is already recorded for this exporter with a different value for individuals/);
    expect(r.stdout).not.toMatch(/already recorded with-uscc/);
  }, 60_000);
});
