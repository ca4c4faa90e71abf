/** The service's API, same origin as the page (xborder serve). */
import type { CheckResult } from '../../src/model/verdict';
import type { Manifest } from './manifest';

export interface CheckAnswer {
  result: CheckResult;
  decisionId?: string;
}

export async function checkManifest(m: Manifest, signal: AbortSignal): Promise<CheckAnswer> {
  const res = await fetch('v1/check', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(m), signal });
  if (res.status !== 200 && res.status !== 422) throw new Error(`HTTP ${res.status}`);
  const result = (await res.json()) as CheckResult;
  const decisionId = res.headers.get('x-xborder-decision') ?? (result as { decisionId?: string }).decisionId;
  return { result, ...(decisionId ? { decisionId } : {}) };
}

/** One row of the zones comparison (`xborder zones --format json`). */
export interface ZoneRow { zone: string; verdict: 'pass' | 'review' | 'fail' | 'error'; mechanism: string; deciding?: { rule: string; pack: string } }

/** The same transfer in each pilot zone, where the service offers POST /v1/zones; undefined where it does not. */
export async function compareZones(m: Manifest, signal: AbortSignal): Promise<ZoneRow[] | undefined> {
  const res = await fetch('v1/zones', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(m), signal });
  if (!res.ok) return undefined;
  const body: unknown = await res.json();
  const rows = Array.isArray(body) ? body : (body as { zones?: unknown }).zones;
  return Array.isArray(rows) && rows.every((r) => typeof (r as ZoneRow).zone === 'string') ? (rows as ZoneRow[]) : undefined;
}
