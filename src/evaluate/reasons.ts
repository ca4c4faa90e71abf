import type { RuleResult } from 'json-rules-engine';
import type { Manifest } from '../model/manifest.js';
import type { Reason } from '../model/verdict.js';
import { FACTS } from '../compile/facts.js';
import { eachLeaf } from '../model/condition-tree.js';
import { fromDay } from '../util/dates.js';
import type { Taxonomy } from './taxonomy.js';

type Node = Record<string, unknown>;

/** Leaves of the engine's annotated condition tree, in document order. Short-circuited leaves say so. */
export function reasonsOf(result: RuleResult, operands: Readonly<Record<string, unknown>>): Reason[] {
  const out: Reason[] = [];
  eachLeaf(result.conditions as unknown as Node, (n) => {
    const fact = factName(n);
    out.push({ fact, operator: String(n.operator), expected: expectedOf(n, fact, operands), actual: shownAs(fact, n.factResult), held: typeof n.result === 'boolean' ? n.result : 'not-evaluated' });
  });
  return out;
}

/** What a finding points at: the reason about the rule's `subject`, else the last that held, else the first. */
export type Lead = Pick<Reason, 'fact' | 'expected'>;

/**
 * The one predicate of both ways to a lead: among leaves in document order, the first about `subject`; without a
 * subject, the last that held, else the first. `walk` gives each leaf; `factOf` is asked only when there is a subject.
 */
function pickLead<T>(walk: (visit: (leaf: T) => void) => void, factOf: (leaf: T) => string, held: (leaf: T) => boolean, subject: string | undefined): T | undefined {
  let found: T | undefined;
  let first: T | undefined;
  walk((leaf) => {
    first ??= leaf;
    if (subject ? found === undefined && factOf(leaf) === subject : held(leaf)) found = leaf;
  });
  return found ?? (subject ? undefined : first);
}

/** A subject no leaf is about is still what the finding points at. */
const subjectOnly = (subject: string | undefined): Lead | undefined => (subject ? { fact: subject, expected: undefined } : undefined);

/** The one reason of reasonsOf's that leadOf picks, from a list already built (explain mode). */
export function leadAmong(reasons: readonly Reason[], subject: string | undefined): Lead | undefined {
  return pickLead<Reason>((visit) => reasons.forEach(visit), (r) => r.fact, (r) => r.held === true, subject) ?? subjectOnly(subject);
}

const factName = (n: Node): string => `${String(n.fact)}.${String(n.path)}`;

/**
 * leadAmong(reasonsOf(result), subject) without building every reason: a finding outside explain mode needs only
 * the one it points at (src/evaluate/wording.ts).
 */
export function leadOf(result: RuleResult, operands: Readonly<Record<string, unknown>>, subject: string | undefined): Lead | undefined {
  const lead = pickLead<Node>((visit) => eachLeaf(result.conditions as unknown as Node, visit), factName, (n) => n.result === true, subject);
  if (!lead) return subjectOnly(subject);
  const fact = factName(lead);
  return { fact, expected: expectedOf(lead, fact, operands) };
}

/** A date fact's day numbers as ISO dates; other values as they are. */
function shownAs(fact: string, v: unknown): unknown {
  return FACTS[fact]?.type === 'date' && typeof v === 'number' ? fromDay(v) : v;
}

/** A leaf's operand as a reason shows it: a long list is a reference to the operands fact (src/compile/compile-pack.ts), shown as the list itself. */
function expectedOf(n: Node, fact: string, operands: Readonly<Record<string, unknown>>): unknown {
  const ref = n.value !== null && typeof n.value === 'object' && !Array.isArray(n.value) ? (n.value as { path?: string }).path : undefined;
  return shownAs(fact, ref !== undefined && Object.hasOwn(operands, ref) ? operands[ref] : n.value);
}

/**
 * The manifest field behind a fact. Facts about data items point at the item (and category) that made them true;
 * the rest map one-to-one through the fact catalogue.
 */
export function pointerFor(fact: string, expected: unknown, m: Manifest, taxonomy: Taxonomy): string {
  const items = m.data;
  const findCategory = (match: (c: string) => boolean): string | undefined => {
    for (let i = 0; i < items.length; i++) {
      const cats = items[i]?.categories ?? [];
      for (let j = 0; j < cats.length; j++) if (match(cats[j] as string)) return `/data/${i}/categories/${j}`;
    }
    return undefined;
  };
  const wanted = new Set(Array.isArray(expected) ? expected.map(String) : [String(expected)]);
  const item = (pred: (d: Manifest['data'][number]) => boolean, field: string): string | undefined => {
    const i = items.findIndex(pred);
    return i < 0 ? undefined : `/data/${i}/${field}`;
  };
  const isPI = (d: Manifest['data'][number]): boolean => d.categories.some((c) => taxonomy.personal(c) !== 'none');
  let p: string | undefined;
  switch (fact) {
    case 'data.categories': p = findCategory((c) => taxonomy.expand(c).some((x) => wanted.has(x))); break;
    case 'data.writtenCategories': p = findCategory((c) => wanted.has(c)); break;
    case 'data.unknownCategories':
    case 'data.unknownCategoryCount': p = findCategory((c) => !taxonomy.has(c)); break;
    case 'data.hasPersonalInfo': p = findCategory((c) => taxonomy.personal(c) !== 'none'); break;
    case 'data.hasSensitivePersonalInfo': p = findCategory((c) => taxonomy.personal(c) === 'spi'); break;
    case 'data.hasImportant': p = item((d) => d.classification === 'important', 'classification'); break;
    case 'data.hasCore': p = item((d) => d.classification === 'core', 'classification'); break;
    case 'data.hasDomesticPersonalInfo': p = item((d) => isPI(d) && (d.origin ?? 'domestic') === 'domestic', 'origin'); break;
    case 'data.hasForeignPersonalInfo': p = item((d) => isPI(d) && d.origin === 'abroad', 'origin'); break;
    case 'mechanisms.filingDeadline': if (m.safeguards?.standardContract?.effectiveOn) p = '/safeguards/standardContract/effectiveOn'; break;
  }
  return p ?? (FACTS[fact]?.pointer.startsWith('/') ? (FACTS[fact]?.pointer as string) : '/data');
}
