import type { Bilingual, Lang } from '../model/verdict.js';

/** Every error response is one JSON shape: `{ error: { code, message } }` (plus `details` where there are some). */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export const errorBody = (code: string, message: string, details?: unknown): ErrorBody =>
  ({ error: { code, message, ...(details === undefined ? {} : { details }) } });

/** A request the service refuses before checking anything (bad query, wrong content type): HTTP 4xx. */
export class RequestError extends Error {
  constructor(readonly statusCode: number, readonly code: string, readonly text: Bilingual) {
    super(text.en);
  }
}

/** The language a request asks for (?lang=zh), read from the raw query so that a refusal of the query itself is in it. */
export const requestLang = (query: unknown): Lang => ((query as { lang?: unknown } | undefined)?.lang === 'zh' ? 'zh' : 'en');

/** For logs: any URL's password, wherever it appears in a message (drivers may quote their connection string). */
export const scrub = (message: string): string => message.replace(/([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*):[^@/\s]*@/gi, '$1:***@');
