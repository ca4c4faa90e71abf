import type { Diagnostic } from '../model/diagnostic.js';
import { MESSAGE_KEYS, OPERATORS, type Condition, type ExpandedPack, type ListExpansion, type OperatorName, type Operand, type PackRule, type Parameter } from '../model/pack.js';
import { isZone, ZONE_REGION, ZONES } from '../model/zones.js';
import { isSector, SECTOR_TITLES } from '../model/sectors.js';
import { canonicalJson } from '../util/canonical.js';
import { isIsoDate } from '../util/dates.js';
import { escapeSegment, joinPointer } from '../util/json-pointer.js';
import { closest } from '../validate/suggest.js';
import type { Bilingual } from '../model/verdict.js';
import { own } from '../model/own.js';
import { eachLeaf, foldTree } from '../model/condition-tree.js';
import { FACTS, type FactSpec } from './facts.js';
import { OPERAND_SHAPE } from './operators.js';
import { placeholders } from './templates.js';

type Report = (pointer: string, message: string, hint?: string, unknownId?: string) => void;

const isParamRef = (v: unknown): v is { param: string } => typeof v === 'object' && v !== null && !Array.isArray(v) && 'param' in v;

/** A problem of a pack, at a JSON pointer into it; the caller turns pointers into line/column. */
export type PackProblem = Omit<Diagnostic, 'location'> & { pointer: string };

/** What every step of a pack check shares: where problems go, the pack's parameters, the known taxonomy ids. */
interface Checking {
  report: Report;
  params: Readonly<Record<string, Parameter>>;
  knownCategories: ReadonlySet<string>;
  /** A rule the list table expanded to: its taxonomy ids are the table's, which listProblems checks where they are written. */
  fromList?: boolean;
}

/**
 * Checks what the schema cannot: facts, operators, operand shapes, parameters, placeholders, rule-kind fields,
 * duplicate ids, effective dates. Positions are JSON pointers; the caller turns them into line/column.
 * `knownCategories` is the taxonomy of every loaded pack (zone packs refine national ids). The rules and taxonomy
 * rows the list table expanded to (`listed`, from listExpansion) are not checked against it: their ids are the
 * table's entry ids and `matches`, which listProblems reports once, where the author wrote them.
 */
export function packProblems(pack: ExpandedPack, knownCategories: ReadonlySet<string>, listed?: ListExpansion): PackProblem[] {
  const out: PackProblem[] = [];
  const report: Report = (pointer, message, hint, unknownId) => out.push({ code: 'semantic', severity: 'error', message, hint, pointer, ...(unknownId ? { unknownId } : {}) });
  const c: Checking = { report, params: pack.parameters ?? {}, knownCategories };
  checkMessages(c, pack);
  checkCalendar(c);
  const ids = new Map<string, number>();
  const firstListed = listed?.firstRule ?? pack.rules.length;
  pack.rules.forEach((rule: PackRule, i) => checkRule(i < firstListed ? c : { ...c, fromList: true }, pack, rule, i, ids));
  contradictions(pack, report);
  checkMetadata(c, pack);
  const listedRows = new Set(listed?.taxonomy);
  for (const [id, entry] of Object.entries(pack.taxonomy ?? {})) {
    if (listedRows.has(id)) continue;
    for (const b of entry.broader ?? []) {
      if (!knownCategories.has(b)) report(joinPointer(['taxonomy', id, 'broader']), `unknown broader taxonomy id "${b}"`, hintFor(b, knownCategories), b);
    }
  }
  return out;
}

/**
 * The working-day calendar (publicHolidays, adjustedWorkdays, calendarYears) is read as sets of dates, where a
 * mistyped one (2025-2-8) would silently not count, and a year named without its days would read as a year with no
 * holidays: each day must be a real date, on a weekday or a weekend day as its list says, in a year the pack names,
 * and each year named must list its holidays.
 */
