// NAIVE BASELINE — for comparison only, not used by xborder.
//
// The key rules of the national pack (rules/cn-national/pack.yaml) hand-translated the way json-rules-engine
// is usually used: ONE shared Engine, the raw manifest as a single fact, conditions reaching into it with
// JSONPath `path` ($.x, evaluated by jsonpath-plus), no fact derivation (counts are this transfer's figures,
// not year-to-date totals; no mechanism validity on the date; categories matched by exact id). It answers a
// smaller question than xborder does, so it is a floor-cost reference, not an equivalent checker.
import { Engine } from 'json-rules-engine';

const M = 'manifest';
const at = (path, operator, value) => ({ fact: M, path, operator, value });

const RULES = [
  { name: 'cn.core-data.prohibited', conditions: { all: [at('$.data[*].classification', 'contains', 'core')] } },
  { name: 'cn.foreign-authority.approval-required', conditions: { all: [at('$.recipient.kind', 'equal', 'foreign-authority'), at('$.safeguards.authorityApproval', 'equal', undefined)] } },
  { name: 'cn.important-data.assessment', conditions: { all: [at('$.data[*].classification', 'contains', 'important')] } },
  { name: 'cn.ciio.assessment', conditions: { all: [at('$.exporter.ciio', 'equal', true), at('$.purpose.basis', 'notEqual', 'none')] } },
  { name: 'cn.volume.assessment-non-sensitive', conditions: { all: [at('$.exporter.ciio', 'equal', false), at('$.personalInformation.individuals', 'greaterThanInclusive', 1_000_000)] } },
  { name: 'cn.volume.assessment-sensitive', conditions: { all: [at('$.exporter.ciio', 'equal', false), at('$.personalInformation.sensitiveIndividuals', 'greaterThanInclusive', 10_000)] } },
  { name: 'cn.volume.contract-non-sensitive', conditions: { all: [at('$.exporter.ciio', 'equal', false), at('$.personalInformation.individuals', 'greaterThanInclusive', 100_000), at('$.personalInformation.individuals', 'lessThan', 1_000_000)] } },
  { name: 'cn.volume.contract-sensitive', conditions: { all: [at('$.exporter.ciio', 'equal', false), at('$.personalInformation.sensitiveIndividuals', 'greaterThanInclusive', 1), at('$.personalInformation.sensitiveIndividuals', 'lessThan', 10_000)] } },
  { name: 'cn.exempt.trade-data', conditions: { all: [at('$.purpose.basis', 'equal', 'none'), at('$.data[*].classification', 'doesNotContain', 'important'), at('$.purpose.activity', 'in', ['international-trade', 'cross-border-transport', 'academic-cooperation', 'manufacturing', 'marketing'])] } },
  { name: 'cn.exempt.contract-necessity', conditions: { all: [at('$.purpose.basis', 'equal', 'contract')] } },
  { name: 'cn.exempt.hr', conditions: { all: [at('$.purpose.basis', 'equal', 'hr')] } },
  { name: 'cn.exempt.emergency', conditions: { all: [at('$.purpose.basis', 'equal', 'emergency')] } },
  { name: 'cn.exempt.below-threshold', conditions: { all: [at('$.exporter.ciio', 'equal', false), at('$.personalInformation.individuals', 'lessThan', 100_000), at('$.personalInformation.sensitiveIndividuals', 'equal', 0)] } },
  { name: 'cn.pia.missing', conditions: { all: [at('$.purpose.basis', 'notEqual', 'none'), at('$.safeguards.pia.completedOn', 'equal', undefined)] } },
  { name: 'cn.consent.separate-missing', conditions: { all: [at('$.purpose.basis', 'equal', 'consent'), at('$.safeguards.separateConsent', 'notEqual', true)] } },
].map((r) => ({ ...r, event: { type: r.name } }));

export function naiveEngine() {
  return new Engine(RULES, { allowUndefinedFacts: true });
}

/** One manifest, the naive way: JSON.parse, one run on the shared engine, the fired rule names. */
export async function naiveCheck(engine, text) {
  const manifest = JSON.parse(text);
  const { events } = await engine.run({ [M]: manifest });
  return events.map((e) => e.type);
}
