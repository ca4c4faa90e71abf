/**
 * What `pack validate`, `pack test`, `pack coverage` and `pack verify` print around the packs' own ids, in both languages (--lang):
 * zone administrators read them in Chinese. Pack, rule and scenario ids, versions, paths and dates stay as they are;
 * JUnit output stays English (CI reads it). Pack problems themselves are translated by src/report/error-text.ts.
 */
import { counted } from '../util/numbers.js';
import { periodText } from '../util/dates.js';
import type { Bilingual } from '../model/verdict.js';

/** The pack commands that load packs from paths and so can be given a zone pack without its national base. */
export type BaseHintCommand = 'validate' | 'test' | 'coverage';
const BASE_HINT_VERBS: Record<BaseHintCommand, Bilingual> = {
  validate: { en: 'validate it', zh: '验证' },
  test: { en: 'test it', zh: '测试' },
  coverage: { en: 'report its coverage', zh: '统计覆盖情况' },
};

/** The first ids of a list, as the subject of a sentence ("a, b, c, … are ids"; Chinese without the verb). */
const nationalIds = (ids: readonly string[]): Bilingual => ({
  en: `${ids.slice(0, 3).join(', ')}${ids.length > 3 ? ', …' : ''} ${ids.length === 1 ? 'is an id' : 'are ids'}`,
  zh: `${ids.slice(0, 3).join('、')}${ids.length > 3 ? '等' : ''}`,
});

