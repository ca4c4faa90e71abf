import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GOOD, ROOT, runCli, tempDir, writeTemp } from './cli-run.js';

/** Issue 11 item 1: `{ param: toString }` named an inherited member and made a guard always true. */
describe('a pack naming a JavaScript built-in is refused (exit 2), never run', () => {
  const national = readFileSync(join(ROOT, 'rules/cn-national/pack.yaml'), 'utf8');
  for (const name of ['toString', 'valueOf', 'constructor', 'hasOwnProperty']) {
    it.concurrent(`{ param: ${name} } in place of the CIIO guard`, async () => {
      const guard = '{ fact: exporter.ciio, equals: false }';
      expect(national).toContain(guard);
      const pack = writeTemp(tempDir(), 'pack.yaml', national.replaceAll(guard, `{ fact: exporter.ciio, notEquals: { param: ${name} } }`));
      const validate = await runCli(['pack', 'validate', pack]);
      expect(validate.code).toBe(2);
      expect(validate.stderr).toContain(`unknown parameter "${name}"`);
      const check = await runCli(['check', '--pack', pack, join(GOOD, 'trade-docs.json'), '--format', 'json']);
      expect(check.code).toBe(2);
      expect(check.stdout).toBe('');
    }, 60_000);
  }
});
