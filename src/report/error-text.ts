/**
 * Input-error messages (read, parse, schema and semantic diagnostics) in Chinese, for --lang zh reports.
 *
 * Diagnostics are made in English by the layers that find them (io, source, validate; for rule packs compile, load,
 * signing and packtest, whose sentences are in src/report/pack-error-text.ts), which know nothing of the
 * report's language, and JSON carries them as they are. Reports written in Chinese translate them here, from the
 * fixed sentence patterns those layers use; quoted values, pointers and field names are kept as they are. A message
 * with no pattern here is shown in English (tests/cli/zh-output.test.ts feeds the bad-input fixtures through every
 * format, so a new English sentence fails it until it has a translation).
 */
import { formatDiagnostic, type Diagnostic } from '../model/diagnostic.js';
import type { Lang } from '../model/verdict.js';
import { packHints, packMessages, sourceMessages, type Rule } from './pack-error-text.js';

const TYPE_ZH: Record<string, string> = { object: '对象', array: '数组', string: '字符串', number: '数字', boolean: '布尔值', null: '空值' };

/** The quoted literals of "a, b, c" as "a"、"b"、"c" (enum values are ids a user types, not words). */
const quotedList = (list: string): string => list.split(', ').map((v) => `"${v}"`).join('、');

const MESSAGES: Rule[] = [
  // validate/schemas.ts
  [/^unknown field (.+)$/, (f) => `未知字段 ${f!}`],
  [/^exporter has neither a USCC nor a name$/, () => '出境方既无统一社会信用代码，也无名称'],
  [/^exporter has neither a USCC nor a name with a visible character: the ledger cannot record this transfer$/, () => '出境方既无统一社会信用代码，也无含可见字符的名称：台账无法记录本次出境'],
  [/^missing required field (".+")$/, (f) => `缺少必填字段 ${f!}`],
  [/^must be one of: (.+)$/, (list) => `须为以下之一：${quotedList(list!)}`],
  [/^must be exactly (.+)$/, (v) => `须为 ${v!}`],
  [/^must be a whole number$/, () => '须为整数'],
  [/^must be of type (\w+)$/, (t) => `类型须为${TYPE_ZH[t!] ?? t!}`],
  [/^must be >= (.+)$/, (n) => `须不小于 ${n!}`],
  [/^must be > (.+)$/, (n) => `须大于 ${n!}`],
  [/^must be <= (.+)$/, (n) => `须不大于 ${n!}`],
  [/^must be a real calendar date YYYY-MM-DD$/, () => '须为真实存在的日期（YYYY-MM-DD）'],
  [/^has an invalid format$/, () => '格式无效'],
  [/^is not allowed here$/, () => '此处不允许该值'],
  [/^must NOT have fewer than 1 (?:characters|items)$/, () => '不能为空'],
  [/^must not be empty$/, () => '不能为空'],
  [/^is too short: at least (\d+) characters$/, (n) => `过短：至少 ${n!} 个字符`],
  [/^must have at least (\d+) items$/, (n) => `至少须有 ${n!} 项`],
  [/^must NOT have fewer than (\d+) characters$/, (n) => `不得少于 ${n!} 个字符`],
  [/^must NOT have fewer than (\d+) items$/, (n) => `不得少于 ${n!} 项`],
  [/^must NOT have more than (\d+) characters$/, (n) => `不得多于 ${n!} 个字符`],
  [/^must NOT have more than (\d+) items$/, (n) => `不得多于 ${n!} 项`],
  [/^is too long: at most (\d[\d,]*) characters$/, (n) => `过长：最多 ${n!} 个字符`],
  [/^must not repeat items \(items (\d+) and (\d+) are the same\)$/, (j, i) => `不得重复（第 ${j!} 项与第 ${i!} 项相同）`],
  // validate/manifest.ts
  [/^(".*") is not an assigned ISO 3166-1 country code$/, (c) => `${c!} 不是已分配的 ISO 3166-1 国家或地区代码`],
  [/^(".*") is not an ISO 3166-2:CN region code$/, (c) => `${c!} 不是 ISO 3166-2:CN 省级行政区代码`],
  [/^(\S+) cannot be a date of this safeguard \(expected (\S+) to (\S+)\)$/, (d, a, b) => `${d!} 不可能是该保障措施的日期（应在 ${a!} 至 ${b!} 之间）`],
  [/^(\S+) cannot be the date of a transfer \(expected (\S+) or earlier\)$/, (d, b) => `${d!} 不可能是出境日期（应不晚于 ${b!}）`],
  [/^the contract is filed \((\S+)\) before it is signed \((\S+)\)$/, (f, s) => `标准合同的备案日期（${f!}）早于签订日期（${s!}）`],
  [/^the assessment expires \((\S+)\) before it is issued \((\S+)\)$/, (e, i) => `安全评估的到期日（${e!}）早于出具日（${i!}）`],
  [/^duplicate data item id (".*") \(also (\S+)\)$/, (id, at) => `数据项 id ${id!} 重复（另见 ${at!}）`],
  // source/*
  [/^invalid JSON: (.+)$/, (rest) => `JSON 无效：${zhMessage(rest!)}`],
  [/^line (\d+) is not valid JSON: (.+)$/, (n, rest) => `第 ${n!} 行不是有效的 JSON：${zhMessage(rest!)}`],
  [/^key (".*") is not allowed$/, (k) => `不允许使用键 ${k!}`],
  [/^duplicate key (".*")$/, (k) => `键 ${k!} 重复`],
  [/^(NaN|Infinity) is not a JSON number$/, (w) => `${w!} 不是 JSON 数字`],
  [/^Map keys must be unique \((".*") appears twice\)$/, (k) => `映射的键须唯一（${k!} 出现了两次）`],
  [/^map keys must be plain values, not lists or maps$/, () => '映射的键须为普通值，不能是列表或映射'],
  [/^Tabs are not allowed as indentation$/, () => '不允许用制表符缩进'],
  [/^(".*"|line \d+) is indented (more|less) than the key above it \((".*", )?line (\d+)\)$/,
    (what, more, key, n) => `${what!.startsWith('line') ? `第 ${what!.slice(5)} 行` : what!}的缩进${more === 'more' ? '多于' : '少于'}上方的键（${key ? key.slice(0, -2) + '，' : ''}第 ${n!} 行）`],
  [/^the value( of (".*"))? holds ": ", which YAML reads as the start of another key$/,
    (_, key) => `${key ? `${key} 的` : ''}值中含有 ": "，YAML 会把它读作另一个键的开头`],
  [/^YAML anchors \(&name\) are not allowed here$/, () => '此处不允许使用 YAML 锚点（&name）'],
  [/^YAML aliases \(\*name\) are not allowed here$/, () => '此处不允许使用 YAML 别名（*name）'],
  [/^YAML merge keys \(!!merge <<\) are not allowed$/, () => '不允许使用 YAML 合并键（!!merge <<）'],
  [/^YAML aliases expand to too much data$/, () => 'YAML 别名展开后的数据过多'],
  [/^the file is empty$/, () => '文件为空'],
  [/^the file holds only comments, no document$/, () => '文件只有注释，没有内容'],
  [/^nesting deeper than (\d+) levels$/, (n) => `嵌套超过 ${n!} 层`],
  [/^more than ([\d,]+) values in one document$/, (n) => `一个文档中的值超过 ${n!} 个`],
  [/^string of ([\d,]+) characters is longer than the ([\d,]+)-character limit$/, (n, max) => `字符串长 ${n!} 个字符，超过 ${max!} 个字符的上限`],
  [/^unterminated string$/, () => '字符串未结束'],
  [/^expected "," or "(.)", found (.+)$/, (c, found) => `此处应为 "," 或 "${c!}"，实际为${foundZh(found!)}`],
  [/^expected a value, found (.+)$/, (found) => `此处应为一个值，实际为${foundZh(found!)}`],
  [/^expected a quoted key, found (.+)$/, (found) => `此处应为带引号的键，实际为${foundZh(found!)}`],
  [/^unexpected (.+) after the end of the JSON value$/, (found) => `JSON 值结束后出现多余内容：${foundZh(found!)}`],
  // io/files.ts
  [/^binary file \(contains NUL bytes\), not YAML or JSON$/, () => '二进制文件（含 NUL 字节），不是 YAML 或 JSON'],
  [/^text in (UTF-(?:16|32)(?:LE|BE))( \(no byte order mark\))?, not UTF-8: save the file as UTF-8$/, (enc, nobom) => `文本编码为 ${enc!}${nobom ? '（无字节顺序标记）' : ''}，不是 UTF-8：请将文件另存为 UTF-8`],
  [/^not UTF-8 text \(invalid byte sequence\); manifests are UTF-8 YAML or JSON$/, () => '不是 UTF-8 文本（字节序列无效）；出境说明须为 UTF-8 编码的 YAML 或 JSON'],
  [/^no such file or directory$/, () => '文件或文件夹不存在'],
  // batch/inputs.ts
  [/^the pattern (".*") matched no files$/, (p) => `模式 ${p!} 没有匹配到任何文件`],
  [/^the pattern (".*") matched no \.yaml, \.yml or \.json files$/, (p) => `模式 ${p!} 没有匹配到任何 .yaml、.yml 或 .json 文件`],
  [/^file not found or not readable$/, () => '文件不存在或无法读取'],
  [/^a folder, not a file$/, () => '这是文件夹，不是文件'],
  [/^file is ([\d,]+) bytes, over the ([\d,]+)-byte limit \(--max-bytes\)$/, (n, max) => `文件大小 ${n!} 字节，超过 ${max!} 字节的上限（--max-bytes）`],
  [/^permission denied$/, () => '没有权限'],
  // util/make-dirs.ts
  [/^cannot create the folder (\S+) \((.+)\)$/, (dir, why) => `无法创建文件夹 ${dir!}（${zhMessage(why!)}）`],
  [/^(\S+) is not a folder$/, (p) => `${p!} 不是文件夹`],
  [/^read-only file system$/, () => '只读文件系统'],
  [/^a parent is not a folder$/, () => '上级路径不是文件夹'],
  [/^no space left on the device$/, () => '设备空间不足'],
  // console/pdf.ts
  [/^chromium wrote no PDF$/, () => 'Chromium 未写出 PDF'],
  [/^chromium failed: (.+)$/, (why) => `Chromium 运行失败：${why!}`],
  [/^--max-bytes must be a positive whole number of bytes$/, () => '--max-bytes 须为正整数（字节数）'],
  [/^XBORDER_MAX_BYTES must be a positive whole number of bytes$/, () => 'XBORDER_MAX_BYTES 须为正整数（字节数）'],
  // ledger/*, app/project-files.ts
  [/^(\S+) (does not exist|is an empty file, not a ledger); (check|report|zones|evidence|serve) .+$/, (p, what, by) =>
    `${p!} ${what === 'does not exist' ? '不存在' : '是空文件，不是台账'}；${by === 'check' || by === 'report' || by === 'zones'
      ? `\`xborder ${by!}\` 从不创建台账（请用 \`xborder ledger record\` 记录已发生的出境）`
      : by === 'serve' ? '`xborder serve` 仅在使用 --create-ledger 时创建台账'
        : '`xborder evidence` 从不创建台账（决策记录由 `xborder serve --ledger` 写入）'}`],
  [/^(".*") looks like a manifest, not a ledger \(a SQLite file or postgres:\/\/ URL\); write --ledger <ledger> before or after the manifests$/,
    (v) => `${v!} 看起来是出境说明，不是台账（台账是 SQLite 文件或 postgres:// URL）；请把 --ledger <ledger> 写在出境说明之前或之后`],
  [/^no ledger has been created (?:at (\S+)|here) yet \(`xborder ledger record` creates it; --ledger or XBORDER_LEDGER names another\)$/,
    (at) => `${at ? `${at} ` : '此处'}尚未创建台账（\`xborder ledger record\` 会创建；可用 --ledger 或 XBORDER_LEDGER 指定其他台账）`],
  [/^ledger spec "sqlite:" names no file$/, () => '台账参数 "sqlite:" 未指明文件'],
  // app/ledger.ts, app/ledger-record.ts
  [/^--year must be a four-digit year, got (.+)$/, (got) => `--year 须为四位数年份，实际为 ${got!}`],
  [/^not a valid manifest: (\d+) problems? at (.+); `xborder validate (.+)` shows them$/,
    (n, at, file) => `不是有效的出境说明：${n!} 处问题，位于 ${at!}；\`xborder validate ${file!}\` 可列出详情`],
  [/^unsupported ledger URL scheme in (.+)$/, (url) => `不支持的台账 URL 协议：${url!}`],
  [/^manifest id (".*") is already recorded for this exporter with (?:a different value for|different values for) (.+); a different transfer needs a new manifest id$/,
    (id, fields) => `该数据处理者已记录过出境说明编号 ${id!}，但 ${fields!} 不同；另一次出境须使用新的出境说明编号`],
  [/^its previous-hash does not match the record before it \(a record was removed or reordered\)$/, () => '其前一哈希值与上一条记录不符（有记录被删除或调换了顺序）'],
  [/^its content does not match its hash \(the record was edited\)$/, () => '其内容与哈希值不符（记录被修改过）'],
  // packdiff, app/pack-diff.ts
  [/^--fail-on names no transition \(one of (.+)\)$/, (list) => `--fail-on 未指定任何结论变化（须为以下之一：${list!.split(', ').join('、')}）`],
  [/^unknown transition (".*") \(one of (.+)\)$/, (t, list) => `未知的结论变化 ${t!}（须为以下之一：${list!.split(', ').join('、')}）`],
  [/^--base (.+): neither a pack directory nor a git ref of the repository holding (.+)$/, (ref, head) => `--base ${ref!}：既不是规则包目录，也不是 ${head!} 所在仓库的 git 引用`],
  [/^--base (.+): cannot read (.+) at that ref \((.*)\)$/, (ref, what, why) => `--base ${ref!}：无法读取该引用下的${what === 'the repository' ? '仓库' : ` ${what!} `}（${why!}）`],
  [/^waiver #(\d+) names manifest (".*") but no exporter, so it waives that manifest id of every exporter$/,
    (n, m) => `第 ${n!} 条例外批准指定了出境说明 ${m!}，但未指定数据处理者，因此对所有数据处理者的同一出境说明编号都有效`],
  [/^(".*") is not a real date \(YYYY-MM-DD\)$/, (d) => `${d!} 不是真实存在的日期（YYYY-MM-DD）`],
  ...sourceMessages,
  // Rule packs: src/report/pack-error-text.ts
  ...packMessages((m) => zhMessage(m)),
];

