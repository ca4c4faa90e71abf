/**
 * The printable report for one verdict, as HTML text: the same markup for the web console's report page and for
 * `xborder report` (which prints it to PDF through headless Chromium). Pure: no I/O, every value escaped.
 */
import { citationIn, decidedBy, type Bilingual, type Lang, type Verdict } from '../model/verdict.js';
import { HEADINGS, mechanismHeadline, OUTCOME_MEANING } from '../report/labels.js';
import { waivedNote } from '../report/common.js';
import type { MaterialList } from '../model/pack.js';
import type { Threshold } from './thresholds.js';
import { groupDigits } from '../util/numbers.js';

export interface ReportContext {
  /** The thresholds of the national pack that decided (src/console/thresholds.ts). */
  thresholds: Threshold[];
  /** The checklists of materials for the verdict's route, from the packs (src/console/materials.ts). */
  materials: MaterialList[];
  /** Who sends what to whom, from the manifest. */
  summary?: { exporter?: string; recipient?: string; country?: string; date?: string };
  /** The evidence record's decision id, when the service gave one. */
  decisionId?: string;
  /** When the report was made (ISO date). */
  generatedOn?: string;
}

const L = {
  title: { en: 'Outbound data transfer: compliance report', zh: '数据出境合规报告' },
  manifest: { en: 'Manifest', zh: '出境说明编号' },
  exporter: { en: 'Exporter', zh: '数据处理者' },
  recipient: { en: 'Recipient', zh: '境外接收方' },
  asOf: { en: 'Rules as of', zh: '规则适用日期' },
  generated: { en: 'Report made on', zh: '报告生成日期' },
  decision: { en: 'Decision id', zh: '决策编号' },
  route: HEADINGS.route,
  verdict: HEADINGS.verdict,
  figures: { en: 'Year-to-date figures against the thresholds', zh: '当年累计人数与门槛' },
  total: { en: 'Individuals since 1 January (incl. this transfer)', zh: '自当年1月1日起累计人数（含本次）' },
  totalSensitive: { en: 'of whom sensitive personal information', zh: '其中敏感个人信息' },
  threshold: { en: 'Threshold', zh: '门槛' },
  from: { en: 'From', zh: '门槛人数' },
  counted: { en: 'Counted', zh: '累计' },
  reached: { en: 'Reached', zh: '是否达到' },
  yes: { en: 'yes', zh: '已达到' },
  no: { en: 'no', zh: '未达到' },
  reasons: HEADINGS.reasons,
  next: HEADINGS.next,
  duties: HEADINGS.duties,
  warnings: HEADINGS.warnings,
  checklist: { en: 'Materials to prepare', zh: '需准备的材料' },
  noMaterials: { en: 'No filing is required for this transfer as declared.', zh: '按所声明的情况，本次出境无需备案或申报。' },
  undeterminedMaterials: { en: 'The route is not determined yet: a person reviews the reasons above before anything is filed or sent.', zh: '出境路径尚未确定：须先由人工审查上述理由，再办理备案或出境。' },
  unlistedMaterials: { en: 'The rule packs list no materials for this route; see the citations of the reasons above.', zh: '规则包未列出此路径所需材料，请参见上述理由所引依据。' },
  packs: HEADINGS.packs,
  field: HEADINGS.field,
  disclaimer: { en: 'xborder is a checker, not legal advice.', zh: 'xborder 是合规检查工具，不构成法律意见。' },
} satisfies Record<string, Bilingual>;

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const esc = (s: unknown): string => String(s).replace(/[&<>"']/g, (c) => ESC[c] ?? c);
const num = groupDigits;
const citeOf = (c: MaterialList['citation'] | undefined, lang: Lang): string => (c === undefined ? '' : typeof c === 'string' ? c : c[lang]);

/** The report's content (inside `<main>`), for embedding in a page that brings the stylesheet. */
export function reportBody(v: Verdict, ctx: ReportContext, lang: Lang): string {
  const t = (b: Bilingual): string => esc(b[lang]);
  const people = (n: number): string => `${num(n)}${lang === 'zh' ? ' 人' : ''}`;
  const row = (k: Bilingual, val: string | undefined): string => (val ? `<tr><th scope="row">${t(k)}</th><td>${esc(val)}</td></tr>` : '');
  const s = ctx.summary ?? {};
  const head = `<header class="rp-head"><h1>${t(L.title)}</h1><table class="rp-meta">${[
    row(L.manifest, v.manifest), row(L.exporter, s.exporter), row(L.recipient, s.recipient && `${s.recipient}${s.country ? ` (${s.country})` : ''}`),
    row(L.asOf, v.asOf), row(L.generated, ctx.generatedOn), row(L.decision, ctx.decisionId),
  ].join('')}</table></header>`;

  const route = `<section class="rp-route rp-${esc(v.verdict)}"><h2>${t(L.route)}</h2><p class="rp-mechanism">${t(mechanismHeadline(v.verdict, v.mechanism))}</p>`
    + `<p class="rp-verdict"><span class="rp-badge">${esc(v.verdict.toUpperCase())}</span> ${t(OUTCOME_MEANING[v.verdict])}</p></section>`;

  const thresholdRows = ctx.thresholds.map((th) => {
    const counted = v.counts[th.counts];
    const reached = counted >= th.value;
    return `<tr class="${reached ? 'rp-reached' : ''}"><td>${t(th.description)}<div class="rp-cite">${esc(citeOf(th.citation, lang))}</div></td>`
      + `<td class="rp-num">${people(th.value)}</td><td class="rp-num">${people(counted)}</td><td class="rp-nowrap">${t(reached ? L.yes : L.no)}</td></tr>`;
  }).join('');
  const figures = `<section><h2>${t(L.figures)}</h2><table class="rp-figures"><tbody>`
    + `<tr><th scope="row">${t(L.total)}</th><td class="rp-num rp-total">${people(v.counts.individuals)}</td></tr>`
    + `<tr><th scope="row">${t(L.totalSensitive)}</th><td class="rp-num rp-total">${people(v.counts.sensitiveIndividuals)}</td></tr></tbody></table>`
    + (thresholdRows ? `<table class="rp-thresholds"><thead><tr><th scope="col">${t(L.threshold)}</th><th scope="col">${t(L.from)}</th><th scope="col">${t(L.counted)}</th><th scope="col">${t(L.reached)}</th></tr></thead><tbody>${thresholdRows}</tbody></table>` : '')
    + '</section>';

  const decided = new Set(decidedBy(v));
  const reasons = `<section><h2>${t(L.reasons)}</h2><ol class="rp-reasons">${v.findings.map((f) =>
    `<li class="rp-${esc(f.outcome)}${decided.has(f) ? ' rp-decided' : ''}"><span class="rp-badge">${esc(f.outcome.toUpperCase())}</span> ${t(f.message)}`
    + `<div class="rp-cite">${esc(citationIn(f, lang))} · <code>${esc(f.pack)}/${esc(f.rule)}</code>${f.path ? ` · ${t(L.field)} <code>${esc(f.path)}</code>` : ''}</div>`
    + `${f.waived ? `<div class="rp-waived">${esc(waivedNote(f.waived, lang))}</div>` : ''}</li>`).join('')}</ol></section>`;

  const actions = v.findings.filter((f) => f.action && f.outcome !== 'pass');
  const next = actions.length ? `<section><h2>${t(L.next)}</h2><ul>${actions.map((f) => `<li>${t(f.action as Bilingual)}</li>`).join('')}</ul></section>` : '';
  const duties = v.obligations.length ? `<section><h2>${t(L.duties)}</h2><ul class="rp-duties">${v.obligations.map((o) =>
    `<li>${t(o.message)}<div class="rp-cite">${esc(citationIn(o, lang))}</div></li>`).join('')}</ul></section>` : '';
  const warnings = v.warnings?.length ? `<section><h2>${t(L.warnings)}</h2><ul>${v.warnings.map((w) => `<li>${t(w.message)}</li>`).join('')}</ul></section>` : '';

  const lists = ctx.materials;
  const checklist = `<section class="rp-checklist"><h2>${t(L.checklist)}</h2>${lists.length ? lists.map((m) =>
    `<h3>${t(m.title)}</h3><ul>${m.items.map((i) => `<li><span class="rp-box" aria-hidden="true">☐</span> ${t(i)}</li>`).join('')}</ul>`
    + `<div class="rp-cite">${esc(citeOf(m.citation, lang))} · ${esc(m.source)}</div>`).join('') : `<p>${t(v.mechanism !== 'none' ? L.unlistedMaterials : v.verdict === 'review' ? L.undeterminedMaterials : L.noMaterials)}</p>`}</section>`;

  const packs = `<section><h2>${t(L.packs)}</h2><ul class="rp-packs">${v.packs.map((p) =>
    `<li><code>${esc(p.id)}</code> ${esc(p.version)} <span class="rp-digest">${esc(p.digest.slice(0, 19))}</span></li>`).join('')}</ul>`
    + `<p class="rp-disclaimer">${t(L.disclaimer)}</p></section>`;

  return [head, route, figures, reasons, next, duties, warnings, checklist, packs].join('\n');
}

/** A whole HTML document (the CLI's file): `lang="zh-CN"` so Chinese prints with Simplified glyphs. */
export function reportDocument(v: Verdict, ctx: ReportContext, lang: Lang, css: string): string {
  return `<!doctype html>\n<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8">`
    + `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(L.title[lang])}: ${esc(v.manifest)}</title>`
    + `<style>${css}</style></head><body><main class="report">${reportBody(v, ctx, lang)}</main></body></html>\n`;
}
