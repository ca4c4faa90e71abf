/**
 * The pack playground for zone administrators: edit a bundled pack, see its diagnostics at their line, its test
 * table (which cases the edit flips), and a manifest's verdict under the edited pack. State lives in the URL fragment.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { decidedBy, isError, type CheckResult } from '../../src/model/verdict';
import type { Diagnostic } from '../../src/model/diagnostic';
import { YamlEditor } from './editor';
import { decodeState, encodeState } from './fragment-state';
import { P, type Lang } from './i18n';

interface File { uri: string; text: string }
interface BundledPack { id: string; pack: File; tests?: File }
interface CaseResult { suite: string; name: string; ok: boolean; problems: string[]; line?: number }
interface Result { diagnostics: Diagnostic[]; tests?: CaseResult[]; coverage?: { pack: string; exercised: number; rules: number }[]; verdict?: CheckResult }

/** The fragment's state: which pack, and the edited texts (only what differs from the bundled files). */
interface State { uri?: string; pack?: string; tests?: string; manifest?: string }

/** Writes the state into the fragment; of writes that overlap (compression is asynchronous), the newest wins. */
let writes = 0;
const writeState = (s: State) => {
  const n = ++writes;
  void encodeState(s).then((q) => { if (n === writes) history.replaceState(null, '', `#/playground?${q}`); });
};

/** Tries of one edit's request after the first fails (1, 2, 4, 8 s apart). */
const RETRIES = 4;

