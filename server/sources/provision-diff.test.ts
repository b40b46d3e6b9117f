import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseLexDania } from './lexdania.js';
import { diffVersions, toCliJson, wordDiff, type ProvisionChange, type ProvisionDiff, type WordChange } from './provision-diff.js';
import { provisionKeyFromLabel } from './labels.js';
import type { ParsedProvision, ParsedVersion, ProvisionKind } from './provision.types.js';

/** A version from `[label, own text]` rows in document order; the parent is the label minus its last part. */
function version(rows: [label: string, text: string][], chapter: string | null = null): ParsedVersion {
  const keys = new Set<string>();
  const provisions: ParsedProvision[] = rows.map(([label, text], position) => {
    const key = provisionKeyFromLabel(label);
    if (!key) throw new Error(`not a label: ${label}`);
    keys.add(key);
    const parentKey = key.includes('.') ? key.slice(0, key.lastIndexOf('.')) : null;
    return {
      key,
      label,
      kind: kindOf(key),
      text,
      parentKey: parentKey !== null && keys.has(parentKey) ? parentKey : null,
      position,
      chapter,
      repealed: text === '(Ophævet)',
    };
  });
  return { shortName: null, title: 'Lov om prøve', documentType: null, accessionNumber: null, year: null, number: null, dateSigned: null, status: null, eli: null, provisions };
}

function kindOf(key: string): ProvisionKind {
  const last = key.slice(key.lastIndexOf('.') + 1);
  if (!key.includes('.')) return key.includes('-') ? 'range' : 'paragraf';
  return last.startsWith('s') ? 'stk' : last.startsWith('n') ? 'nr' : 'litra';
}

/** The entries a user would see in `sporbar diff`, in a compact form. */
function visible(diff: ProvisionDiff): string[] {
  return diff.changes
    .filter((c) => c.kind !== 'unchanged')
    .map((c) => `${c.kind}${c.substantive ? '!' : ''} ${c.label}${c.newLabel ? ` -> ${c.newLabel}` : ''}`);
}

function entry(diff: ProvisionDiff, label: string): ProvisionChange {
  const found = diff.changes.find((c) => c.label === label || c.newLabel === label);
  if (!found) throw new Error(`no entry for ${label}`);
  return found;
}

const LONG_A = 'Kommunen skal træffe afgørelse om ret til sygedagpenge senest 4 uger efter modtagelsen af anmeldelsen fra arbejdsgiveren.';
const LONG_B = 'Arbejdsgiveren skal betale løn under sygdom i de første 30 kalenderdage af sygefraværsperioden, jf. dog § 7.';
const LONG_C = 'Beskæftigelsesministeren kan fastsætte nærmere regler om anmeldelse, herunder om digital anmeldelse og om frister for denne.';
const LONG_D = 'Retten til sygedagpenge bortfalder, hvis den sygemeldte uden rimelig grund afslår at medvirke til opfølgningen efter kapitel 6.';

