import { describe, expect, it } from 'vitest';
import { formatJson } from '../../src/report/json.js';
import { ndjson, ndjsonStream } from '../../src/report/ndjson.js';
import { FORMAT_NAMES, formatters, getFormatter, isFormatName, streamFormatters } from '../../src/report/index.js';
import { all, ctx, failVerdict } from './fixtures.js';

describe('json', () => {
  it('one manifest is one object, pretty-printed with 2 spaces', () => {
    const out = formatJson([failVerdict]);
    expect(JSON.parse(out)).toEqual(failVerdict);
    expect(out.startsWith('{\n  "manifest": "tm-2026-0042",\n')).toBe(true);
    expect(out.endsWith('}\n')).toBe(true);
  });
  it('several manifests are an array in input order; none is []', () => {
    expect(JSON.parse(formatJson(all))).toEqual(all);
    expect(JSON.parse(formatJson([]))).toEqual([]);
  });
});

describe('ndjson', () => {
  it('one line per result, the same objects as --format json', () => {
    const out = ndjson(all, ctx());
    const lines = out.split('\n');
    expect(lines.pop()).toBe(''); // trailing newline
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual(JSON.parse(formatJson(all)));
  });
  it('streams item by item; embedded newlines stay escaped', () => {
    const line = ndjsonStream.item(failVerdict, 0, ctx());
    expect(line.indexOf('\n')).toBe(line.length - 1);
    expect(ndjsonStream.header).toBeUndefined();
    expect(ndjsonStream.footer).toBeUndefined();
  });
});

describe('registry', () => {
  it('knows every format name', () => {
    expect(FORMAT_NAMES).toEqual(['text', 'json', 'ndjson', 'sarif', 'junit', 'markdown', 'github']);
    expect(Object.keys(formatters).sort()).toEqual(['github', 'json', 'junit', 'markdown', 'ndjson', 'sarif', 'text']);
    for (const name of FORMAT_NAMES) expect(getFormatter(name)).toBeTypeOf('function');
    expect(getFormatter('toString')).toBeUndefined();
    expect(isFormatName('sarif')).toBe(true);
    expect(isFormatName('xml')).toBe(false);
    expect(streamFormatters.ndjson).toBe(ndjsonStream);
  });
  it('every formatter is pure: same input, same output, input untouched', () => {
    const before = JSON.stringify(all);
    for (const f of Object.values(formatters)) expect(f(all, ctx())).toBe(f(all, ctx()));
    expect(JSON.stringify(all)).toBe(before);
  });
  it('only text emits colour codes, and only when ctx.color is set (the CLI decides TTY and NO_COLOR)', () => {
    for (const [name, f] of Object.entries(formatters)) {
      expect(f(all, ctx())).not.toContain('\u001b[');
      if (name !== 'text') expect(f(all, ctx({ color: true }))).not.toContain('\u001b[');
    }
    expect(formatters.text(all, ctx({ color: true }))).toContain('\u001b[');
  });
});
