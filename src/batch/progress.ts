import { groupDigits } from '../util/numbers.js';
/**
 * A one-line progress display on stderr for large batches: count, rate and (when the total is known) ETA.
 * The caller decides whether to show it (a TTY, not --quiet); this only throttles and draws.
 */
export interface Progress {
  tick(done: number): void;
  done(): void;
}

/** Batches at or below this size finish too fast for progress to help. */
export const PROGRESS_MIN = 200;

const fmtTime = (s: number): string => (s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m` : s >= 60 ? `${Math.floor(s / 60)}m${String(Math.floor(s % 60)).padStart(2, '0')}s` : `${Math.ceil(s)}s`);

export function progressLine(done: number, total: number | undefined, elapsedMs: number, width = 24): string {
  const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  const r = `${groupDigits(Math.round(rate))}/s`;
  if (total === undefined) return `${groupDigits(done)} checked  ${r}`;
  const frac = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(frac * width);
  const eta = rate > 0 ? fmtTime((total - done) / rate) : '?';
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${groupDigits(done)}/${groupDigits(total)}  ${r}  ETA ${eta}`;
}

export function createProgress(write: (s: string) => void, total: number | undefined, now: () => number = () => Date.now()): Progress {
  const start = now();
  let last = 0;
  let shown = false;
  return {
    tick(done) {
      if (done <= PROGRESS_MIN && (total === undefined || total <= PROGRESS_MIN)) return;
      if (total !== undefined && total <= PROGRESS_MIN) return;
      const t = now();
      if (t - last < 100) return; // at most 10 redraws a second
      last = t;
      shown = true;
      write(`\r\u001b[2K${progressLine(done, total, t - start)}`);
    },
    done() {
      if (shown) write('\r\u001b[2K');
    },
  };
}

export const noProgress: Progress = { tick() {}, done() {} };
