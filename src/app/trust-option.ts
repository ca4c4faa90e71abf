/** The --trust option, apart from the signing code: a check without a trust store does not load it (cold start). */
import type { TrustOptions } from '../load/trusted.js';
import type { AppIO } from './io.js';

/**
 * The trust store for a run: `--trust`, else `XBORDER_TRUST`. A project configuration file, when it exists,
 * plugs in here (it is read by the front end and passed as `configured`).
 */
export function resolveTrust(flag: string | undefined, env: AppIO['env'], configured?: string): TrustOptions | undefined {
  const file = flag ?? configured ?? env.XBORDER_TRUST;
  return file ? { file } : undefined;
}
