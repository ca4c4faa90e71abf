import { describe, expect, it } from 'vitest';
import { json } from '../../src/report/json.js';
import { ndjson } from '../../src/report/ndjson.js';
import { FORMAT_NAMES, FORMATS, getFormatter, getStream, isFormatName, type FormatName } from '../../src/report/index.js';
import { emptyTally, tally } from '../../src/report/summary.js';
import { all, ctx, failVerdict } from './fixtures.js';

describe('json', () => {
  it('one manifest is an array of one object, pretty-printed with 2 spaces (contract, November 2026)', () => {
    const out = json([failVerdict], ctx());
    expect(JSON.parse(out)).toEqual([failVerdict]);
    expect(out.startsWith('[\n  {\n    "manifest": "tm-2026-0042",\n')).toBe(true);
    expect(out.endsWith('}\n]\n')).toBe(true);
  });
  it('several manifests are an array in input order; none is []', () => {
    expect(JSON.parse(json(all, ctx()))).toEqual(all);
    expect(json([], ctx())).toBe('[]\n');
  });
});

describe('ndjson', () => {
  it('one line per result, the same objects as --format json', () => {
    const out = ndjson(all, ctx());
    const lines = out.split('\n');
    expect(lines.pop()).toBe(''); // trailing newline
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual(JSON.parse(json(all, ctx())));
  });
  it('streams item by item; embedded newlines stay escaped', () => {
    const line = getStream('ndjson')!.item(failVerdict, ctx());
    expect(line.indexOf('\n')).toBe(line.length - 1);
    expect(getStream('ndjson')!.begin(ctx())).toBe('');
    expect(getStream('ndjson')!.end(ctx(), emptyTally())).toBe('');
  });
});

describe('registry', () => {
  it('knows every format name', () => {
    expect(FORMAT_NAMES).toEqual(['text', 'json', 'ndjson', 'sarif', 'junit', 'markdown', 'github']);
    expect(Object.keys(FORMATS).sort()).toEqual(['github', 'json', 'junit', 'markdown', 'ndjson', 'sarif', 'text']);
    for (const name of FORMAT_NAMES) expect(getFormatter(name)).toBeTypeOf('function');
    expect(getFormatter('toString')).toBeUndefined();
    expect(isFormatName('sarif')).toBe(true);
    expect(isFormatName('xml')).toBe(false);
  });
  it('a format\'s stream writes exactly what its whole formatter writes, for 0, 1 and many results', () => {
    for (const name of FORMAT_NAMES) {
      const s = getStream(name);
      if (!s) continue;
      for (const rs of [[], [failVerdict], all]) {
        // An empty item (a SARIF pass has no result) adds no separator.
        const streamed = s.begin(ctx()) + rs.map((r) => s.item(r, ctx())).filter(Boolean).join(s.separator) + s.end(ctx(), tally(rs, 'fail'));
        expect(streamed, `${name} n=${rs.length}`).toBe(FORMATS[name as FormatName].whole(rs, ctx()));
      }
    }
  });
  it('every formatter is pure: same input, same output, input untouched', () => {
    const before = JSON.stringify(all);
    for (const { whole: f } of Object.values(FORMATS)) expect(f(all, ctx())).toBe(f(all, ctx()));
    expect(JSON.stringify(all)).toBe(before);
  });
  it('only text emits colour codes, and only when ctx.color is set (the CLI decides TTY and NO_COLOR)', () => {
    for (const [name, { whole: f }] of Object.entries(FORMATS)) {
      expect(f(all, ctx())).not.toContain('\u001b[');
      if (name !== 'text') expect(f(all, ctx({ color: true }))).not.toContain('\u001b[');
    }
    expect(FORMATS.text.whole(all, ctx({ color: true }))).toContain('\u001b[');
  });
});
