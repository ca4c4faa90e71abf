/**
 * What `check`, `zones`, `explain`, `report` and `serve` say on stderr, in both languages (--lang): one table, so Chinese output
 * never falls back to an English sentence. Ids, paths and command-line options stay as typed.
 */
import type { Bilingual, Lang } from '../model/verdict.js';
import type { Ignored } from '../io/files.js';

export const MESSAGES = {
  unknownFormat: (f: string): Bilingual => ({ en: `unknown --format "${f}"`, zh: `未知的报告格式 --format "${f}"` }),
  oneStdout: (): Bilingual => ({
    en: 'only one report can go to stdout; give the others a file (--format sarif=xborder.sarif)',
    zh: '只能有一份报告写到标准输出；其余报告请指定文件（如 --format sarif=xborder.sarif）',
  }),
  badJobs: (got: string): Bilingual => ({ en: `--jobs must be a whole number >= 1 (got "${got}")`, zh: `--jobs 须为不小于 1 的整数（收到 "${got}"）` }),
  ledgerUnavailable: (ledger: string, why: string): Bilingual => ({ en: `cannot open ledger ${ledger}: ${why}`, zh: `无法打开台账 ${ledger}：${why}` }),
  ledgerReadFailed: (ledger: string, why: string): Bilingual => ({
    en: `cannot read ledger ${ledger}: ${why}; year-to-date totals are unknown (exit 2)`,
    zh: `无法读取台账 ${ledger}：${why}；当年累计人数未知（退出码 2）`,
  }),
  workersFailed: (n: number, why: string): Bilingual => ({
    en: `${n} worker thread(s) could not start (${why}); the other threads checked every input and the report is complete, but the run exits 2`,
    zh: `${n} 个工作线程无法启动（${why}）；其余线程已检查全部输入，报告完整，但本次运行以退出码 2 结束`,
  }),
  notManifests: (n: number): Bilingual => ({
    en: `skipped ${n} YAML/JSON file(s) in the folders that are not transfer manifests (another kind or apiVersion, or none of a manifest's fields)`,
    zh: `已跳过文件夹中 ${n} 个不是数据出境清单的 YAML/JSON 文件（声明了其他 kind 或 apiVersion，或没有清单的任何字段）`,
  }),
  ignored: ({ folders, files }: Ignored): Bilingual => ({
    en: `left out ${folders} folder(s) and ${files} YAML/JSON file(s) of the folder walk (dot-folders and dot-files, node_modules, .gitignore, --exclude)`,
    zh: `遍历文件夹时略过 ${folders} 个文件夹和 ${files} 个 YAML/JSON 文件（以点开头的文件夹和文件、node_modules、.gitignore 忽略的路径、--exclude）`,
  }),
  unusedWaivers: (list: string, n: number): Bilingual => ({ en: `${n} waiver(s) matched no finding: ${list}`, zh: `${n} 条豁免未匹配任何发现：${list}` }),
  noManifests: (inputs: readonly string[]): Bilingual => ({
    en: `no manifests found in ${inputs.join(' ')}; nothing was checked (exit 2). A renamed or empty folder must not pass the gate: use --allow-empty if an empty input is expected.`,
    zh: `在 ${inputs.map((i) => JSON.stringify(i)).join('、')} 中未找到清单，未检查任何内容（退出码 2）。改名或为空的文件夹不能通过门禁；如确实预期输入为空，请使用 --allow-empty。`,
  }),
  validated: (total: number, bad: number): Bilingual => ({
    en: `${total} validated: ${total - bad} valid, ${bad} invalid`,
    zh: `已校验 ${total} 份：${total - bad} 份有效，${bad} 份无效`,
  }),
  waiverExpired: (entry: number, rule: string, expires: string): Bilingual => ({
    en: `warning: waiver #${entry} (${rule}) expired on ${expires}; it no longer applies`,
    zh: `警告：第 ${entry} 条豁免（${rule}）已于 ${expires} 到期，不再适用`,
  }),
  waiverExpiring: (entry: number, rule: string, expires: string): Bilingual => ({
    en: `warning: waiver #${entry} (${rule}) expires on ${expires}`,
    zh: `警告：第 ${entry} 条豁免（${rule}）将于 ${expires} 到期`,
  }),
  noRule: (id: string, guess?: string): Bilingual => ({
    en: `no rule "${id}"${guess ? `; did you mean "${guess}"?` : ''}`,
    zh: `没有规则 "${id}"${guess ? `；是否要找 "${guess}"？` : ''}`,
  }),
  noZoneList: (zone: string): Bilingual => ({ en: `no loaded list for zone "${zone}"`, zh: `未加载试验区 "${zone}" 的清单` }),
  packsInvalid: (): Bilingual => ({ en: 'the rule packs are invalid; nothing was checked.', zh: '规则包无效，未检查任何内容。' }),
  packsRefused: (): Bilingual => ({ en: 'rule packs refused by the trust store; nothing was checked.', zh: '规则包未通过信任库验证，未检查任何内容。' }),
  // xborder report
  noChromium: (html?: string): Bilingual => ({
    en: `no PDF written: no Chromium found (set XBORDER_CHROMIUM or install chromium)${html ? `; the HTML report is in ${html}` : ''}`,
    zh: `未生成 PDF：找不到 Chromium（请设置 XBORDER_CHROMIUM 或安装 chromium）${html ? `；HTML 报告已写入 ${html}` : ''}`,
  }),
  pdfFailed: (why: string, html?: string): Bilingual => ({
    en: `no PDF written: ${why}${html ? `; the HTML report is in ${html}` : ''}`,
    zh: `未生成 PDF：${why}${html ? `；HTML 报告已写入 ${html}` : ''}`,
  }),
  cannotWrite: (file: string, why: string): Bilingual => ({ en: `cannot write ${file}: ${why}`, zh: `无法写入 ${file}：${why}` }),
  // xborder serve, at start-up
  serveNeedsKey: (): Bilingual => ({ en: '--checks-need-key without any API key (--keys or XBORDER_API_KEYS)', zh: '使用了 --checks-need-key，但没有任何 API 密钥（--keys 或 XBORDER_API_KEYS）' }),
  servePacksInvalid: (): Bilingual => ({ en: 'the rule packs are invalid; the service did not start.', zh: '规则包无效，服务未启动。' }),
  servePacksRefused: (): Bilingual => ({ en: 'rule packs refused by the trust store; the service did not start.', zh: '规则包未通过信任库验证，服务未启动。' }),
  serveCannotStart: (why: string): Bilingual => ({ en: `cannot start the service: ${why}`, zh: `无法启动服务：${why}` }),
} satisfies Record<string, (...args: never[]) => Bilingual>;

/** One line on stderr, "xborder: " first, in the language of the run. */
export const say = (stderr: (s: string) => void, lang: Lang, m: Bilingual): void => stderr(`xborder: ${m[lang]}\n`);
