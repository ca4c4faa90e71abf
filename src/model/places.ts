/**
 * Place codes a manifest may use. ISO 3166-1 alpha-2 codes officially assigned to a country or territory (249),
 * plus XK (Kosovo), a user-assigned code in common use. Placeholders such as XX or ZZ and other unassigned codes
 * name no place, so the recipient's country would be unknown: they are refused (docs/questionable-inputs.md).
 */
export const COUNTRIES: ReadonlySet<string> = new Set(`
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ
CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR
GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO
JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR
MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO
RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV
TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW XK`.trim().split(/\s+/));

/** ISO 3166-2:CN subdivision codes (34: provinces, autonomous regions, municipalities, HK, MO, TW). */
export const CN_REGIONS: ReadonlySet<string> = new Set(`
AH BJ CQ FJ GD GS GX GZ HA HB HE HI HK HL HN JL JS JX LN MO NM NX QH SC SD SH SN SX TJ TW XJ XZ YN ZJ`
  .trim().split(/\s+/).map((c) => `CN-${c}`));

/** Names of the CN_REGIONS in Chinese and pinyin, to suggest the code for a name written instead of it. */
const REGION_NAMES: Readonly<Record<string, readonly string[]>> = {
  AH: ['安徽', 'anhui'], BJ: ['北京', 'beijing'], CQ: ['重庆', 'chongqing'], FJ: ['福建', 'fujian'], GD: ['广东', 'guangdong'],
  GS: ['甘肃', 'gansu'], GX: ['广西', 'guangxi'], GZ: ['贵州', 'guizhou'], HA: ['河南', 'henan'], HB: ['湖北', 'hubei'],
  HE: ['河北', 'hebei'], HI: ['海南', 'hainan'], HK: ['香港', 'hongkong'], HL: ['黑龙江', 'heilongjiang'], HN: ['湖南', 'hunan'],
  JL: ['吉林', 'jilin'], JS: ['江苏', 'jiangsu'], JX: ['江西', 'jiangxi'], LN: ['辽宁', 'liaoning'], MO: ['澳门', 'macao', 'macau'],
  NM: ['内蒙古', 'neimongol', 'innermongolia', 'neimenggu'], NX: ['宁夏', 'ningxia'], QH: ['青海', 'qinghai'], SC: ['四川', 'sichuan'],
  SD: ['山东', 'shandong'], SH: ['上海', 'shanghai'], SN: ['陕西', 'shaanxi'], SX: ['山西', 'shanxi'], TJ: ['天津', 'tianjin'],
  TW: ['台湾', '臺灣', 'taiwan'], XJ: ['新疆', 'xinjiang'], XZ: ['西藏', 'xizang', 'tibet'], YN: ['云南', 'yunnan'], ZJ: ['浙江', 'zhejiang'],
};
const BY_NAME = new Map(Object.entries(REGION_NAMES).flatMap(([code, names]) => names.map((n) => [n, `CN-${code}`] as const)));

/**
 * The ISO 3166-2:CN code a region written another way most likely means: a name (广东, 广东省, Guangdong Province),
 * a bare or lower-case code (GD, cn-gd). Undefined when it matches nothing.
 */
export function regionCodeFor(written: string): string | undefined {
  const t = written.trim();
  const code = t.toUpperCase().replace(/^CN[-_ ]?/, '');
  if (CN_REGIONS.has(`CN-${code}`)) return `CN-${code}`;
  const name = t.replace(/(维吾尔|壮族|回族)?(自治区|特别行政区|省|市)$/u, '').toLowerCase().replace(/\b(province|municipality|city|sar|shi|sheng)\b|[\s'-]/g, '');
  return BY_NAME.get(name);
}
