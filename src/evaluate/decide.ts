import type { CompiledRule } from '../compile/compile-pack.js';
import { MECHANISM_RANK, OUTCOME_RANK, type Mechanism, type Outcome, type Reason } from '../model/verdict.js';

export interface Fired {
  rule: CompiledRule;
  reasons: Reason[];
}

export interface Decision {
  findings: { fired: Fired; outcome: Outcome }[];
  obligations: Fired[];
  mechanism: Mechanism;
  exempted: { rule: string; by: string }[];
}

/**
 * Turns the rules that held into findings. Exemptions (CAC 2024 Arts 3-6) set aside every exemptible
 * requirement; important data, core data and foreign authorities are not exemptible. An exemption with outcome
 * review (a zone scenario the pack encodes only in part) sets nothing aside: an exemptible requirement whose
 * mechanism is missing becomes review instead of fail, because the list may exempt it and a person must confirm.
 * The strictest remaining mechanism is the one the law requires; a requirement passes only when its mechanism is in place.
 */
export function decide(fired: readonly Fired[], mechanismInPlace: (m: Mechanism) => boolean): Decision {
  const exemptions = fired.filter((f) => f.rule.kind === 'exemption');
  const by = exemptions.find((f) => f.rule.outcome === 'pass')?.rule.id;
  const possible = exemptions.some((f) => f.rule.outcome === 'review');
  const findings: Decision['findings'] = [];
  const exempted: Decision['exempted'] = [];
  let mechanism: Mechanism = 'none';
  for (const f of fired) {
    switch (f.rule.kind) {
      case 'requirement':
        if (by !== undefined && f.rule.exemptible) {
          exempted.push({ rule: f.rule.id, by });
          break;
        }
        if (MECHANISM_RANK[f.rule.mechanism] > MECHANISM_RANK[mechanism]) mechanism = f.rule.mechanism;
        findings.push({ fired: f, outcome: mechanismInPlace(f.rule.mechanism) ? 'pass' : possible && f.rule.exemptible ? 'review' : f.rule.outcome });
        break;
      case 'exemption':
        findings.push({ fired: f, outcome: f.rule.outcome });
        break;
      case 'check':
        findings.push({ fired: f, outcome: f.rule.outcome });
        break;
      case 'obligation':
        break;
    }
  }
  // Worst first; stable within an outcome (pack order, then rule order).
  findings.sort((a, b) => OUTCOME_RANK[b.outcome] - OUTCOME_RANK[a.outcome]);
  return { findings, obligations: fired.filter((f) => f.rule.kind === 'obligation'), mechanism, exempted };
}
