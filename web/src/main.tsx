/** The console: a manifest builder with a live verdict, and a printable report (routes #/ and #/report). */
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CheckResult } from '../../src/model/verdict';
import { checkManifest, compareZones, type ZoneRow } from './api';
import { Builder } from './builder';
import { P, preferredLang, T, type Lang } from './i18n';
import { blankManifest, fromText, toYaml, type Manifest } from './manifest';
import { ReportPage } from './report';
import { VerdictPanel } from './verdict';
import './app.css';

type Route = 'builder' | 'report' | 'playground';
const route = (): Route => (location.hash.startsWith('#/report') ? 'report' : location.hash.startsWith('#/playground') ? 'playground' : 'builder');

/** The playground (and CodeMirror) load only when opened, so the builder stays small. */
type PlaygroundView = typeof import('./playground').Playground;
function LazyPlayground(props: Parameters<PlaygroundView>[0]) {
  const [View, setView] = useState<PlaygroundView>();
  useEffect(() => { void import('./playground').then((m) => setView(() => m.Playground)); }, []);
  return View ? <View {...props} /> : null;
}

function App() {
  const [lang, setLang] = useState<Lang>(() => preferredLang(navigator.languages ?? [navigator.language]));
  const [page, setPage] = useState(route);
  const [m, setM] = useState<Manifest>(() => blankManifest(new Date().toISOString().slice(0, 10)));
  const [result, setResult] = useState<CheckResult>();
  const [decisionId, setDecisionId] = useState<string>();
  const [zones, setZones] = useState<ZoneRow[]>();
  const [busy, setBusy] = useState(false);
  const [offline, setOffline] = useState(false);
  const [loadError, setLoadError] = useState<string>();
  const fileInput = useRef<HTMLInputElement>(null);
  const t = (k: keyof typeof T): string => T[k][lang];

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = T.appTitle[lang];
  }, [lang]);
  useEffect(() => {
    const onHash = () => setPage(route());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);

  // The verdict follows the form: one request at a time, the newest wins.
  useEffect(() => {
    const ctl = new AbortController();
    const timer = setTimeout(() => {
      setBusy(true);
      checkManifest(m, ctl.signal).then(
        (a) => { setResult(a.result); setDecisionId(a.decisionId); setOffline(false); setBusy(false); },
        (err: Error) => { if (err.name !== 'AbortError') { setOffline(true); setBusy(false); } },
      );
      compareZones(m, ctl.signal).then(setZones, () => setZones(undefined));
    }, 250);
    return () => { clearTimeout(timer); ctl.abort(); };
  }, [m]);

  const download = () => {
    const url = URL.createObjectURL(new Blob([toYaml(m)], { type: 'application/yaml' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${String(m.id || 'manifest')}.yaml`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  const load = async (file: File | undefined) => {
    if (!file) return;
    try {
      setM(fromText(await file.text()));
      setLoadError(undefined);
    } catch (err) {
      setLoadError(`${t('loadError')}: ${(err as Error).message}`);
    }
    if (fileInput.current) fileInput.current.value = '';
  };

  return (
    <>
      <header class="top no-print">
        <h1>{t('appTitle')}</h1>
        <nav aria-label={lang === 'zh' ? '页面' : 'Pages'}>
          <a href="#/" aria-current={page === 'builder' ? 'page' : undefined}>{t('navBuilder')}</a>
          <a href="#/report" aria-current={page === 'report' ? 'page' : undefined}>{t('navReport')}</a>
          <a href="#/playground" aria-current={page === 'playground' ? 'page' : undefined}>{P.nav[lang]}</a>
        </nav>
        <button type="button" class="lang" lang={lang === 'zh' ? 'en' : 'zh-CN'} aria-label={t('switchLangLabel')} onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>{t('switchLang')}</button>
      </header>
      <main id="main">
        {page === 'playground' ? <LazyPlayground lang={lang} manifestYaml={toYaml(m)} /> : page === 'report' ? <ReportPage lang={lang} m={m} result={result} decisionId={decisionId} /> : (
          <>
            <div class="toolbar">
              <button type="button" onClick={download}>{t('download')}</button>
              <label class="file">
                <span>{t('load')}</span>
                <input ref={fileInput} type="file" name="manifest-file" accept=".yaml,.yml,.json,application/yaml,application/json" aria-describedby="load-help"
                  onChange={(e) => void load((e.currentTarget as HTMLInputElement).files?.[0])} />
              </label>
              <span class="help" id="load-help">{t('loadHelp')}</span>
              <button type="button" class="secondary" onClick={() => setM(blankManifest(new Date().toISOString().slice(0, 10)))}>{t('newManifest')}</button>
            </div>
            {loadError ? <p class="warn" role="alert">{loadError}</p> : null}
            <div class="columns">
              <Builder lang={lang} m={m} onChange={setM} />
              <VerdictPanel lang={lang} result={result} busy={busy} offline={offline} zones={zones} />
            </div>
          </>
        )}
      </main>
    </>
  );
}

render(<App />, document.getElementById('app') as HTMLElement);
