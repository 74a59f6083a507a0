/**
 * "Did you mean …?": the closest known name by edit distance, if it is close enough to help; else
 * a rename that kept or dropped words (share_display → display, market.size_2024 →
 * market.ecommerce_size_2024): a name whose words all are words of the other.
 */
export function closest(name: string, candidates: string[]): string | undefined {
  return byEdits(name, candidates) ?? byWords(name, candidates);
}

const wordsOf = (s: string) => s.split(/[._]/).filter((w) => w);

function byWords(name: string, candidates: string[]): string | undefined {
  const mine = wordsOf(name);
  const file = name.includes('.') ? mine[0] : undefined; // a data path's file name alone says nothing
  const fits = candidates.filter((c) => {
    const theirs = wordsOf(c);
    const [few, many] = theirs.length < mine.length ? [theirs, mine] : [mine, theirs];
    // the shared words must say something: not only a file name or a year
    return few.length > 0 && few.every((w) => many.includes(w)) && few.some((w) => !/^\d+$/.test(w) && w !== file);
  });
  return fits.sort((a, b) => distance(name, a) - distance(name, b))[0];
}

function byEdits(name: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestDist = Infinity;
  for (const c of candidates) {
    const d = distance(name, c);
    if (d < bestDist) [best, bestDist] = [c, d];
  }
  return best !== undefined && bestDist <= Math.max(2, Math.floor(name.length / 4)) ? best : undefined;
}

function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}