export const PACK_MESSAGES = {
  // xborder pack validate
  packValid: (id: string, version: string, rules: number, from: string, to: string | undefined, uri: string): Bilingual => ({
    en: `ok  ${id} ${version}  ${counted(rules, 'rule')}  in force ${periodText({ from, to }, COVERAGE_TEXT.open.en)}  ${uri}`,
    zh: `有效  ${id} ${version}  ${rules} 条规则  有效期 ${periodText({ from, to }, COVERAGE_TEXT.open.zh)}  ${uri}`,
  }),
  /** A zone or sector pack given alone to `pack <command>`: the national ids it uses are unknown without its base. */
  withBase: (command: BaseHintCommand, ids: readonly string[], withBase: readonly string[], all: string): Bilingual => {
    const [shown, verb] = [nationalIds(ids), BASE_HINT_VERBS[command]];
    return {
      en: `${shown.en} of the national taxonomy: a zone or sector pack extends the national pack, so ${verb.en} with its base, e.g. \`xborder pack ${command} ${withBase.join(' ')}\` or every bundled pack: \`xborder pack ${command} ${all}\``,
      zh: `${shown.zh}是国家规则包分类中的标识：试验区或行业规则包在国家规则包的基础上扩展，请连同其基础一起${verb.zh}，例如 \`xborder pack ${command} ${withBase.join(' ')}\`，或对全部内置规则包运行：\`xborder pack ${command} ${all}\``,
    };
  },
  /** The same for a command that checks with the packs `--pack` or the configuration's `packs:` name. */
  withBaseLoaded: (ids: readonly string[], withBase: readonly string[]): Bilingual => {
    const shown = nationalIds(ids);
    const flags = withBase.map((p) => `--pack ${p}`).join(' ');
    return {
      en: `${shown.en} of the national taxonomy: a zone or sector pack extends the national pack, so name its base beside it (--pack, or packs: in .xborder.yaml), e.g. \`${flags}\`, or leave --pack out for every bundled pack`,
      zh: `${shown.zh}是国家规则包分类中的标识：试验区或行业规则包在国家规则包的基础上扩展，请同时指定其基础规则包（--pack 或 .xborder.yaml 的 packs:），例如 \`${flags}\`；不写 --pack 即使用全部内置规则包`,
    };
  },
  packsValid: (n: number): Bilingual => ({ en: n === 1 ? '1 pack valid' : `${n} packs valid`, zh: `${n} 个规则包均有效` }),
  // xborder pack verify
  verified: (): Bilingual => ({ en: 'ok ', zh: '已验证' }),
  refused: (): Bilingual => ({ en: 'REFUSED', zh: '拒绝' }),
  noPackFiles: (path: string): Bilingual => ({ en: `no pack.yaml under ${path}`, zh: `${path} 下没有 pack.yaml` }),
  misnamedPack: (path: string): Bilingual => ({
    en: `${path} is a rule pack (kind: RulePack) but not named pack.yaml or NAME.pack.yaml, so no command loads it: rename it, or remove it`,
    zh: `${path} 是规则包（kind: RulePack），但文件名不是 pack.yaml 或 NAME.pack.yaml，任何命令都不会加载它：请重命名或删除该文件`,
  }),
  // xborder pack test
  badMinCoverage: (): Bilingual => ({ en: '--min-coverage must be a percentage from 0 to 100', zh: '--min-coverage 须为 0 到 100 之间的百分比' }),
  failed: (): Bilingual => ({ en: 'FAIL', zh: '失败' }),
  weak: (): Bilingual => ({ en: 'WEAK', zh: '断言不足' }),
  error: (): Bilingual => ({ en: 'ERROR', zh: '错误' }),
  ruleCoverage: (): Bilingual => ({ en: 'Rule coverage:', zh: '规则覆盖情况：' }),
  packCoverage: (id: string, version: string, covered: number, rules: number, missing: readonly string[], never: readonly { id: string; why: string }[] = []): Bilingual => ({
    en: `${id} ${version}: ${covered}/${rules} rules exercised${missing.length ? `; not exercised: ${missing.join(', ')}` : ''}${never.length ? `; cannot fire (not counted): ${never.map((n) => `${n.id} (${n.why} never holds)`).join(', ')}` : ''}`,
    zh: `${id} ${version}：${rules} 条规则中有 ${covered} 条经测试用例覆盖${missing.length ? `；未覆盖：${missing.join('、')}` : ''}${never.length ? `；不可能触发（不计入）：${never.map((n) => `${n.id}（${n.why} 永不成立）`).join('、')}` : ''}`,
  }),
  testSummary: (cases: number, files: number, failed: number, weak: number, errors: number): Bilingual => ({
    en: `${counted(cases, 'case')} in ${counted(files, 'file')}: ${cases - failed} passed, ${failed} failed${weak ? `, ${weak} check only the verdict of a rule they name` : ''}${errors ? `, ${counted(errors, 'error')} in test files` : ''}`,
    zh: `${files} 个测试文件共 ${cases} 个用例：${cases - failed} 个通过，${failed} 个失败${weak ? `，${weak} 个引用了规则却只检查结论` : ''}${errors ? `，测试文件中有 ${errors} 处错误` : ''}`,
  }),
  belowMinCoverage: (min: number | undefined, packs: readonly string[]): Bilingual => ({
    en: `coverage below --min-coverage ${min}%: ${packs.join(', ')}`,
    zh: `覆盖率低于 --min-coverage ${min}%：${packs.join('、')}`,
  }),
  noTests: (): Bilingual => ({ en: 'no tests.yaml found beside the packs', zh: '规则包旁未找到 tests.yaml' }),
} satisfies Record<string, (...args: never[]) => Bilingual>;

/** The fixed words of `pack coverage` (text and markdown) and of `pack validate`'s dates; names come from the packs. */
export const COVERAGE_TEXT = {
  open: { en: 'open', zh: '长期有效' },
  unknown: { en: 'unknown', zh: '未知' },
  zone: { en: 'zone', zh: '试验区' },
  region: { en: 'region', zh: '地区' },
  sectors: { en: 'sectors', zh: '行业' },
  scenarios: { en: 'scenarios', zh: '场景' },
  subclasses: { en: 'sub-classes', zh: '子类' },
  fields: { en: 'fields', zh: '字段' },
  complete: { en: 'complete', zh: '完整' },
  partial: { en: 'partial', zh: '部分' },
  figuresFrom: { en: 'figures from', zh: '公布数字出处' },
  noFigures: { en: 'no source (every published figure unknown)', zh: '无出处（公布数字均未知）' },
  sources: { en: 'sources', zh: '来源' },
  negative: { en: 'negative', zh: '负面清单' },
  catalogue: { en: 'catalogue', zh: '目录' },
  'general-data': { en: 'general-data', zh: '一般数据清单' },
} satisfies Record<string, Bilingual>;
