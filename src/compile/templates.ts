import { groupDigits } from '../util/numbers.js';
/** Message templates: `{{totals.individuals}}` (a fact) or `{{param.name}}` (a pack parameter). */
const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g;

export const placeholders = (template: string): string[] => [...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '');

const show = (v: unknown, lang: 'en' | 'zh'): string => {
  if (typeof v === 'number') return groupDigits(v);
  if (Array.isArray(v)) return v.map((x) => show(x, lang)).join(lang === 'zh' ? '、' : ', ');
  if (typeof v === 'boolean') return lang === 'zh' ? (v ? '是' : '否') : v ? 'yes' : 'no';
  return String(v ?? '');
};

/** Fills a template; `lookup` returns undefined for an unknown name, which is left visible rather than hidden. */
export function render(template: string, lang: 'en' | 'zh', lookup: (name: string) => unknown): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const v = lookup(name);
    return v === undefined ? whole : show(v, lang);
  });
}
