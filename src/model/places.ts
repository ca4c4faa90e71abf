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
