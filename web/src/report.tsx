/** The printable report page: the same markup as `xborder report` (src/console/report-html.ts). */
import { isError, type CheckResult } from '../../src/model/verdict';
import { reportBody } from '../../src/console/report-html';
import '../../src/console/report.css';
import { materialsOf, thresholdsFor } from './catalog';
import { T, type Lang } from './i18n';
import { getIn, type Manifest } from './manifest';

interface Props { lang: Lang; m: Manifest; result: CheckResult | undefined; decisionId?: string }

export function ReportPage({ lang, m, result, decisionId }: Props) {
  const t = (k: keyof typeof T): string => T[k][lang];
  const bar = (
    <div class="no-print toolbar">
      <a href="#/">{t('back')}</a>
      {result && !isError(result) ? <button type="button" onClick={() => window.print()}>{t('print')}</button> : null}
    </div>
  );
  if (!result || isError(result)) return <div>{bar}<p>{t('noVerdict')}</p></div>;
  const s = (p: string[]): string | undefined => getIn(m, p) as string | undefined;
  const html = reportBody(result, {
    thresholds: thresholdsFor(result.packs.map((p) => p.id), result.asOf),
    materials: materialsOf(result.mechanism, result.packs.map((p) => p.id)),
    summary: { exporter: s(['exporter', 'name']), recipient: s(['recipient', 'name']), country: s(['recipient', 'country']), date: s(['date']) },
    generatedOn: new Date().toISOString().slice(0, 10),
    ...(decisionId ? { decisionId } : {}),
  }, lang);
  // reportBody escapes every value it prints.
  return <div>{bar}<div class="report" dangerouslySetInnerHTML={{ __html: html }} /></div>;
}
