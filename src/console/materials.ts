/**
 * What to prepare for each route the law can require: the filing materials the measures list, paraphrased,
 * each with the instrument it comes from. Shown as a checklist on the printable report.
 */
import type { Bilingual, Mechanism } from '../model/verdict.js';

export interface MaterialList {
  title: Bilingual;
  source: string;
  citation: Bilingual;
  items: Bilingual[];
}

const SCC: MaterialList = {
  title: { en: 'Standard contract filing (with the provincial CAC)', zh: '标准合同备案（向省级网信部门）' },
  source: 'https://www.cac.gov.cn/2023-02/24/c_1678884830036813.htm',
  citation: { en: 'Standard Contract Measures 2023 (CAC Order 13) Art. 7; SCC filing guide', zh: '《个人信息出境标准合同办法》第七条；《个人信息出境标准合同备案指南》' },
  items: [
    { en: 'Copy of the unified social credit code certificate', zh: '统一社会信用代码证件影印件' },
    { en: "Copy of the legal representative's ID", zh: '法定代表人身份证件影印件' },
    { en: "Copy of the handling person's ID and the letter authorising them", zh: '经办人身份证件影印件及授权委托书' },
    { en: 'Signed commitment letter', zh: '承诺书' },
    { en: 'The standard contract signed with the recipient', zh: '与境外接收方订立的标准合同' },
    { en: 'Personal information protection impact assessment report', zh: '个人信息保护影响评估报告' },
  ],
};

const CERT: MaterialList = {
  title: { en: 'Or: personal information protection certification', zh: '或：个人信息保护认证' },
  source: 'https://www.cac.gov.cn/2024-03/22/c_1712776611775634.htm',
  citation: { en: 'PIPL Art. 38(2); CAC Provisions 2024 Art. 8', zh: '《个人信息保护法》第三十八条第二项；《促进和规范数据跨境流动规定》第八条' },
  items: [
    { en: 'Certificate from a certification body designated by the CAC, valid on the transfer date', zh: '经国家网信部门认可的专业机构出具、在出境之日有效的认证证书' },
  ],
};

const ASSESSMENT: MaterialList = {
  title: { en: 'Security assessment declaration (through the provincial CAC)', zh: '数据出境安全评估申报（通过省级网信部门）' },
  source: 'https://www.cac.gov.cn/2022-07/07/c_1658811536396503.htm',
  citation: { en: 'Security Assessment Measures 2022 (CAC Order 11) Art. 6', zh: '《数据出境安全评估办法》第六条' },
  items: [
    { en: 'Declaration form', zh: '申报书' },
    { en: 'Self-assessment report on the risks of the outbound transfer', zh: '数据出境风险自评估报告' },
    { en: 'The legal documents to be concluded with the recipient', zh: '与境外接收方拟订立的法律文件' },
    { en: 'Any other materials the assessment requires', zh: '安全评估工作需要的其他材料' },
  ],
};

const ZONE: MaterialList = {
  title: { en: "Zone list use: file with the zone's authority", zh: '自贸试验区清单使用：向试验区管理部门备案' },
  source: 'https://www.cac.gov.cn/2024-03/22/c_1712776611775634.htm',
  citation: { en: 'CAC Provisions 2024 Art. 6; the zone list management measures', zh: '《促进和规范数据跨境流动规定》第六条；各试验区清单管理办法' },
  items: [
    { en: 'Record of the list scenario the transfer relies on and the data fields sent', zh: '所依据的清单场景及出境数据字段的记录' },
    { en: "The zone's filing for use of its list, where its measures require one", zh: '试验区管理办法要求的清单使用备案' },
  ],
};

/** Checklists for a verdict's route; zone filing when a zone list took part in the decision. */
export function materialsFor(mechanism: Mechanism, zoneApplied: boolean): MaterialList[] {
  const route = mechanism === 'security-assessment' ? [ASSESSMENT] : mechanism === 'contract-or-certification' ? [SCC, CERT] : [];
  return zoneApplied ? [...route, ZONE] : route;
}
