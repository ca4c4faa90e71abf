/**
 * Commander's usage errors speak the run's language: `--lang zh` (anywhere on the line) or XBORDER_LANG=zh gave
 * Chinese reports but English "error: unknown option". Every case exits 2 in both languages; English is unchanged.
 */
import { describe, expect, it } from 'vitest';
import { usageLang, zhUsage } from '../../src/cli/usage-text.js';
import { xborder } from '../helpers/cli.js';

const EN = { XBORDER_LANG: 'en', LANG: 'C.UTF-8' };

describe('usage errors under --lang zh', () => {
  it.each([
    [['check', '--lang', 'zh', '--bogus', 'x'], "错误：未知选项 '--bogus'\n", "error: unknown option '--bogus'\n"],
    [['chek', '--lang', 'zh'], "错误：未知命令 'chek'\n（是否要输入 check？）\n", "error: unknown command 'chek'\n(Did you mean check?)\n"],
    [['check', '--lang', 'zh'], "错误：缺少必需的参数 'inputs'\n", "error: missing required argument 'inputs'\n"],
    [['check', '--lang=zh', '--fail-on', 'x', 'examples'], "错误：选项 '--fail-on <verdict>' 的取值 'x' 无效：可选值：fail, review\n",
      "error: option '--fail-on <verdict>' argument 'x' is invalid. Allowed choices are fail, review.\n"],
    [['check', '--lang', 'zh', '--as-of', '2024-02-30', 'examples'], "错误：选项 '--as-of <date>' 的取值 '2024-02-30' 无效：须为真实存在的日期（YYYY-MM-DD），不晚于2100-12-31\n",
      "error: option '--as-of <date>' argument '2024-02-30' is invalid. must be a real date YYYY-MM-DD, 2100-12-31 or earlier\n"],
    [['check', '--lang', 'zh', '--format', 'nope', 'examples'], "错误：选项 '-f, --format <format>' 的取值 'nope' 无效：未知的报告格式 \"nope\"；可选：text, json, ndjson, sarif, junit, markdown, github\n",
      "error: option '-f, --format <format>' argument 'nope' is invalid. unknown format \"nope\"; one of text, json, ndjson, sarif, junit, markdown, github\n"],
    [['check', '--lang', 'zh', '--pack'], "错误：选项 '-p, --pack <path>' 缺少取值\n", "error: option '-p, --pack <path>' argument missing\n"],
  ])('%j', (args, zh, en) => {
    const z = xborder(args, { env: EN });
    const e = xborder(args.map((a) => (a === 'zh' ? 'en' : a === '--lang=zh' ? '--lang=en' : a)), { env: EN });
    expect([z.code, z.stdout, z.stderr]).toEqual([2, '', zh]);
    expect([e.code, e.stdout, e.stderr]).toEqual([2, '', en]);
  });

  it('XBORDER_LANG=zh speaks Chinese without --lang; a later --lang en wins over it', () => {
    expect(xborder(['check', '--only', 'x', 'examples'], { env: { XBORDER_LANG: 'zh' } }).stderr).toBe("错误：选项 '--only <outcomes>' 的取值 'x' 无效：须为以逗号分隔的 pass、review、fail\n");
    expect(usageLang(['check', '--lang', 'zh', '--lang', 'en'], 'zh')).toBe('en');
    expect(usageLang(['check', '--lang', 'fr'], 'zh')).toBe('zh');
  });

  it('nothing after -- is read as --lang: there it is a file name', () => {
    expect(usageLang(['check', '--lang', 'zh', '--', '--lang', 'en'], 'en')).toBe('zh');
    expect(usageLang(['check', '--', '--lang=zh'], 'en')).toBe('en');
    const r = xborder(['check', '--bogus', '--lang=zh', '--', '--lang', 'en'], { env: EN });
    expect([r.code, r.stderr]).toEqual([2, "错误：未知选项 '--bogus'\n"]);
  });

  it('several suggestions are said in Chinese too', () => {
    expect(zhUsage("error: unknown option '--bse'\n(Did you mean one of --base, --use?)\n")).toBe("错误：未知选项 '--bse'\n（是否要输入以下之一：--base, --use？）\n");
  });

  it('a line with no pattern is kept as commander wrote it', () => {
    expect(zhUsage("error: something new 'x'\n")).toBe("error: something new 'x'\n");
  });
});
