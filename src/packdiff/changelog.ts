/**
 * Bilingual release notes (markdown) for a pack release, from the structural diff: what a zone publishes next to
 * the new version. Entries are named by their titles in both languages; ids stay visible for administrators.
 */
import type { RulePack } from '../model/pack.js';
import type { Change, PackDiff } from './structure.js';

type Titled = { title?: { en?: string; zh?: string } } | undefined;
const both = (t: Titled): string => (t?.title ? ` — ${t.title.en ?? ''}${t.title.zh ? ` / ${t.title.zh}` : ''}` : '');

const SECTIONS: Record<string, { en: string; zh: string }> = {
  taxonomy: { en: 'List entries (data categories)', zh: '清单条目（数据类别）' },
  rules: { en: 'Rules', zh: '规则' },
  parameters: { en: 'Parameters', zh: '参数' },
  metadata: { en: 'Pack information', zh: '规则包信息' },
  list: { en: 'Zone list', zh: '区域清单' },
  'list.scenarios': { en: 'Zone list scenarios', zh: '清单场景' },
  'list.entries': { en: 'Zone list entries', zh: '清单条目' },
  'list.duties': { en: 'Zone list duties', zh: '清单义务' },
  extends: { en: 'Edition it extends', zh: '所继承的版本' },
};
const VERB = { added: 'added / 新增', removed: 'removed / 删除', changed: 'changed / 修改' } as const;

const list = (v: unknown): string[] | undefined => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : undefined);

function line(c: Change, base: RulePack | undefined, head: RulePack | undefined): string {
  const entry = (p: RulePack | undefined): Titled => {
    if (!p) return undefined;
    if (c.section === 'taxonomy') return p.taxonomy?.[c.id];
    if (c.section === 'rules') return p.rules?.find((r) => r.id === c.id);
    const table = /^list\.(scenarios|entries|duties)$/.exec(c.section)?.[1] as 'scenarios' | 'entries' | 'duties' | undefined;
    return table ? (p.list?.[table] as Titled[] | undefined)?.find((r) => (r as { id?: string } | undefined)?.id === c.id) : undefined;
  };
  const title = both(entry(head) ?? entry(base));
  let detail = '';
  const [from, to] = [list(c.from), list(c.to)];
  if (c.change === 'changed' && from && to) {
    const added = to.filter((x) => !from.includes(x));
    const removed = from.filter((x) => !to.includes(x));
    detail = [added.length ? `+ ${added.join(', ')}` : '', removed.length ? `− ${removed.join(', ')}` : ''].filter(Boolean).join('; ');
  } else if (c.change === 'changed' && c.from !== undefined && c.to !== undefined && c.section !== 'rules') {
    detail = `${JSON.stringify(c.from)} → ${JSON.stringify(c.to)}`;
  } else if (c.fields?.length) detail = c.fields.join(', ');
  return `- \`${c.id}\`${title}: ${VERB[c.change]}${detail ? ` (${detail})` : ''}`;
}

export function renderChangelog(diffs: readonly PackDiff[], base: readonly RulePack[], head: readonly RulePack[]): string {
  const find = (ps: readonly RulePack[], id?: string): RulePack | undefined => ps.find((p) => p.metadata.id === id);
  const out: string[] = [];
  for (const d of diffs.filter((x) => x.status !== 'unchanged')) {
    const h = find(head, d.pack);
    const b = find(base, d.base?.split(' ')[0] ?? d.pack);
    const m = (h ?? b)?.metadata;
    out.push(`## ${d.pack} ${d.version ?? ''}${m ? ` — ${m.title.en} / ${m.title.zh}` : ''}`, '');
    if (d.status === 'removed') { out.push('Withdrawn / 撤回', ''); continue; }
    if (m) out.push(`In force / 施行: ${m.effective.from} → ${m.effective.to ?? 'open / 未定'}`);
    if (d.base && d.status === 'added') out.push(`Replaces / 取代: ${d.base}`);
    if (d.status === 'added' && !d.base) out.push('New pack / 新规则包');
    if (m?.coverage?.status === 'partial') out.push('Coverage: partial — see the pack\'s notes / 覆盖范围：部分，详见规则包说明');
    out.push('');
    const sections = [...new Set(d.changes.map((c) => c.section))];
    for (const s of sections) {
      const changes = d.changes.filter((c) => c.section === s && !(s === 'metadata' && (c.id === 'id' || c.id === 'version')));
      if (!changes.length) continue;
      const name = SECTIONS[s] ?? { en: s, zh: s };
      out.push(`### ${name.en} / ${name.zh}`, '', ...changes.map((c) => line(c, b, h)), '');
    }
  }
  return out.length ? `${out.join('\n')}` : 'No changes / 无变更\n';
}
