/**
 * Zone lists as tables (docs/rule-packs.md, "Zone lists"): a new edition extends the previous one, and the
 * compiler turns the table into taxonomy ids and rules. The Art 6 guards are written here once per list, so
 * no code path turns what a pack does not encode into an exemption:
 * - `<zone>.exempt.unlisted` holds only for a named scenario the pack encodes completely, with no item matching
 *   an entry of it (through the taxonomy), nothing important or core, no unknown category;
 * - `<zone>.scenario.partial` (an exemption with outcome review) for a named scenario encoded in part: the
 *   national mechanism stays the safe route and a person confirms against the published list;
 * - `<zone>.note.scenarios` when no scenario is named: national rules, and the scenarios that exist;
 * - `<zone>.catalogue.unencoded` for a cross-sector catalogue with classes not fully encoded: review;
 * - `<zone>.list.unencoded` for a list known to exist whose content no source gives (no scenarios): review.
 */
import type { Citation, Condition, ExpandedPack, ListEntry, ListExpansion, PackRule, RulePack, Scenario, TaxonomyEntry, ZoneList } from '../model/pack.js';
import { citationFor } from '../model/citation.js';
import { isSector } from '../model/sectors.js';
import { hintFor } from './pack-problems.js';
import type { Bilingual } from '../model/verdict.js';

type Problem = { pointer: string; message: string; unknownId?: string; hint?: string };

const unique = (xs: readonly string[]): string[] => [...new Set(xs)];

/** Later items replace earlier ones with the same id; `drop` removes ids. */
function byId<T extends { id: string }>(base: readonly T[] = [], own: readonly T[] = [], drop: ReadonlySet<string> = new Set()): T[] {
  const out = new Map<string, T>();
  for (const x of base) if (!drop.has(x.id)) out.set(x.id, x);
  for (const x of own) out.set(x.id, x);
  return [...out.values()];
}

/** The new edition over its parent: parameters, taxonomy, rules and list entries are inherited unless changed or removed. */
export function mergeEdition(parent: RulePack, child: RulePack): RulePack {
  const drop = new Set(child.list?.remove ?? []);
  const list: ZoneList | undefined = parent.list && child.list
    ? {
      ...parent.list, ...child.list,
      scenarios: byId(parent.list.scenarios, child.list.scenarios, drop),
      entries: byId(parent.list.entries, child.list.entries, drop),
      duties: byId(parent.list.duties, child.list.duties, drop),
      remove: undefined,
    }
    : child.list ?? parent.list;
  // The parent's rows for ids this edition drops or defines again in its own list are not inherited.
  const own = new Set(child.list?.entries.map((e) => e.id));
  const taxonomy = { ...Object.fromEntries(Object.entries(parent.taxonomy ?? {}).filter(([id]) => !drop.has(id) && !own.has(id))), ...child.taxonomy };
  return {
    ...child,
    parameters: { ...parent.parameters, ...child.parameters },
    taxonomy,
    rules: byId(parent.rules, child.rules, drop),
    ...(list ? { list } : {}),
  };
}