async function run(body: { pack: File; tests?: File; manifest?: string }, signal?: AbortSignal): Promise<Result> {
  const res = await fetch('v1/playground', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return (await res.json()) as Result;
}

interface Props { lang: Lang; manifestYaml: string }

/** Reads the shared state from the fragment (asynchronous: it is compressed) before the editors open. */
export function Playground(props: Props) {
  const [initial, setInitial] = useState<State>();
  useEffect(() => { void decodeState<State>(location.hash.split('?')[1]).then(setInitial); }, []);
  return initial ? <PlaygroundEditors {...props} initial={initial} /> : <p>{P.running[props.lang]}</p>;
}

function PlaygroundEditors({ lang, manifestYaml, initial }: Props & { initial: State }) {
  const t = (k: keyof typeof P): string => P[k][lang];
  const [packs, setPacks] = useState<BundledPack[] | null>();
  const [state, setState] = useState<State>(initial);
  const [result, setResult] = useState<Result>();
  const [baseline, setBaseline] = useState<Map<string, boolean>>(new Map());
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ message: string; retrying: boolean }>();

  useEffect(() => {
    fetch('v1/playground/packs').then((r) => (r.ok ? r.json() : null)).then(setPacks, () => setPacks(null));
  }, []);
  const chosen = packs?.find((p) => p.pack.uri === state.uri) ?? packs?.[0];
  const packText = state.pack ?? chosen?.pack.text ?? '';
  const testsText = state.tests ?? chosen?.tests?.text ?? '';
  const manifest = state.manifest ?? manifestYaml;
  const update = (s: Partial<State>) => setState((old) => ({ ...old, ...s }));
  useEffect(() => { if (state !== initial) writeState(state); }, [state]);

  // The unedited pack's test results, so the table can say which cases the edit flipped.
  useEffect(() => {
    if (!chosen?.tests) return;
    run({ pack: chosen.pack, tests: chosen.tests }).then((r) => setBaseline(new Map((r.tests ?? []).map((c) => [c.name, c.ok]))), () => setBaseline(new Map()));
  }, [chosen?.pack.uri]);

  // The newest edit's results; a failed request (the service busy: 503, 429) is said and tried again, so the page
  // never waits silently on an answer that will not come.
  useEffect(() => {
    if (!chosen) return;
    const ctl = new AbortController();
    let timer: ReturnType<typeof setTimeout>;
    const attempt = (n: number) => {
      setBusy(true);
      run({ pack: { uri: chosen.pack.uri, text: packText }, ...(chosen.tests ? { tests: { uri: chosen.tests.uri, text: testsText } } : {}), manifest }, ctl.signal)
        .then((r) => { setResult(r); setFailure(undefined); setBusy(false); }, (e: Error) => {
          if (e.name === 'AbortError') return;
          setBusy(false);
          setFailure({ message: e.message, retrying: n < RETRIES });
          if (n < RETRIES) timer = setTimeout(() => attempt(n + 1), 1000 * 2 ** n);
        });
    };
    timer = setTimeout(() => attempt(0), 300);
    return () => { clearTimeout(timer); ctl.abort(); };
  }, [chosen?.pack.uri, packText, testsText, manifest]);

  const markers = useMemo(() => (result?.diagnostics ?? []).filter((d) => d.location.uri === chosen?.pack.uri)
    .map((d) => ({ line: d.location.line, column: d.location.column, message: d.message })), [result, chosen]);

  if (packs === null) return <p class="warn">{t('unavailable')}</p>;
  if (!packs || !chosen) return <p>{t('running')}</p>;
  const failed = result?.tests?.filter((c) => !c.ok).length ?? 0;

  return (
    <div class="playground">
      <p class="intro">{t('intro')}</p>
      <div class="toolbar">
        <label for="pg-pack">{t('pack')}</label>
        <select id="pg-pack" value={chosen.pack.uri} aria-describedby="pg-pack-help" onChange={(e) => setState({ uri: (e.currentTarget as HTMLSelectElement).value })}>
          {packs.map((p) => <option key={p.pack.uri} value={p.pack.uri}>{`${p.id} (${p.pack.uri})`}</option>)}
        </select>
        <span class="help" id="pg-pack-help">{t('packHelp')}</span>
        <button type="button" class="secondary" onClick={() => setState({ uri: chosen.pack.uri })}>{t('reset')}</button>
      </div>
      <div class="pg-columns">
        <div>
          <h2 id="pg-pack-title">{t('editor')}</h2>
          <YamlEditor id="pg-pack-editor" label={t('editor')} value={packText} markers={markers} onChange={(v) => update({ pack: v })} />
          {chosen.tests ? (
            <>
              <h2>{t('testsEditor')}</h2>
              <YamlEditor id="pg-tests-editor" label={t('testsEditor')} value={testsText} onChange={(v) => update({ tests: v })} />
            </>
          ) : null}
          <h2>{t('manifest')}</h2>
          <YamlEditor id="pg-manifest-editor" label={t('manifest')} value={manifest} onChange={(v) => update({ manifest: v })} />
        </div>
        <section class="pg-results" aria-live="polite" aria-busy={busy} tabIndex={0} aria-label={t('diagnostics')}>
          <h2>{t('diagnostics')}{busy ? <span class="busy"> · {t('running')}</span> : null}</h2>
          {failure ? <p class="warn" role="alert">{t('noAnswer')} ({failure.message}){failure.retrying ? `; ${t('retrying')}` : ''}</p> : null}
          {result && result.diagnostics.length === 0 ? <p data-testid="pg-valid">{t('valid')}</p> : (
            <ul data-testid="pg-diagnostics">{result?.diagnostics.map((d, i) => (
              <li key={i}><code>{d.location.uri}:{d.location.line ?? '?'}:{d.location.column ?? '?'}</code> {d.message}</li>))}</ul>
          )}
          {result?.tests ? (
            <>
              <h2>{t('tests')}: {result.tests.length - failed} {t('passed')}, {failed} {t('failed')}</h2>
              {result.coverage?.map((c) => <p key={c.pack}><code>{c.pack}</code> {c.exercised}/{c.rules} {t('coverage')}</p>)}
              <table class="zones" data-testid="pg-tests">
                <tbody>{result.tests.map((c) => {
                  const flipped = baseline.has(c.name) && baseline.get(c.name) !== c.ok;
                  return (
                    <tr key={c.name} class={flipped ? 'flipped' : ''} data-ok={String(c.ok)} data-flipped={String(flipped)}>
                      <td><span class={`badge ${c.ok ? 'ok' : 'bad'}`}>{c.ok ? t('passed') : t('failed')}</span></td>
                      <td>{c.name}{flipped ? <strong> · {t('flipped')}</strong> : null}{c.ok ? null : <div class="cite">{c.problems.join('; ')}</div>}</td>
                    </tr>
                  );
                })}</tbody>
              </table>
            </>
          ) : null}
          {result?.verdict ? (
            <>
              <h2>{t('verdict')}</h2>
              {isError(result.verdict) ? <p>{result.verdict.error.message}</p> : (
                <p data-testid="pg-verdict"><span class={`badge v-${result.verdict.verdict}`}>{result.verdict.verdict.toUpperCase()}</span> <code>{result.verdict.mechanism}</code>
                  {' · '}{t('decidedBy')} {decidedBy(result.verdict).map((f) => <code key={f.rule}>{f.pack}/{f.rule} </code>)}</p>
              )}
            </>
          ) : null}
        </section>
      </div>
    </div>
  );
}
