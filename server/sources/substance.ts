// What a provision says, as opposed to how it happens to be typeset: the basis for "did this provision really change?".
import { createHash } from 'node:crypto';
import { subtreeTexts } from './provision-tree.js';
import type { ParsedProvision } from './provision.types.js';

// Soft hyphens and zero-width characters are invisible typesetting aids, never words.
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
// Consolidations switch between »…«, “…”, "…" and '…' without any change of meaning.
const QUOTES = /[«»“”„‟"'‘’‚‛‹›]/g;
// Hyphen, en dash, em dash and minus are used interchangeably by different editors of the same act.
const DASHES = /[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/g;
/*
 * "arbejds- giveren" is a word broken at a line end; "sygedagpenge- og barselsdagpengemodtagere" is a
 * coordinate compound whose hyphen stands for the repeated part and must survive. The words that follow
 * such a hyphen in Danish statutes are conjunctions and a few prepositions; in the LexDania corpus only
 * "og", "eller" and "samt" occur, the rest are here because the construction allows them.
 */
const BROKEN_WORD = /(\p{L})-\s+(?!(?:og|eller|samt|til|som|end|men|hhv|henholdsvis|fra|mod|and|or)(?![\p{L}\p{N}]))(?=\p{Ll})/gu;
/*
 * After BROKEN_WORD a line-end break looks like "arbejds-giveren", which must equal the unbroken
 * "arbejdsgiveren". Dropping a hyphen between two lower-case letters does that and costs nothing of
 * substance ("ikke-økonomisk" = "ikkeøkonomisk"); hyphens next to capitals or digits ("EU-borger",
 * "18-årige") stay.
 */
const INNER_HYPHEN = /(\p{Ll})-(?=\p{Ll})/gu;
// A list item marker: "1)", "12 a)", "3a)", "b)", "aa)".
const ITEM_MARKER = /(?:\d+(?: ?\p{Ll})?|\p{Ll}{1,2})\)(?: |$)/uy;
const SPACE_BEFORE_CLOSER = / (?=[,.;:!?)\]])/g;
const SPACE_AFTER_OPENER = /([([]) /g;
const SECTION_SIGN = /(§+) ?/g;

/**
 * The text with every difference of form removed: soft hyphens, NBSP and other spacing, words broken
 * at a line end, quote and dash styles, and numbered-list item markers, so that a list printed as
 * separate "1) …" items and the same list run into the sentence read the same.
 */
export function substantiveForm(text: string): string {
  let s = text.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
  if (s.length === 0) return s;
  s = s.replace(QUOTES, '"').replace(DASHES, '-');
  // The guards skip whole regex passes over the many provisions that cannot match them.
  if (s.includes('-')) {
    if (s.includes('- ')) s = s.replace(BROKEN_WORD, '$1-');
    s = s.replace(INNER_HYPHEN, '$1');
  }
  s = dropItemMarkers(s);
  s = s.replace(SPACE_BEFORE_CLOSER, '');
  if (s.includes('(') || s.includes('[')) s = s.replace(SPACE_AFTER_OPENER, '$1');
  if (s.includes('§')) s = s.replace(SECTION_SIGN, '$1 ');
  return s.trim();
}

/**
 * An item marker is a closing parenthesis that closes nothing. Tracking the depth keeps the numbers in
 * "(jf. § 3, nr. 1 og 2)" — dropping that "2)" would make "nr. 1 og 2" and "nr. 1 og 3" the same.
 */
function dropItemMarkers(s: string): string {
  if (!s.includes(')')) return s;
  let out = '';
  let depth = 0;
  let i = 0;
  while (i < s.length) {
    if (depth === 0 && (i === 0 || s[i - 1] === ' ')) {
      ITEM_MARKER.lastIndex = i;
      const m = ITEM_MARKER.exec(s);
      if (m) {
        i += m[0].length;
        continue;
      }
    }
    const ch = s[i];
    if (ch === '(') depth++;
    else if (ch === ')' && depth > 0) depth--;
    out += ch;
    i++;
  }
  return out.replace(/ {2,}/g, ' ').trim();
}

/** Hex SHA-256 of the substantive form: equal fingerprints mean the same words in substance. */
export function fingerprint(text: string): string {
  return createHash('sha256').update(substantiveForm(text), 'utf8').digest('hex');
}

/**
 * The whole text a reference to `key` covers: the provision's own text followed by all its descendants'
 * in document order, joined by single spaces. Undefined when the version has no such provision.
 */
export function subtreeText(
  provisions: readonly Pick<ParsedProvision, 'key' | 'text' | 'parentKey'>[],
  key: string,
): string | undefined {
  const inside = new Set([key]);
  // Descendants follow their ancestor in document order, so one forward pass collects the subtree.
  const subtree = provisions.filter((p) => {
    if (p.key === key) return true;
    if (p.parentKey !== null && inside.has(p.parentKey)) {
      inside.add(p.key);
      return true;
    }
    return false;
  });
  return subtreeTexts(subtree).get(key);
}