describe('diffVersions', () => {
  it('reports nothing when the versions agree', () => {
    const v = version([['§ 1', LONG_A], ['§ 2', ''], ['§ 2, stk. 1', LONG_B], ['§ 2, stk. 2', LONG_C]]);
    const diff = diffVersions(v, version([['§ 1', LONG_A], ['§ 2', ''], ['§ 2, stk. 1', LONG_B], ['§ 2, stk. 2', LONG_C]]));
    expect(visible(diff)).toEqual([]);
    expect(diff.stats).toEqual({ unchanged: 4, changed: 0, substantive: 0, added: 0, removed: 0, renumbered: 0 });
  });

  it('reports an edited stk. and not its §', () => {
    const diff = diffVersions(
      version([['§ 2', ''], ['§ 2, stk. 1', LONG_B], ['§ 2, stk. 2', LONG_C]]),
      version([['§ 2', ''], ['§ 2, stk. 1', LONG_B.replace('30', '21')], ['§ 2, stk. 2', LONG_C]]),
    );
    expect(visible(diff)).toEqual(['changed! § 2, stk. 1']);
    const changed = entry(diff, '§ 2, stk. 1');
    expect(changed.words?.filter((w) => w.removed).map((w) => w.value.trim())).toEqual(['30']);
    expect(changed.words?.filter((w) => w.added).map((w) => w.value.trim())).toEqual(['21']);
    expect(changed.old).toBe(LONG_B);
    expect(changed.similarity).toBeGreaterThan(0.8);
  });

  it('tells a change of form from a change of substance', () => {
    const diff = diffVersions(
      version([['§ 1', 'Arbejdsgiveren betaler »løn« under sygdom.']]),
      version([['§ 1', 'Arbejds- giveren betaler “løn” under\u00a0sygdom.']]),
    );
    expect(visible(diff)).toEqual(['changed § 1']);
    expect(entry(diff, '§ 1').words).toBeUndefined();
    expect(diff.stats.substantive).toBe(0);
  });

  it('follows stk. that an inserted stk. pushed down ("Stk. 2 og 3 bliver herefter stk. 3 og 4")', () => {
    const diff = diffVersions(
      version([['§ 5', ''], ['§ 5, stk. 1', LONG_A], ['§ 5, stk. 2', LONG_B], ['§ 5, stk. 3', LONG_C]]),
      version([['§ 5', ''], ['§ 5, stk. 1', LONG_A], ['§ 5, stk. 2', LONG_D], ['§ 5, stk. 3', LONG_B], ['§ 5, stk. 4', LONG_C]]),
    );
    expect(visible(diff)).toEqual(['added! § 5, stk. 2', 'renumbered § 5, stk. 2 -> § 5, stk. 3', 'renumbered § 5, stk. 3 -> § 5, stk. 4']);
    expect(diff.stats).toMatchObject({ renumbered: 2, added: 1, changed: 0, substantive: 1 });
  });

  it('reports words that moved and were edited as renumbered and substantive', () => {
    const diff = diffVersions(
      version([['§ 5', ''], ['§ 5, stk. 1', LONG_A], ['§ 5, stk. 2', LONG_B]]),
      version([['§ 5', ''], ['§ 5, stk. 1', LONG_A], ['§ 5, stk. 2', LONG_D], ['§ 5, stk. 3', LONG_B.replace('jf. dog § 7', 'jf. dog § 8')]]),
    );
    expect(visible(diff)).toEqual(['added! § 5, stk. 2', 'renumbered! § 5, stk. 2 -> § 5, stk. 3']);
    expect(entry(diff, '§ 5, stk. 3').words?.some((w) => w.added && w.value.includes('8'))).toBe(true);
  });

  it('carries the nr. of a renumbered stk. along as renumbered', () => {
    const diff = diffVersions(
      version([['§ 5', ''], ['§ 5, stk. 1', LONG_A], ['§ 5, stk. 2', 'Der ydes ikke sygedagpenge til'], ['§ 5, stk. 2, nr. 1', 'personer under 18 år,'], ['§ 5, stk. 2, nr. 2', 'personer i fængsel.']]),
      version([['§ 5', ''], ['§ 5, stk. 1', LONG_A], ['§ 5, stk. 2', LONG_D], ['§ 5, stk. 3', 'Der ydes ikke sygedagpenge til'], ['§ 5, stk. 3, nr. 1', 'personer under 18 år,'], ['§ 5, stk. 3, nr. 2', 'personer i fængsel.']]),
    );
    expect(visible(diff)).toEqual([
      'added! § 5, stk. 2',
      'renumbered § 5, stk. 2 -> § 5, stk. 3',
      'renumbered § 5, stk. 2, nr. 1 -> § 5, stk. 3, nr. 1',
      'renumbered § 5, stk. 2, nr. 2 -> § 5, stk. 3, nr. 2',
    ]);
  });

  it('reports an inserted § 53 a as added and leaves its neighbours alone', () => {
    const diff = diffVersions(
      version([['§ 53', LONG_A], ['§ 54', LONG_B]]),
      version([['§ 53', LONG_A], ['§ 53 a', ''], ['§ 53 a, stk. 1', LONG_C], ['§ 53 a, stk. 2', LONG_D], ['§ 54', LONG_B]]),
    );
    expect(visible(diff)).toEqual(['added! § 53 a', 'added! § 53 a, stk. 1', 'added! § 53 a, stk. 2']);
  });

  it('reports a repealed provision as removed, whether it became "(Ophævet)" or vanished', () => {
    const diff = diffVersions(
      version([['§ 1', LONG_A], ['§ 2', LONG_B], ['§ 3', LONG_C], ['§ 4', '(Ophævet)']]),
      version([['§ 1', LONG_A], ['§ 2', '(Ophævet)'], ['§ 4', '(Ophævet)']]),
    );
    expect(visible(diff)).toEqual(['removed! § 2', 'removed! § 3']);
    expect(entry(diff, '§ 2').new).toBe('(Ophævet)');
    expect(entry(diff, '§ 3').old).toBe(LONG_C);
  });

  it('places removed provisions where they stood', () => {
    const diff = diffVersions(
      version([['§ 1', ''], ['§ 1, stk. 1', LONG_A], ['§ 1, stk. 2', LONG_B], ['§ 1, stk. 3', LONG_C], ['§ 2', LONG_D]]),
      version([['§ 1', ''], ['§ 1, stk. 1', LONG_A], ['§ 1, stk. 2', LONG_B], ['§ 2', LONG_D]]),
    );
    expect(diff.changes.map((c) => c.label)).toEqual(['§ 1', '§ 1, stk. 1', '§ 1, stk. 2', '§ 1, stk. 3', '§ 2']);
    expect(entry(diff, '§ 1, stk. 3')).toMatchObject({ kind: 'removed', substantive: true });
  });

  it('reports a rewritten provision under the same label as changed', () => {
    const diff = diffVersions(version([['§ 40', ''], ['§ 40, stk. 1', LONG_A]]), version([['§ 40', ''], ['§ 40, stk. 1', LONG_C]]));
    expect(visible(diff)).toEqual(['changed! § 40, stk. 1']);
  });

  it('treats a § that gains a stk. 2 as its words moving into stk. 1, not as a rewrite', () => {
    const diff = diffVersions(version([['§ 12', LONG_A], ['§ 13', LONG_C]]), version([['§ 12', ''], ['§ 12, stk. 1', LONG_A], ['§ 12, stk. 2', LONG_B], ['§ 13', LONG_C]]));
    expect(visible(diff)).toEqual(['renumbered § 12 -> § 12, stk. 1', 'added! § 12, stk. 2']);
    expect(diff.stats.substantive).toBe(1);
  });

  it('carries the list of a single-stk. § into the new stk. 1', () => {
    const diff = diffVersions(
      version([['§ 12', 'Sygedagpenge ydes til'], ['§ 12, nr. 1', 'lønmodtagere og'], ['§ 12, nr. 2', 'selvstændige.']]),
      version([['§ 12', ''], ['§ 12, stk. 1', 'Sygedagpenge ydes til'], ['§ 12, stk. 1, nr. 1', 'lønmodtagere og'], ['§ 12, stk. 1, nr. 2', 'selvstændige.'], ['§ 12, stk. 2', LONG_B]]),
    );
    expect(visible(diff)).toEqual([
      'renumbered § 12 -> § 12, stk. 1',
      'renumbered § 12, nr. 1 -> § 12, stk. 1, nr. 1',
      'renumbered § 12, nr. 2 -> § 12, stk. 1, nr. 2',
      'added! § 12, stk. 2',
    ]);
  });

  it('finds the words of a § that gains stk. in whichever new stk. now holds them', () => {
    const diff = diffVersions(version([['§ 148 b', LONG_A]]), version([['§ 148 b', ''], ['§ 148 b, stk. 1', LONG_B], ['§ 148 b, stk. 2', LONG_C], ['§ 148 b, stk. 3', LONG_A]]));
    expect(visible(diff)).toEqual(['added! § 148 b, stk. 1', 'added! § 148 b, stk. 2', 'renumbered § 148 b -> § 148 b, stk. 3']);
  });

  it('treats a § that loses its stk. 2 as stk. 1 moving back onto the §', () => {
    const diff = diffVersions(version([['§ 12', ''], ['§ 12, stk. 1', LONG_A], ['§ 12, stk. 2', LONG_B], ['§ 13', LONG_C]]), version([['§ 12', LONG_A], ['§ 13', LONG_C]]));
    expect(visible(diff)).toEqual(['renumbered § 12, stk. 1 -> § 12', 'removed! § 12, stk. 2']);
  });

  it('reports the edit when a § gains a stk. 2 and its first words change too', () => {
    const diff = diffVersions(version([['§ 12', LONG_A]]), version([['§ 12', ''], ['§ 12, stk. 1', LONG_A.replace('4 uger', '5 uger')], ['§ 12, stk. 2', LONG_B]]));
    expect(visible(diff)).toEqual(['renumbered! § 12 -> § 12, stk. 1', 'added! § 12, stk. 2']);
  });

  it('does not count a list run into its sentence as a change of substance', () => {
    const diff = diffVersions(
      version([['§ 2', 'Sygedagpenge ydes til: 1) lønmodtagere, 2) selvstændige.']]),
      version([['§ 2', 'Sygedagpenge ydes til:'], ['§ 2, nr. 1', 'lønmodtagere,'], ['§ 2, nr. 2', 'selvstændige.']]),
    );
    expect(visible(diff)).toEqual(['changed § 2', 'added § 2, nr. 1', 'added § 2, nr. 2']);
    expect(diff.stats.substantive).toBe(0);
  });

  it('does not count an item split off from the item it was run into as a change of substance', () => {
    const diff = diffVersions(
      version([['§ 2', ''], ['§ 2, stk. 1', 'Sygedagpenge ydes til:'], ['§ 2, stk. 1, nr. 1', 'lønmodtagere, 2) selvstændige.'], ['§ 2, stk. 2', LONG_A]]),
      version([['§ 2', ''], ['§ 2, stk. 1', 'Sygedagpenge ydes til:'], ['§ 2, stk. 1, nr. 1', 'lønmodtagere,'], ['§ 2, stk. 1, nr. 2', 'selvstændige.'], ['§ 2, stk. 2', LONG_A]]),
    );
    expect(visible(diff)).toEqual(['changed § 2, stk. 1, nr. 1', 'added § 2, stk. 1, nr. 2']);
  });

  it('still counts an edited item as substantive when a sibling item is added', () => {
    const diff = diffVersions(
      version([['§ 2', 'Sygedagpenge ydes til:'], ['§ 2, nr. 1', 'lønmodtagere og'], ['§ 2, nr. 2', 'selvstændige.']]),
      version([['§ 2', 'Sygedagpenge ydes til:'], ['§ 2, nr. 1', 'lønmodtagere,'], ['§ 2, nr. 2', 'selvstændige og'], ['§ 2, nr. 3', 'ledige.']]),
    );
    expect(visible(diff)).toEqual(['changed! § 2, nr. 1', 'changed! § 2, nr. 2', 'added! § 2, nr. 3']);
  });

  it('follows a stk. that moved to another § with the same words', () => {
    const diff = diffVersions(
      version([['§ 7', ''], ['§ 7, stk. 1', LONG_A], ['§ 7, stk. 2', LONG_C], ['§ 8', LONG_B]]),
      version([['§ 7', LONG_A], ['§ 7 a', LONG_C], ['§ 8', LONG_B]]),
    );
    expect(visible(diff)).toEqual(['renumbered § 7, stk. 1 -> § 7', 'renumbered § 7, stk. 2 -> § 7 a']);
  });

  it('pairs moved words with the nearest copy when the same text occurs twice', () => {
    const diff = diffVersions(
      version([['§ 1', ''], ['§ 1, stk. 1', LONG_A], ['§ 1, stk. 2', 'Stk. 1 gælder tilsvarende.'], ['§ 2', ''], ['§ 2, stk. 1', LONG_B], ['§ 2, stk. 2', 'Stk. 1 gælder tilsvarende.']]),
      version([['§ 1', ''], ['§ 1, stk. 1', LONG_A], ['§ 1, stk. 2', LONG_D], ['§ 1, stk. 3', 'Stk. 1 gælder tilsvarende.'], ['§ 2', ''], ['§ 2, stk. 1', LONG_B], ['§ 2, stk. 2', 'Stk. 1 gælder tilsvarende.']]),
    );
    expect(visible(diff)).toEqual(['added! § 1, stk. 2', 'renumbered § 1, stk. 2 -> § 1, stk. 3']);
  });

  it('reports a § with stk. that was repealed whole as removed, stk. and all', () => {
    const diff = diffVersions(version([['§ 104 a', ''], ['§ 104 a, stk. 1', LONG_A], ['§ 104 a, stk. 2', LONG_B]]), version([['§ 104 a', '(Ophævet)']]));
    expect(visible(diff)).toEqual(['removed! § 104 a', 'removed! § 104 a, stk. 1', 'removed! § 104 a, stk. 2']);
  });

  it('reports a reused number of a repealed § as added', () => {
    const diff = diffVersions(version([['§ 3', '(Ophævet)']]), version([['§ 3', LONG_A]]));
    expect(visible(diff)).toEqual(['added! § 3']);
  });

  it('does not count a repealed placeholder that was dropped as substantive', () => {
    const diff = diffVersions(version([['§ 3', LONG_A], ['§ 4', '(Ophævet)']]), version([['§ 3', LONG_A]]));
    expect(visible(diff)).toEqual(['removed § 4']);
  });

  it('is deterministic', () => {
    const a = version([['§ 5', ''], ['§ 5, stk. 1', LONG_A], ['§ 5, stk. 2', LONG_B], ['§ 5, stk. 3', LONG_C], ['§ 6', 'Stk. 1 gælder tilsvarende.']]);
    const b = version([['§ 5', ''], ['§ 5, stk. 1', LONG_A], ['§ 5, stk. 2', LONG_D], ['§ 5, stk. 3', LONG_B], ['§ 6', LONG_C]]);
    expect(JSON.stringify(diffVersions(a, b))).toBe(JSON.stringify(diffVersions(a, b)));
  });
});

