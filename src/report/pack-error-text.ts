/**
 * Rule-pack problems in Chinese, for `xborder pack validate|test|coverage --lang zh` and for check, serve and the
 * other commands when a pack does not load. The sentences come from the layers that find them (compile: pack
 * checks and the list table; load: pack files; signing: the trust store and signatures; packtest: test cases);
 * ids, file names, versions and quoted values are kept as they are. src/report/error-text.ts applies these
 * patterns with its own; tests/cli/zh-pack-output.test.ts feeds every bad-pack fixture through them.
 */
import { OUTCOME_TEXT } from './labels.js';

/** A sentence pattern and its Chinese, from the pattern's groups (src/report/error-text.ts applies them). */
export type Rule = [RegExp, (...groups: string[]) => string];

/** A scope as build-pack-set.ts names it (`zone tianjin`, `national`, `region CN-GD`, `sector automotive, icv`), in Chinese. */
const scopeZh = (scope: string): string => {
  const zone = /^zone (\S+)$/.exec(scope);
  const region = /^region (\S+)$/.exec(scope);
  const sector = /^sector (.+)$/.exec(scope);
  return zone ? `试验区 ${zone[1]!}` : region ? `地区 ${region[1]!}` : sector ? `行业 ${sector[1]!}` : ({ national: '全国', region: '地区', sector: '行业' } as Record<string, string>)[scope] ?? scope;
};

/** Fact types (src/compile/facts.ts) in words. */
const FACT_TYPE_ZH: Record<string, string> = { string: '文本', 'string[]': '文本列表', number: '数字', date: '日期', boolean: '布尔值' };
const factType = (t: string): string => FACT_TYPE_ZH[t] ?? t;

/** Rule kinds, mechanisms and outcomes as a contradiction names them ("requirement security-assessment"). */
const TERM_ZH: Record<string, string> = {
  requirement: '要求', exemption: '豁免', flag: '标记', obligation: '义务', alternative: '替代路径',
  none: '无需机制', 'contract-or-certification': '标准合同或认证', 'security-assessment': '安全评估', prohibited: '不得出境',
  pass: OUTCOME_TEXT.pass.zh, review: OUTCOME_TEXT.review.zh, fail: OUTCOME_TEXT.fail.zh,
};
const terms = (words: string): string => words.split(' ').map((w) => TERM_ZH[w] ?? w).join('，');

/** A test's findings, "rule=outcome, …", as "rule（outcome in words）、…". */
const findings = (list: string): string => list.split(', ').map((f) => f.replace(/=(pass|review|fail)$/, (_, o: string) => `（${TERM_ZH[o]}）`)).join('、');

/** Rule fields that must have Chinese text. */
const FIELD_ZH: Record<string, string> = { title: '标题', message: '说明', action: '处理建议' };

/** The quoted literals of "a, b, c" as "a"、"b"、"c". */
const quoted = (list: string): string => list.split(', ').map((v) => `"${v}"`).join('、');

/**
 * The pack problems' sentences. `nested` translates a sentence quoted inside another (a file's read error inside
 * the trust store's, a manifest's problem inside a failing test case).
 */
