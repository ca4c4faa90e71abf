/** Renders a pack diff as text, markdown (a pull-request comment: at most 65,536 characters) or JSON. */
import type { Impact, Transition } from './impact.js';
import type { Change, PackDiff } from './structure.js';

export interface DiffReport {
  base: string;
  head: string;
  asOf?: string;
  /** When the corpus was an evidence export: its records, those replayed, and those whose manifest was not found. */
  replay?: { records: number; replayed: number; missing: number };
  impact: Impact;
  packs: PackDiff[];
  /**
   * The `--fail-on` transitions that occurred (the gate fails when any did), and why the run cannot pass the gate
   * whatever occurred (no manifest in the corpus, inputs that are no manifest).
   */
  gate: { failOn: Transition[]; tripped: Transition[]; incomplete?: string };
}

const DIFF_FORMATS = ['text', 'markdown', 'json'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

/** GitHub's limit for a comment body. */
const MARKDOWN_LIMIT = 65_536;

const arrow = (t: string): string => t.replace('-to-', ' → ');
const value = (v: unknown): string => (v === undefined ? '…' : JSON.stringify(v));

function changeLine(c: Change): string {
  const what = `${c.section} ${c.id} ${c.change}`;
  if (c.change !== 'changed') {
    const v = c.change === 'added' ? c.to : c.from;
    return v === undefined || c.section === 'rules' ? what : `${what}: ${value(v)}`;
  }
  const fields = c.fields?.length ? ` (${c.fields.join(', ')})` : '';
  return c.from === undefined && c.to === undefined ? `${what}${fields}` : `${what}${fields}: ${value(c.from)} → ${value(c.to)}`;
}

const packHead = (p: PackDiff): string =>
  `${p.pack}${p.version ? ` ${p.version}` : ''}: ${p.status}${p.base && p.status === 'added' ? ` (compared with ${p.base}, which it supersedes)` : ''}`;

const transitionsOf = (o: Partial<Record<string, number>>): string =>
  Object.entries(o).map(([k, n]) => `${k === 'unchanged' ? 'verdict unchanged' : arrow(k)} ${n}`).join(', ');

const replayLine = (x: NonNullable<DiffReport['replay']>): string =>
  `Replayed ${x.replayed} of ${x.records} evidence records on their original as-of dates and year-to-date totals${x.missing ? `; ${x.missing} NOT replayed (manifest not in the corpus)` : ''}`;

function renderText(r: DiffReport): string {
  const { impact: i } = r;
  const out = [`Impact of ${r.head} over ${r.base}: ${i.manifests} manifests${r.asOf ? ` as of ${r.asOf}` : ''}, ${i.manifests - i.unchanged} change verdict`];
  if (r.replay) out.push(replayLine(r.replay));
  out.push('', 'Verdict transitions:');
  for (const [t, n] of Object.entries(i.transitions)) out.push(`  ${arrow(t).padEnd(18)} ${n}`);
  out.push(`  ${'unchanged'.padEnd(18)} ${i.unchanged}`);
  if (Object.keys(i.mechanisms).length) {
    out.push('', 'Mechanism changes:');
    for (const [t, n] of Object.entries(i.mechanisms)) out.push(`  ${t}  ${n}`);
  }
  for (const [dir, title] of [['fires', 'Rules that newly fire'], ['stops', 'Rules that no longer fire']] as const) {
    const gs = i.groups.filter((g) => g.direction === dir);
    if (!gs.length) continue;
    out.push('', `${title}:`);
    for (const g of gs) out.push(`  ${g.rule}  ${g.manifests} manifest${g.manifests === 1 ? '' : 's'} (${transitionsOf(g.transitions)})`, `      e.g. ${g.samples.join(', ')}`);
  }
  out.push('', 'Pack changes:');
  for (const p of r.packs.filter((x) => x.status !== 'unchanged')) {
    out.push(`  ${packHead(p)}`);
    for (const c of p.changes) out.push(`    ${changeLine(c)}`);
  }
  if (r.packs.every((x) => x.status === 'unchanged')) out.push('  none');
  if (r.gate.failOn.length) out.push('', gateLine(r.gate));
  else if (r.gate.incomplete) out.push('', `Incomplete: ${r.gate.incomplete}`);
  return `${out.join('\n')}\n`;
}

const gateLine = (g: DiffReport['gate']): string => (g.tripped.length ? `Gate failed: ${g.tripped.map(arrow).join(', ')}`
  : g.incomplete ? `Gate not passed: ${g.incomplete}` : `Gate passed (--fail-on ${g.failOn.join(',')})`);

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function renderMarkdown(r: DiffReport): string {
  const { impact: i } = r;
  const head = [`### Pack impact: \`${cell(r.head)}\` over \`${cell(r.base)}\``, '',
    `${i.manifests} manifests${r.asOf ? ` as of ${r.asOf}` : ''}; **${i.manifests - i.unchanged}** change verdict.${r.gate.tripped.length ? ` **Gate failed:** ${r.gate.tripped.map(arrow).join(', ')}.` : ''}${r.gate.incomplete ? ` **Incomplete:** ${cell(r.gate.incomplete)}.` : ''}`, '',
    ...(r.replay ? [replayLine(r.replay), ''] : []),
    '| transition | manifests |', '|---|---:|',
    ...Object.entries(i.transitions).map(([t, n]) => `| ${arrow(t)} | ${n} |`), `| unchanged | ${i.unchanged} |`];
  if (Object.keys(i.mechanisms).length) head.push('', '| mechanism change | manifests |', '|---|---:|', ...Object.entries(i.mechanisms).map(([t, n]) => `| ${cell(t)} | ${n} |`));
  const body: string[] = [];
  if (i.groups.length) {
    body.push('', '| rule | | manifests | transitions | e.g. |', '|---|---|---:|---|---|');
    for (const g of i.groups) body.push(`| \`${cell(g.rule)}\` | ${g.direction === 'fires' ? 'newly fires' : 'no longer fires'} | ${g.manifests} | ${cell(transitionsOf(g.transitions))} | ${g.samples.map((s) => `\`${cell(s)}\``).join('<br>')} |`);
  }
  body.push('', '<details><summary>Pack changes</summary>', '');
  for (const p of r.packs.filter((x) => x.status !== 'unchanged')) {
    body.push(`- **${cell(packHead(p))}**`, ...p.changes.map((c) => `  - ${cell(changeLine(c))}`));
  }
  body.push('', '</details>');
  const text = `${head.join('\n')}\n${body.join('\n')}\n`;
  if (text.length <= MARKDOWN_LIMIT) return text;
  // Keep the summary; cut the details at a line boundary and say so.
  const note = '\n\n_(truncated to fit a comment: run `xborder pack diff --format json` for everything)_\n';
  const cut = text.slice(0, MARKDOWN_LIMIT - note.length);
  return `${cut.slice(0, cut.lastIndexOf('\n'))}${note}`;
}

export function renderDiff(r: DiffReport, format: DiffFormat): string {
  if (format === 'json') return `${JSON.stringify(r, null, 2)}\n`;
  return format === 'markdown' ? renderMarkdown(r) : renderText(r);
}
