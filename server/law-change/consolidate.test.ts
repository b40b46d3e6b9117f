// The measure of the application engine: each complete pair of consolidations in the shared data, the later one
// reproduced from the earlier one and the amending acts its statement names, label by label.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSourceText } from '../sources/parse-source.js';
import { substantiveForm } from '../sources/substance.js';
import { readAmendingAct } from './amending-act.js';
import { MINISTER_TITLE } from './apply.js';
import { consolidate, sectionAmends } from './consolidate.js';
import { readConsolidationStatement } from './statement.js';

const DATA = new URL('../../../shared/data/', import.meta.url);

interface Pair {
  from: string;
  to: string;
  complete: boolean;
  amendingActs: { act: string; file: string | null; part: string | null }[];
}

const pairs = (JSON.parse(fs.readFileSync(new URL('amending-acts/consolidations.json', DATA), 'utf8')) as Pair[]).filter((p) => p.complete);

/** Texts compared as the issue says: whitespace folded, soft hyphens and other invisible characters out. */
const fold = (text: string) => text.replace(/[\u00ad\u200b-\u200d\u2060]/g, '').replace(/\s+/g, ' ').trim();

/**
 * A provision's words with its sub-provisions', in substance (substantiveForm, the project's own test of "did this
 * provision really change"): a list printed as "1) … 2) …" in the stk. reads the same as the same list as items.
 */
function substanceByLabel(provisions: { label: string; text: string }[]): Map<string, string> {
  const out = new Map<string, string>();
  provisions.forEach((p, i) => {
    const words = [p.text];
    for (let j = i + 1; j < provisions.length && provisions[j]!.label.startsWith(`${p.label}, `); j++) words.push(provisions[j]!.text);
    out.set(p.label, substantiveForm(words.join(' ')));
  });
  return out;
}

/** The label's nearest ancestor that both versions have: `§ 55, stk. 2` for `§ 55, stk. 2, nr. 1`. */
function sharedAncestor(label: string, a: Map<string, string>, b: Map<string, string>): string | undefined {
  const parts = label.split(', ');
  for (let n = parts.length - 1; n > 0; n--) {
    const up = parts.slice(0, n).join(', ');
    if (a.has(up) && b.has(up)) return up;
  }
  return undefined;
}

/*
 * A minister's or ministry's title: a ressort change by royal resolution renames them in the consolidated act without
 * any amending act saying so, and these LBKs do not say so either. Detected by rule: the texts are the same in
 * substance once every such title on both sides is one placeholder.
 */
const MINISTER = new RegExp(MINISTER_TITLE, 'gu');

interface Bucket {
  total: number;
  identical: number;
  /** Not identical after folding whitespace, but the same in substance (form only). */
  substantive: number;
  /** Differs in substance only by a minister's or ministry's title. */
  ministry: number;
  differ: string[];
}

function measure(pair: Pair) {
  const read = (file: string) => parseSourceText(fs.readFileSync(new URL(file, DATA)), file);
  const from = read(pair.from);
  const to = read(pair.to);
  // The part as the list gives it, else as the later act's statement names it: the list misses "§1, nr. 2, i lov nr. 495
  // af 21. maj 2013" (no space after §) in serviceloven's LBK 1270/2016, and applying all of LOV 495 there repeats changes.
  const named = readConsolidationStatement(to.statement)?.incorporates ?? [];
  const acts = pair.amendingActs.map((a) => {
    const act = readAmendingAct(fs.readFileSync(new URL(a.file!, DATA)));
    return { act, part: a.part ?? named.find((n) => n.act === act.shortName)?.part ?? null };
  });
  const result = consolidate(from, acts);
  const texts = (v: typeof from) => new Map(v.provisions.map((p) => [p.label, fold(p.text)]));
  const [before, after, projected] = [texts(from), texts(to), texts(result.version)];
  const [officialSubstance, projectedSubstance] = [substanceByLabel(to.provisions), substanceByLabel(result.version.provisions)];
  const sameInSubstance = (label: string): boolean => {
    const at = officialSubstance.has(label) && projectedSubstance.has(label) ? label : sharedAncestor(label, officialSubstance, projectedSubstance);
    return at !== undefined && officialSubstance.get(at) === projectedSubstance.get(at);
  };
  const onlyMinistry = (label: string): boolean => {
    const [a, b] = [officialSubstance.get(label), projectedSubstance.get(label)];
    return a !== undefined && b !== undefined && a.replace(MINISTER, '¤') === b.replace(MINISTER, '¤');
  };
  const bucket = (): Bucket => ({ total: 0, identical: 0, substantive: 0, ministry: 0, differ: [] });
  const changed = bucket();
  const untouched = bucket();
  for (const label of new Set([...before.keys(), ...after.keys()])) {
    const b = before.get(label) !== after.get(label) ? changed : untouched;
    b.total++;
    if (projected.get(label) === after.get(label)) b.identical++;
    else if (sameInSubstance(label)) b.substantive++;
    else if (onlyMinistry(label)) b.ministry++;
    else b.differ.push(label);
  }
  const extra = [...projected.keys()].filter((l) => !before.has(l) && !after.has(l));
  return { changed, untouched, extra, applied: result.applied, unapplied: result.unapplied };
}