export const packMessages = (nested: (message: string) => string): Rule[] => [
  // compile/pack-problems.ts
  [/^unknown broader taxonomy id (".*")$/, (id) => `未知的上位分类标识 ${id!}`],
  [/^a national pack needs the messages (.+)$/, (keys) => `全国性规则包须提供以下消息文本：${keys!.split(', ').join('、')}`],
  [/^a national pack needs the materials for (.+)$/, (routes) => `全国性规则包须提供以下出境路径的申报材料：${quoted(routes!)}`],
  [/^duplicate rule id (".*") \(also (rules\[\d+\])\)$/, (id, at) => `规则标识 ${id!} 重复（另见 ${at!}）`],
  [/^unknown fact (".*")$/, (f) => `未知的事实 ${f!}`],
  [/^(".*") is derived with the parameter (".*"), which this pack does not define as a number$/, (f, p) => `事实 ${f!} 依据参数 ${p!} 推导，但本规则包未将该参数定义为数值`],
  [/^rule (".*") needs a Chinese (title|message|action) \(zh has no Chinese text\)$/, (id, field) => `规则 ${id!} 缺少中文${FIELD_ZH[field!]}（zh 中没有中文）`],
  [/^rule (".*") needs a citation of the article or list it encodes$/, (id) => `规则 ${id!} 须注明所依据的条款或清单出处`],
  [/^ends \((\S+)\) before it starts \((\S+)\)$/, (to, from) => `终止日期（${to!}）不晚于生效日期（${from!}）`],
  [/^starts \((\S+)\) before its pack \((\S+)\)$/, (from, pack) => `生效日期（${from!}）早于所属规则包的生效日期（${pack!}）`],
  [/^a requirement rule needs "mechanism"$/, () => '要求类规则（kind: "requirement"）须填写 "mechanism"'],
  [/^a flag rule needs "outcome: fail" or "outcome: review"$/, () => '标记类规则（kind: "flag"）须填写 "outcome: fail" 或 "outcome: review"'],
  [/^an exemption passes, or \(outcome: review\) leaves the decision to a person; it never fails$/,
    () => '豁免规则只能使结论为通过，或（"outcome: review"）交由人工判断；不能得出不通过的结论'],
  [/^an exemption always means mechanism "none"$/, () => '豁免规则的 mechanism 只能是 "none"'],
  [/^an alternative names the mechanism it is a route to: contract-or-certification or security-assessment$/,
    () => '替代路径规则须写明其所通往的机制："contract-or-certification" 或 "security-assessment"'],
  [/^unknown operator (".*")$/, (op) => `未知的运算符 ${op!}`],
  [/^a condition needs exactly one operator \(found 0: none\)$/, () => '每个条件须有且只有一个运算符（实际没有运算符）'],
  [/^a condition needs exactly one operator \(found (\d+): (.+)\)$/, (n, ops) => `每个条件须有且只有一个运算符（实际有 ${n!} 个：${quoted(ops!)}）`],
  [/^unknown parameter (".*")$/, (p) => `未知的参数 ${p!}`],
  // The working-day calendar (compile/pack-problems.ts checkCalendar).
  [/^(".*") is not a year \(YYYY\)$/, (y) => `${y!} 不是年份（YYYY）`],
  [/^(".*") is not a real date YYYY-MM-DD$/, (d) => `${d!} 不是真实存在的日期（YYYY-MM-DD）`],
  [/^(\S+) is not a weekday \(a holiday on a weekend changes no working day\)$/, (d) => `${d!} 不是周一至周五（落在周末的节假日不影响工作日）`],
  [/^(\S+) is not a Saturday or Sunday \(a weekend day made a working day\)$/, (d) => `${d!} 不是周六或周日（调休上班日应为周末）`],
  [/^(\S+) is in a year calendarYears does not name: add the year's whole schedule and the year$/, (d) => `${d!} 所在年份未列入 calendarYears：请补充该年完整的放假安排，并将该年列入 calendarYears`],
  [/^calendarYears names (\S+), but publicHolidays lists no day of it$/, (y) => `calendarYears 列有 ${y!} 年，但 publicHolidays 未列出该年的任何日期`],
  [/^(".*") needs a list fact; (".*") is a (\S+)$/, (op, f, t) => `运算符 ${op!} 只能用于列表类事实；事实 ${f!} 的类型是${factType(t!)}`],
  [/^(".*") is a list: use includes, excludes, includesAny or includesNone$/, (f) => `事实 ${f!} 是列表：请使用运算符 "includes"、"excludes"、"includesAny" 或 "includesNone"`],
  [/^(".*") compares numbers or dates; (".*") is a (\S+)$/, (op, f, t) => `运算符 ${op!} 只能比较数字或日期；事实 ${f!} 的类型是${factType(t!)}`],
  [/^(".*") needs a list of values$/, (op) => `运算符 ${op!} 须接一组值（列表）`],
  [/^(".*") takes a single value, not a list$/, (op) => `运算符 ${op!} 只接受单个值，不接受列表`],
  [/^(".*") is a date: compare it with YYYY-MM-DD$/, (f) => `事实 ${f!} 是日期：须与 YYYY-MM-DD 格式的日期比较`],
  [/^(".*") is a number; got (.+)$/, (f, v) => `事实 ${f!} 是数字；实际为 ${v!}`],
  [/^(".*") is true or false; got (.+)$/, (f, v) => `事实 ${f!} 是布尔值（true 或 false）；实际为 ${v!}`],
  [/^(".*") is text; got (.+)$/, (f, v) => `事实 ${f!} 是文本；实际为 ${v!}`],
  [/^(".*") is not a value of (".*")$/, (v, f) => `${v!} 不是事实 ${f!} 的可取值`],
  [/^unknown taxonomy id (".*")$/, (id) => `未知的分类标识 ${id!}`],
  // load/load-packs.ts
  [/^unknown taxonomy ids of the other packs not shown \((\d+)\): the pack above that could not be read may define those ids$/,
    (n) => `其他规则包中另有 ${n!} 处未知分类标识的问题未列出：上面无法读取的规则包可能定义了这些标识`],
  [/^unknown placeholder (\{\{.*\}\})$/, (p) => `未知的占位符 ${p!}`],
  [/^unknown zone id (".*")$/, (z) => `未知的试验区标识 ${z!}`],
  [/^zone (\S+) lies in region (\S+), not (\S+): a zone pack's region is its zone's own$/, (z, r, got) => `试验区 ${z!} 位于 ${r!}，而非 ${got!}：试验区规则包的地区须为该试验区所在地区`],
  [/^unknown sector id (".*")$/, (s) => `未知的行业标识 ${s!}`],
  [/^the pack ends \((\S+)\) before it starts \((\S+)\)$/, (to, from) => `规则包的终止日期（${to!}）不晚于其生效日期（${from!}）`],
  [/^overlapping entries: (".*") has the same condition as (".*") \((rules\[\d+\])\)$/, (a, b, at) => `条目重叠：规则 ${a!} 与 ${b!}（${at!}）的条件相同`],
  [/^contradictory entries: (".*") \(([^)]*)\) and (".*") \((rules\[\d+\]), ([^)]*)\) have the same condition$/,
    (a, da, b, at, db) => `条目矛盾：规则 ${a!}（${terms(da!)}）与 ${b!}（${at!}，${terms(db!)}）的条件相同`],
  // compile/expand-list.ts: the zone list table
  [/^rule (".*"): a zone pack exempts only through its list table \(list\.scenarios with coverage complete\), which applies the Art 6 guards; a hand-written exemption could pass data the pack does not encode$/,
    (id) => `规则 ${id!}：试验区规则包只能通过其清单表（list.scenarios 中 coverage 为 "complete" 的场景）给予豁免，清单表会适用第六条规定的限制；手写的豁免规则可能放行本规则包未收录的数据`],
  [/^rule (".*"): a zone pack cannot open another route to a mechanism \(kind alternative\); it would meet the national requirements too, a CIIO's security assessment included$/,
    (id) => `规则 ${id!}：试验区规则包不得为出境机制另开路径（kind: "alternative"）；该路径同样会满足国家层面的要求，包括关键信息基础设施运营者（CIIO）须通过的安全评估`],
  [/^only a zone pack may carry a list$/, () => '只有试验区规则包可以包含清单（list）'],
  [/^duplicate scenario id (".*")$/, (id) => `场景标识 ${id!} 重复`],
  [/^scenario (".*") is marked complete but holds an unconfirmed entry: a complete scenario is every field from a source that shows it$/,
    (id) => `场景 ${id!} 标记为完整收录（"complete"），却含有未经资料证实的条目（unconfirmed）：完整收录的场景须由展示该场景全部字段的资料逐一收录`],
  [/^scenario (".*") is marked complete but encodes (\d+) of the (\d+) fields its source publishes: encode every field, or mark it partial$/,
    (id, n, of) => `场景 ${id!} 标记为完整收录（"complete"），但只收录了其来源公布的 ${of!} 个字段中的 ${n!} 个：请收录全部字段，或将其标记为部分收录（"partial"）`],
  [/^scenario (".*") is marked complete but has no entries: encode every field the list publishes for it, or mark it partial$/,
    (id) => `场景 ${id!} 标记为完整收录（"complete"），却没有任何条目：请收录清单为该场景公布的全部字段，或将其标记为部分收录（"partial"）`],
  [/^a general-data \(positive\) list never exempts: its scenarios are partial$/, () => '一般数据清单（正面清单）不产生豁免：其场景只能标记为部分收录（"partial"）'],
  [/^duplicate entry id (".*")$/, (id) => `条目标识 ${id!} 重复`],
  [/^entry (".*") is also written in the taxonomy: the list defines it$/, (id) => `条目 ${id!} 又写入了分类（taxonomy）：该标识由清单定义`],
  [/^unknown scenario (".*")$/, (s) => `未知的场景 ${s!}`],
  [/^(".*") entries belong to general-data lists$/, (d) => `${d!} 类条目只能用于一般数据清单`],
  [/^(".*") entries belong to negative lists and catalogues$/, (d) => `${d!} 类条目只能用于负面清单和目录`],
  [/^personal-information entry (".*") needs the base ids it falls under \(matches\), or data labelled with them would escape it$/,
    (id) => `个人信息条目 ${id!} 须列出其所属的基础分类标识（matches），否则标注这些标识的数据将不受该条目约束`],
  // compile/build-pack-set.ts
  [/^pack id (".*") is also used by (.+)$/, (id, uri) => `规则包标识 ${id!} 已由 ${uri!} 使用`],
  [/^taxonomy id (".*") is defined by a national pack: a zone pack adds ids of its own \(with broader\), it cannot redefine national ones$/,
    (id) => `分类标识 ${id!} 由全国性规则包定义：试验区规则包只能新增自己的分类标识（用 broader 关联上位分类），不能重新定义全国性分类标识`],
  [/^national pack (\S+) \(lineage (".*")\) is in force on the same days as national pack (\S+) \(lineage (".*")\): a verdict takes one national pack, so one would be ignored; load one of them, or make them one lineage$/,
    (b, lb, a, la) => `国家规则包 ${b!}（版本系列 ${lb!}）与国家规则包 ${a!}（版本系列 ${la!}）的有效期重叠：每个结论只依据一个国家规则包，其中一个将被忽略；请只加载其中一个，或将二者归入同一版本系列`],
  [/^overlaps (\S+) \(in force (\S+) to open-ended\) in lineage (".*")$/, (id, from, l) => `与版本系列 ${l!} 中的 ${id!}（自 ${from!} 起生效，无终止日期）的有效期重叠`],
  [/^overlaps (\S+) \(in force (\S+) to (\S+)\) in lineage (".*")$/, (id, from, to, l) => `与版本系列 ${l!} 中的 ${id!}（有效期 ${from!} 至 ${to!}）的有效期重叠`],
  [/^lineage (".*") holds packs of different scopes: (\S+) \((.+?)\) and (\S+) \((.+?)\); the editions of one list share its scope, so give this pack a lineage of its own$/,
    (l, a, sa, b, sb) => `版本系列 ${l!} 中的规则包适用范围不同：${a!}（${scopeZh(sa!)}）与 ${b!}（${scopeZh(sb!)}）；同一清单的各版本适用范围相同，请为本规则包另设版本系列`],
  [/^lineage (".*") is scoped to (.+?), but (\S+) is scoped to (.+?); give this pack a lineage of its own$/,
    (l, known, id, sc) => `版本系列 ${l!} 的适用范围是${scopeZh(known!)}，而 ${id!} 的适用范围是${scopeZh(sc!)}；请为本规则包另设版本系列`],
  [/^gap in lineage (".*"): (\S+) ends (\S+) but (\S+) starts (\S+)$/, (l, a, to, b, from) => `版本系列 ${l!} 存在空档：${a!} 于 ${to!} 终止，而 ${b!} 于 ${from!} 才生效`],
  [/^extends (".*"), which is not a loaded pack or extends this one$/, (id) => `所扩展（extends）的 ${id!} 不是已加载的规则包，或其本身扩展了本规则包`],
  [/^id (".*"): ids starting with "xborder\." name the checker's own findings; give it the pack's own prefix$/,
    (id) => `标识 ${id!}：以 "xborder." 开头的标识专用于检查器自身的结论，请改用本规则包自己的前缀`],
  [/^id (".*") is also defined by (\S+) \(lineage (".*")\): ids are unique across lineages; give it the pack's own prefix$/,
    (id, pack, l) => `标识 ${id!} 已由 ${pack!}（版本系列 ${l!}）定义：不同版本系列的标识不得重复，请改用本规则包自己的前缀`],
  [/^extends (\S+) of lineage (".*"): an edition extends the edition before it in its own lineage (".*")$/,
    (id, l, own) => `所扩展（extends）的 ${id!} 属于版本系列 ${l!}：新版本只能扩展本版本系列 ${own!} 中的上一版本`],
  [/^extends (\S+), which takes effect (\S+), not before this edition \((\S+)\): an edition extends the one it follows$/,
    (id, from, own) => `所扩展（extends）的 ${id!} 自 ${from!} 起生效，不早于本版本（${own!}）：新版本只能扩展其所接续的版本`],
  [/^extends (\S+), but the edition before this one in lineage (".*") is (\S+): extending an older edition drops what (\S+) changed$/,
    (id, l, before) => `所扩展（extends）的是 ${id!}，但版本系列 ${l!} 中本版本的上一版本是 ${before!}：扩展更早的版本会丢失 ${before!} 所作的修改`],
  // load/load-packs.ts
  [/^symbolic link to a file outside the pack folder: not read$/, () => '指向规则包文件夹以外文件的符号链接：未读取'],
  [/^pack path not found$/, () => '规则包路径不存在'],
  [/^no pack\.yaml found here$/, () => '此处未找到 pack.yaml'],
  // load/load-packs.ts, load/pack-cache.ts: a compiled-pack cache entry found corrupt on first use
  [/^the compiled-pack cache entry (\S+) does not match the packs$/, (f) => `已编译规则包缓存条目 ${f!} 与规则包不一致`],
  [/^the compiled-pack cache entry (\S+) is corrupt \(pack (\d+)\); delete it or set XBORDER_NO_CACHE=1$/, (f, n) => `已编译规则包缓存条目 ${f!} 已损坏（第 ${n!} 个规则包）；请删除该条目或设置 XBORDER_NO_CACHE=1`],
  // signing/trust-store.ts, signing/accepted.ts, signing/keys.ts, load/trusted.ts: the trust store
  [/^trust store (.+) not found or not readable$/, (f) => `信任库 ${f!} 不存在或无法读取`],
  [/^trust store (.+) refused: (.+)$/, (f, why) => `信任库 ${f!} 未被读取：${nested(why!)}`],
  [/^(.+): expected apiVersion xborder\/trust\/v1, kind TrustStore and a list of keys$/,
    (f) => `${f!}：信任库须写明 apiVersion "xborder/trust/v1" 和 kind "TrustStore"，并列出密钥（keys）`],
  [/^(.+) needs a name and a publicKey \(PEM text or file\)$/, (w) => `${w!} 须有 name 和 publicKey（PEM 文本或文件）`],
  [/^(.+) \(([^()]*)\): public key file (.+) not found$/, (w, n, f) => `${w!}（${n!}）：公钥文件 ${f!} 不存在`],
  [/^(.+) \(([^()]*)\): public key file (.+) refused: (.+)$/, (w, n, f, why) => `${w!}（${n!}）：公钥文件 ${f!} 未被读取：${nested(why!)}`],
  [/^(.+) \(([^()]*)\) may sign for nothing: give lineages or zones$/, (w, n) => `${w!}（${n!}）未获授权签署任何规则包：请填写 lineages 或 zones`],
  [/^(.+): keys\[(\d+)\] \(([^()]*)\) is the same public key as keys\[(\d+)\] \(([^()]*)\): give each key once, with all its limits and any revocation in that entry$/,
    (f, i, n, j, m) => `${f!}：keys[${i!}]（${n!}）与 keys[${j!}]（${m!}）是同一公钥：每个密钥只列一次，其全部限制及吊销均写在该条目中`],
  [/^(.+: keys\[\d+\]) \((.*)\): (.+)$/, (w, n, why) => `${w!}（${n!}）：${nested(why!)}`],
  [/^(.+) must be a list of strings$/, (w) => `${w!} 须为字符串列表`],
  [/^(.+) must be a date YYYY-MM-DD$/, (w) => `${w!} 须为 YYYY-MM-DD 格式的日期`],
  [/^(.+): state must be a file path$/, (f) => `${f!}：state 须为文件路径`],
  [/^the (public|private) key is a (\S+) key, not Ed25519$/, (which, t) => `${which === 'public' ? '公钥' : '私钥'}是 ${t!} 类型的密钥，不是 Ed25519 密钥`],
  [/^accepted-versions file (.+) is not readable \((.+)\)$/, (f, why) => `已接受版本记录文件 ${f!} 无法读取（${nested(why!)}）`],
  [/^accepted-versions file (.+) is not readable$/, (f) => `已接受版本记录文件 ${f!} 无法读取`],
  [/^accepted-versions file (.+) is malformed$/, (f) => `已接受版本记录文件 ${f!} 格式有误`],
  [/^pack (\S+): its file was not read from disk$/, (id) => `规则包 ${id!}：其文件不是从磁盘读取的`],
  [/^cannot record the accepted pack versions in (.+): (\S+)$/, (f, code) => `无法将已接受的规则包版本写入 ${f!}：${code!}`],
  // signing/verify.ts, signing/signature.ts: signatures
  [/^pack (\S+) is not signed: no (\S+) beside it$/, (id, sig) => `规则包 ${id!} 未签名：旁边没有签名文件 ${sig!}`],
  [/^not an (\S+) signature file$/, (t) => `不是 ${t!} 签名文件`],
  [/^pack (\S+) is signed by key (\S+), which the trust store (.+) does not hold$/, (id, k, f) => `规则包 ${id!} 由密钥 ${k!} 签名，但信任库 ${f!} 中没有该密钥`],
  [/^pack (\S+) is signed by key (\S+), not by the given public key (\S+)$/, (id, k, pk) => `规则包 ${id!} 由密钥 ${k!} 签名，而不是所给的公钥 ${pk!}`],
  [/^pack (\S+): the signature in (\S+) does not verify \(the signature file was altered\)$/, (id, f) => `规则包 ${id!}：${f!} 中的签名验证未通过（签名文件已被改动）`],
  [/^pack (\S+) (\S+): the signature is for (\S+) (\S+) \(lineage (\S+)\)$/, (id, v, sid, sv, l) => `规则包 ${id!} ${v!}：该签名属于 ${sid!} ${sv!}（版本系列 ${l!}）`],
  [/^pack (\S+): it extends (\S+), but its signature does not cover that base pack's file; sign it again$/,
    (id, base) => `规则包 ${id!} 扩展了 ${base!}，但其签名未覆盖该基础规则包的文件；请重新签名`],
  [/^pack (\S+): (.+) is not among the signed files$/, (id, f) => `规则包 ${id!}：${f!} 不在已签名的文件之列`],
  [/^pack (\S+): signed file (.+) is missing$/, (id, f) => `规则包 ${id!}：已签名的文件 ${f!} 缺失`],
  [/^pack (\S+): the loaded (\S+) is not the base pack it was signed over \(its SHA-256 differs from the signed (.+)\); sign it again over that base$/,
    (id, base, f) => `规则包 ${id!}：所加载的 ${base!} 不是其签名时所依据的基础规则包（其 SHA-256 摘要与签名中的 ${f!} 不同）；请基于该基础规则包重新签名`],
  [/^pack (\S+): (.+) was changed after signing \(its SHA-256 differs from the signed one\)$/, (id, f) => `规则包 ${id!}：${f!} 在签名后被修改（其 SHA-256 摘要与签名时不同）`],
  [/^pack (\S+) (\S+): the signature expired on (\S+); sign it again$/, (id, v, d) => `规则包 ${id!} ${v!}：签名已于 ${d!} 过期；请重新签名`],
  [/^pack (\S+): key (".*") is not trusted to sign for lineage (\S+) or zone (\S+)$/, (id, k, l, z) => `规则包 ${id!}：密钥 ${k!} 未获授权为版本系列 ${l!} 或试验区 ${z!} 签名`],
  [/^pack (\S+): key (".*") is not trusted to sign for lineage (\S+)$/, (id, k, l) => `规则包 ${id!}：密钥 ${k!} 未获授权为版本系列 ${l!} 签名`],
  [/^pack (\S+): key (".*") was revoked on (\S+)$/, (id, k, d) => `规则包 ${id!}：密钥 ${k!} 已于 ${d!} 被吊销`],
  [/^pack (\S+): key (".*") was revoked$/, (id, k) => `规则包 ${id!}：密钥 ${k!} 已被吊销`],
  [/^pack (\S+): key (".*") is valid only from (\S+)$/, (id, k, d) => `规则包 ${id!}：密钥 ${k!} 自 ${d!} 起才有效`],
  [/^pack (\S+): key (".*") expired on (\S+)$/, (id, k, d) => `规则包 ${id!}：密钥 ${k!} 已于 ${d!} 过期`],
  [/^pack (\S+): version (\S+) is older than version (\S+) already accepted \(rollback refused\)$/,
    (id, v, before) => `规则包 ${id!}：版本 ${v!} 早于已接受的版本 ${before!}（拒绝回退）`],
  [/^(\S+\.sig\.json): (.+)$/, (f, why) => `${f!}：${nested(why!)}`],
  // packtest/run.ts: test files and failing cases
  [/^unknown pack (".*")$/, (id) => `未知的规则包 ${id!}`],
  [/^duplicate case name (".*") \(also (cases\[\d+\])\)$/, (n, at) => `用例名称 ${n!} 重复（另见 ${at!}）`],
  [/^duplicate case: same input as (cases\[\d+\])$/, (at) => `用例重复：输入与 ${at!} 相同`],
  [/^case (".*") names unknown rule (".*")$/, (c, r) => `用例 ${c!} 引用了未知的规则 ${r!}`],
  [/^entry (".*") of complete scenario (".*") has no test case that exercises it$/, (e, s) => `完整收录场景 ${s!} 的条目 ${e!} 没有任何测试用例覆盖`],
  [/^manifest is invalid: (.+)$/, (why) => `出境说明无效：${nested(why!)}`],
  [/^expected the manifest to be rejected, got verdict (\S+)$/, (v) => `预期出境说明被拒绝，实际结论为 "${v!}"`],
  [/^verdict: expected (\S+), got (\S+) \(\)$/, (e, g) => `结论：预期 "${e!}"，实际为 "${g!}"`],
  [/^verdict: expected (\S+), got (\S+) \((.*)\)$/, (e, g, why) => `结论：预期 "${e!}"，实际为 "${g!}"（${findings(why!)}）`],
  [/^mechanism: expected (\S+), got (\S+)$/, (e, g) => `机制：预期 "${e!}"，实际为 "${g!}"`],
  [/^expected finding (\S+); got none$/, (id) => `预期发现 ${id!}；实际没有任何发现`],
  [/^expected finding (\S+); got (.+)$/, (id, got) => `预期发现 ${id!}；实际为 ${findings(got!)}`],
  [/^unexpected finding or obligation (\S+)$/, (id) => `出现了不应有的发现或义务 ${id!}`],
  [/^expected obligation (\S+); got none$/, (id) => `预期义务 ${id!}；实际没有任何义务`],
  [/^expected obligation (\S+); got (.+)$/, (id, got) => `预期义务 ${id!}；实际为 ${got!}`],
  [/^expected (\S+) to be set aside by an exemption; got none$/, (id) => `预期 ${id!} 因豁免而不适用；实际没有任何规则被豁免`],
  [/^expected (\S+) to be set aside by an exemption; got (.+)$/, (id, got) => `预期 ${id!} 因豁免而不适用；实际被豁免的是 ${got!}`],
  [/^expected pack (\S+) to apply; applied (.*)$/, (id, got) => `预期适用规则包 ${id!}；实际适用 ${got!}`],
  [/^expected pack (\S+) not to apply; applied (.*)$/, (id, got) => `预期不适用规则包 ${id!}；实际适用 ${got!}`],
  [/^finding (\S+): expected deciding path (\S+), got \(the whole manifest\)$/, (id, p) => `发现 ${id!}：预期决定字段 ${p!}，实际为整份出境说明`],
  [/^finding (\S+): expected deciding path (\S+), got (\S+)$/, (id, p, got) => `发现 ${id!}：预期决定字段 ${p!}，实际为 ${got!}`],
  [/^paths names (\S+), which has no finding$/, (id) => `paths 列出了 ${id!}，但没有该发现`],
  [/^names (\S+) but checks only the verdict: state its deciding field, paths: (.+)$/,
    (id, paths) => `引用了 ${id!}，但只检查了结论：请写明其决定字段，如 paths: ${paths!}`],
];

