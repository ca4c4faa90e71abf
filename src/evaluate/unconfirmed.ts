import type { CompiledPack } from '../compile/compile-pack.js';
import type { Condition } from '../model/pack.js';
import type { Bilingual, Finding } from '../model/verdict.js';

const NONE: readonly { code: string; message: Bilingual }[] = Object.freeze([]);

/** Per pack: rule id → the parameters marked `unconfirmed` its condition reads (rules reading none are left out). */
const readsByPack = new WeakMap<CompiledPack, ReadonlyMap<string, readonly string[]>>();

function unconfirmedReads(pack: CompiledPack): ReadonlyMap<string, readonly string[]> {
  let reads = readsByPack.get(pack);
  if (reads) return reads;
  const map = new Map<string, readonly string[]>();
  const doubtful = new Set(Object.entries(pack.parameters).filter(([, p]) => p.unconfirmed === true).map(([k]) => k));
  if (doubtful.size) {
    for (const r of pack.rules) {
      const names = new Set<string>();
      paramsOf(r.when, names);
      const hit = [...names].filter((n) => doubtful.has(n));
      if (hit.length) map.set(r.id, hit);
    }
  }
  reads = map;
  readsByPack.set(pack, reads);
  return reads;
}

/** Every `{ param: name }` operand in a condition tree. */
function paramsOf(c: Condition | unknown, out: Set<string>): void {
  if (Array.isArray(c)) { for (const x of c) paramsOf(x, out); return; }
  if (typeof c !== 'object' || c === null) return;
  for (const [k, v] of Object.entries(c)) {
    if (k === 'param' && typeof v === 'string') out.add(v);
    else paramsOf(v, out);
  }
}

/**
 * A pass resting on a parameter the sources do not confirm (`unconfirmed: true`), such as the bases the national pack
 * reads as a statutory duty: the verdict says so, in the pack's own description of the parameter, as the
 * exemptionsNotCounted reading does (ledger.not-counted). Only for passing findings: a review already asks a person.
 */
export function unconfirmedWarnings(findings: readonly Finding[], packs: readonly CompiledPack[]): readonly { code: string; message: Bilingual }[] {
  let out: { code: string; message: Bilingual }[] | undefined;
  for (const f of findings) {
    if (f.outcome !== 'pass') continue;
    const pack = packs.find((p) => p.meta.id === f.pack);
    const names = pack && unconfirmedReads(pack).get(f.rule);
    if (!pack || !names) continue;
    for (const name of names) {
      const d = pack.parameters[name]!.description;
      (out ??= []).push({
        code: 'unconfirmed-parameter',
        message: {
          en: `This verdict rests on ${f.rule}, which reads ${name} (${pack.meta.id}), a setting no source confirms: ${d.en} Have a person confirm this reading before relying on the verdict.`,
          zh: `本结论依据 ${f.rule}，该规则所用参数 ${name}（${pack.meta.id}）尚无来源确认：${d.zh}依据本结论前，须人工确认该理解。`,
        },
      });
    }
  }
  return out ?? NONE;
}
