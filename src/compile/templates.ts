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

/** A template split once into literal text and placeholders (`whole` is shown when a name has no value). */
type Part = string | { name: string; whole: string };

/**
 * Split templates, by template text: packs hold a few hundred, and most have no placeholder, so a verdict's
 * sentences are mostly returned as they are. Bounded by size: the service's playground renders packs it is sent.
 */
const split = new Map<string, string | readonly Part[]>();
/** Characters of template text held at most (all the bundled packs' YAML is 400,000); past it, start again. */
const SPLIT_MAX_CHARS = 4_000_000;
let splitChars = 0;

function partsOf(template: string): string | readonly Part[] {
  let parts = split.get(template);
  if (parts !== undefined) return parts;
  const out: Part[] = [];
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    if (m.index > last) out.push(template.slice(last, m.index));
    out.push({ name: m[1] ?? '', whole: m[0] });
    last = m.index + m[0].length;
  }
  if (last < template.length) out.push(template.slice(last));
  parts = out.some((p) => typeof p !== 'string') ? out : template;
  if (splitChars + template.length > SPLIT_MAX_CHARS) {
    split.clear();
    splitChars = 0;
  }
  splitChars += template.length;
  split.set(template, parts);
  return parts;
}

/** Fills a template; `lookup` returns undefined for an unknown name, which is left visible rather than hidden. */
export function render(template: string, lang: 'en' | 'zh', lookup: (name: string) => unknown): string {
  const parts = partsOf(template);
  if (typeof parts === 'string') return parts;
  let out = '';
  for (const p of parts) {
    if (typeof p === 'string') out += p;
    else {
      const v = lookup(p.name);
      out += v === undefined ? p.whole : show(v, lang);
    }
  }
  return out;
}