/** Problems of the table itself, with pointers into the pack as written (before expansion). */
export function listProblems(pack: RulePack, knownCategories: ReadonlySet<string>): Problem[] {
  const out: Problem[] = [];
  const scope = pack.metadata.scope;
  if (scope.kind === 'zone') {
    (pack.rules ?? []).forEach((r, i) => {
      if (r.kind === 'exemption') out.push({ pointer: `/rules/${i}/kind`, message: `rule "${r.id}": a zone pack exempts only through its list table (list.scenarios with coverage complete), which applies the Art 6 guards; a hand-written exemption could pass data the pack does not encode` });
      // An alternative route meets every requirement of its mechanism, national ones included (a CIIO's assessment).
      if (r.kind === 'alternative') out.push({ pointer: `/rules/${i}/kind`, message: `rule "${r.id}": a zone pack cannot open another route to a mechanism (kind alternative); it would meet the national requirements too, a CIIO's security assessment included` });
    });
  }
  const list = pack.list;
  if (!list) return out;
  if (scope.kind !== 'zone') return [...out, { pointer: '/list', message: 'only a zone pack may carry a list' }];
  const scenarioIds = new Set<string>();
  const entriesOf = new Map<string, ListEntry[]>();
  for (const e of list.entries) if (e.scenario !== undefined) entriesOf.set(e.scenario, [...entriesOf.get(e.scenario) ?? [], e]);
  list.scenarios.forEach((s, i) => {
    if (scenarioIds.has(s.id)) out.push({ pointer: `/list/scenarios/${i}/id`, message: `duplicate scenario id "${s.id}"` });
    scenarioIds.add(s.id);
    if (s.sector !== undefined && !isSector(s.sector)) out.push({ pointer: `/list/scenarios/${i}/sector`, message: `unknown sector id "${s.sector}"` });
    if (s.coverage === 'complete') {
      const coverage = `/list/scenarios/${i}/coverage`;
      const own = entriesOf.get(s.id) ?? [];
      if (own.some((e) => e.unconfirmed)) {
        out.push({ pointer: coverage, message: `scenario "${s.id}" is marked complete but holds an unconfirmed entry: a complete scenario is every field from a source that shows it` });
      }
      if (own.length === 0) {
        out.push({ pointer: coverage, message: `scenario "${s.id}" is marked complete but has no entries: encode every field the list publishes for it, or mark it partial` });
      } else if (s.fields !== undefined && own.length < s.fields) {
        // Its own published figure says how many fields a complete scenario (or catalogue class) has: fewer entries
        // leave some unencoded, and the list's unlisted exemption would pass them.
        out.push({ pointer: coverage, message: `scenario "${s.id}" is marked complete but encodes ${own.length} of the ${s.fields} fields its source publishes: encode every field, or mark it partial` });
      }
      if (list.kind === 'general-data') out.push({ pointer: coverage, message: 'a general-data (positive) list never exempts: its scenarios are partial' });
    }
  });
  const entryIds = new Set<string>();
  list.entries.forEach((e, i) => {
    const at = `/list/entries/${i}`;
    if (entryIds.has(e.id) || scenarioIds.has(e.id)) out.push({ pointer: `${at}/id`, message: `duplicate entry id "${e.id}"` });
    entryIds.add(e.id);
    if (pack.taxonomy?.[e.id]) out.push({ pointer: `${at}/id`, message: `entry "${e.id}" is also written in the taxonomy: the list defines it` });
    if (e.scenario !== undefined && !scenarioIds.has(e.scenario)) {
      const hint = hintFor(e.scenario, scenarioIds);
      out.push({ pointer: `${at}/scenario`, message: `unknown scenario "${e.scenario}"`, ...(hint ? { hint } : {}) });
    }
    if ((e.data === 'general') !== (list.kind === 'general-data')) out.push({ pointer: `${at}/data`, message: `"${e.data}" entries belong to ${e.data === 'general' ? 'general-data lists' : 'negative lists and catalogues'}` });
    if (e.data !== 'important' && e.data !== 'general' && e.matches.length === 0) out.push({ pointer: `${at}/matches`, message: `personal-information entry "${e.id}" needs the base ids it falls under (matches), or data labelled with them would escape it` });
    e.matches.forEach((m, j) => {
      if (knownCategories.has(m)) return;
      const hint = hintFor(m, knownCategories);
      out.push({ pointer: `${at}/matches/${j}`, message: `unknown taxonomy id "${m}"`, unknownId: m, ...(hint ? { hint } : {}) });
    });
  });
  return out;
}

const personalOf = (matches: readonly string[]): TaxonomyEntry['personal'] =>
  matches.some((m) => m === 'spi' || m.startsWith('spi.')) ? 'spi' : matches.some((m) => m === 'pi' || m.startsWith('pi.')) ? 'pi' : 'none';

const both = (c: Citation, en: string, zh: string): Bilingual => ({ en: `${en}${citationFor(c, 'en')}`, zh: `${zh}${citationFor(c, 'zh')}` });
const ART6 = { en: 'CAC Provisions 2024 Art. 6; ', zh: '《促进和规范数据跨境流动规定》第六条；' };

