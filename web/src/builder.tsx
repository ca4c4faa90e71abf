/** The manifest builder: every section of a manifest as a form that explains itself. */
import { catalog, scenariosFor } from './catalog';
import { CheckField, NumberField, SelectField, TextField } from './fields';
import { COUNTRIES, OPTION_TITLES, REGIONS, T, type Bi, type Lang } from './i18n';
import { getIn, hasPersonal, setIn, setPrior, type Manifest, type Obj } from './manifest';

interface Props { lang: Lang; m: Manifest; onChange: (m: Manifest) => void }

const title = (t: Bi | undefined, id: string, lang: Lang): string => (t ? t[lang] : id);
const opts = (ids: string[], lang: Lang): [string, string][] => ids.map((id) => [id, title(OPTION_TITLES[id], id, lang)]);
const personalIds = new Set(catalog.taxonomy.filter((t) => t.personal !== 'none').map((t) => t.id));
const isPersonal = (id: string): boolean => personalIds.has(id) || /^s?pi(\.|$)/.test(id);

export function Builder({ lang, m, onChange }: Props) {
  const str = (path: (string | number)[]): string | undefined => getIn(m, path) as string | undefined;
  const set = (path: (string | number)[]) => (v: unknown) => onChange(setIn(m, path, v));
  const t = (k: keyof typeof T): string => T[k][lang];
  const zone = str(['exporter', 'zone']);
  const scenarios = scenariosFor(zone, String(m.date ?? ''));
  const items = (m.data as Obj[] | undefined) ?? [];
  const personal = hasPersonal(m, isPersonal);

  return (
    <form class="builder" onSubmit={(e) => e.preventDefault()} aria-label={t('navBuilder')}>
      <p class="intro">{t('intro')}</p>
      <fieldset>
        <legend>{t('secTransfer')}</legend>
        <TextField lang={lang} name="id" label="id" help="idHelp" value={str(['id'])} onInput={set(['id'])} required />
        <TextField lang={lang} name="date" label="date" help="dateHelp" type="date" value={str(['date'])} onInput={set(['date'])} required />
      </fieldset>

      <fieldset>
        <legend>{t('secExporter')}</legend>
        <TextField lang={lang} name="exporter-name" label="exporterName" help="exporterNameHelp" value={str(['exporter', 'name'])} onInput={set(['exporter', 'name'])} required />
        <TextField lang={lang} name="exporter-uscc" label="uscc" help="usccHelp" value={str(['exporter', 'uscc'])} onInput={set(['exporter', 'uscc'])} />
        <SelectField lang={lang} name="exporter-region" label="region" help="regionHelp" value={str(['exporter', 'region'])}
          options={REGIONS.map(([id, n]) => [id, `${n[lang]} (${id})`])} onChange={set(['exporter', 'region'])} />
        <SelectField lang={lang} name="exporter-zone" label="zone" help="zoneHelp" value={zone} empty={t('noZone')}
          options={catalog.zones.map((z) => [z.id, title(z.title, z.id, lang)])} onChange={(v) => onChange(setIn(setIn(m, ['exporter', 'zone'], v), ['purpose', 'scenario'], undefined))} />
        <SelectField lang={lang} name="exporter-sector" label="sector" help="sectorHelp" value={str(['exporter', 'sector'])} empty={t('noSector')}
          options={catalog.sectors.map((s) => [s.id, title(s.title, s.id, lang)])} onChange={set(['exporter', 'sector'])} />
        <CheckField lang={lang} name="exporter-ciio" label="ciio" help="ciioHelp" checked={getIn(m, ['exporter', 'ciio']) === true} onChange={set(['exporter', 'ciio'])} />
      </fieldset>

      <fieldset>
        <legend>{t('secRecipient')}</legend>
        <TextField lang={lang} name="recipient-name" label="recipientName" help="recipientNameHelp" value={str(['recipient', 'name'])} onInput={set(['recipient', 'name'])} required />
        <TextField lang={lang} name="recipient-country" label="country" help="countryHelp" list="countries" pattern="[A-Z]{2}" value={str(['recipient', 'country'])}
          onInput={(v) => set(['recipient', 'country'])(v.toUpperCase())} required />
        <datalist id="countries">{COUNTRIES.map(([id, n]) => <option key={id} value={id}>{n[lang]}</option>)}</datalist>
        <SelectField lang={lang} name="recipient-kind" label="kind" help="kindHelp" value={str(['recipient', 'kind'])}
          options={opts(['company', 'individual', 'foreign-authority'], lang)} onChange={set(['recipient', 'kind'])} />
      </fieldset>

      <fieldset>
        <legend>{t('secPurpose')}</legend>
        <SelectField lang={lang} name="purpose-basis" label="basis" help="basisHelp" value={str(['purpose', 'basis'])}
          options={opts(['consent', 'contract', 'hr', 'emergency', 'legal-duty', 'none'], lang)} onChange={set(['purpose', 'basis'])} />
        <SelectField lang={lang} name="purpose-activity" label="activity" help="activityHelp" value={str(['purpose', 'activity'])} empty={t('noActivity')}
          options={opts(['international-trade', 'cross-border-transport', 'academic-cooperation', 'manufacturing', 'marketing', 'reexport-of-foreign-data', 'other'], lang)}
          onChange={set(['purpose', 'activity'])} />
        {zone ? (scenarios.length ? (
          <>
            <TextField lang={lang} name="purpose-scenario" label="scenario" help="scenarioHelp" list="scenarios" value={str(['purpose', 'scenario'])} onInput={set(['purpose', 'scenario'])} />
            <datalist id="scenarios">{scenarios.map((s) => (
              <option key={s.id} value={s.id}>{`${s.title[lang]}${s.coverage === 'partial' ? ` (${t('partial')})` : ''}`}</option>))}</datalist>
          </>
        ) : <p class="note">{t('scenarioNone')}</p>) : null}
        <TextField lang={lang} name="purpose-description" label="description" help="descriptionHelp" value={str(['purpose', 'description'])} onInput={set(['purpose', 'description'])} />
      </fieldset>

      <fieldset>
        <legend>{t('secData')}</legend>
        {items.map((_, i) => <DataItem key={i} lang={lang} m={m} i={i} onChange={onChange} zone={zone} />)}
        <button type="button" onClick={() => onChange(setIn(m, ['data', items.length], { id: `item-${items.length + 1}`, categories: [], classification: 'general' }))}>{t('addItem')}</button>
      </fieldset>

      <fieldset>
        <legend>{t('secCounts')}</legend>
        {personal ? (
          <>
            <NumberField lang={lang} name="pi-individuals" label="individuals" help="individualsHelp" value={getIn(m, ['personalInformation', 'individuals']) as number | undefined} onInput={(v) => onChange(setCount(m, 'individuals', v))} />
            <NumberField lang={lang} name="pi-sensitive" label="sensitiveIndividuals" help="sensitiveIndividualsHelp" value={getIn(m, ['personalInformation', 'sensitiveIndividuals']) as number | undefined} onInput={(v) => onChange(setCount(m, 'sensitiveIndividuals', v))} />
            <NumberField lang={lang} name="pi-prior-individuals" label="priorIndividuals" help="priorIndividualsHelp" value={getIn(m, ['personalInformation', 'priorThisYear', 'individuals']) as number | undefined}
              onInput={(v) => onChange(setPrior(m, 'individuals', v))} />
            <NumberField lang={lang} name="pi-prior-sensitive" label="priorSensitive" help="priorSensitiveHelp" value={getIn(m, ['personalInformation', 'priorThisYear', 'sensitiveIndividuals']) as number | undefined}
              onInput={(v) => onChange(setPrior(m, 'sensitiveIndividuals', v))} />
          </>
        ) : <p class="note">{t('noPi')}</p>}
      </fieldset>

      <fieldset>
        <legend>{t('secSafeguards')}</legend>
        <CheckField lang={lang} name="sg-consent" label="separateConsent" help="separateConsentHelp" checked={getIn(m, ['safeguards', 'separateConsent']) === true}
          onChange={(v) => set(['safeguards', 'separateConsent'])(v || undefined)} />
        <TextField lang={lang} name="sg-pia" label="pia" help="piaHelp" type="date" value={str(['safeguards', 'pia', 'completedOn'])} onInput={set(['safeguards', 'pia', 'completedOn'])} />
        <Group lang={lang} legend="scc" help="sccHelp">
          <TextField lang={lang} name="sg-scc-signed" label="signedOn" type="date" value={str(['safeguards', 'standardContract', 'signedOn'])} onInput={set(['safeguards', 'standardContract', 'signedOn'])} />
          <TextField lang={lang} name="sg-scc-effective" label="effectiveOn" type="date" value={str(['safeguards', 'standardContract', 'effectiveOn'])} onInput={set(['safeguards', 'standardContract', 'effectiveOn'])} />
          <TextField lang={lang} name="sg-scc-filed" label="filedOn" type="date" value={str(['safeguards', 'standardContract', 'filedOn'])} onInput={set(['safeguards', 'standardContract', 'filedOn'])} />
          <TextField lang={lang} name="sg-scc-ref" label="ref" value={str(['safeguards', 'standardContract', 'ref'])} onInput={set(['safeguards', 'standardContract', 'ref'])} />
        </Group>
        <Group lang={lang} legend="cert" help="certHelp">
          <TextField lang={lang} name="sg-cert-ref" label="ref" value={str(['safeguards', 'certification', 'ref'])} onInput={set(['safeguards', 'certification', 'ref'])} />
          <TextField lang={lang} name="sg-cert-valid" label="validUntil" type="date" value={str(['safeguards', 'certification', 'validUntil'])} onInput={set(['safeguards', 'certification', 'validUntil'])} />
        </Group>
        <Group lang={lang} legend="assessment" help="assessmentHelp">
          <TextField lang={lang} name="sg-sa-ref" label="ref" value={str(['safeguards', 'securityAssessment', 'ref'])} onInput={set(['safeguards', 'securityAssessment', 'ref'])} />
          <TextField lang={lang} name="sg-sa-issued" label="issuedOn" type="date" value={str(['safeguards', 'securityAssessment', 'issuedOn'])} onInput={set(['safeguards', 'securityAssessment', 'issuedOn'])} />
          <TextField lang={lang} name="sg-sa-valid" label="validUntil" type="date" value={str(['safeguards', 'securityAssessment', 'validUntil'])} onInput={set(['safeguards', 'securityAssessment', 'validUntil'])} />
        </Group>
        {str(['recipient', 'kind']) === 'foreign-authority' ? (
          <TextField lang={lang} name="sg-approval" label="approval" help="approvalHelp" value={str(['safeguards', 'authorityApproval', 'ref'])} onInput={set(['safeguards', 'authorityApproval', 'ref'])} />
        ) : null}
      </fieldset>
    </form>
  );
}

