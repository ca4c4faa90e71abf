import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compilePacks, effectiveEditions } from '../../src/compile/build-pack-set.js';
import { expandList, listExpansion } from '../../src/compile/expand-list.js';
import { eachLeaf } from '../../src/model/condition-tree.js';
import type { Condition, RulePack } from '../../src/model/pack.js';
import { parseSource } from '../../src/source/document.js';
import { packLoadProblems } from '../../src/app/packs.js';
import { PackTrustError } from '../../src/load/trust-error.js';
import { errorMessageIn } from '../../src/report/error-text.js';
import { LINEAGE_SCOPES } from '../../src/model/lineages.js';

const national = readFileSync(new URL('../../rules/cn-national/pack.yaml', import.meta.url), 'utf8');
const gba = readFileSync(new URL('../../rules/cn-gba/pack.yaml', import.meta.url), 'utf8');
const automotive = readFileSync(new URL('../../rules/sector-automotive/pack.yaml', import.meta.url), 'utf8');
const diagnose = (text: string) => compilePacks([parseSource(text, 'pack.yaml', { allowAliases: true })]).diagnostics;
const diagnoseBeside = (text: string) => compilePacks([national, text].map((t, i) => parseSource(t, `pack${i}.yaml`, { allowAliases: true }))).diagnostics;