export const packHints: Rule[] = [
  [/^one of: (.+)$/, (list) => `可取值：${quoted(list!)}`],
  [/^remove the "---" separator or split the file$/, () => '请删除 "---" 分隔符，或将文件拆分为多个'],
  // The pack schema's descriptions, shown as hints for values of the wrong form.
  [/^city- or province-wide list: binds every exporter registered in this region$/, () => '全市或全省范围的清单：约束在该地区注册的所有出境方'],
  [/^national rules for exporters registered in this region, applied beside the national pack$/, () => '适用于在该地区注册的出境方的国家层面规则，与全国性规则包一并适用'],
];

/** Source-layer sentences that packs (aliases, several documents) meet more often than manifests. */
export const sourceMessages: Rule[] = [
  [/^a YAML alias refers to the value that contains it \(a loop\)$/, () => 'YAML 别名引用了包含它自身的值（形成循环）'],
  [/^a file holds one YAML document; found a second one$/, () => '一个文件只能包含一个 YAML 文档；发现了第二个'],
  [/^must NOT have fewer than (\d+) properties$/, (n) => `至少须有 ${n!} 个字段`],
  [/^must NOT have more than (\d+) properties$/, (n) => `最多只能有 ${n!} 个字段`],
  [/^property name must be valid$/, () => '字段名无效'],
];
