// The Snowball Danish stemmer (Martin Porter's algorithm, snowballstem.org/algorithms/danish), so that
// "arbejdsgiverperiode", "arbejdsgiverperioden" and "arbejdsgiverperioder" are one word to search.

const VOWELS = new Set('aeiouyæåø');
const S_ENDING = new Set('abcdfghjklmnoprtvyzå');

/** Step 1's suffixes, longest first so the first hit is the longest match. */
const MAIN_SUFFIXES = [
  'erendes', 'erende', 'hedens', 'ethed', 'erede', 'heden', 'heder', 'endes', 'ernes', 'erens', 'erets',
  'ered', 'ende', 'erne', 'eren', 'erer', 'heds', 'enes', 'eres', 'eret', 'hed', 'ene', 'ere', 'ens', 'ers', 'ets',
  'en', 'er', 'es', 'et', 'e',
].sort((a, b) => b.length - a.length);
const CONSONANT_PAIRS = ['gd', 'dt', 'gt', 'kt'];
const OTHER_SUFFIXES = ['elig', 'lig', 'els', 'ig'];

/** R1: the region after the first non-vowel that follows a vowel, but never starting before the fourth letter. */
function regionOne(word: string): number {
  let i = 0;
  while (i < word.length && !VOWELS.has(word[i])) i++;
  while (i < word.length && VOWELS.has(word[i])) i++;
  const p1 = i < word.length ? i + 1 : word.length;
  return Math.max(p1, 3);
}

function endsInRegion(word: string, suffix: string, r1: number): boolean {
  return word.endsWith(suffix) && word.length - suffix.length >= r1;
}

function mainSuffix(word: string, r1: number): string {
  for (const suffix of MAIN_SUFFIXES) {
    if (endsInRegion(word, suffix, r1)) return word.slice(0, -suffix.length);
  }
  if (endsInRegion(word, 's', r1) && word.length >= 2 && S_ENDING.has(word[word.length - 2])) return word.slice(0, -1);
  return word;
}

function consonantPair(word: string, r1: number): string {
  return CONSONANT_PAIRS.some((pair) => endsInRegion(word, pair, r1)) ? word.slice(0, -1) : word;
}

function otherSuffix(word: string, r1: number): string {
  if (word.endsWith('igst')) word = word.slice(0, -2);
  for (const suffix of OTHER_SUFFIXES) {
    if (endsInRegion(word, suffix, r1)) return consonantPair(word.slice(0, -suffix.length), r1);
  }
  if (endsInRegion(word, 'løst', r1)) return word.slice(0, -1);
  return word;
}

/** A double consonant at the end, inside R1, loses one of its letters ("bestemmelsen" → … "bestemm" → "bestem"). */
function undouble(word: string, r1: number): string {
  const n = word.length;
  if (n - 1 < r1 || n < 2) return word;
  const last = word[n - 1];
  return !VOWELS.has(last) && word[n - 2] === last ? word.slice(0, -1) : word;
}

/** The stem of one lower-case Danish word. */
export function stemDanish(word: string): string {
  const r1 = regionOne(word);
  if (r1 >= word.length) return word;
  let w = mainSuffix(word, r1);
  w = consonantPair(w, r1);
  w = otherSuffix(w, r1);
  return undouble(w, r1);
}

/** The words of a text as the index holds them: lower case, letters and digits only, each stemmed. */
export function searchTokens(text: string): string[] {
  return (text.toLocaleLowerCase('da').match(/[\p{L}\p{N}]+/gu) ?? []).map(stemDanish);
}

/** What the search index stores for a text: its stemmed words, separated by spaces. */
export function searchWords(...texts: (string | null | undefined)[]): string {
  return searchTokens(texts.filter(Boolean).join(' ')).join(' ');
}