function checkCalendar({ report, params }: Checking): void {
  const list = (name: string): string[] => {
    const v = own(params, name)?.value;
    return Array.isArray(v) ? v : [];
  };
  const years = list('calendarYears');
  years.forEach((y, i) => { if (!/^\d{4}$/.test(y)) report(`/parameters/calendarYears/value/${i}`, `"${y}" is not a year (YYYY)`); });
  const weekday = (iso: string): number => new Date(`${iso}T00:00:00Z`).getUTCDay();
  const days: [string, (d: number) => boolean, (iso: string) => string][] = [
    ['publicHolidays', (d) => d !== 0 && d !== 6, (iso) => `${iso} is not a weekday (a holiday on a weekend changes no working day)`],
    ['adjustedWorkdays', (d) => d === 0 || d === 6, (iso) => `${iso} is not a Saturday or Sunday (a weekend day made a working day)`],
  ];
  for (const [name, onDay, wrongDay] of days) {
    list(name).forEach((iso, i) => {
      const at = `/parameters/${name}/value/${i}`;
      if (!isIsoDate(iso)) report(at, `"${iso}" is not a real date YYYY-MM-DD`);
      else if (!onDay(weekday(iso))) report(at, wrongDay(iso));
      else if (!years.includes(iso.slice(0, 4))) report(at, `${iso} is in a year calendarYears does not name: add the year's whole schedule and the year`);
    });
  }
  const holidays = list('publicHolidays');
  years.forEach((y, i) => { if (!holidays.some((d) => d.startsWith(`${y}-`))) report(`/parameters/calendarYears/value/${i}`, `calendarYears names ${y}, but publicHolidays lists no day of it`); });
}

/** A national pack speaks its own law about mechanisms too: every message the checker may add must be there. */
function checkMessages(c: Checking, pack: ExpandedPack): void {
  const { report } = c;
  for (const [key, text] of Object.entries(pack.messages ?? {})) checkPlaceholders(c, text, joinPointer(['messages', key]));
  if (pack.metadata.scope.kind !== 'national') return;
  const missing = MESSAGE_KEYS.filter((k) => !Object.hasOwn(pack.messages ?? {}, k));
  if (missing.length) report('/messages', `a national pack needs the messages ${missing.join(', ')}`);
  // The printable report's checklist for each route the national law can require comes from here.
  const routes = (['contract-or-certification', 'security-assessment'] as const).filter((r) => !pack.materials?.[r]);
  if (routes.length) report('/materials', `a national pack needs the materials for ${routes.join(', ')}`);
}

/** One rule: its id, its condition's leaves, the fields its kind needs, its texts, citation and period. */
function checkRule(c: Checking, pack: ExpandedPack, rule: PackRule, i: number, ids: Map<string, number>): void {
  const { report } = c;
  const at = joinPointer(['rules', i]);
  const prev = ids.get(rule.id);
  if (prev !== undefined) report(`${at}/id`, `duplicate rule id "${rule.id}" (also rules[${prev}])`);
  ids.set(rule.id, i);
  eachLeaf<Condition>(rule.when, (leaf, pointer) => {
    checkLeaf(c, leaf as { fact: string } & Record<string, unknown>, pointer);
    if (pack.metadata.scope.kind === 'national') checkFactParam(c, leaf.fact, `${pointer}/fact`);
  }, `${at}/when`);
  checkKindFields(report, rule, at);
  if (rule.subject && !FACTS[rule.subject]) report(`${at}/subject`, `unknown fact "${rule.subject}"`, hintFor(rule.subject, Object.keys(FACTS)));
  for (const [field, text] of [['message', rule.message], ['action', rule.action]] as const) {
    if (text) checkPlaceholders(c, text, `${at}/${field}`);
  }
  // The schema requires both languages; a zh text without any Chinese is a copy-paste of the English.
  for (const [field, text] of [['title', rule.title], ['message', rule.message], ['action', rule.action]] as const) {
    if (text && !/\p{Script=Han}/u.test(text.zh)) report(`${at}/${field}/zh`, `rule "${rule.id}" needs a Chinese ${field} (zh has no Chinese text)`);
  }
  const citations = typeof rule.citation === 'string' ? [rule.citation] : [rule.citation.en, rule.citation.zh];
  if (citations.some((x) => !/\S{3}/.test(x))) report(`${at}/citation`, `rule "${rule.id}" needs a citation of the article or list it encodes`);
  const e = rule.effective;
  if (e?.to !== undefined && e.to <= e.from) report(`${at}/effective`, `ends (${e.to}) before it starts (${e.from})`);
  if (e && e.from < pack.metadata.effective.from) report(`${at}/effective/from`, `starts (${e.from}) before its pack (${pack.metadata.effective.from})`);
}

/**
 * A fact derived with a national parameter the pack may lack (FactSpec.param) is tested only by a national pack that
 * defines it as a number: without it the fact could not say what its rule asks (the 2022 pack has no certificate term).
 */
function checkFactParam({ report, params }: Checking, fact: string, pointer: string): void {
  const name = FACTS[fact]?.param;
  if (name !== undefined && typeof own(params, name)?.value !== 'number') {
    report(pointer, `"${fact}" is derived with the parameter "${name}", which this pack does not define as a number`);
  }
}