describe('pack validation (semantics beyond the schema, with positions)', () => {
  it('the bundled national pack is valid', () => {
    expect(diagnose(national)).toEqual([]);
  });
  it('the holiday calendar: a mistyped date, a weekday as a worked weekend, a year named without its days are errors', () => {
    const text = national
      .replace('      - 2025-02-08\n', '      - 2025-2-8\n')
      .replace('      - 2026-02-14\n', '      - 2026-02-13\n')
      .replace("value: ['2023', '2024', '2025', '2026']", "value: ['2023', '2024', '2025', '2026', '2027']");
    expect(text).not.toBe(national);
    const found = diagnose(text).map((d) => `${d.location.line} ${d.message}`);
    expect(found).toContainEqual(expect.stringMatching(/^\d+ "2025-2-8" is not a real date YYYY-MM-DD$/));
    expect(found).toContainEqual(expect.stringMatching(/^\d+ 2026-02-13 is not a Saturday or Sunday/));
    expect(found).toContainEqual(expect.stringMatching(/^\d+ calendarYears names 2027, but publicHolidays lists no day of it$/));
  });
  it('kind: check, the old name of kind: flag, still loads as a flag with the same verdicts', () => {
    const old = national.replace(/kind: flag\b/g, 'kind: check');
    expect(old).not.toBe(national);
    const [now, before] = [national, old].map((t) => compilePacks([parseSource(t, 'pack.yaml', { allowAliases: true })]));
    expect(before?.diagnostics).toEqual([]);
    const kinds = (r: typeof now) => r?.packs?.[0]?.rules.map((x) => [x.id, x.kind, x.outcome]);
    expect(kinds(before)).toEqual(kinds(now));
    expect(kinds(now)?.some(([, kind]) => kind === 'flag')).toBe(true);
  });
  it('a national pack testing mechanisms.certificationBeyondTerm must define certificationValidityYears, not default it', () => {
    const term = /  certificationValidityYears:\n    value: 3\n(?:    .*\n|      .*\n)*?(?=  \w)/;
    expect(national).toMatch(term);
    const found = diagnose(national.replace(term, '')).map((d) => d.message);
    expect(found).toContainEqual('"mechanisms.certificationBeyondTerm" is derived with the parameter "certificationValidityYears", which this pack does not define as a number');
  });
  it('an unknown taxonomy id is marked by the id itself (unknownId): the base hint and the load report decide by it, not by the words', () => {
    const beijing = readFileSync(new URL('../../rules/zone-beijing/pack.yaml', import.meta.url), 'utf8');
    const found = diagnose(beijing);
    const unknown = found.filter((d) => /^unknown (broader )?taxonomy id/.test(d.message));
    expect(unknown.length).toBeGreaterThan(0);
    for (const d of unknown) expect(d.message).toContain(`"${d.unknownId}"`);
    expect(found.filter((d) => d.unknownId !== undefined)).toHaveLength(unknown.length);
  });
  it('a typo in a list entry\'s matches is one problem, where it is written, with a suggestion (not again at the rules and taxonomy the table expands to)', () => {
    const hainan = readFileSync(new URL('../../rules/zone-hainan/pack.yaml', import.meta.url), 'utf8');
    const typo = hainan.replace('matches: [biz.research], source', 'matches: [biz.reserch], source');
    expect(typo).not.toBe(hainan);
    const found = diagnoseBeside(typo);
    expect(found.map((d) => [d.location.uri, d.location.line, d.message, d.hint])).toEqual([
      ['pack1.yaml', typo.slice(0, typo.indexOf('biz.reserch')).split('\n').length, 'unknown taxonomy id "biz.reserch"', 'did you mean "biz.research"?'],
    ]);
    // The same id written by hand in the pack's own taxonomy is a mistake of its own, and still said there.
    const alsoWritten = typo.replace(/^taxonomy:\n/m, 'taxonomy:\n  hainan.own: { title: { en: Own, zh: 自有 }, personal: none, broader: [biz.reserch] }\n');
    expect(alsoWritten).not.toBe(typo);
    expect(diagnoseBeside(alsoWritten).map((d) => d.message)).toEqual(['unknown taxonomy id "biz.reserch"', 'unknown broader taxonomy id "biz.reserch"']);
  });
  // packProblems leaves the taxonomy ids of what a list table expands to unchecked (listProblems says them once, where
  // written): that holds only while the generator writes no id of its own there.
  it('every taxonomy id the bundled list tables expand to is an entry id or an entry\'s matches', () => {
    const files = readdirSync(new URL('../../rules/', import.meta.url), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('pack.yaml'));
    const packs = files.map((f) => parseSource(readFileSync(new URL(`../../rules/${f}`, import.meta.url), 'utf8'), f, { allowAliases: true }).data as RulePack);
    const editions = effectiveEditions(packs).filter((p): p is RulePack => p?.list !== undefined);
    expect(editions.length).toBeGreaterThan(5);
    let seen = 0;
    for (const edition of editions) {
      const full = expandList(edition);
      const listed = listExpansion(edition);
      expect(listed, edition.metadata.id).toBeDefined();
      // Where listExpansion says: after the rules as written, and a row for each entry.
      expect(full.rules.slice(0, listed?.firstRule)).toEqual(edition.rules ?? []);
      expect(Object.keys(full.taxonomy ?? {}).filter((id) => !Object.hasOwn(edition.taxonomy ?? {}, id)).sort()).toEqual([...listed?.taxonomy ?? []].sort());
      const table = new Set(edition.list?.entries.flatMap((e) => [e.id, ...e.matches]));
      const used: string[] = [];
      for (const r of full.rules.slice(listed?.firstRule)) {
        eachLeaf<Condition>(r.when, (leaf) => {
          if (leaf.fact !== 'data.categories' && leaf.fact !== 'data.unknownCategories') return;
          const op = Object.keys(leaf).find((k) => k !== 'fact') as keyof typeof leaf;
          used.push(...[leaf[op]].flat().filter((v): v is string => typeof v === 'string'));
        });
      }
      for (const id of listed?.taxonomy ?? []) used.push(id, ...(full.taxonomy?.[id]?.broader ?? []));
      seen += used.length;
      expect(used.filter((id) => !table.has(id)), edition.metadata.id).toEqual([]);
    }
    expect(seen).toBeGreaterThan(100);
  });
  it('a trust refusal is prefixed with its file unless it is marked as naming it, whatever its words', () => {
    const err = new PackTrustError([
      { uri: 'rules/x.yaml', problem: { reason: 'unsigned', message: 'pack x is not signed: compare rules/x.yaml with its signature' } },
      { uri: 'trust.yaml', problem: { reason: 'trust-store', message: 'trust store trust.yaml not found or not readable' }, namesFile: true },
    ]);
    expect(packLoadProblems(err, 'en')?.lines).toEqual([
      'rules/x.yaml: [unsigned] pack x is not signed: compare rules/x.yaml with its signature',
      '[trust-store] trust store trust.yaml not found or not readable',
    ]);
  });
  // Hunt (December 2026): a second national pack of another lineage in force on the same days loaded without a word,
  // and only the one whose id sorted first decided (acme-national over cn-national, whatever either said).
  it('two national packs of different lineages in force on the same days are refused, naming both', () => {
    const other = national.replace(/^( {2}id:) cn-national$/m, '$1 acme-national').replace(/^( {2}lineage:) cn-national$/m, '$1 acme-national');
    expect(other).not.toBe(national);
    const found = compilePacks([national, other].map((t, i) => parseSource(t, `pack${i}.yaml`, { allowAliases: true }))).diagnostics;
    expect(found.map((d) => d.message)).toContainEqual(expect.stringMatching(/^national pack acme-national \(lineage "acme-national"\) is in force on the same days as national pack cn-national/));
    // Said at the period that overlaps, in the second pack.
    const overlapping = found.filter((d) => d.message.startsWith('national pack '));
    expect(overlapping.map((d) => [d.location.uri, d.location.pointer, d.location.line])).toEqual([
      ['pack1.yaml', '/metadata/effective', other.split('\n').findIndex((l) => l.startsWith('  effective:')) + 1],
    ]);
    // Control: one that ends before the other starts is fine, as is one that ends the day the other starts (`to` is exclusive).
    for (const period of ['{ from: 2020-01-01, to: 2021-01-01 }', '{ from: 2020-01-01, to: 2024-03-22 }']) {
      const before = other.replace(/effective: \{ from: 2024-03-22 \}/, `effective: ${period}`);
      expect(before).not.toBe(other);
      expect(compilePacks([national, before].map((t, i) => parseSource(t, `pack${i}.yaml`, { allowAliases: true }))).diagnostics).toEqual([]);
    }
    const dayOver = other.replace(/effective: \{ from: 2024-03-22 \}/, 'effective: { from: 2020-01-01, to: 2024-03-23 }');
    expect(compilePacks([national, dayOver].map((t, i) => parseSource(t, `pack${i}.yaml`, { allowAliases: true }))).diagnostics.map((d) => d.location.pointer)).toEqual(['/metadata/effective']);
  });
  // hunt9: a key trusted for lineage zone-tianjin (not for zone chongqing) signed the Chongqing list relabelled into
  // Tianjin's lineage, and it bound Chongqing exporters. A lineage's packs share one scope.
  it('a lineage whose packs have different zones is refused at the later pack\'s scope; the editions of one zone are fine', () => {
    const tianjin = readFileSync(new URL('../../rules/zone-tianjin/pack.yaml', import.meta.url), 'utf8');
    const chongqing = readFileSync(new URL('../../rules/zone-chongqing/pack.yaml', import.meta.url), 'utf8');
    const relabelled = chongqing.replace(/^( {2}lineage:) zone-chongqing$/m, '$1 zone-tianjin');
    expect(relabelled).not.toBe(chongqing);
    const found = compilePacks([national, tianjin, relabelled].map((t, i) => parseSource(t, `pack${i}.yaml`, { allowAliases: true }))).diagnostics;
    const refusal = ['pack2.yaml', 'lineage "zone-tianjin" is scoped to zone tianjin, but zone-chongqing-2025 is scoped to zone chongqing; give this pack a lineage of its own'];
    expect(found.filter((d) => d.location.pointer === '/metadata/scope').map((d) => [d.location.uri, d.message])).toEqual([refusal]);
    // Loaded without Tianjin's own list (nothing beside it to compare with): the published list's zone still decides.
    const alone = compilePacks([national, relabelled].map((t, i) => parseSource(t, `pack${i * 2}.yaml`, { allowAliases: true }))).diagnostics;
    expect(alone.filter((d) => d.location.pointer === '/metadata/scope').map((d) => [d.location.uri, d.message])).toEqual([refusal]);
    // A national-scope pack relabelled into a zone list's lineage would bind every exporter: refused the same way.
    const nationwide = relabelled.replace(/scope: \{ kind: zone, zone: chongqing \}/, 'scope: { kind: national }');
    expect(nationwide).not.toBe(relabelled);
    expect(compilePacks([national, nationwide].map((t, i) => parseSource(t, `pack${i * 2}.yaml`, { allowAliases: true }))).diagnostics.map((d) => d.message))
      .toContain('lineage "zone-tianjin" is scoped to zone tianjin, but zone-chongqing-2025 is scoped to national; give this pack a lineage of its own');
    // A lineage no published list has keeps the pairwise test: two zones in one new lineage.
    const newLineage = (t: string) => t.replace(/^( {2}lineage:) zone-\S+$/m, '$1 zone-experimental');
    const pair = compilePacks([national, newLineage(tianjin), newLineage(chongqing)].map((t, i) => parseSource(t, `pack${i}.yaml`, { allowAliases: true }))).diagnostics;
    expect(pair.filter((d) => d.location.pointer === '/metadata/scope').map((d) => d.message)).toEqual([
      'lineage "zone-experimental" holds packs of different scopes: zone-tianjin-2024 (zone tianjin) and zone-chongqing-2025 (zone chongqing); the editions of one list share its scope, so give this pack a lineage of its own',
    ]);
    // Control: the bundled editions of one lineage (Beijing 2024 and the city-wide 2026 edition) share the zone.
    const bj = ['zone-beijing/pack.yaml', 'zone-beijing/two-zones-2026.pack.yaml'].map((f) => readFileSync(new URL(`../../rules/${f}`, import.meta.url), 'utf8'));
    expect(compilePacks([national, ...bj].map((t, i) => parseSource(t, `pack${i}.yaml`, { allowAliases: true }))).diagnostics).toEqual([]);
  });
  // review12: the pairwise test compared a region pack's kind only, so a key trusted for lineage cn-gba could sign a
  // pack for exporters registered in Shanghai as an earlier "edition" of the GBA rules (dates that do not overlap).
  it('a lineage whose region packs name different regions is refused; the same region is fine', () => {
    // A lineage of its own (not a bundled one, whose scope the table fixes): the editions are compared pairwise.
    const gba = readFileSync(new URL('../../rules/cn-gba/pack.yaml', import.meta.url), 'utf8').replace(/^( {2}lineage:) cn-gba$/m, '$1 gba-local');
    const earlier = (region: string) => gba.replace(/^( {2}id:) cn-gba$/m, '$1 cn-gba-earlier')
      .replace(/effective: \{ from: 2023-12-10 \}/, 'effective: { from: 2020-01-01, to: 2023-12-10 }')
      .replace(/scope: \{ kind: region, region: CN-GD \}/, `scope: { kind: region, region: ${region} }`);
    expect(earlier('CN-SH')).toContain('region: CN-SH');
    const load = (region: string) => compilePacks([national, earlier(region), gba].map((t, i) => parseSource(t, `pack${i}.yaml`, { allowAliases: true }))).diagnostics;
    const found = load('CN-SH').filter((d) => d.location.pointer === '/metadata/scope');
    const message = 'lineage "gba-local" holds packs of different scopes: cn-gba-earlier (region CN-SH) and cn-gba (region CN-GD); the editions of one list share its scope, so give this pack a lineage of its own';
    expect(found.map((d) => [d.location.uri, d.message])).toEqual([['pack2.yaml', message]]);
    expect(errorMessageIn(message, 'zh')).toBe('版本系列 "gba-local" 中的规则包适用范围不同：cn-gba-earlier（地区 CN-SH）与 cn-gba（地区 CN-GD）；同一清单的各版本适用范围相同，请为本规则包另设版本系列');
    expect(load('CN-GD')).toEqual([]);
  });
  // review12: a key trusted for cn-gba could sign a copy scoped to CN-SH (or sector-automotive's, to retail) and bind
  // those exporters when the real pack was not loaded beside it. Every bundled lineage has its scope.
  it('a bundled lineage keeps its scope loaded alone: cn-gba for CN-GD, sector-automotive for its sectors', () => {
    const read = (f: string) => readFileSync(new URL(`../../rules/${f}`, import.meta.url), 'utf8');
    const gba = read('cn-gba/pack.yaml');
    const shanghai = gba.replace(/scope: \{ kind: region, region: CN-GD \}/, 'scope: { kind: region, region: CN-SH }');
    const auto = read('sector-automotive/pack.yaml');
    const retail = auto.replace(/scope: \{ kind: sector, sectors: \[automotive, icv\] \}/, 'scope: { kind: sector, sectors: [retail] }');
    expect(shanghai).not.toBe(gba);
    expect(retail).not.toBe(auto);
    const problems = (texts: string[]) => compilePacks(texts.map((t, i) => parseSource(t, `pack${i}.yaml`, { allowAliases: true }))).diagnostics
      .filter((d) => d.location.pointer === '/metadata/scope').map((d) => [d.location.uri, d.message, errorMessageIn(d.message, 'zh')]);
    expect(problems([national, shanghai, retail])).toEqual([
      ['pack1.yaml', 'lineage "cn-gba" is scoped to region CN-GD, but cn-gba is scoped to region CN-SH; give this pack a lineage of its own',
        '版本系列 "cn-gba" 的适用范围是地区 CN-GD，而 cn-gba 的适用范围是地区 CN-SH；请为本规则包另设版本系列'],
      ['pack2.yaml', 'lineage "sector-automotive" is scoped to sector automotive, icv, but sector-automotive is scoped to sector retail; give this pack a lineage of its own',
        '版本系列 "sector-automotive" 的适用范围是行业 automotive, icv，而 sector-automotive 的适用范围是行业 retail；请为本规则包另设版本系列'],
    ]);
    expect(problems([national, gba, auto])).toEqual([]);
  });

  it('the lineage table is the bundled packs\' scopes: every bundled pack is in it, with its scope', () => {
    const texts: string[] = [];
    const walk = (d: URL): void => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(new URL(`${e.name}/`, d));
        else if (/(^|\.)pack\.yaml$/.test(e.name)) texts.push(readFileSync(new URL(e.name, d), 'utf8'));
      }
    };
    walk(new URL('../../rules/', import.meta.url));
    expect(texts.length).toBeGreaterThan(10);
    for (const text of texts) {
      const { lineage, scope } = (parseSource(text, 'p.yaml', { allowAliases: true }).data as RulePack).metadata;
      // A zone's edition may add its zone's region (Beijing and Shanghai 2026); the rest is the table's.
      const { region: _region, ...zoneOnly } = scope as { region?: string };
      expect(scope.kind === 'zone' ? zoneOnly : scope, lineage).toEqual(LINEAGE_SCOPES.get(lineage));
    }
  });
  it('two editions of one lineage overlap by a day: said at the later one\'s start; ending the day the next starts is fine', () => {
    const earlier = (to: string) => national.replace(/^( {2}id:) cn-national$/m, '$1 cn-national-earlier').replace(/effective: \{ from: 2024-03-22 \}/, `effective: { from: 2020-01-01, to: ${to} }`);
    const load = (to: string) => compilePacks([earlier(to), national].map((t, i) => parseSource(t, `pack${i}.yaml`, { allowAliases: true }))).diagnostics;
    expect(load('2024-03-22')).toEqual([]);
    expect(load('2024-03-23').map((d) => [d.location.uri, d.location.pointer, d.message])).toEqual([
      ['pack1.yaml', '/metadata/effective/from', 'overlaps cn-national-earlier (in force 2020-01-01 to 2024-03-23) in lineage "cn-national"'],
    ]);
  });
  it('reports an unknown fact with a hint and its line', () => {
    const [d] = diagnose(national.replace('{ fact: data.hasCore, equals: true }', '{ fact: data.hasCores, equals: true }'));
    expect(d?.message).toBe('unknown fact "data.hasCores"');
    expect(d?.hint).toBe('did you mean "data.hasCore"?');
    expect(d?.location.line).toBeGreaterThan(100);
  });
  it('reports an unknown operator, parameter, placeholder and taxonomy id', () => {
    const text = national
      .replace('{ fact: data.hasCore, equals: true }', '{ fact: data.hasCore, equal: true }')
      .replace('atLeast: { param: sensitiveAssessmentThreshold }', 'atLeast: { param: sensitiveAssesmentThreshold }')
      .replace('{{totals.sensitiveIndividuals}} individuals', '{{totals.sensitive}} individuals')
      .replace('{ fact: purpose.basis, equals: hr }', '{ fact: data.categories, includes: pi.hr }');
    const messages = diagnose(text).map((d) => `${d.message} ${d.hint ?? ''}`);
    expect(messages).toContainEqual(expect.stringMatching(/unknown operator "equal".*did you mean "equals"/));
    expect(messages).toContainEqual(expect.stringMatching(/unknown parameter "sensitiveAssesmentThreshold".*did you mean "sensitiveAssessmentThreshold"/));
    expect(messages).toContainEqual(expect.stringMatching(/unknown placeholder \{\{totals.sensitive\}\}/));
    expect(messages).toContainEqual(expect.stringMatching(/unknown taxonomy id "pi.hr"/));
  });
  it('reports operand type errors and duplicate rule ids', () => {
    const text = national
      .replace('{ fact: totals.sensitiveIndividuals, atLeast: 1 }', '{ fact: totals.sensitiveIndividuals, atLeast: "1" }')
      .replace('id: cn.exempt.emergency', 'id: cn.exempt.cross-border-hr');
    const messages = diagnose(text).map((d) => d.message);
    expect(messages).toContainEqual('"totals.sensitiveIndividuals" is a number; got "1"');
    expect(messages).toContainEqual(expect.stringMatching(/duplicate rule id "cn.exempt.cross-border-hr"/));
  });
  it('a rule without a citation or a Chinese message is a schema error', () => {
    const cited = '    citation:\n      en: CAC Provisions 2024 Art. 3\n      zh: 《促进和规范数据跨境流动规定》第三条\n';
    expect(national).toContain(cited);
    const messages = diagnose(national.replace(cited, '')).map((d) => d.message);
    expect(messages).toContainEqual(expect.stringMatching(/missing required field "citation"/));
  });
  it('a citation is a string or both languages, never one language alone', () => {
    const cited = '      zh: 《促进和规范数据跨境流动规定》第三条\n';
    expect(diagnose(national.replace(cited, ''))).not.toEqual([]);
    expect(diagnose(national.replace(`    citation:\n      en: CAC Provisions 2024 Art. 3\n${cited}`, '    citation: CAC Provisions 2024 Art. 3\n'))).toEqual([]);
  });
  it('a pack that still tests the once-boolean GBA onward-transfer fact with false is refused, naming the values', () => {
    expect(gba).toContain("{ fact: mechanisms.gbaOnwardOutsideGba, equals: 'no' }");
    const old = gba.replace("{ fact: mechanisms.gbaOnwardOutsideGba, equals: 'no' }", '{ fact: mechanisms.gbaOnwardOutsideGba, equals: false }');
    const [d] = diagnoseBeside(old);
    expect(d?.message).toBe('"mechanisms.gbaOnwardOutsideGba" is text; got false');
    expect(d?.hint).toBe('one of: yes, no, unstated');
  });
  it('the region- and sector-scoped packs are valid beside the national pack', () => {
    expect(diagnoseBeside(gba)).toEqual([]);
    expect(diagnoseBeside(automotive)).toEqual([]);
  });
  it('a sector scope names known sector ids; an alternative names the mechanism it is a route to', () => {
    const [d] = diagnoseBeside(automotive.replace('sectors: [automotive, icv]', 'sectors: [automotive, icvs]'));
    expect(d?.message).toBe('unknown sector id "icvs"');
    expect(d?.hint).toBe('did you mean "icv"?');
    const alt = diagnoseBeside(gba.replace(/(id: gba\.contract\.in-place\n {4}kind: alternative\n {4}mechanism:) contract-or-certification/, '$1 none'));
    expect(alt.map((x) => x.message)).toContainEqual(expect.stringMatching(/an alternative names the mechanism it is a route to/));
  });
  it('a date operand is a real calendar date, not only YYYY-MM-DD in shape (2026-02-30 would compare as 2 March)', () => {
    // The Macao start date is a parameter (gbaMacaoFrom): checked where a rule compares transfer.date with it.
    expect(gba).toContain('{ fact: transfer.date, atLeast: { param: gbaMacaoFrom } }');
    const line = '  gbaMacaoFrom:\n    value: 2024-09-10';
    expect(gba).toContain(line);
    const messages = diagnoseBeside(gba.replace(line, line.replace('2024-09-10', '2024-09-31'))).map((d) => d.message);
    expect(messages).toContain('"transfer.date" is a date: compare it with YYYY-MM-DD');
  });
  it('a national pack must word every mechanism message, with known placeholders', () => {
    const missing = diagnose(national.replace(/\n {2}contract\.not-yet-effective:\n.*\n.*\n/, '\n')).map((d) => d.message);
    expect(missing).toContainEqual(expect.stringMatching(/a national pack needs the messages contract.not-yet-effective/));
    const typo = diagnose(national.replace('{{mechanisms.assessmentExpiry}} is in place', '{{mechanisms.assessmentExpiri}} is in place')).map((d) => d.message);
    expect(typo).toContainEqual(expect.stringMatching(/unknown placeholder \{\{mechanisms.assessmentExpiri\}\}/));
  });
});
