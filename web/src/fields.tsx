/** Form controls that label and explain themselves (every field has a one-sentence help text). */
import type { ComponentChildren } from 'preact';
import { T, type Key, type Lang } from './i18n';

interface Base { lang: Lang; label: Key; help?: Key; name: string }

function Wrap(p: Base & { id: string; children: ComponentChildren; inline?: boolean }) {
  return (
    <div class={p.inline ? 'field field-inline' : 'field'}>
      {p.inline ? p.children : null}
      <label for={p.id}>{T[p.label][p.lang]}</label>
      {p.inline ? null : p.children}
      {p.help ? <p class="help" id={`${p.id}-help`}>{T[p.help][p.lang]}</p> : null}
    </div>
  );
}

export function TextField(p: Base & { value: string | undefined; onInput: (v: string) => void; type?: 'text' | 'date'; pattern?: string; list?: string; required?: boolean }) {
  const id = `f-${p.name}`;
  return (
    <Wrap {...p} id={id}>
      <input id={id} name={p.name} type={p.type ?? 'text'} value={p.value ?? ''} pattern={p.pattern} list={p.list} required={p.required}
        aria-describedby={p.help ? `${id}-help` : undefined} onInput={(e) => p.onInput((e.currentTarget as HTMLInputElement).value)} />
    </Wrap>
  );
}

export function NumberField(p: Base & { value: number | undefined; onInput: (v: number | undefined) => void }) {
  const id = `f-${p.name}`;
  return (
    <Wrap {...p} id={id}>
      <input id={id} name={p.name} type="number" min="0" step="1" inputMode="numeric" value={p.value ?? ''}
        aria-describedby={p.help ? `${id}-help` : undefined}
        onInput={(e) => { const v = (e.currentTarget as HTMLInputElement).value; p.onInput(v === '' ? undefined : Number(v)); }} />
    </Wrap>
  );
}

export function SelectField(p: Base & { value: string | undefined; options: [string, string][]; empty?: string; onChange: (v: string) => void }) {
  const id = `f-${p.name}`;
  return (
    <Wrap {...p} id={id}>
      <select id={id} name={p.name} value={p.value ?? ''} aria-describedby={p.help ? `${id}-help` : undefined}
        onChange={(e) => p.onChange((e.currentTarget as HTMLSelectElement).value)}>
        {p.empty !== undefined ? <option value="">{p.empty}</option> : null}
        {p.options.map(([v, label]) => <option key={v} value={v}>{label}</option>)}
      </select>
    </Wrap>
  );
}

export function CheckField(p: Base & { checked: boolean; onChange: (v: boolean) => void }) {
  const id = `f-${p.name}`;
  return (
    <Wrap {...p} id={id} inline>
      <input id={id} name={p.name} type="checkbox" checked={p.checked} aria-describedby={p.help ? `${id}-help` : undefined}
        onChange={(e) => p.onChange((e.currentTarget as HTMLInputElement).checked)} />
    </Wrap>
  );
}