describe('toCliJson', () => {
  it('lists only what is not unchanged, with the labels as printed', () => {
    const diff = diffVersions(
      version([['§ 5', ''], ['§ 5, stk. 1', LONG_A], ['§ 5, stk. 2', LONG_B]]),
      version([['§ 5', ''], ['§ 5, stk. 1', LONG_A.replace('4 uger', '5 uger')], ['§ 5, stk. 2', LONG_D], ['§ 5, stk. 3', LONG_B]]),
    );
    expect(toCliJson(diff)).toEqual({
      changes: [
        { label: '§ 5, stk. 1', kind: 'changed', substantive: true, old: LONG_A, new: LONG_A.replace('4 uger', '5 uger') },
        { label: '§ 5, stk. 2', kind: 'added', substantive: true, new: LONG_D },
        { label: '§ 5, stk. 2', newLabel: '§ 5, stk. 3', kind: 'renumbered', substantive: false, old: LONG_B, new: LONG_B },
      ],
    });
  });
});

describe('wordDiff', () => {
  const render = (words: WordChange[]) => words.map((w) => (w.added ? `{+${w.value}+}` : w.removed ? `[-${w.value}-]` : w.value)).join('');
  const sides = (words: WordChange[]) => [words.filter((w) => !w.added).map((w) => w.value).join(''), words.filter((w) => !w.removed).map((w) => w.value).join('')];

  it('marks the edited words and keeps the rest', () => {
    const words = wordDiff('betaler løn i 21 kalenderdage fra 1. fraværsdag', 'betaler løn i 30 kalenderdage fra 1. fraværsdag');
    expect(render(words)).toBe('betaler løn i [-21-]{+30+} kalenderdage fra 1. fraværsdag');
  });

  it('never splits a word between kept and edited text', () => {
    expect(render(wordDiff('ab cd', 'ab xcd'))).toBe('ab [-cd-]{+xcd+}');
    expect(render(wordDiff('21 dage', '210 dage'))).toBe('[-21-]{+210+} dage');
  });

  // jsdiff keeps the new text's spacing where the words agree, so the old side is only equal up to spacing.
  it('gives back both texts', () => {
    const squeeze = (s: string) => s.replace(/\s+/g, ' ').trim();
    for (const [a, b] of [['', 'ny tekst'], ['gammel tekst', ''], ['a b c', 'a b c'], ['x y z', 'x q z'], [LONG_A, LONG_B], [LONG_A, `${LONG_A} ${LONG_C}`]]) {
      const [oldSide, newSide] = sides(wordDiff(a, b));
      expect(newSide).toBe(b);
      expect(squeeze(oldSide)).toBe(squeeze(a));
    }
  });
});