/** "found the end of the file", "found "x"": what the JSON reader met instead. */
const foundZh = (found: string): string => (found === 'the end of the file' ? '文件结尾' : ` ${found}`);

const HINTS: Rule[] = [
  [/^did you mean (".*")\?$/, (g) => `是否应为 ${g!}？`],
  [/^allowed here: (.+)$/, (list) => `此处允许：${list!}`],
  [/^is (".*") a typo for it\?$/, (t) => `${t!} 是否为其笔误？`],
  [/^larger than any real population: check the figure$/, () => '超过任何真实人口规模，请核对数字'],
  [/^give the country the recipient is in; XX, ZZ and other unassigned codes name no country$/, () => '请填写接收方所在的国家或地区；XX、ZZ 等未分配的代码不代表任何国家或地区'],
  [/^e\.g\. (.+)$/, (ex) => `例如 ${ex!}`],
  [/^reserved: it could change how JavaScript objects behave$/, () => '保留名称：可能改变程序中对象的行为'],
  [/^JSON parsers silently keep only the last one: remove or rename one of them$/, () => 'JSON 解析器会静默地只保留最后一个：请删除或重命名其中一个'],
  [/^counts are whole numbers$/, () => '人数须为整数'],
  [/^paths in (\S+) are relative to its folder$/, (f) => `${f!} 中的路径相对于其所在文件夹`],
  [/^indent with spaces: YAML does not allow tabs for indentation$/, () => '请用空格缩进：YAML 不允许用制表符缩进'],
  [/^keys of one mapping start in the same column; indent a key further only under a key whose value starts on the next line$/,
    () => '同一映射中的键须从同一列开始；只有在值另起一行的键下面才可再缩进'],
  [/^put the value in quotes, or write the colon without a space after it$/, () => '请给该值加上引号，或去掉冒号后的空格'],
  [/^name the exporter too: manifest ids are unique only per exporter$/, () => '请同时指定数据处理者：出境说明编号只在同一数据处理者内唯一'],
  [/^write the value out in full$/, () => '请完整写出该值'],
  [/^write the fields out in full$/, () => '请完整写出各字段'],
  [/^give the day of the transfer, or of the planned transfer$/, () => '请填写出境日期或计划出境日期'],
  [/^a manifest starts with (".*"), a rule pack with (".*")$/, (m, p) => `出境说明以 ${m!} 开头，规则包以 ${p!} 开头`],
  // The manifest schema's descriptions, shown as hints for values of the wrong form.
  [/^ISO 3166-1 alpha-2 code of a place outside the mainland \(HK, MO, TW count as outside\)$/, () => 'ISO 3166-1 二位字母代码，须为境外（香港、澳门、台湾视为境外）'],
  [/^ISO 3166-2:CN code, e\.g\. (\S+)$/, (ex) => `ISO 3166-2:CN 代码，例如 ${ex!}`],
  [/^Unified social credit code: 18 characters \(digits and capital letters except I, O, Z, S, V\)$/, () => '统一社会信用代码：18 位（数字和除 I、O、Z、S、V 外的大写字母）'],
  [/^City of registration in lower-case pinyin, e\.g\. (\S+)$/, (ex) => `注册地城市，小写拼音，例如 ${ex!}`],
  ...packHints,
];

