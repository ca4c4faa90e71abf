/**
 * Words a fired rule as a finding or an obligation: the pack's message with its placeholders filled for this
 * manifest, the state of a requirement's mechanism, a "did you mean" for unknown categories, and the manifest field
 * behind the finding.
 */
import type { CompiledPack } from '../compile/compile-pack.js';
import { render } from '../compile/templates.js';
import { FACTS } from '../compile/facts.js';
import type { Manifest } from '../model/manifest.js';
import type { MessageKey } from '../model/pack.js';
import type { Bilingual, Finding, Obligation } from '../model/verdict.js';
import { SECTOR_TITLES, ZONE_TITLES } from '../model/sectors.js';
import { fromDay } from '../util/dates.js';
import { broken } from '../util/broken.js';
import { closestFew } from '../validate/suggest.js';
import type { Decision, Fired } from './decide.js';
import type { Facts } from './derive-facts.js';
import { status } from './mechanisms.js';
import { leadAmong, pointerFor } from './reasons.js';
import type { Taxonomy } from './taxonomy.js';

export type Fill = (text: Bilingual, packId: string) => Bilingual;

/** What wording a finding needs: one per manifest, so the steps below share it instead of closures. */
export interface Wording {
  m: Manifest;
  facts: Facts;
  taxonomy: Taxonomy;
  national: CompiledPack;
  fillIn: Fill;
  explain: boolean;
}

/**
 * Fills `{{fact}}` and `{{param.x}}` placeholders with the values this manifest produced. Chinese text gets the
 * titles of machine values (sector, zone, scenario ids), never the ids. Built per manifest, so it does no work
 * until a template has a placeholder (most have none).
 */
export function renderer(facts: Facts, packs: readonly CompiledPack[]): Fill {
  const groups = facts as unknown as Record<string, Record<string, unknown>>;
  let params: Readonly<Record<string, unknown>> | undefined;
  const value = (name: string, lang: 'en' | 'zh'): unknown => {
    if (name.startsWith('param.')) return params?.[name.slice(6)];
    const fact = FACTS[name];
    if (!fact) return undefined;
    const dot = name.indexOf('.');
    const v = groups[name.slice(0, dot)]?.[name.slice(dot + 1)];
    if (lang === 'zh' && typeof v === 'string') {
      const title = name === 'purpose.scenario' ? scenarioTitle(packs, v) : TITLES[name]?.[v];
      if (title) return title.zh;
    }
    return fact.type === 'date' && typeof v === 'number' ? fromDay(v) : v;
  };
  const en = (name: string): unknown => value(name, 'en');
  const zh = (name: string): unknown => value(name, 'zh');
  return (text, packId) => {
    params = packs.find((p) => p.meta.id === packId)?.params;
    return { en: render(text.en, 'en', en), zh: render(text.zh, 'zh', zh) };
  };
}

const TITLES: Readonly<Record<string, Readonly<Record<string, Bilingual>>>> = { 'exporter.sector': SECTOR_TITLES, 'exporter.zone': ZONE_TITLES };

function scenarioTitle(packs: readonly CompiledPack[], id: string): Bilingual | undefined {
  for (const p of packs) {
    const s = p.list?.scenarios.find((x) => x.id === id);
    if (s) return s.title;
  }
  return undefined;
}

/** The national pack's sentences for these message keys, joined (undefined for none). */
export function nationalText(w: Wording, keys: readonly MessageKey[]): Bilingual | undefined {
  if (keys.length === 0) return undefined;
  const { national } = w;
  // Joined in a loop: chained map/join saw arrays of two elements kinds (map's result differs once optimised) and
  // deoptimised this function and the ones it is inlined in.
  let en = '';
  let zh = '';
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const t = w.fillIn(national.messages[k] ?? broken(`pack ${national.meta.id} lacks message "${k}"`), national.meta.id);
    en += i ? ` ${t.en}` : t.en;
    zh += t.zh;
  }
  return { en, zh };
}

