/**
 * Bilingual titles of the manifest's machine values (sector and zone ids), so Chinese text never shows an id
 * (`所属行业（零售）`, not `所属行业（retail）`). Sector ids: ../shared/spec/manifest.md.
 */
import type { Bilingual } from './verdict.js';

export const SECTOR_TITLES: Readonly<Record<string, Bilingual>> = {
  automotive: { en: 'automotive', zh: '汽车' },
  icv: { en: 'intelligent connected vehicles', zh: '智能网联汽车' },
  pharmaceutical: { en: 'pharmaceuticals', zh: '医药' },
  'medical-devices': { en: 'medical devices', zh: '医疗器械' },
  biomedicine: { en: 'biomedicine', zh: '生物医药' },
  retail: { en: 'retail', zh: '零售' },
  ecommerce: { en: 'e-commerce', zh: '电子商务' },
  payments: { en: 'payments', zh: '支付' },
  banking: { en: 'banking', zh: '银行' },
  insurance: { en: 'insurance', zh: '保险' },
  reinsurance: { en: 'reinsurance', zh: '再保险' },
  'public-funds': { en: 'public funds', zh: '公募基金' },
  'civil-aviation': { en: 'civil aviation', zh: '民航' },
  shipping: { en: 'shipping', zh: '航运' },
  logistics: { en: 'logistics', zh: '物流' },
  trade: { en: 'trade', zh: '贸易' },
  'clearing-settlement': { en: 'clearing and settlement', zh: '清算结算' },
  meteorology: { en: 'meteorology', zh: '气象' },
  'ai-training': { en: 'AI training data', zh: '人工智能训练数据' },
  'deep-sea': { en: 'deep sea', zh: '深海' },
  aerospace: { en: 'aerospace', zh: '航天' },
  'seed-industry': { en: 'seed industry', zh: '种业' },
  tourism: { en: 'tourism', zh: '旅游' },
  'duty-free': { en: 'duty-free retail', zh: '免税零售' },
  manufacturing: { en: 'manufacturing', zh: '制造业' },
  education: { en: 'education', zh: '教育' },
  healthcare: { en: 'healthcare', zh: '医疗卫生' },
  software: { en: 'software', zh: '软件' },
  other: { en: 'other', zh: '其他' },
  none: { en: 'none', zh: '未填写' },
};

export const ZONE_TITLES: Readonly<Record<string, Bilingual>> = {
  tianjin: { en: 'Tianjin FTZ', zh: '天津自贸试验区' },
  beijing: { en: 'Beijing FTZ', zh: '北京自贸试验区' },
  shanghai: { en: 'Shanghai FTZ', zh: '上海自贸试验区' },
  'shanghai-lingang': { en: 'Lingang Special Area', zh: '临港新片区' },
  hainan: { en: 'Hainan Free Trade Port', zh: '海南自由贸易港' },
  zhejiang: { en: 'Zhejiang FTZ', zh: '浙江自贸试验区' },
  chongqing: { en: 'Chongqing FTZ', zh: '重庆自贸试验区' },
  jiangsu: { en: 'Jiangsu FTZ', zh: '江苏自贸试验区' },
  guangxi: { en: 'Guangxi FTZ', zh: '广西自贸试验区' },
  fujian: { en: 'Fujian FTZ', zh: '福建自贸试验区' },
  none: { en: 'none', zh: '无' },
};

/** A sector id a pack or list may name: one of the manifest's sectors, and not `none` (no sector stated). */
export const isSector = (s: string): boolean => Object.hasOwn(SECTOR_TITLES, s) && s !== 'none';

/**
 * Sector rules known to bind exporters of these sectors from a date, as the bundled sector packs' scope and
 * effective period (a test keeps them equal; the core reads no files). A pack set that leaves them out (`--pack
 * rules/cn-national`) gets xborder.sector-rules-not-loaded (src/evaluate/unloaded-rules.ts), as KNOWN_LISTS for zones.
 */
export interface KnownSectorRules { sectors: readonly string[]; from: string; to?: string }
export const KNOWN_SECTOR_RULES: readonly KnownSectorRules[] = [
  // Automotive Data Security Provisions 2021 (CAC Order 7), in force 1 October 2021: rules/sector-automotive.
  { sectors: ['automotive', 'icv'], from: '2021-10-01' },
];
