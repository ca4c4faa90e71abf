/**
 * Commander's usage errors (an unknown option or command, a missing argument, a refused option value) in Chinese,
 * for a run asked to speak Chinese. Commander writes them before any option is parsed, so the language is read
 * from the raw arguments (`--lang zh`, `--lang=zh`) or the environment (XBORDER_LANG, LANG), as --lang's default is.
 * Lines with no pattern here stay as commander wrote them; quoted names and values are kept as they are.
 */
import type { Lang } from '../model/verdict.js';
import { CHECKABLE_DATE } from '../util/dates.js';

/**
 * The language of usage errors: the last --lang on the command line, else the environment's. Not past `--`: what
 * follows it is operands (a manifest named `--lang`), never an option.
 */
export function usageLang(argv: readonly string[], fromEnv: Lang): Lang {
  let lang = fromEnv;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    const v = a === '--lang' ? argv[i + 1] : a.startsWith('--lang=') ? a.slice('--lang='.length) : undefined;
    if (v === 'zh' || v === 'en') lang = v;
  }
  return lang;
}

type Rule = [RegExp, (...groups: string[]) => string];

/** The reasons our own option parsers give (src/cli/main.ts, src/app/option-parsers.ts, src/service/commands.ts). */
const REASONS: Rule[] = [
  [/^unknown format (".*"); one of (.+)$/, (f, list) => `未知的报告格式 ${f!}；可选：${list!}`],
  [/^a comma-separated list of pass, review, fail$/, () => '须为以逗号分隔的 pass、review、fail'],
  [new RegExp(`^must be ${CHECKABLE_DATE.en.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`), () => `须为${CHECKABLE_DATE.zh}`],
  [/^must be a port number 0-65535$/, () => '须为 0-65535 之间的端口号'],
  [/^must be a whole number >= 0$/, () => '须为不小于 0 的整数'],
  [/^Allowed choices are (.+)\.$/, (list) => `可选值：${list!}`],
];

const reason = (text: string): string => {
  for (const [re, zh] of REASONS) {
    const m = re.exec(text);
    if (m) return zh(...m.slice(1));
  }
  return text;
};

const LINES: Rule[] = [
  [/^error: unknown option ('.*')$/, (o) => `错误：未知选项 ${o!}`],
  [/^error: unknown command ('.*')$/, (c) => `错误：未知命令 ${c!}`],
  [/^\(Did you mean one of (.+)\?\)$/, (list) => `（是否要输入以下之一：${list!}？）`],
  [/^\(Did you mean (.+)\?\)$/, (s) => `（是否要输入 ${s!}？）`],
  [/^error: missing required argument ('.*')$/, (a) => `错误：缺少必需的参数 ${a!}`],
  [/^error: option ('.*') argument missing$/, (o) => `错误：选项 ${o!} 缺少取值`],
  [/^error: required option ('.*') not specified$/, (o) => `错误：缺少必需的选项 ${o!}`],
  [/^error: option ('.*') argument ('.*') is invalid\. (.+)$/, (o, v, why) => `错误：选项 ${o!} 的取值 ${v!} 无效：${reason(why!)}`],
  [/^error: too many arguments for ('.*')\. Expected (\d+) arguments? but got (\d+)\.$/, (c, n, got) => `错误：命令 ${c!} 的参数过多：应为 ${n!} 个，实际为 ${got!} 个`],
  [/^error: too many arguments\. Expected (\d+) arguments? but got (\d+)\.$/, (n, got) => `错误：参数过多：应为 ${n!} 个，实际为 ${got!} 个`],
];

/** Commander's error text (one or more lines) in Chinese, line by line. */
export function zhUsage(text: string): string {
  return text.split('\n').map((line) => {
    for (const [re, zh] of LINES) {
      const m = re.exec(line);
      if (m) return zh(...m.slice(1));
    }
    return line;
  }).join('\n');
}