/** A decided rule as a finding; a requirement's message also says the state of its mechanism, or what met it. */
export function decidedFinding(w: Wording, { fired: f, outcome, metBy, reviewBy }: Decision['findings'][number]): Finding {
  if (f.rule.kind !== 'requirement') return toFinding(w, f, outcome);
  // Met by another route (the GBA contract): its own finding words it; the national state would not apply.
  if (metBy) return toFinding(w, f, outcome, { en: `Met by: ${metBy.rule.title.en} (${metBy.rule.id}).`, zh: `已通过以下途径满足：${metBy.rule.title.zh}。` });
  const state = nationalText(w, status(f.rule.mechanism, w.facts.mechanisms, outcome === 'pass'));
  // Review because of that route (filed late, onward transfer unstated): say so, not that a zone list may exempt it.
  if (reviewBy) {
    return toFinding(w, f, outcome, {
      en: `${state?.en ?? ''} Not met until a person confirms the other route: ${reviewBy.rule.title.en} (${reviewBy.rule.id}).`.trim(),
      zh: `${state?.zh ?? ''}另一途径须经人工确认：${reviewBy.rule.title.zh}。`,
    });
  }
  // Downgraded by a zone scenario encoded in part (decide.ts): say why this is review, not fail.
  const mayBeExempt = outcome === 'review' && f.rule.outcome === 'fail';
  return toFinding(w, f, outcome, mayBeExempt ? {
    en: `${state?.en ?? ''} The zone list may exempt this (see the scenario finding); until that is confirmed, this mechanism is the safe route.`.trim(),
    zh: `${state?.zh ?? ''}试验区清单可能豁免此项（见业务场景相关结论）；确认之前，按此机制办理最为稳妥。`,
  } : state);
}

/** A fired rule as a finding: its message (with `extra` after it), citation, the manifest field behind it. */
function toFinding(w: Wording, f: Fired, outcome: Finding['outcome'], extra?: Bilingual): Finding {
  const { m, taxonomy } = w;
  // Every reason only in explain mode; else the one the finding points at, alone.
  const reasons = w.explain ? f.reasons() : undefined;
  const subject = reasons ? leadAmong(reasons, f.rule.subject) : f.lead();
  const path = subject ? pointerFor(subject.fact, subject.expected, m, taxonomy) : '';
  const msg = w.fillIn(f.rule.message, f.rule.pack);
  if (f.rule.subject === 'data.unknownCategories') extra = joined(extra, didYouMean(w.facts.data.unknownCategories, w.taxonomy));
  const finding: Finding = {
    rule: f.rule.id, pack: f.rule.pack, outcome, message: extra ? { en: `${msg.en} ${extra.en}`, zh: `${msg.zh}${extra.zh}` } : msg,
    citation: f.rule.citation, path,
  };
  if (f.rule.citationZh) finding.citationZh = f.rule.citationZh;
  if (f.rule.kind === 'requirement' || f.rule.kind === 'exemption' || f.rule.kind === 'alternative') finding.mechanism = f.rule.mechanism;
  if (f.rule.action && outcome !== 'pass') finding.action = w.fillIn(f.rule.action, f.rule.pack);
  if (reasons) finding.reasons = reasons.map((r) => ({ ...r, path: pointerFor(r.fact, r.expected, m, taxonomy) }));
  return finding;
}

const joined = (a: Bilingual | undefined, b: Bilingual | undefined): Bilingual | undefined =>
  (a && b ? { en: `${a.en} ${b.en}`, zh: `${a.zh}${b.zh}` } : a ?? b);

/** Most unknown ids a suggestion looks at: each costs an edit distance to every taxonomy id. */
const MAX_SUGGESTED = 10;

/**
 * The closest defined ids (at most 3 each) for the unknown categories, most likely typos: not legal wording, so
 * made here rather than in the pack's message. The finding stays review whatever is suggested.
 */
function didYouMean(unknown: readonly string[], taxonomy: Taxonomy): Bilingual | undefined {
  const parts: { id: string; near: string[] }[] = [];
  for (const id of unknown.slice(0, MAX_SUGGESTED)) {
    const near = closestFew(id, taxonomy.ids(), 3);
    if (near.length) parts.push({ id, near });
  }
  if (!parts.length) return undefined;
  return {
    en: `Did you mean ${parts.map((p) => `${p.near.join(' or ')} (for ${p.id})`).join('; ')}?`,
    zh: `是否应为 ${parts.map((p) => `${p.near.join(' 或 ')}（对应 ${p.id}）`).join('；')}？`,
  };
}

export function obligationOf(w: Wording, f: Fired): Obligation {
  return { rule: f.rule.id, message: w.fillIn(f.rule.message, f.rule.pack), citation: f.rule.citation, ...(f.rule.citationZh ? { citationZh: f.rule.citationZh } : {}) };
}
