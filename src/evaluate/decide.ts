import type { CompiledRule } from '../compile/compile-pack.js';
import { objectArray } from '../util/arrays.js';
import { MECHANISM_RANK, OUTCOME_RANK, type Mechanism, type Outcome, type Reason } from '../model/verdict.js';
import type { Lead } from './reasons.js';

export interface Fired {
  rule: CompiledRule;
  /** The rule's evaluated conditions, read from the engine's result when first asked (explain mode). */
  reasons: () => readonly Reason[];
  /** The one of them a finding points at (src/evaluate/reasons.ts leadOf), without building the others. */
  lead: () => Lead | undefined;
}

export interface Decision {
  /**
   * `metBy`: the alternative route (a rule of kind alternative) that met a requirement its own mechanism did not;
   * `reviewBy`: the route that made it review (its own finding says what a person must confirm).
   */
  findings: { fired: Fired; outcome: Outcome; metBy?: Fired; reviewBy?: Fired }[];
  obligations: Fired[];
  mechanism: Mechanism;
  exempted: { rule: string; by: string }[];
}

const worst = (a: Outcome, b: Outcome): Outcome => (OUTCOME_RANK[a] >= OUTCOME_RANK[b] ? a : b);

/**
 * Turns the rules that held into findings. Exemptions (CAC 2024 Arts 3-6) set aside every exemptible
 * requirement; important data, core data and foreign authorities are not exemptible. An exemption with outcome
 * review (a zone scenario the pack encodes only in part) sets nothing aside: an exemptible requirement whose
 * mechanism is missing becomes review instead of fail, because the list may exempt it and a person must confirm.
 * The strictest remaining mechanism is the one the law requires; a requirement passes only when its mechanism is in
 * place, or when an alternative route to the strictest mechanism (the GBA standard contract) holds with outcome
 * pass. An alternative with outcome review makes such a requirement review; one with outcome fail leaves it as it
 * is and says why the route is closed. Alternatives to a weaker mechanism than the strictest one never count.
 */
export function decide(fired: readonly Fired[], mechanismInPlace: (m: Mechanism) => boolean): Decision {
  const exemptions = fired.filter((f) => f.rule.kind === 'exemption');
  const by = exemptions.find((f) => f.rule.outcome === 'pass')?.rule.id;
  const possible = exemptions.some((f) => f.rule.outcome === 'review');
  // Object-kind arrays, empty or not (util/arrays.ts), like the `fired` they come from.
  const exempted = objectArray<Decision['exempted'][number]>();
  const required = new Set<Fired>();
  let mechanism: Mechanism = 'none';
  for (const f of fired) {
    if (f.rule.kind !== 'requirement') continue;
    if (by !== undefined && f.rule.exemptible) exempted.push({ rule: f.rule.id, by });
    else {
      required.add(f);
      if (MECHANISM_RANK[f.rule.mechanism] > MECHANISM_RANK[mechanism]) mechanism = f.rule.mechanism;
    }
  }
  // The route furthest along (pass, then review, then fail) among the alternatives to the strictest mechanism.
  const route = fired.filter((f) => f.rule.kind === 'alternative' && f.rule.mechanism === mechanism)
    .sort((a, b) => OUTCOME_RANK[a.rule.outcome] - OUTCOME_RANK[b.rule.outcome])[0];
  let routeOutcome: Outcome | undefined;
  const findings = objectArray<Decision['findings'][number]>();
  for (const f of fired) {
    switch (f.rule.kind) {
      case 'requirement': {
        if (!required.has(f)) break;
        const fallback = possible && f.rule.exemptible ? 'review' : f.rule.outcome;
        if (mechanismInPlace(f.rule.mechanism)) { findings.push({ fired: f, outcome: 'pass' }); break; }
        if (!route) { findings.push({ fired: f, outcome: fallback }); break; }
        const outcome = route.rule.outcome === 'fail' ? fallback : route.rule.outcome;
        routeOutcome = routeOutcome === undefined ? outcome : worst(routeOutcome, outcome);
        findings.push(outcome === 'pass' ? { fired: f, outcome, metBy: route }
          : route.rule.outcome === 'review' ? { fired: f, outcome, reviewBy: route } : { fired: f, outcome });
        break;
      }
      case 'exemption':
      case 'flag':
        findings.push({ fired: f, outcome: f.rule.outcome });
        break;
      case 'alternative':
      case 'obligation':
        break;
    }
  }
  // The route is reported only when some requirement needed it, with the outcome it left that requirement in.
  if (route && routeOutcome !== undefined) findings.push({ fired: route, outcome: routeOutcome });
  // Worst first; stable within an outcome (pack order, then rule order).
  findings.sort((a, b) => OUTCOME_RANK[b.outcome] - OUTCOME_RANK[a.outcome]);
  return { findings, obligations: fired.filter((f) => f.rule.kind === 'obligation'), mechanism, exempted };
}