/** ` (got X)` at the end of a schema message: the offending value, kept as it is. */
const GOT = / \(got ([\s\S]*)\)$/;

const apply = (rules: Rule[], text: string): string | undefined => {
  for (const [re, zh] of rules) {
    const m = re.exec(text);
    if (m) return zh(...m.slice(1));
  }
  return undefined;
};

/** A diagnostic message in `lang`: "/pointer message (got value)" keeps its pointer and value. */
export function zhMessage(message: string): string {
  const [, pointer = '', body = message] = /^(\/\S*\s)?([\s\S]*)$/.exec(message) ?? [];
  const got = GOT.exec(body);
  const core = got ? body.slice(0, got.index) : body;
  const text = apply(MESSAGES, core);
  // What looked like a pointer may be an absolute file path starting the sentence (a trust store's, a ledger's).
  if (text === undefined) return (pointer && apply(MESSAGES, message)) || message;
  const value = got?.[1]?.replace(/^([\d,]+) characters$/, '$1 个字符').replace(/^null$/, '空值');
  return `${pointer}${text}${value !== undefined ? `（实际为 ${value}）` : ''}`;
}

export const zhHint = (hint: string): string => apply(HINTS, hint) ?? hint;

export const errorMessageIn = (message: string, lang: Lang): string => (lang === 'zh' ? zhMessage(message) : message);
export const errorHintIn = (hint: string, lang: Lang): string => (lang === 'zh' ? zhHint(hint) : hint);

/** "file:line:col message (hint)" in `lang`, for problems printed on stderr (configuration, waivers, zones input). */
export const formatDiagnosticIn = (d: Diagnostic, lang: Lang): string =>
  lang === 'zh'
    ? `${formatDiagnostic({ ...d, message: zhMessage(d.message), hint: undefined })}${d.hint ? `（${zhHint(d.hint)}）` : ''}`
    : formatDiagnostic(d);