/**
 * The broader ids of `ids` by their dots (biz.logistics → biz). An item labelled with one of them as written may be
 * the narrower data (ids are hierarchical: biz covers biz.logistics), so it is neither unlisted nor cleared of what a
 * list names under the narrower id. Read against the categories as written: every written id expands to its own
 * broader ids, so matching them in `data.categories` would take spi.health for spi.biometric.
 */
function broaderOf(ids: readonly string[]): string[] {
  const out: string[] = [];
  for (const id of ids) for (let i = id.indexOf('.'); i !== -1; i = id.indexOf('.', i + 1)) out.push(id.slice(0, i));
  return unique(out);
}

const uniqueConditions = (cs: readonly Condition[]): Condition[] => [...new Map(cs.map((c) => [JSON.stringify(c), c])).values()];

/**
 * Base ids and entry ids whose presence takes a transfer outside a scenario's exemption. An unconfirmed personal
 * entry is left out: the sources do not show the list names that data, so matching it must not make the verdict
 * stricter than no entry would (the national rule's fail beside the entry's review); the item stays unlisted-or-not,
 * which a partial scenario reviews. Only partial scenarios can hold one (a complete scenario with an unconfirmed entry
 * is refused), and an unconfirmed important entry still counts: its data may be important whatever the scenario.
 */
function listedIds(list: ZoneList, s: Scenario): string[] {
  const own = list.entries.filter((e) => e.scenario === s.id && !(e.unconfirmed === true && e.data !== 'important'));
  const important = list.entries.filter((e) => e.data === 'important');
  return unique([...own.flatMap((e) => [e.id, ...e.matches]), ...important.map((e) => e.id)]);
}

/** The scenario named, with no item matching what the list says about it. */
const unlistedIn = (list: ZoneList, scenarios: readonly Scenario[]): Condition => ({
  any: scenarios.map((s) => {
    const listed = listedIds(list, s);
    return { all: [{ fact: 'purpose.scenario', equals: s.id }, { fact: 'data.categories', includesNone: listed }, { fact: 'data.writtenCategories', includesNone: broaderOf(listed) }] };
  }),
});

function entryRule(list: ZoneList, e: ListEntry): PackRule {
  const name = list.name;
  const viaBase: Condition[] = e.scenario && e.matches.length
    ? [{ all: [{ fact: 'purpose.scenario', equals: e.scenario }, { fact: 'data.categories', includesAny: e.matches }] }]
    : [];
  // An unconfirmed entry keeps its id and its route, as a question: the sources do not show the list says it.
  const unconfirmed = e.unconfirmed === true;
  if (e.data === 'important') {
    return {
      id: e.id, kind: 'requirement', mechanism: 'security-assessment', exemptible: false, title: e.title,
      ...(unconfirmed ? { outcome: 'review' as const } : {}),
      when: { all: [{ fact: 'data.categories', includes: e.id }] },
      subject: 'data.categories',
      message: unconfirmed
        ? {
          en: `The data includes an item labelled ${e.title.en}. The ${name.en} covers this sector, but the sources encoded here do not show it lists this data as important data: confirm against the published list; if it does, a security assessment is required.`,
          zh: `数据包含标注为“${e.title.zh}”的项目。${name.zh}涵盖该领域，但本规则包所据资料未显示清单将该数据列为重要数据：请对照已公布的清单确认；如已列入，须申报数据出境安全评估。`,
        }
        : { en: `The data includes an item the ${name.en} lists as important data: ${e.title.en}.`, zh: `数据包含${name.zh}列为重要数据的项目：${e.title.zh}。` },
      action: { en: 'Declare a CAC security assessment through the provincial CAC before transferring.', zh: '出境前通过所在地省级网信部门申报数据出境安全评估。' },
      citation: e.citation,
      source: e.source,
    };
  }
  const kind = e.data === 'sensitive' ? { en: 'sensitive personal information', zh: '敏感个人信息' } : { en: 'personal information', zh: '个人信息' };
  return {
    id: e.id, kind: 'requirement', mechanism: 'contract-or-certification', exemptible: true, title: e.title,
    ...(unconfirmed ? { outcome: 'review' as const } : {}),
    when: viaBase.length ? { any: [{ fact: 'data.categories', includes: e.id }, ...viaBase] } : { all: [{ fact: 'data.categories', includes: e.id }] },
    subject: 'data.categories',
    // Unconfirmed: the sources do not show the list names this data, so the message must not say it does.
    message: unconfirmed
      ? {
        en: `The data includes an item labelled ${e.title.en}. The ${name.en} covers this scenario, but the sources encoded here do not show it lists this ${kind.en}: confirm against the published list; if it does, the national mechanisms and thresholds apply to it (the list's own thresholds for it are not encoded in this pack).`,
        zh: `数据包含标注为“${e.title.zh}”的项目。${name.zh}涵盖该场景，但本规则包所据资料未显示清单列有该${kind.zh}：请对照已公布的清单确认；如已列入，适用国家规定的出境机制和数量标准（本规则包未收录清单对其设定的数量标准）。`,
      }
      : {
        en: `The data includes ${kind.en} the ${name.en} lists (${e.title.en}). Listed personal information keeps the national mechanisms and thresholds here: the list's own thresholds for it are not encoded in this pack.`,
        zh: `数据包含${name.zh}所列${kind.zh}（${e.title.zh}）。清单内个人信息仍适用国家规定的出境机制和数量标准：本规则包未收录清单对其设定的数量标准。`,
      },
    action: { en: 'Sign and file the CAC standard contract or obtain certification (the national Art 5 exemptions and thresholds still apply).', zh: '订立并备案个人信息出境标准合同或通过个人信息保护认证（国家规定第五条的豁免情形及数量标准仍适用）。' },
    citation: e.citation,
    source: e.source,
  };
}