/** The mechanism and outcome each kind of rule needs or may not have. */
function checkKindFields(report: Report, rule: PackRule, at: string): void {
  if (rule.kind === 'requirement' && !rule.mechanism) report(at, `a requirement rule needs "mechanism"`);
  if (rule.kind === 'flag' && rule.outcome !== 'fail' && rule.outcome !== 'review') report(at, `a flag rule needs "outcome: fail" or "outcome: review"`);
  if (rule.kind === 'exemption' && rule.outcome === 'fail') report(`${at}/outcome`, 'an exemption passes, or (outcome: review) leaves the decision to a person; it never fails');
  if (rule.kind === 'exemption' && rule.mechanism && rule.mechanism !== 'none') report(`${at}/mechanism`, 'an exemption always means mechanism "none"');
  if (rule.kind === 'alternative' && rule.mechanism !== 'contract-or-certification' && rule.mechanism !== 'security-assessment') {
    report(`${at}/mechanism`, 'an alternative names the mechanism it is a route to: contract-or-certification or security-assessment');
  }
}

/** One leaf of a condition: a known fact, exactly one known operator, and an operand that fits both. */
function checkLeaf(c: Checking, leaf: { fact: string } & Record<string, unknown>, pointer: string): void {
  const { report } = c;
  const spec = FACTS[leaf.fact];
  if (!spec) report(`${pointer}/fact`, `unknown fact "${leaf.fact}"`, hintFor(leaf.fact, Object.keys(FACTS)));
  const ops = Object.keys(leaf).filter((k) => k !== 'fact');
  const unknown = ops.filter((k) => !(OPERATORS as readonly string[]).includes(k));
  for (const k of unknown) report(`${pointer}/${escapeSegment(k)}`, `unknown operator "${k}"`, hintFor(k, OPERATORS));
  const known = ops.filter((k): k is OperatorName => (OPERATORS as readonly string[]).includes(k));
  if (known.length !== 1) {
    if (unknown.length === 0) report(pointer, `a condition needs exactly one operator (found ${known.length}: ${known.join(', ') || 'none'})`);
    return;
  }
  const op = known[0] as OperatorName;
  const value = resolve(c, leaf[op] as Operand, `${pointer}/${op}`);
  if (!spec || value === undefined) return;
  checkOperand(c, leaf.fact, spec, op, value, `${pointer}/${op}`);
}

/** A parameter reference becomes its value; an unknown parameter is reported (and gives undefined). */
function resolve({ report, params }: Checking, v: Operand, pointer: string): unknown {
  if (!isParamRef(v)) return v;
  const p = own(params, v.param);
  if (!p) {
    report(`${pointer}/param`, `unknown parameter "${v.param}"`, hintFor(v.param, Object.keys(params)));
    return undefined;
  }
  return p.value;
}

/** The operator's shape against the fact's type, then each operand value against the fact's type and values. */
function checkOperand({ report, knownCategories, fromList }: Checking, fact: string, spec: FactSpec, op: OperatorName, value: unknown, at: string): void {
  const shape = OPERAND_SHAPE[op];
  const factShape = spec.type === 'string[]' ? 'list' : spec.type === 'number' || spec.type === 'date' ? 'number' : 'scalar';
  if (shape.fact === 'list' && factShape !== 'list') report(at, `"${op}" needs a list fact; "${fact}" is a ${spec.type}`);
  if (shape.fact !== 'list' && factShape === 'list') report(at, `"${fact}" is a list: use includes, excludes, includesAny or includesNone`);
  if (shape.fact === 'number' && factShape !== 'number') report(at, `"${op}" compares numbers or dates; "${fact}" is a ${spec.type}`);
  const values = shape.value === 'list' ? (Array.isArray(value) ? value : null) : [value];
  if (values === null) return report(at, `"${op}" needs a list of values`);
  if (shape.value !== 'list' && Array.isArray(value)) return report(at, `"${op}" takes a single value, not a list`);
  for (const v of values) {
    if (spec.type === 'date' && !(typeof v === 'string' && isIsoDate(v))) report(at, `"${fact}" is a date: compare it with YYYY-MM-DD`);
    if (spec.type === 'number' && typeof v !== 'number') report(at, `"${fact}" is a number; got ${JSON.stringify(v)}`);
    if (spec.type === 'boolean' && typeof v !== 'boolean') report(at, `"${fact}" is true or false; got ${JSON.stringify(v)}`);
    // A string fact never equals true, false or a number: such a test would hold or fail silently (a boolean fact
    // that became a tri-state one, mechanisms.gbaOnwardOutsideGba, must not keep an old pack's `equals: false`).
    if ((spec.type === 'string' || spec.type === 'string[]') && typeof v !== 'string') {
      report(at, `"${fact}" is text; got ${JSON.stringify(v)}`, spec.values ? `one of: ${spec.values.join(', ')}` : undefined);
    }
    if (spec.values && typeof v === 'string' && !spec.values.includes(v)) report(at, `"${v}" is not a value of "${fact}"`, hintFor(v, spec.values));
    if (!fromList && (fact === 'data.categories' || fact === 'data.unknownCategories') && typeof v === 'string' && !knownCategories.has(v)) {
      report(at, `unknown taxonomy id "${v}"`, hintFor(v, knownCategories), v);
    }
  }
}

