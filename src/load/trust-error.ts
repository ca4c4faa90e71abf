/** The trust gate's error, apart from the signing code it needs (src/load/trusted.ts loads only with a trust store). */
import type { Problem } from '../signing/verify.js';

/** A refusal about the file `uri`; `namesFile`: its message names the file already (the trust store's own words). */
export interface TrustRefusal { uri: string; problem: Problem; namesFile?: true }

export class PackTrustError extends Error {
  constructor(readonly problems: TrustRefusal[], message = 'rule packs refused by the trust store') {
    super(`${message}:\n${problems.map((x) => `${x.uri}: ${x.problem.message}`).join('\n')}`);
  }
}