/** Rule ids earlier versions published that the table's rules replace (old id → new id). */
export const retiredRuleIds = (zone: string): Record<string, string> => ({ [`${zone}.obligation.confirm-unlisted`]: `${zone}.scenario.partial` });

/** The pack with its list expanded into taxonomy ids and rules (a pack without a list is returned as it is). */
export function expandList(pack: RulePack): ExpandedPack {
  const list = pack.list;
  const scope = pack.metadata.scope;
  if (!list || scope.kind !== 'zone') return { ...pack, rules: pack.rules ?? [] };
  const zone = scope.zone;
  const name = list.name;
  const taxonomy: Record<string, TaxonomyEntry> = { ...pack.taxonomy };
  for (const e of list.entries) taxonomy[e.id] = { title: e.title, personal: personalOf(e.matches), ...(e.matches.length ? { broader: e.matches } : {}) };
  const rules: PackRule[] = [];
  const notCiio: Condition = { fact: 'exporter.ciio', equals: false };
  // A valid security assessment is the strongest mechanism a listed item can need: nothing left for a person to confirm.
  const noAssessment: Condition = { fact: 'mechanisms.securityAssessment', notEquals: 'valid' };
  // Neither important nor core data: no list relief reaches them (written once; the general-data note lacked hasCore).
  const generalOnly: Condition[] = [{ fact: 'data.hasImportant', equals: false }, { fact: 'data.hasCore', equals: false }];
  const allIds = list.scenarios.map((s) => s.id);

  if (list.scenarios.length === 0) {
    // The list exists but the pack holds none of it: any item could be listed (or declared important), so nothing
    // passes unseen, whoever sends it: a CIIO's non-personal general data needs no assessment until the list names it.
    rules.push({
      id: `${zone}.list.unencoded`, kind: 'flag', outcome: 'review',
      title: { en: `The ${name.en} exists but is not encoded`, zh: `${name.zh}已发布但未收录` },
      when: { all: [noAssessment] },
      subject: 'exporter.zone',
      message: {
        en: `The ${name.en} may bind this exporter (registered in its zone), but this pack encodes none of its content, so the checker cannot tell whether an item of this transfer is listed. Confirm against the published list (${list.source}) before the transfer; an item the list names may need a mechanism the national rules alone do not require.`,
        zh: `${name.zh}可能适用于该出境方（注册于该区域），但本规则包未收录其内容，无法判断本次出境的数据是否列入清单。请在出境前对照已公布的清单（${list.source}）确认；清单列明的数据可能需要仅依国家规定无须办理的出境机制。`,
      },
      action: { en: 'Check each item against the published list and record the result with the transfer.', zh: '逐项对照已公布的清单核对数据，并将核对结果与本次出境一并留存。' },
      citation: list.citation,
    });
  } else if (list.kind === 'general-data') {
    rules.push({
      id: `${zone}.general-data.listed`, kind: 'obligation',
      title: { en: `Items on the ${name.en}`, zh: `属于${name.zh}的数据项` },
      // Core data stays under general law whatever a list says (zone-lists.md §1): never call it general data.
      when: { all: [notCiio, { fact: 'data.categories', includesAny: list.entries.map((e) => e.id) }, ...generalOnly] },
      message: {
        en: `Items on the ${name.en} are declared general data (not important data). That relieves only those items: the other items of this transfer keep their duties, and personal information still counts toward the national thresholds (CAC 2024 Arts 7-8).`,
        zh: `属于${name.zh}的数据项被认定为一般数据（非重要数据），仅对这些数据项适用；本次出境的其他数据项仍须履行相应义务，个人信息仍计入国家规定的数量标准（《促进和规范数据跨境流动规定》第七条、第八条）。`,
      },
      citation: list.citation,
    });
  } else {
    const complete = list.scenarios.filter((s) => s.coverage === 'complete');
    const partial = list.scenarios.filter((s) => s.coverage === 'partial');
    const guards: Condition[] = [notCiio, ...generalOnly, { fact: 'data.unknownCategoryCount', equals: 0 }];
    rules.push({
      id: `${zone}.exempt.unlisted`, kind: 'exemption',
      title: { en: `Named scenario of the ${name.en}, encoded completely, data not on the list`, zh: `属于${name.zh}已完整收录的业务场景且数据不在清单内` },
      // Without a complete scenario nothing can be exempt: `in: []` never holds, and says so in `explain`.
      when: { all: [...guards, complete.length ? unlistedIn(list, complete) : { fact: 'purpose.scenario', in: [] }] },
      subject: 'purpose.scenario',
      message: {
        en: `The exporter is within the ${name.en} and not a CIIO; scenario {{purpose.scenario}} is encoded completely, no item is on the list and none is important or core data, so the transfer is exempt from the security assessment, standard contract and certification.`,
        zh: `出境方适用${name.zh}且非关键信息基础设施运营者；业务场景“{{purpose.scenario}}”已完整收录，数据均不在清单内，且不含重要数据、核心数据，免予申报数据出境安全评估、订立个人信息出境标准合同、通过个人信息保护认证。`,
      },
      citation: both(list.citation, ART6.en, ART6.zh),
    });
    if (partial.length) {
      rules.push({
        id: `${zone}.scenario.partial`, kind: 'exemption', outcome: 'review',
        title: { en: `Named scenario of the ${name.en}, encoded only in part`, zh: `${name.zh}的业务场景仅部分收录` },
        when: { all: [notCiio, noAssessment, ...generalOnly, unlistedIn(list, partial)] },
        subject: 'purpose.scenario',
        message: {
          en: `The ${name.en} may exempt this transfer (scenario {{purpose.scenario}}), but this pack encodes that scenario's entries only in part. Confirm against the published list (${list.source}) that no item of this transfer is listed in the scenario, and which thresholds the list sets for it; until then the national mechanism shown is the safe route.`,
          zh: `${name.zh}可能豁免该数据出境（业务场景“{{purpose.scenario}}”），但本规则包仅部分收录该场景的条目。请对照已公布的清单（${list.source}）确认本次出境的数据均未列入该场景，并确认清单为该场景设定的数量标准；确认之前，按所示的国家规定机制办理最为稳妥。`,
        },
        action: { en: `Check each item against the scenario's fields in the published list; record the result with the transfer.`, zh: '逐项对照已公布清单中该场景的字段核对数据，并将核对结果与本次出境一并留存。' },
        citation: both(list.citation, ART6.en, ART6.zh),
      });
    }
    rules.push({
      id: `${zone}.note.scenarios`, kind: 'obligation',
      title: { en: `The ${name.en} may apply: name a scenario`, zh: `${name.zh}可能适用：请载明业务场景` },
      when: { all: [notCiio, { fact: 'purpose.scenario', equals: 'none' }] },
      message: {
        en: `The ${name.en} may apply to this exporter, but the manifest names no scenario (purpose.scenario), so the national rules decided. Its ${list.kind === 'catalogue' ? 'classes' : 'scenarios'}: ${list.scenarios.map((s) => `${s.id} (${s.title.en})`).join('; ')}.`,
        zh: `${name.zh}可能适用于该出境方，但出境说明未载明业务场景，因此按国家规定判断。该清单的${list.kind === 'catalogue' ? '数据类别' : '业务场景'}：${list.scenarios.map((s) => s.title.zh).join('、')}（场景标识可用 xborder explain --scenarios 命令查看）。`,
      },
      citation: list.citation,
    });
    if (list.kind === 'catalogue' && partial.length) {
      rules.push({
        id: `${zone}.catalogue.unencoded`, kind: 'flag', outcome: 'review',
        title: { en: `Classes of the ${name.en} not fully encoded`, zh: `${name.zh}中未完整收录的数据类别` },
        // Not only for non-CIIOs: a class may make a CIIO's non-personal data important (as for list.unencoded).
        when: { all: [noAssessment] },
        subject: 'exporter.zone',
        message: {
          en: `The ${name.en} is a cross-sector catalogue, and this pack does not fully encode these classes: ${partial.map((s) => s.title.en).join('; ')}. Any item could fall in one of them: confirm against the published catalogue (${list.source}) whether an item is listed; a listed item needs the mechanism the catalogue names.`,
          zh: `${name.zh}为跨行业目录，本规则包未完整收录以下类别：${partial.map((s) => s.title.zh).join('、')}。任何数据项都可能属于其中之一：请对照已公布的目录（${list.source}）确认数据是否列入；列入的数据须履行目录规定的出境机制。`,
        },
        citation: list.citation,
      });
    }
    // A list's important data is important whatever scenario the manifest names, or none (zone-lists.md §1 (b);
    // manifest.md: "A list's important-data entries apply to matching data in any scenario"): leaving the scenario
    // out must not turn this review into a pass. An entry of a scenario counts when a scenario of its sector is named
    // or the exporter states that sector; an entry of no scenario, when any scenario of the list is named or the
    // exporter states one of the list's sectors; any entry, when the manifest states neither a sector nor a scenario
    // (it cannot then be told apart from an exporter of the entry's sector: review, never pass). An entry whose
    // scenarios name no sector (a catalogue's classes are kinds of data, not lines of business) binds every exporter
    // the list binds: naming another class or a sector of one's own must not step around it.
    const mayBeImportant = list.entries.filter((e) => e.data === 'important' && e.matches.length);
    if (mayBeImportant.length) {
      const sectorsOf = (ids?: ReadonlySet<string>): string[] =>
        unique(list.scenarios.filter((s) => ids === undefined || ids.has(s.id)).flatMap((s) => (s.sector === undefined ? [] : [s.sector])));
      const scope = (e: ListEntry): Condition | undefined => {
        const sectors = e.scenario === undefined ? sectorsOf() : sectorsOf(new Set([e.scenario]));
        if (!sectors.length) return undefined;
        const named = e.scenario === undefined ? allIds : unique([e.scenario, ...list.scenarios.filter((s) => s.sector !== undefined && sectors.includes(s.sector)).map((s) => s.id)]);
        return {
          any: [
            { fact: 'purpose.scenario', in: named },
            { fact: 'exporter.sector', in: sectors },
            { all: [{ fact: 'exporter.sector', equals: 'none' }, { fact: 'purpose.scenario', equals: 'none' }] },
          ],
        };
      };
      rules.push({
        id: `${zone}.entry.may-be-important`, kind: 'flag', outcome: 'review',
        title: { en: `Data that may be important data listed by the ${name.en}`, zh: `可能属于${name.zh}所列重要数据的数据` },
        // Once an item carries a listed important-data id the assessment is required anyway, so the base ids it expands to are moot.
        when: {
          all: [noAssessment, { fact: 'data.categories', includesNone: mayBeImportant.map((e) => e.id) }, {
            // One alternative per way an item can carry the entry's data: under its base ids, or labelled with a
            // broader id as written (biz for biz.logistics). Flat, so each keeps a guard of its own (guards.ts).
            any: uniqueConditions(mayBeImportant.flatMap((e) => {
              const broader = broaderOf(e.matches);
              const carried: Condition[] = [{ fact: 'data.categories', includesAny: e.matches }, ...(broader.length ? [{ fact: 'data.writtenCategories', includesAny: broader }] : [])];
              const within = scope(e);
              return carried.map((c): Condition => (within ? { all: [within, c] } : c));
            })),
          }],
        },
        subject: 'data.categories',
        message: {
          en: `The ${name.en} lists important data, ${list.kind === 'catalogue' ? 'whatever the exporter\'s sector' : 'in this exporter\'s sector or scenario'}, under categories this transfer carries; it is important data whatever ${list.kind === 'catalogue' ? 'class' : 'scenario'} the manifest names. Confirm whether an item is that listed data; if so, label it with the list entry's id (xborder explain --scenarios ${zone} lists them) and a security assessment is required.`,
          zh: `${name.zh}将本次出境所含类别下的部分数据（${list.kind === 'catalogue' ? '不论出境方所属领域' : '该出境方所属领域或业务场景'}）列为重要数据，无论清单载明何种${list.kind === 'catalogue' ? '数据类别' : '业务场景'}均属重要数据。请确认数据项是否属于所列数据；如属于，请以清单条目标注，并须申报数据出境安全评估。`,
        },
        citation: list.citation,
      });
    }
    // The list's own root id (`shanghai`: "entries of the Shanghai FTZ negative list") is a known category, so an item
    // labelled with it alone was neither unknown nor any entry, and non-personal data passed as unlisted. It says the
    // item is on the list without saying which entry: every entry needs a mechanism, so a person decides. Every entry
    // id expands to the root too, so the rule reads the categories as written: one item with an entry id must not
    // hide another labelled with the root alone.
    if (taxonomy[zone] !== undefined) {
      rules.push({
        id: `${zone}.entry.unspecified`, kind: 'flag', outcome: 'review',
        title: { en: `An item labelled as on the ${name.en}, without its entry`, zh: `数据项标注为${name.zh}所列数据，但未载明具体条目` },
        when: { all: [noAssessment, { fact: 'data.writtenCategories', includes: zone }] },
        subject: 'data.writtenCategories',
        message: {
          en: `An item is labelled ${zone}, the ${name.en} itself, not one of its entries: the manifest says the item is on the list without saying which entry, and every listed item needs a security assessment, a standard contract or a certification. Label it with the entry's id (xborder explain --scenarios ${zone} lists them) or with the base category it belongs to.`,
          zh: `有数据项仅标注为${name.zh}本身，而非其中某一条目：清单表明该数据项列入清单，但未载明具体条目；列入清单的数据均须申报安全评估、订立标准合同或通过认证。请以具体条目（可用 xborder explain --scenarios 命令查看）或其所属的基础类别标注。`,
        },
        action: { en: 'Name the list entry of the item, or its base category, and check again.', zh: '载明该数据项对应的清单条目或基础类别后重新检查。' },
        citation: both(list.citation, ART6.en, ART6.zh),
      });
    }
  }
  for (const e of list.entries) if (e.data !== 'general') rules.push(entryRule(list, e));
  for (const d of list.duties ?? []) {
    rules.push({ id: d.id, kind: 'obligation', title: d.title, when: { all: [notCiio, { fact: 'purpose.scenario', in: allIds }] }, message: d.message, citation: d.citation, source: d.source });
  }
  return { ...pack, taxonomy, rules: [...(pack.rules ?? []), ...rules] };
}

/** What expandList adds to the pack from its list table, and where; undefined for a pack it returns as it is. */
export function listExpansion(pack: RulePack): ListExpansion | undefined {
  if (!pack.list || pack.metadata.scope.kind !== 'zone') return undefined;
  return { firstRule: pack.rules?.length ?? 0, taxonomy: pack.list.entries.map((e) => e.id) };
}