/** The schema needs both counts: a cleared one is 0. */
const setCount = (m: Manifest, key: 'individuals' | 'sensitiveIndividuals', v: number | undefined): Manifest =>
  setIn(m, ['personalInformation', key], v ?? 0);

/** Counts are required with personal categories and forbidden without them. */
function withCounts(m: Manifest): Manifest {
  const pi = getIn(m, ['personalInformation']) as Obj | undefined;
  if (!hasPersonal(m, isPersonal)) return pi ? setIn(m, ['personalInformation'], undefined) : m;
  return setIn(m, ['personalInformation'], { individuals: 0, sensitiveIndividuals: 0, ...pi });
}

function Group(p: { lang: Lang; legend: keyof typeof T; help: keyof typeof T; children: preact.ComponentChildren }) {
  return (
    <fieldset class="group">
      <legend>{T[p.legend][p.lang]}</legend>
      <p class="help">{T[p.help][p.lang]}</p>
      <div class="row">{p.children}</div>
    </fieldset>
  );
}

const GROUPS: [keyof typeof T, (t: { id: string; personal: string; zone?: string }) => boolean][] = [
  ['groupPi', (c) => c.personal === 'pi' && !c.zone],
  ['groupSpi', (c) => c.personal === 'spi' && !c.zone],
  ['groupBiz', (c) => c.personal === 'none' && !c.zone],
];

