/** The trust gate's error, apart from the signing code it needs (src/load/trusted.ts loads only with a trust store). */
import type { Problem } from '../signing/verify.js';

export class PackTrustError extends Error {
  constructor(readonly problems: { uri: string; problem: Problem }[], message = 'rule packs refused by the trust store') {
    super(`${message}:\n${problems.map((x) => `${x.uri}: ${x.problem.message}`).join('\n')}`);
  }
}
