/** Every error response is one JSON shape: `{ error: { code, message } }` (plus `details` where there are some). */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export const errorBody = (code: string, message: string, details?: unknown): ErrorBody =>
  ({ error: { code, message, ...(details === undefined ? {} : { details }) } });

/** A request the service refuses before checking anything (bad query, wrong content type): HTTP 4xx. */
export class RequestError extends Error {
  constructor(readonly statusCode: number, readonly code: string, message: string) {
    super(message);
  }
}
