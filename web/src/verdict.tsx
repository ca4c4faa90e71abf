/** The live verdict beside the builder: route, counts, reasons with citations, next steps, duties. */
import { citationIn, decidedBy, isError, type CheckResult, type ErrorResult } from '../../src/model/verdict';
import { MECHANISM_TEXT, mechanismHeadline, OUTCOME_MEANING, OUTCOME_TEXT } from '../../src/report/labels';
import { errorItems } from '../../src/report/common';
import { groupDigits } from '../../src/util/numbers';
import type { ZoneRow } from './api';
import { catalog } from './catalog';
import { T, type Lang } from './i18n';

interface Props { lang: Lang; result: CheckResult | undefined; busy: boolean; offline: boolean; zones?: ZoneRow[] }

const num = groupDigits;

export function VerdictPanel({ lang, result, busy, offline, zones }: Props) {
  const t = (k: keyof typeof T): string => T[k][lang];
  return (
    <section class="verdict" aria-labelledby="verdict-title" aria-live="polite" aria-busy={busy} tabIndex={0}>
      <h2 id="verdict-title">{t('verdict')}{busy ? <span class="busy"> · {t('checking')}</span> : null}</h2>
      {offline ? <p class="warn" role="alert">{t('offline')}</p> : null}
      {result === undefined ? null : isError(result) ? (
        <div class="invalid" data-testid="invalid">
          <h3>{t('invalid')}</h3>
          <ul>{problems(result, lang).map((d, i) => (
            <li key={i}>{d.field ? <><code>{d.field}</code> </> : null}{d.text}</li>))}</ul>
        </div>
      ) : (
        <div class={`outcome outcome-${result.verdict}`} data-testid="verdict" data-verdict={result.verdict} data-mechanism={result.mechanism}>
          <p class="badge-line"><span class="badge">{result.verdict.toUpperCase()}</span> <span>{OUTCOME_MEANING[result.verdict][lang]}</span></p>
          <p><strong>{t('mechanism')}:</strong> <span data-testid="mechanism">{mechanismHeadline(result.verdict, result.mechanism)[lang]}</span> <code>{result.mechanism}</code></p>
          <p><strong>{t('counts')}:</strong> {num(result.counts.individuals)}{t('people')} · {t('sensitive')} {num(result.counts.sensitiveIndividuals)}{t('people')}</p>
          <h3>{t('reasons')}</h3>
          <ul class="reasons">{result.findings.map((f, i) => (
            <li key={i} class={`finding finding-${f.outcome}${decidedBy(result).includes(f) ? ' decided' : ''}`}>
              <span class="badge">{f.outcome.toUpperCase()}</span> {f.message[lang]}
              <div class="cite"><cite>{citationIn(f, lang)}</cite> · <code>{f.rule}</code>{f.path ? <> · {t('field')} <code>{f.path}</code></> : null}</div>
            </li>))}</ul>
          {result.findings.some((f) => f.action && f.outcome !== 'pass') ? (
            <>
              <h3>{t('next')}</h3>
              <ul>{result.findings.filter((f) => f.action && f.outcome !== 'pass').map((f, i) => <li key={i}>{f.action?.[lang]}</li>)}</ul>
            </>
          ) : null}
          {result.obligations.length ? (
            <>
              <h3>{t('duties')}</h3>
              <ul>{result.obligations.map((o, i) => <li key={i}>{o.message[lang]} <cite class="cite">{citationIn(o, lang)}</cite></li>)}</ul>
            </>
          ) : null}
          {result.warnings?.length ? (
            <>
              <h3>{t('warnings')}</h3>
              <ul>{result.warnings.map((w, i) => <li key={i}>{w.message[lang]}</li>)}</ul>
            </>
          ) : null}
          {zones?.length ? <Zones lang={lang} rows={zones} /> : null}
          <p><a href="#/report">{t('openReport')}</a></p>
        </div>
      )}
    </section>
  );
}

/**
 * The problems as the CLI words them (errorItems: the page's language, with the hint), the field once: the message
 * already starts with its pointer, which was shown again beside it ("/exporter/name /exporter/name must …"). No
 * line and column: they would point into the JSON the form sends, a text the user never sees.
 */
const problems = (e: ErrorResult, lang: Lang): { field?: string; text: string }[] =>
  errorItems(e, lang).map((i) => {
    // By the item's own pointer, not by the wording: a message may start with another path (a file's).
    const lead = i.path ? `${i.path} ` : undefined;
    return lead && i.message.startsWith(lead) ? { field: i.path, text: i.message.slice(lead.length) } : { ...(i.path ? { field: i.path } : {}), text: i.message };
  });

/** A zone row's verdict in words ('error': the manifest could not be checked for that zone). */
const zoneVerdict = (v: string, lang: Lang): string =>
  v in OUTCOME_TEXT ? OUTCOME_TEXT[v as keyof typeof OUTCOME_TEXT][lang] : v === 'error' && lang === 'zh' ? '错误' : v;

const zoneTitle = (id: string, lang: Lang): string =>
  id === 'none' ? T.noZone[lang] : catalog.zones.find((z) => z.id === id)?.title?.[lang] ?? id;

function Zones({ lang, rows }: { lang: Lang; rows: ZoneRow[] }) {
  return (
    <>
      <h3>{T.zones[lang]}</h3>
      <table class="zones">
        <thead><tr><th scope="col">{T.zone[lang]}</th><th scope="col">{T.verdict[lang]}</th><th scope="col">{T.mechanism[lang]}</th></tr></thead>
        <tbody>{rows.map((r) => (
          <tr key={r.zone} data-verdict={r.verdict}><td>{zoneTitle(r.zone, lang)}</td><td>{zoneVerdict(r.verdict, lang)}</td>
            <td>{r.mechanism in MECHANISM_TEXT ? (r.verdict === 'error' ? MECHANISM_TEXT[r.mechanism as keyof typeof MECHANISM_TEXT] : mechanismHeadline(r.verdict, r.mechanism as keyof typeof MECHANISM_TEXT))[lang] : r.mechanism}</td></tr>))}
        </tbody>
      </table>
    </>
  );
}
