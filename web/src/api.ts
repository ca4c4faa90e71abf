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
