/**
 * What `check`, `zones`, `explain`, `report`, `evidence`, `ledger`, `pack diff | verify` and `serve` say on stderr
 * (and `ledger record`'s lines), and the service's refusals (?lang=zh), in both languages (--lang): one table, so
 * Chinese output never falls back to an English sentence. Ids, paths, command-line options and query parameters stay as typed.
 */
import { counted, groupDigits } from '../util/numbers.js';
import { CHECKABLE_DATE } from '../util/dates.js';
import type { Bilingual, Lang } from '../model/verdict.js';
import type { Ignored } from '../io/files.js';
import { zhMessage } from '../report/error-text.js';

/** One ledger record as `ledger record` reports it (a LedgerEntry's ids and counts). */
interface LedgerLine { manifestId: string; exporter: string; date: string; individuals: number; sensitiveIndividuals: number; counted: boolean }

export const MESSAGES = {
  unknownFormat: (f: string): Bilingual => ({ en: `unknown --format "${f}"`, zh: `未知的报告格式 --format "${f}"` }),
  oneStdout: (): Bilingual => ({
    en: 'only one report can go to stdout; give the others a file (--format sarif=xborder.sarif)',
    zh: '只能有一份报告写到标准输出；其余报告请指定文件（如 --format sarif=xborder.sarif）',
  }),
  outputUnused: (output: string, formats: readonly string[], fromConfig: boolean): Bilingual => ({
    en: `--output ${output} names the file of the one report, but ${fromConfig ? "the configuration's format" : '--format'} ${formats.join(', ')} ${formats.length > 1 ? 'asks for several reports' : 'already names its file'}: the report would not go to ${output}; drop --output or give each report its file with --format f=file (nothing was checked)`,
    zh: `--output ${output} 指定的是唯一一份报告的文件，但${fromConfig ? '配置中的 format' : ' --format'} ${formats.join(', ')} ${formats.length > 1 ? '要求多份报告' : '已指定了报告文件'}：报告不会写入 ${output}；请去掉 --output，或用 --format f=file 为每份报告指定文件（未检查任何内容）`,
  }),
  reportFolderMissing: (file: string, dir: string): Bilingual => ({
    en: `cannot write the report to ${file}: the folder ${dir} does not exist (xborder creates no folders); nothing was checked`,
    zh: `无法将报告写入 ${file}：文件夹 ${dir} 不存在（xborder 不会创建文件夹）；未检查任何内容`,
  }),
  noFolder: (file: string, dir: string): Bilingual => ({
    en: `cannot write ${file}: the folder ${dir} does not exist (xborder creates no folders)`,
    zh: `无法写入 ${file}：文件夹 ${dir} 不存在（xborder 不会创建文件夹）`,
  }),
  reportIsInput: (file: string): Bilingual => ({
    en: `the report file ${file} is also a manifest to check: the report would overwrite it; write the report elsewhere (nothing was checked)`,
    zh: `报告文件 ${file} 同时也是待检查的出境说明：写入报告会覆盖它；请将报告写到其他位置（未检查任何内容）`,
  }),
  reportOverRunFile: (file: string): Bilingual => ({
    en: `the report file ${file} is a file this run reads (a rule pack, the ledger, waivers, configuration or trust store): the report would overwrite it; write the report elsewhere (nothing was written)`,
    zh: `报告文件 ${file} 是本次运行读取的文件（规则包、台账、例外批准、配置或信任库）：写入报告会覆盖它；请将报告写到其他位置（未写入任何内容）`,
  }),
  reportOverManifest: (file: string): Bilingual => ({
    en: `the report file ${file} holds a manifest: the report would overwrite it; write the report elsewhere (nothing was checked)`,
    zh: `报告文件 ${file} 中是一份出境说明：写入报告会覆盖它；请将报告写到其他位置（未检查任何内容）`,
  }),
  reportTwice: (file: string): Bilingual => ({
    en: `two reports would go to ${file}: give each report its own file (nothing was checked)`,
    zh: `有两份报告要写入 ${file}：请为每份报告指定不同的文件（未检查任何内容）`,
  }),
  badJobs: (got: string): Bilingual => ({ en: `--jobs must be a whole number >= 1 (got "${got}")`, zh: `--jobs 须为不小于 1 的整数（收到 "${got}"）` }),
  // A reason that starts with the ledger's name (a missing or empty file) is said alone: never "x.db: x.db …".
  ledgerUnavailable: (ledger: string | undefined, why: string): Bilingual => (ledger && why.startsWith(`${ledger} `) ? { en: why, zh: why } : {
    en: `cannot open ledger${ledger ? ` ${ledger}` : ''}: ${why}`, zh: `无法打开台账${ledger ? ` ${ledger}` : ''}：${why}`,
  }),
  ledgerReadFailed: (ledger: string, why: string): Bilingual => ({
    en: `cannot read ledger ${ledger}: ${why}; year-to-date totals are unknown (exit 2)`,
    zh: `无法读取台账 ${ledger}：${why}；当年累计人数未知（退出码 2）`,
  }),
  workersFailed: (n: number, why: string): Bilingual => ({
    en: `${n} worker thread(s) could not start (${why}); the other threads checked every input and the report is complete, but the run exits 2`,
    zh: `${n} 个工作线程无法启动（${why}）；其余线程已检查全部输入，报告完整，但本次运行以退出码 2 结束`,
  }),
  notManifests: (n: number): Bilingual => ({
    en: `skipped ${counted(n, 'YAML/JSON file')} in the folders that are not transfer manifests (another kind or apiVersion, or none of a manifest's fields)`,
    zh: `已跳过文件夹中 ${n} 个不是数据出境说明的 YAML/JSON 文件（声明了其他 kind 或 apiVersion，或没有出境说明的任何字段）`,
  }),
  ignored: ({ folders, files }: Ignored): Bilingual => ({
    en: `left out ${counted(folders, 'folder')} and ${counted(files, 'YAML/JSON file')} of the folder walk (dot-folders and dot-files, node_modules, .gitignore, --exclude)`,
    zh: `遍历文件夹时略过 ${folders} 个文件夹和 ${files} 个 YAML/JSON 文件（以点开头的文件夹和文件、node_modules、.gitignore 忽略的路径、--exclude）`,
  }),
  unusedWaivers: (list: string, n: number): Bilingual => ({ en: `${n === 1 ? '1 waiver' : `${n} waivers`} matched no finding: ${list}`, zh: `${n} 条例外批准未匹配任何发现：${list}` }),
  noManifests: (inputs: readonly string[]): Bilingual => ({
    en: `no manifests found in ${inputs.join(' ')}; nothing was checked (exit 2). A renamed or empty folder must not pass the gate: use --allow-empty if an empty input is expected.`,
    zh: `在 ${inputs.map((i) => JSON.stringify(i)).join('、')} 中未找到出境说明，未检查任何内容（退出码 2）。改名或为空的文件夹不能通过门禁；如确实预期输入为空，请使用 --allow-empty。`,
  }),
  emptyFolders: (folders: readonly string[]): Bilingual => ({
    en: `no manifests found in ${folders.join(' ')} (exit 2; the other inputs were checked). A renamed or empty folder must not pass the gate: use --allow-empty if an empty input is expected.`,
    zh: `在 ${folders.map((i) => JSON.stringify(i)).join('、')} 中未找到出境说明（退出码 2；其他输入已检查）。改名或为空的文件夹不能通过门禁；如确实预期输入为空，请使用 --allow-empty。`,
  }),
  validated: (total: number, bad: number): Bilingual => ({
    en: `${total} validated: ${total - bad} valid, ${bad} invalid`,
    zh: `已校验 ${total} 份：${total - bad} 份有效，${bad} 份无效`,
  }),
  waiverExpired: (entry: number, rule: string, expires: string): Bilingual => ({
    en: `warning: waiver #${entry} (${rule}) expired on ${expires}; it no longer applies`,
    zh: `警告：第 ${entry} 条例外批准（${rule}）已于 ${expires} 到期，不再适用`,
  }),
  waiverUnknownRule: (entry: number, rule: string, guess?: string): Bilingual => ({
    en: `warning: waiver #${entry} names rule ${rule}, which no loaded rule pack defines, so it can match nothing${guess ? `; did you mean ${guess}?` : ''}`,
    zh: `警告：第 ${entry} 条例外批准指向的规则 ${rule} 不在任何已加载的规则包中，不会匹配任何发现${guess ? `；是否应为 ${guess}？` : ''}`,
  }),
  waiverExpiring: (entry: number, rule: string, expires: string): Bilingual => ({
    en: `warning: waiver #${entry} (${rule}) expires on ${expires}`,
    zh: `警告：第 ${entry} 条例外批准（${rule}）将于 ${expires} 到期`,
  }),
  noRule: (id: string, guess?: string): Bilingual => ({
    en: `no rule "${id}"${guess ? `; did you mean "${guess}"?` : ''}`,
    zh: `没有规则 "${id}"${guess ? `；是否要找 "${guess}"？` : ''}`,
  }),
  noZoneList: (zone: string, guess: string | undefined, listed: readonly string[]): Bilingual => ({
    en: `no loaded list for zone "${zone}"${guess ? `; did you mean "${guess}"?` : ''} (zones with a loaded list: ${listed.join(', ')})`,
    zh: `未加载试验区 "${zone}" 的清单${guess ? `；是否要找 "${guess}"？` : ''}（已加载清单的试验区：${listed.join('、')}）`,
  }),
  explainNeedsRule: (): Bilingual => ({ en: 'explain needs a rule id or --scenarios <zone>', zh: 'explain 须指定规则 id 或 --scenarios <zone>' }),
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
  // xborder serve: a refused request's message (?lang=zh)
  unsupportedType: (sent: string, types: readonly string[], ndjson: string): Bilingual => ({
    en: `unsupported content type "${sent}": send ${types.join(', ')} (the batch endpoint: ${ndjson})`,
    zh: `不支持的内容类型 "${sent}"：请使用 ${types.join('、')}（批量接口：${ndjson}）`,
  }),
  unsupportedEncoding: (sent: string): Bilingual => ({
    en: `unsupported content encoding "${sent}": send the manifest uncompressed (no Content-Encoding, or identity)`,
    zh: `不支持的内容编码 "${sent}"：请发送未压缩的清单（不设 Content-Encoding，或设为 identity）`,
  }),
  unsupportedCharset: (sent: string): Bilingual => ({
    en: `unsupported charset "${sent}": manifests are UTF-8 (send charset=utf-8, or no charset)`,
    zh: `不支持的字符集 "${sent}"：清单须为 UTF-8（请使用 charset=utf-8，或不指定字符集）`,
  }),
  keyInvalid: (): Bilingual => ({ en: 'the API key is not valid', zh: 'API 密钥无效' }),
  keyNeeded: (): Bilingual => ({ en: 'this endpoint needs an API key (Authorization: Bearer <key>)', zh: '该接口须提供 API 密钥（Authorization: Bearer <key>）' }),
  recordNeedsKey: (): Bilingual => ({ en: 'recording needs an API key (Authorization: Bearer <key>)', zh: '记入台账须提供 API 密钥（Authorization: Bearer <key>）' }),
  rateLimited: (max: number, after: string): Bilingual => ({ en: `more than ${max} requests in ${after}; retry later`, zh: `${after} 内请求超过 ${max} 次，请稍后重试` }),
  overloaded: (why: string): Bilingual => ({ en: `the service is overloaded (${why}); retry later`, zh: `服务过载（${why}），请稍后重试` }),
  internal: (): Bilingual => ({ en: 'internal error', zh: '内部错误' }),
  noRoute: (method: string, path: string): Bilingual => ({ en: `no route ${method} ${path}`, zh: `没有接口 ${method} ${path}` }),
  badRequestUrl: (): Bilingual => ({
    en: 'the request address holds a character HTTP does not allow there (a space, or text outside ASCII, in the path or query): percent-encode it as UTF-8, e.g. exporter=%E4%B8%8A%E6%B5%B7 for 上海 (curl: -G --data-urlencode exporter=上海)',
    zh: '请求地址含有 HTTP 不允许的字符（路径或查询中的空格或非 ASCII 文字）：请按 UTF-8 进行百分号编码，如“上海”写作 exporter=%E4%B8%8A%E6%B5%B7（curl：-G --data-urlencode exporter=上海）',
  }),
  badRequest: (): Bilingual => ({ en: 'the request is not valid HTTP', zh: '请求不是有效的 HTTP 请求' }),
  requestTimeout: (): Bilingual => ({ en: 'the request took too long to arrive', zh: '请求发送超时' }),
  headersTooLarge: (): Bilingual => ({ en: 'the request headers are too large', zh: '请求头过大' }),
  notReady: (): Bilingual => ({ en: 'rule packs are not loaded', zh: '规则包尚未加载' }),
  noLedger: (): Bilingual => ({ en: 'the service runs without a ledger (start it with --ledger)', zh: '服务未使用台账（请以 --ledger 启动）' }),
  ledgerDown: (): Bilingual => ({ en: 'the ledger is unavailable; nothing was recorded, retry later', zh: '台账不可用，未记录任何内容，请稍后重试' }),
  ledgerDownLine: (): Bilingual => ({
    en: 'the ledger is unavailable; nothing was decided or recorded for this manifest, retry it',
    zh: '台账不可用，未对该出境说明作出结论，也未记录任何内容，请重试该出境说明',
  }),
  notReserved: (verdict: string): Bilingual => ({ en: `verdict ${verdict} is not within the gate; nothing was recorded`, zh: `结论 ${verdict} 未通过门禁，未记录任何内容` }),
  invalidPacks: (): Bilingual => ({ en: 'the new rule packs are invalid; the last good set keeps serving', zh: '新规则包无效，服务继续使用上一套有效的规则包' }),
  noLoadedRule: (rule: string): Bilingual => ({ en: `no rule ${rule} in the loaded packs`, zh: `已加载的规则包中没有规则 ${rule}` }),
  totalsQuery: (): Bilingual => ({ en: 'give exporter (USCC, or name without one) and year (YYYY)', zh: '请给出 exporter（统一社会信用代码，没有时用名称）和 year（YYYY）' }),
  evidencePage: (): Bilingual => ({ en: 'after >= 0 and 1 <= limit <= 10000, whole numbers', zh: 'after 须为不小于 0 的整数，limit 须为 1 到 10000 之间的整数' }),
  playgroundBody: (): Bilingual => ({ en: 'send JSON { pack: { uri, text }, tests?: { uri, text }, manifest?: text }', zh: '请发送 JSON { pack: { uri, text }, tests?: { uri, text }, manifest?: text }' }),
  queryOnce: (name: string): Bilingual => ({ en: `query parameter ${name} must be given once`, zh: `查询参数 ${name} 只能给出一次` }),
  queryFlag: (name: string): Bilingual => ({ en: `query parameter ${name} must be true or false`, zh: `查询参数 ${name} 须为 true 或 false` }),
  queryUnknown: (name: string, known: readonly string[]): Bilingual => ({
    en: `unknown query parameter ${name} (known: ${known.join(', ')})`, zh: `未知的查询参数 ${name}（可用：${known.join('、')}）`,
  }),
  queryAsOf: (): Bilingual => ({ en: `asOf must be ${CHECKABLE_DATE.en}`, zh: `asOf 须为${CHECKABLE_DATE.zh}` }),
  queryLang: (): Bilingual => ({ en: 'lang must be en or zh', zh: 'lang 须为 en 或 zh' }),
  recordAsOf: (): Bilingual => ({
    en: 'record=true reserves the transfer on its own date: leave out asOf',
    zh: 'record=true 按出境本身的日期记入台账：请去掉 asOf',
  }),
  // xborder ledger record | show | export: counts and ids only, never a manifest's other values
  ledgerRecorded: (e: LedgerLine, recorded: boolean, totals: { individuals: number; sensitiveIndividuals: number }): Bilingual => {
    const year = e.date.slice(0, 4);
    const [n, sensitive, total, totalSensitive] = [e.individuals, e.sensitiveIndividuals, totals.individuals, totals.sensitiveIndividuals].map(groupDigits);
    const yearEn = `year total ${total}; sensitive ${totalSensitive}`;
    const yearZh = `全年累计 ${total} 人；敏感 ${totalSensitive} 人`;
    if (!recorded) {
      return {
        en: `already recorded ${e.manifestId} for ${e.exporter} ${year} (no change; ${yearEn})`,
        zh: `已记录过 ${e.manifestId}（${e.exporter}，${year}年），未作更改（${yearZh}）`,
      };
    }
    const some = e.sensitiveIndividuals > 0;
    return {
      en: `recorded ${e.manifestId} for ${e.exporter} ${year}: ${n} individuals${some ? `, ${sensitive} sensitive` : ''}${e.counted ? '' : ', exempt: recorded but not counted'} (${yearEn})`,
      zh: `已记录 ${e.manifestId}（${e.exporter}，${year}年）：${n} 人${some ? `，其中敏感 ${sensitive} 人` : ''}${e.counted ? '' : '，豁免：已记录但不计入累计'}（${yearZh}）`,
    };
  },
  ledgerConflictNote: (kind: string): Bilingual => {
    const what: Bilingual = kind === 'name-with-several-usccs'
      ? { en: 'this name is recorded with more than one USCC', zh: '该名称在台账中对应多个统一社会信用代码' }
      : { en: 'this USCC is recorded with more than one name', zh: '该统一社会信用代码在台账中对应多个名称' };
    return {
      en: `  note: ${what.en}; check --ledger reports review for this exporter until a person resolves it`,
      zh: `  注意：${what.zh}；在人工处理之前，check --ledger 对该数据处理者的结论为需人工审查`,
    };
  },
  ledgerNoTransfers: (): Bilingual => ({ en: 'no transfers recorded', zh: '台账中尚无出境记录' }),
  ledgerInvalidManifest: (where: readonly string[], file: string): Bilingual => {
    const at = `${where.slice(0, 5).join(', ')}${where.length > 5 ? ', …' : ''}`;
    return {
      en: `not a valid manifest: ${counted(where.length, 'problem')} at ${at}; \`xborder validate ${file}\` shows them`,
      zh: `不是有效的出境说明：${where.length} 处问题，位于 ${at}；\`xborder validate ${file}\` 可列出详情`,
    };
  },
  ledgerBadYear: (got: string): Bilingual => ({
    en: `--year must be a four-digit year, got ${JSON.stringify(got)}`, zh: `--year 须为四位数年份，实际为 ${JSON.stringify(got)}`,
  }),
  ledgerBadFormat: (got: string | undefined): Bilingual => ({
    en: `--format must be csv or json, got ${JSON.stringify(got)}`, zh: `--format 须为 csv 或 json，实际为 ${JSON.stringify(got)}`,
  }),
  // xborder evidence verify | export
  chainIntact: (n: number, head?: string): Bilingual => ({
    en: `evidence chain intact: ${counted(n, 'record')}${head ? `; head ${head} (note it: \`--head ${head}\` later shows whether records after it were deleted)` : ''}`,
    zh: `证据链完整：共 ${n} 条记录${head ? `；链尾 ${head}（请记下：日后以 \`--head ${head}\` 核验可发现其后记录是否被删除）` : ''}`,
  }),
  headReached: (head: string, after: number): Bilingual => ({
    en: `the expected head ${head} is in the chain${after ? `, with ${counted(after, 'record')} appended after it` : ', and the chain ends there'}`,
    zh: `预期链尾 ${head} 在证据链中${after ? `，其后新增 ${after} 条记录` : '，证据链止于此'}`,
  }),
  /** `last`: the chain's head, undefined for an empty chain. */
  headMissing: (head: string, last?: string): Bilingual => ({
    en: `evidence chain TRUNCATED: ${last ? `it ends at ${last}` : 'it is empty'}, before the expected head ${head}; records up to it were deleted (or this is another ledger)`,
    zh: `证据链被截断：${last ? `止于 ${last}` : '链为空'}，早于预期链尾 ${head}；此前记录已被删除（或并非同一台账）`,
  }),
  headDiffers: (head: string, actual: string): Bilingual => ({
    en: `evidence chain does NOT hold the expected head ${head}: that record's hash is ${actual}; the chain was rewritten from there (or this is another ledger)`,
    zh: `证据链不含预期链尾 ${head}：该条记录的哈希为 ${actual}；证据链自该处被改写（或并非同一台账）`,
  }),
  headOption: (given: string): Bilingual => ({
    en: `--head ${given}: give <seq>:<hash> as evidence verify prints it (e.g. 42:sha256:<64 hex digits>)`,
    zh: `--head ${given}：请按 evidence verify 输出的格式给出 <序号>:<哈希>（例如 42:sha256:<64位十六进制>）`,
  }),
  chainBroken: (seq: number, decision: string, why: string, before: number): Bilingual => ({
    en: `evidence chain BROKEN at record ${seq} (decision ${decision}): ${why}; ${before === 1 ? 'the record before it is' : `${counted(before, 'record')} before it are`} intact`,
    zh: `证据链在第 ${seq} 条记录处断裂（决策编号 ${decision}）：${why}；此前 ${before} 条记录完整`,
  }),
  // xborder pack verify
  notFound: (path: string): Bilingual => ({ en: `${path}: not found`, zh: `${path}：不存在` }),
  keyUnreadable: (path: string): Bilingual => ({ en: `key file ${path} not found or not readable`, zh: `密钥文件 ${path} 不存在或无法读取` }),
  verifyNeedsKey: (): Bilingual => ({ en: 'pack verify needs --public-key <pem> or --trust <file>', zh: 'pack verify 须指定 --public-key <pem> 或 --trust <file>' }),
  // xborder pack diff
  diffStdin: (): Bilingual => ({ en: 'pack diff reads its corpus twice: give files or directories, not -', zh: 'pack diff 要读取 --corpus 两次：请给出文件或文件夹，不能用 -' }),
  diffBaseUnloadable: (base: string): Bilingual => ({
    en: `those are the base packs (--base ${base}); packs written for another release of xborder may not load in this one: compare with a base that loads here (xborder pack validate), or run that release's xborder`,
    zh: `以上是基准规则包（--base ${base}）的问题；为其他版本 xborder 编写的规则包可能无法在本版本中加载：请改用能在本版本加载的基准（xborder pack validate），或运行该版本的 xborder`,
  }),
  diffHeadUnloadable: (head: string): Bilingual => ({ en: `those are the head packs (--head ${head})`, zh: `以上是新规则包（--head ${head}）的问题` }),
  diffNotReplayed: (n: number): Bilingual => ({
    en: `${n} evidence record(s) could not be replayed: their manifest (matched by digest) is not in the corpus`,
    zh: `${n} 条证据记录无法重放：其出境说明（按摘要匹配）不在 --corpus 中`,
  }),
  diffNoManifests: (): Bilingual => ({ en: 'no manifests found in the corpus; nothing was compared', zh: '--corpus 中未找到出境说明，未比较任何内容' }),
  diffBadInputs: (n: number): Bilingual => ({
    en: `${n} corpus input(s) are missing, unreadable or not valid manifests (\`xborder validate\` shows why)`,
    zh: `--corpus 中有 ${n} 个输入不存在、无法读取或不是有效的出境说明（\`xborder validate\` 可显示原因）`,
  }),
  diffIncomplete: (why: Bilingual): Bilingual => ({ en: `${why.en}: the gate says nothing about them (exit 2)`, zh: `${why.zh}：门禁对此不作判断（退出码 2）` }),
} satisfies Record<string, (...args: never[]) => Bilingual>;

/** A message thrown in English by a lower layer, in Chinese where src/report/error-text.ts knows its pattern. */
export const thrown = (message: string): Bilingual => ({ en: message, zh: zhMessage(message) });

/** One line on stderr, "xborder: " first, in the language of the run. */
export const say = (stderr: (s: string) => void, lang: Lang, m: Bilingual): void => stderr(`xborder: ${m[lang]}\n`);
