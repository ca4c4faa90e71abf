/** A CodeMirror 6 YAML editor with diagnostics shown at their line and column (CSP-safe: no eval, no inline styles). */
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { yaml } from '@codemirror/lang-yaml';
import { bracketMatching, defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, setDiagnostics, type Diagnostic as CmDiagnostic } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView, highlightActiveLine, keymap, lineNumbers } from '@codemirror/view';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';

export interface Marker { line?: number; column?: number; message: string }

interface Props { label: string; id: string; value: string; onChange: (text: string) => void; markers?: Marker[] }

export function YamlEditor({ label, id, value, onChange, markers = [] }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | undefined>(undefined);
  const changed = useRef(onChange);
  changed.current = onChange;
  /** The text this editor last reported: a `value` equal to it is the editor's own edit coming back, not a new text. */
  const emitted = useRef(value);

  useEffect(() => {
    const v = new EditorView({
      parent: host.current as HTMLDivElement,
      state: EditorState.create({
        doc: value,
        extensions: [
          lineNumbers(), history(), highlightActiveLine(), bracketMatching(), yaml(), lintGutter(),
          syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
          keymap.of([...defaultKeymap, ...historyKeymap]),
          EditorView.contentAttributes.of({ 'aria-label': label, id }),
          EditorView.updateListener.of((u) => {
            if (!u.docChanged) return;
            emitted.current = u.state.doc.toString();
            changed.current(emitted.current);
          }),
        ],
      }),
    });
    // The scroller scrolls with the keyboard too (axe: scrollable-region-focusable).
    v.scrollDOM.tabIndex = 0;
    view.current = v;
    return () => v.destroy();
  }, []);

  // A new value from outside (another pack chosen, a reset) replaces the document. In a layout effect, so it runs
  // right after the render, before the next key: a passive effect could run late (Preact flushes it when the next
  // render starts), see a document that has moved on, write the older value back, and the editor's change event
  // and the render would then swap the two texts back and forth without end (the page hung while typing).
  useLayoutEffect(() => {
    const v = view.current;
    if (!v || value === emitted.current) return;
    emitted.current = value;
    if (v.state.doc.toString() !== value) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const doc = v.state.doc;
    const diags: CmDiagnostic[] = markers.map((m) => {
      const line = doc.line(Math.min(Math.max(m.line ?? 1, 1), doc.lines));
      const from = Math.min(line.from + Math.max((m.column ?? 1) - 1, 0), line.to);
      return { from, to: Math.max(from, line.to), severity: 'error', message: m.message };
    });
    v.dispatch(setDiagnostics(v.state, diags));
  }, [markers, value]);

  return <div class="editor" ref={host} data-editor={id} />;
}
