/** Longer words are not typos of an id or field name, and comparing them costs length × length per candidate. */
const MAX_HINT_WORD = 64;

/** "Did you mean" hints: the closest candidate by edit distance, if it is close enough. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  if (word.length > MAX_HINT_WORD) return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  const limit = Math.max(1, Math.floor(word.length / 3));
  return bestDistance <= limit ? best : undefined;
}

/** Up to `max` candidates close enough to `word` (as `closest` judges), nearest first, ties in name order. */
export function closestFew(word: string, candidates: Iterable<string>, max = 3): string[] {
  if (word.length > MAX_HINT_WORD) return [];
  const limit = Math.max(1, Math.floor(word.length / 3));
  const near: { c: string; d: number }[] = [];
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (d <= limit) near.push({ c, d });
  }
  return near.sort((a, b) => a.d - b.d || (a.c < b.c ? -1 : a.c > b.c ? 1 : 0)).slice(0, max).map((x) => x.c);
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      // Transposition counts as one edit (cio/ico).
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cur[j] = Math.min(cur[j] ?? 0, (prev[j - 2] ?? 0) + 1);
    }
    prev = cur;
  }
  return prev[b.length] ?? Infinity;
}
