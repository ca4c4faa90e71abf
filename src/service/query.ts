/**
 * Query parameters, read by our own code: fastify's schema coercion would turn `explain=yes` into true and
 * drop unknown values silently; here anything not understood is a 400.
 */
import type { Lang } from '../model/verdict.js';
import { isCheckableDate } from '../util/dates.js';
import { MESSAGES } from '../app/messages.js';
import { RequestError } from './errors.js';

export interface CheckQuery {
  asOf?: string;
  lang: Lang;
  explain: boolean;
  record: boolean;
}

type Raw = Record<string, unknown>;

const one = (q: Raw, name: string): string | undefined => {
  const v = q[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new RequestError(400, 'bad-query', MESSAGES.queryOnce(name));
  return v;
};

const flag = (q: Raw, name: string): boolean => {
  const v = one(q, name);
  if (v === undefined || v === 'false' || v === '0') return false;
  if (v === '' || v === 'true' || v === '1') return true;
  throw new RequestError(400, 'bad-query', MESSAGES.queryFlag(name));
};

export function checkQuery(q: Raw, allowed: readonly string[] = ['asOf', 'lang', 'explain', 'record']): CheckQuery {
  for (const k of Object.keys(q)) if (!allowed.includes(k)) throw new RequestError(400, 'bad-query', MESSAGES.queryUnknown(k, allowed));
  const asOf = one(q, 'asOf');
  if (asOf !== undefined && !isCheckableDate(asOf)) throw new RequestError(400, 'bad-query', MESSAGES.queryAsOf());
  const lang = one(q, 'lang') ?? 'en';
  if (lang !== 'en' && lang !== 'zh') throw new RequestError(400, 'bad-query', MESSAGES.queryLang());
  const record = flag(q, 'record');
  // A reservation is the transfer on its own date, in its own year's totals: judged as of another date (another
  // counting year) it would be recorded where its verdict never looked.
  if (record && asOf !== undefined) throw new RequestError(400, 'bad-query', MESSAGES.recordAsOf());
  return { asOf, lang, explain: flag(q, 'explain'), record };
}