function DataItem({ lang, m, i, onChange, zone }: { lang: Lang; m: Manifest; i: number; onChange: (m: Manifest) => void; zone: string | undefined }) {
  const item = (m.data as Obj[])[i] as Obj;
  const cats = (item.categories as string[] | undefined) ?? [];
  const set = (k: string) => (v: unknown) => onChange(setIn(m, ['data', i, k], v));
  const toggle = (id: string, on: boolean) => onChange(withCounts(setIn(m, ['data', i, 'categories'], on ? [...cats, id] : cats.filter((c) => c !== id))));
  // Leaf ids only (pi.contact, not pi), and zone ids only for the exporter's zone.
  const leaves = catalog.taxonomy.filter((c) => c.id.includes('.'));
  const groups: [keyof typeof T, typeof leaves][] = [
    ...GROUPS.map(([k, f]) => [k, leaves.filter(f)] as [keyof typeof T, typeof leaves]),
    ['groupOther', leaves.filter((c) => zone && c.zone === zone)],
  ];
  const unknown = cats.filter((c) => !catalog.taxonomy.some((x) => x.id === c));
  const n = `data-${i}`;
  return (
    <fieldset class="item">
      <legend>{`${T.item[lang]} ${i + 1}`}</legend>
      <div class="row">
        <TextField lang={lang} name={`${n}-id`} label="itemId" help="itemIdHelp" value={item.id as string | undefined} onInput={set('id')} />
        <TextField lang={lang} name={`${n}-description`} label="description" help="itemDescHelp" value={item.description as string | undefined} onInput={set('description')} />
      </div>
      <fieldset class="cats" aria-describedby={`${n}-cats-help`}>
        <legend>{T.categories[lang]}</legend>
        <p class="help" id={`${n}-cats-help`}>{T.categoriesHelp[lang]}</p>
        {groups.filter(([, list]) => list.length).map(([k, list]) => (
          <div class="cat-group" key={k}>
            <h4>{T[k][lang]}</h4>
            {list.map((c) => (
              <label class="cat" key={c.id}>
                <input type="checkbox" name={`${n}-cat`} value={c.id} checked={cats.includes(c.id)} onChange={(e) => toggle(c.id, (e.currentTarget as HTMLInputElement).checked)} />
                <span>{c.title[lang]}</span> <code>{c.id}</code>
              </label>
            ))}
          </div>
        ))}
        {unknown.map((c) => (
          <label class="cat" key={c}>
            <input type="checkbox" name={`${n}-cat`} value={c} checked onChange={() => toggle(c, false)} /> <code>{c}</code>
          </label>
        ))}
      </fieldset>
      <div class="row">
        <SelectField lang={lang} name={`${n}-classification`} label="classification" help="classificationHelp" value={item.classification as string | undefined}
          options={opts(['general', 'important', 'core'], lang)} onChange={set('classification')} />
        <SelectField lang={lang} name={`${n}-origin`} label="origin" help="originHelp" value={(item.origin as string | undefined) ?? 'domestic'}
          options={opts(['domestic', 'abroad'], lang)} onChange={(v) => set('origin')(v === 'domestic' ? undefined : v)} />
        <NumberField lang={lang} name={`${n}-records`} label="records" help="recordsHelp" value={item.records as number | undefined} onInput={set('records')} />
      </div>
      {(m.data as Obj[]).length > 1 ? (
        <button type="button" class="secondary" onClick={() => onChange(withCounts({ ...m, data: (m.data as Obj[]).filter((_, j) => j !== i) }))}>{T.removeItem[lang]}</button>
      ) : null}
    </fieldset>
  );
}