/**
 * Floors: the share of changed provisions each pair reaches today (rounded down), identical and identical in substance,
 * so a regression fails. The goal is 95 % and more; folketingsvalgloven, kommunale-regionale-valg and serviceloven
 * 1093/2013 and 1053/2015 miss it mostly by ministers' titles renamed by royal resolution, which neither the acts nor
 * the LBK name (counted apart in the report printed below, never as identical).
 */
const CHANGED_FLOOR: Record<string, [exact: number, substantive: number]> = {
  'folketingsvalgloven/LBK-2013-128.xml': [0.45, 0.47],
  'kommunale-regionale-valg/LBK-2013-127.xml': [0.31, 0.31],
  'kommunestyrelsesloven/LBK-2013-971.xml': [1, 1],
  'retsplejeloven/LBK-2016-1257.xml': [0.99, 1],
  'retssikkerhedsloven/LBK-2011-656.xml': [0.91, 0.91],
  'retssikkerhedsloven/LBK-2013-983.xml': [0.97, 0.97],
  'retssikkerhedsloven/LBK-2016-1345.xml': [0.98, 0.98],
  'serviceloven/LBK-2011-81.xml': [0.94, 0.94],
  'serviceloven/LBK-2011-904.xml': [1, 1],
  'serviceloven/LBK-2013-1093.xml': [0.63, 0.63],
  'serviceloven/LBK-2015-1053.xml': [0.4, 0.4],
  'serviceloven/LBK-2016-1270.xml': [0.89, 0.89],
  'sygedagpengeloven/LBK-2011-1152.xml': [1, 1],
  'sygedagpengeloven/LBK-2012-653.xml': [0.95, 0.95],
  'sygedagpengeloven/LBK-2013-871.xml': [1, 1],
  'sygedagpengeloven/LBK-2016-48.xml': [1, 1],
  'sygedagpengeloven/LBK-2016-1032.xml': [1, 1],
};
const UNTOUCHED_FLOOR = 0.975;

describe('consolidating the 17 complete pairs from their amending acts', () => {
  const rows: string[] = [];

  it.each(pairs.map((p) => [p.to.replace(/^lexdania\//, ''), p] as const))('%s', (name, pair) => {
    const m = measure(pair);
    const share = (b: { total: number; identical: number }) => (b.total ? b.identical / b.total : 1);
    const pct = (n: number, total: number) => `${(total ? (n / total) * 100 : 100).toFixed(1).padStart(5)} %`;
    const line = (b: Bucket) =>
      `${`${b.identical}/${b.total}`.padStart(9)} ${pct(b.identical, b.total)}, i substans ${pct(b.identical + b.substantive, b.total)}` +
      (b.ministry ? `, kun ministernavn ${b.ministry}` : '');
    rows.push(
      `${name}  anvendt ${m.applied}, ikke anvendt ${m.unapplied.length}\n    ændrede  ${line(m.changed)}\n    uberørte ${line(m.untouched)}` +
        (m.untouched.differ.length ? `\n    uberørte der afviger: ${m.untouched.differ.join('; ')}` : '') +
        (m.changed.differ.length ? `\n    ændrede der afviger: ${m.changed.differ.join('; ')}` : ''),
    );
    expect(m.changed.total).toBeGreaterThan(0);
    const [exact, substantive] = CHANGED_FLOOR[name] ?? [1, 1];
    expect(share(m.changed)).toBeGreaterThanOrEqual(exact);
    expect(share({ total: m.changed.total, identical: m.changed.identical + m.changed.substantive })).toBeGreaterThanOrEqual(substantive);
    expect(share(m.untouched)).toBeGreaterThanOrEqual(UNTOUCHED_FLOOR);
    // Every change is either applied or listed with its reason.
    for (const u of m.unapplied) expect(u.reason).toMatch(/\S/);
  });

  it('prints the table', () => {
    console.log(
      '\nKonsolidering fra ændringslovene, bestemmelse for bestemmelse mod den officielle LBK. Ens: teksten ens efter' +
        ' foldning af mellemrum og bløde bindestreger. I substans: også ens i substantiveForm (liste trykt i stykket,' +
        ' mellemrum før komma, citationstegn). Kun ministernavn: afviger kun ved en ministers eller et ministeriums' +
        ' titel (ressortændring ved kongelig resolution, som hverken ændringslovene eller LBK\'en nævner); regnes ikke' +
        ' som ens. De der afviger: hverken ens, ens i substans eller kun ministernavn.\n' +
        rows.join('\n'),
    );
    expect(rows).toHaveLength(pairs.length);
  });
});

describe('which § of an amending act amends the act', () => {
  it('takes a § amending an earlier amending act for that act, not for the act it once amended', () => {
    const file = 'lexdania/folketingsvalgloven/LBK-2011-107.xml';
    const base = parseSourceText(fs.readFileSync(new URL(file, DATA)), file);
    const act = readAmendingAct(fs.readFileSync(new URL('amending-acts/LOV-2012-589.xml', DATA)));
    expect(act.sections.map((s) => sectionAmends(s, base))).toEqual([true, false]);
  });
});