describe('wordDiff of a rewritten provision', () => {
  it('shows the old words out and the new words in, keeping what they share at either end', () => {
    const words = wordDiff('Stk. 2. Ministeren fastsætter regler om tilskud.', 'Stk. 2. Kommunen afgør sagen efter høring.', true);
    expect(words).toEqual([
      { value: 'Stk. 2. ' },
      { value: 'Ministeren fastsætter regler om tilskud.', removed: true },
      { value: 'Kommunen afgør sagen efter høring.', added: true },
    ]);
  });
});

describe('diffVersions on real consolidated acts', () => {
  const LEXDANIA = fileURLToPath(new URL('../../../shared/data/lexdania/', import.meta.url));
  const load = (act: string, file: string) => parseLexDania(readFileSync(join(LEXDANIA, act, `${file}.xml`)));
  const substantiveLabels = (diff: ProvisionDiff) => diff.changes.filter((c) => c.substantive).map((c) => c.newLabel ?? c.label);

  /*
   * LBK nr 1152 af 12/12/2011 incorporates only LOV nr 1599 af 22/12/2010 (LOV-2010-1599.xml) into
   * LBK nr 920 af 22/08/2011. Its § 1 changes exactly these provisions.
   */
  it('marks substantive exactly what LOV 1599/2010 changed in sygedagpengeloven', () => {
    const diff = diffVersions(load('sygedagpengeloven', 'LBK-2011-920'), load('sygedagpengeloven', 'LBK-2011-1152'));
    expect(substantiveLabels(diff).sort()).toEqual(
      [
        // nr. 1: "I § 6, stk. 1, § 24, stk. 2, nr. 1 og 2, § 30, stk. 1, 1. og 2. pkt., § 56, stk. 1, 1. pkt.,
        //         og § 61 ændres »21 kalenderdage« til: »30 kalenderdage«."
        '§ 6, stk. 1',
        '§ 24, stk. 2, nr. 1',
        '§ 24, stk. 2, nr. 2',
        '§ 30, stk. 1',
        '§ 56, stk. 1',
        '§ 61',
        // nr. 2: "§ 40, stk. 1, affattes således: En arbejdsgiver, der udbetaler løn under en lønmodtagers
        //         sygefravær, skal anmelde fraværet … hvis fraværet strækker sig ud over 21 kalenderdage."
        '§ 40, stk. 1',
      ].sort(),
    );
    for (const label of ['§ 6, stk. 1', '§ 24, stk. 2, nr. 1', '§ 30, stk. 1', '§ 61']) {
      const words = entry(diff, label).words ?? [];
      expect(words.filter((w) => w.removed).map((w) => w.value.trim())).toEqual(expect.arrayContaining(['21']));
      expect(words.filter((w) => w.added).map((w) => w.value.trim())).toEqual(expect.arrayContaining(['30']));
    }
    // Nothing else differs: § 55, stk. 2 prints its two-item list as lines of text ("1) alle arbejdsgivere, …"), read
    // as the items nr. 1 and 2 they are, so no link to them is lost.
    expect(visible(diff).filter((line) => !line.includes('!'))).toEqual([]);
  });

  /*
   * LBK nr 363 af 02/04/2014 incorporates LOV nr 1470 af 17/12/2013 (LOV-2013-1470.xml), whose § 3 reads:
   * nr. 1: "I § 105 indsættes efter stk. 1 som nyt stykke: Stk. 2. Valgbarhedsnævnet træffer afgørelse om
   *         afsættelse og suspension af en borgmester … Stk. 2 og 3 bliver herefter stk. 3 og 4."
   * nr. 2: "§ 105, stk. 2, 1. og 2. pkt., der bliver stk. 3, 1. og 2. pkt., ophæves, og i stedet indsættes: …"
   * and § 53 a (votes at another polling station for voters with a disability) is new in this consolidation.
   */
  it('follows the stk. LOV 1470/2013 renumbered in kommunale og regionale valg, and the new § 53 a', () => {
    const diff = diffVersions(load('kommunale-regionale-valg', 'LBK-2013-127'), load('kommunale-regionale-valg', 'LBK-2014-363'));
    expect(visible(diff)).toEqual([
      'added! § 53 a',
      'added! § 53 a, stk. 1',
      'added! § 53 a, stk. 2',
      'added! § 53 a, stk. 3',
      'added! § 53 a, stk. 4',
      'added! § 105, stk. 2',
      // Renumbered and reworded (nr. 2), so substantive.
      'renumbered! § 105, stk. 2 -> § 105, stk. 3',
      // Only renumbered.
      'renumbered § 105, stk. 3 -> § 105, stk. 4',
      // "(Udelades)" placeholders for stk. 3 and 4 printed as one "Stk. 3-4": form only.
      'removed § 110, stk. 3',
      'removed § 110, stk. 4',
      'added § 110, stk. 3-4',
    ]);
    expect(entry(diff, '§ 105, stk. 4').old).toBe('Nævnets afgørelser kan ikke indbringes for anden administrativ myndighed.');
  });

  it('diffs every consecutive pair of every act without losing a provision', () => {
    for (const act of readdirSync(LEXDANIA, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name)) {
      const versions = readdirSync(join(LEXDANIA, act))
        .filter((f) => f.startsWith('LBK-'))
        .map((f) => load(act, f.replace(/\.xml$/, '')))
        .sort((a, b) => (a.dateSigned ?? '').localeCompare(b.dateSigned ?? ''));
      for (let i = 1; i < versions.length; i++) {
        const [oldV, newV] = [versions[i - 1], versions[i]];
        const diff = diffVersions(oldV, newV);
        const { unchanged, changed, added, removed, renumbered } = diff.stats;
        expect(unchanged + changed + added + removed + renumbered).toBe(diff.changes.length);
        // Every new provision has an entry, and every old one is accounted for.
        const newKeys = new Set(diff.changes.filter((c) => c.kind !== 'removed' || c.new !== undefined).map((c) => c.newKey ?? c.key));
        expect(newV.provisions.filter((p) => !newKeys.has(p.key)).map((p) => p.label)).toEqual([]);
        const oldKeys = new Set(diff.changes.filter((c) => c.kind !== 'added' || c.old !== undefined).map((c) => c.key));
        expect(oldV.provisions.filter((p) => !oldKeys.has(p.key)).map((p) => p.label)).toEqual([]);
        expect(unchanged, `${act} ${oldV.shortName} → ${newV.shortName}`).toBeGreaterThan(newV.provisions.length / 3);
      }
    }
  });

  it('finds nothing between a version and itself', () => {
    const v = load('retsplejeloven', 'LBK-2016-1257');
    expect(diffVersions(v, v).stats).toMatchObject({ changed: 0, added: 0, removed: 0, renumbered: 0, substantive: 0 });
  });
});
