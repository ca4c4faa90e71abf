import { describe, expect, it } from 'vitest';
import { xborder } from '../helpers/cli.js';

// A zone pack validated alone lists the national taxonomy's ids as unknown: say how to validate it with its base.
describe('pack validate <zone pack alone>', () => {
  it('exit 2, the problems, then how to validate it with the national pack; that command passes', () => {
    const r = xborder(['pack', 'validate', 'rules/zone-beijing']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown taxonomy id "biz.logistics"');
    expect(r.stderr).toMatch(/xborder: biz\.logistics, .* are ids of the national taxonomy: a zone or sector pack extends the national pack, so validate it with its base, e\.g\. `xborder pack validate rules\/cn-national rules\/zone-beijing` or every bundled pack: `xborder pack validate rules\/`\n$/);
    expect(xborder(['pack', 'validate', 'rules/zone-beijing', '--lang', 'zh']).stderr).toContain('请连同其基础一起验证');
    const withBase = xborder(['pack', 'validate', 'rules/cn-national', 'rules/zone-beijing']);
    expect(withBase.code).toBe(0);
  });

  it('no such hint for a pack whose problems are not the national ids', () => {
    const r = xborder(['pack', 'validate', 'tests/fixtures/bad-packs']);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('validate it with its base');
  });
});