/** `{{fact}}` and `{{param.x}}` placeholders of a text name known facts and parameters. */
function checkPlaceholders({ report, params }: Checking, text: Bilingual, pointer: string): void {
  for (const lang of ['en', 'zh'] as const) {
    for (const name of placeholders(text[lang])) {
      const ok = name.startsWith('param.') ? Object.hasOwn(params, name.slice(6)) : Object.hasOwn(FACTS, name);
      if (!ok) report(`${pointer}/${lang}`, `unknown placeholder {{${name}}}`, hintFor(name, [...Object.keys(FACTS), ...Object.keys(params).map((p) => `param.${p}`)]));
    }
  }
}

/** The pack's scope names a known zone or known sectors, and its period ends after it starts. */
function checkMetadata({ report }: Checking, pack: ExpandedPack): void {
  const scope = pack.metadata.scope;
  if (scope.kind === 'zone' && !isZone(scope.zone)) report('/metadata/scope/zone', `unknown zone id "${scope.zone}"`, hintFor(scope.zone, ZONES));
  // A city- or province-wide list binds the zone's own region. Another region applied the zone's list (and its
  // exemptions) to every exporter registered there, and a key trusted for this zone only signed it.
  else if (scope.kind === 'zone' && scope.region !== undefined && scope.region !== ZONE_REGION[scope.zone]) {
    report('/metadata/scope/region', `zone ${scope.zone} lies in region ${ZONE_REGION[scope.zone]}, not ${scope.region}: a zone pack's region is its zone's own`);
  }
  if (scope.kind === 'sector') {
    scope.sectors.forEach((s, i) => {
      if (!isSector(s)) report(`/metadata/scope/sectors/${i}`, `unknown sector id "${s}"`, hintFor(s, Object.keys(SECTOR_TITLES)));
    });
  }
  const pe = pack.metadata.effective;
  if (pe.to !== undefined && pe.to <= pe.from) report('/metadata/effective', `the pack ends (${pe.to}) before it starts (${pe.from})`);
}

/**
 * Two rules of one pack with the same condition and period but a different kind, mechanism or outcome are
 * overlapping or contradictory list entries: whichever fires, the other makes the verdict ambiguous to a reader.
 */
function contradictions(pack: ExpandedPack, report: Report): void {
  const seen = new Map<string, number>();
  pack.rules.forEach((r, i) => {
    const key = canonicalJson([sameMeaning(r.when), r.effective ?? null]);
    const j = seen.get(key);
    if (j === undefined) { seen.set(key, i); return; }
    const o = pack.rules[j]!;
    const same = o.kind === r.kind && o.mechanism === r.mechanism && o.outcome === r.outcome;
    if (r.kind === 'obligation' || o.kind === 'obligation') return; // duties may share a trigger with what they explain
    report(joinPointer(['rules', i, 'when']), same
      ? `overlapping entries: "${r.id}" has the same condition as "${o.id}" (rules[${j}])`
      : `contradictory entries: "${r.id}" (${describeOutcome(r)}) and "${o.id}" (rules[${j}], ${describeOutcome(o)}) have the same condition`);
  });
}

const describeOutcome = (r: PackRule): string => `${r.kind}${r.mechanism ? ` ${r.mechanism}` : ''}${r.outcome ? ` ${r.outcome}` : ''}`;

/** Key order (canonical JSON sorts keys) and the order of all/any members do not change a condition's meaning. */
function sameMeaning(c: Condition): unknown {
  const unordered = (members: unknown[]): string[] => members.map(canonicalJson).sort();
  return foldTree<Condition, unknown>(c, {
    all: (members) => ({ all: unordered(members) }),
    any: (members) => ({ any: unordered(members) }),
    not: (not) => ({ not }),
    leaf: (leaf) => leaf,
  });
}

/** "did you mean" for an id that names nothing, from the ids it could have meant. */
export function hintFor(word: string, candidates: Iterable<string>): string | undefined {
  const guess = closest(word, candidates);
  return guess ? `did you mean "${guess}"?` : undefined;
}
