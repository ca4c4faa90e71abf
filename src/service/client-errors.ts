/**
 * Requests Node's HTTP parser refuses before fastify routes them: raw (not percent-encoded) UTF-8 or a space in the
 * request line (`GET /v1/ledger/totals?exporter=上海` from a shell), a broken request, headers too large, a request
 * too slow to arrive. fastify's default answer ({"error":"Bad Request","message":"Client Error"}) is not the service's
 * one error shape and says nothing of the cause; this handler (fastify's `clientErrorHandler`) answers in that shape.
 */
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ConnectionError, FastifyBaseLogger } from 'fastify';
import { MESSAGES } from '../app/messages.js';
import type { Bilingual, Lang } from '../model/verdict.js';
import { errorBody } from './errors.js';

/** ?lang=zh in the request line as sent, when it can be read there (the request was never parsed). */
const langOf = (err: ConnectionError): Lang => {
  const raw: unknown = err.rawPacket; // a Buffer at run time, whatever fastify's types say
  return Buffer.isBuffer(raw) && /^[^\r\n]*[?&]lang=zh(?:[&#\s]|$)/.test(raw.toString('latin1')) ? 'zh' : 'en';
};

const answerOf = (code: string | undefined): [number, string, Bilingual] =>
  code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, 'request-timeout', MESSAGES.requestTimeout()]
    : code === 'HPE_HEADER_OVERFLOW' ? [431, 'headers-too-large', MESSAGES.headersTooLarge()]
      : code === 'HPE_INVALID_URL' ? [400, 'bad-request', MESSAGES.badRequestUrl()]
        : [400, 'bad-request', MESSAGES.badRequest()];

export function clientErrorHandler(this: { log: FastifyBaseLogger }, err: ConnectionError, socket: Socket): void {
  // A reset connection, or one already closed: nobody to answer.
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, text] = answerOf(err.code);
  const body = JSON.stringify(errorBody(code, text[langOf(err)]));
  // The code only: the packet may hold an exporter's name (the query string is never logged).
  this.log.debug({ code: err.code }, 'client error');
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(err);
}
