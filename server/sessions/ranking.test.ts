// The ranking rules: deterministic, Must by law, ties explained, the cut line at the budget frame.
import { describe, expect, it } from 'vitest';
import { majorityMoscow, median, rankSession, type Moscow, type RankAssessment, type RankItem, type RankOverride } from './ranking.js';

let nextId = 1;
function item(humanId: string, over: Partial<RankItem> = {}): RankItem {
  const id = nextId++;
  return { itemId: id, changeRequestId: id, humanId, title: `Forslag ${humanId}`, deadline: null, estimate: 10, mustByLaw: false, belowCutReason: null, tilStyregruppen: false, ...over };
}

/** Each participant's vote on an item: [moscow, BV, TC, RR]. */
function votes(target: RankItem, ...each: [Moscow, number, number, number][]): RankAssessment[] {
  return each.map(([moscow, businessValue, timeCriticality, riskReduction], i) => ({ itemId: target.itemId, participantId: i + 1, moscow, businessValue, timeCriticality, riskReduction }));
}

const order = (r: ReturnType<typeof rankSession>) => r.items.map((i) => i.humanId);
const above = (r: ReturnType<typeof rankSession>) => r.items.filter((i) => i.aboveCut).map((i) => i.humanId);

/** A deterministic shuffle, so a failing permutation can be reproduced. */
function shuffled<T>(list: readonly T[], seed: number): T[] {
  const out = list.slice();
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('aggregation', () => {
  it('takes the median of each part, averaging the two middle values for an even count', () => {
    expect(median([1, 20, 3])).toBe(3);
    expect(median([2, 8, 3, 5])).toBe(4);
    expect(median([])).toBeNull();
  });

  it('decides MoSCoW by majority and breaks a tie towards the higher category', () => {
    expect(majorityMoscow({ must: 0, should: 1, could: 2, wont: 0 })).toBe('could');
    expect(majorityMoscow({ must: 0, should: 2, could: 2, wont: 1 })).toBe('should');
    expect(majorityMoscow({ must: 0, should: 0, could: 0, wont: 0 })).toBeNull();
    const a = item('A');
    const r = rankSession([a], votes(a, ['could', 3, 3, 3], ['should', 3, 3, 3]), { amount: 100, unit: 'timer' });
    expect(r.items[0].category).toBe('should');
    expect(r.items[0].explanation).toContain('stemmerne stod lige');
  });

  it('computes WSJF as the summed cost of delay over the estimate, in thousands of kroner for a kr frame', () => {
    const a = item('A', { estimate: 8 });
    const hours = rankSession([a], votes(a, ['should', 8, 5, 3], ['should', 8, 5, 3], ['should', 2, 1, 1]), { amount: 100, unit: 'timer' });
    expect(hours.items[0]).toMatchObject({ businessValue: 8, timeCriticality: 5, riskReduction: 3, costOfDelay: 16, jobSize: 8, wsjf: 2 });
    expect(hours.items[0].explanation).toContain('WSJF = (8 + 5 + 3) / 8 timer = 2');
    const b = item('B', { estimate: 40_000 });
    const kroner = rankSession([b], votes(b, ['should', 8, 5, 3]), { amount: 100_000, unit: 'kr' });
    expect(kroner.items[0]).toMatchObject({ jobSize: 40, wsjf: 0.4 });
  });

  it('gives WSJF the same figure in the ranking and in its explanation, rounded once', () => {
    // 16 / 640,5 = 0,02498…: rounded twice (first to 0,025) it would read 0,03 in the figures and 0,02 in the text.
    const a = item('A', { estimate: 640.5 });
    const [ranked] = rankSession([a], votes(a, ['should', 8, 5, 3]), { amount: 1000, unit: 'timer' }).items;
    expect(ranked.wsjf).toBe(0.02);
    const shown = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 2 }).format(ranked.wsjf!);
    expect(ranked.explanation).toContain(`WSJF = (8 + 5 + 3) / 640,5 timer = ${shown}.`);
    expect(shown).toBe('0,02');
  });
});

describe('order', () => {
  it('puts Musts first, then Should, Could and Won\'t, and by WSJF within each', () => {
    const w = item('W', { estimate: 1 });
    const c = item('C', { estimate: 1 });
    const s1 = item('S1', { estimate: 10 });
    const s2 = item('S2', { estimate: 2 });
    const m = item('M', { estimate: 100 });
    const r = rankSession(
      [w, c, s1, s2, m],
      [...votes(w, ['wont', 20, 20, 20]), ...votes(c, ['could', 20, 20, 20]), ...votes(s1, ['should', 5, 5, 5]), ...votes(s2, ['should', 5, 5, 5]), ...votes(m, ['must', 1, 1, 1])],
      { amount: 1000, unit: 'timer' },
    );
    expect(order(r)).toEqual(['M', 'S2', 'S1', 'C', 'W']);
  });

  it('ranks an item without estimate after the estimated items of its category, and says so', () => {
    const a = item('A', { estimate: null });
    const b = item('B', { estimate: 50 });
    const c = item('C', { estimate: 1 });
    const r = rankSession([a, b, c], [...votes(a, ['should', 20, 20, 20]), ...votes(b, ['should', 1, 1, 1]), ...votes(c, ['could', 20, 20, 20])], { amount: 1000, unit: 'timer' });
    expect(order(r)).toEqual(['B', 'A', 'C']);
    const noEstimate = r.items.find((i) => i.humanId === 'A')!;
    expect(noEstimate).toMatchObject({ missingEstimate: true, wsjf: null, costOfDelay: 60 });
    expect(noEstimate.notes.join(' ')).toContain('Mangler estimat');
  });

  it('places unassessed items last and never above the line', () => {
    const a = item('A');
    const b = item('B');
    const r = rankSession([a, b], votes(b, ['could', 1, 1, 1]), { amount: 1000, unit: 'timer' });
    expect(order(r)).toEqual(['B', 'A']);
    expect(r.items[1]).toMatchObject({ category: 'ikke_vurderet', aboveCut: false });
  });
});

describe('ties', () => {
  it('breaks an equal WSJF by the earlier deadline, then by the request registered first, and explains each', () => {
    const late = item('KY-ÆF-0001', { deadline: '2027-09-01' });
    const early = item('KY-ÆF-0002', { deadline: '2027-03-01' });
    const none1 = item('KY-ÆF-0003');
    const none2 = item('KY-ÆF-0004');
    const all = [none2, late, none1, early];
    const r = rankSession(all, all.flatMap((i) => votes(i, ['should', 5, 5, 5])), { amount: 1000, unit: 'timer' });
    expect(order(r)).toEqual(['KY-ÆF-0002', 'KY-ÆF-0001', 'KY-ÆF-0003', 'KY-ÆF-0004']);
    const [first, second, third, fourth] = r.items;
    expect(first.tieBreak).toBe('Står lige med KY-ÆF-0001 (WSJF 1,5) og kommer før, fordi fristen for KY-ÆF-0002 (1. marts 2027) kommer før fristen for KY-ÆF-0001 (1. september 2027)');
    expect(second.tieBreak).toContain('kommer efter, fordi fristen for KY-ÆF-0002');
    expect(third.tieBreak).toBe('Står lige med KY-ÆF-0001 (WSJF 1,5) og kommer efter, fordi KY-ÆF-0001 har en frist (1. september 2027), KY-ÆF-0003 har ingen');
    expect(fourth.tieBreak).toBe('Står lige med KY-ÆF-0003 (WSJF 1,5) og kommer efter, fordi KY-ÆF-0003 blev registreret før KY-ÆF-0004');
    expect(fourth.explanation).toContain(fourth.tieBreak!);
  });

  it('gives no tie-break text to an item with a score of its own', () => {
    const a = item('A');
    const b = item('B');
    const r = rankSession([a, b], [...votes(a, ['should', 8, 8, 8]), ...votes(b, ['should', 1, 1, 1])], { amount: 1000, unit: 'timer' });
    expect(r.items.map((i) => i.tieBreak)).toEqual([null, null]);
  });
});

describe('the cut line', () => {
  it('falls before the first item that would take the total past the frame, with the running total', () => {
    const [a, b, c, d, e] = [item('A', { estimate: 40 }), item('B', { estimate: 30 }), item('C', { estimate: 25 }), item('D', { estimate: 20 }), item('E', { estimate: 5 })];
    const assessments = [
      ...votes(a, ['must', 20, 20, 20]),
      ...votes(b, ['must', 1, 1, 1]),
      ...votes(c, ['should', 20, 20, 20]),
      ...votes(d, ['should', 1, 1, 1]),
      ...votes(e, ['could', 20, 20, 20]),
    ];
    const r = rankSession([e, d, c, b, a], assessments, { amount: 100, unit: 'timer' });
    expect(order(r)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(r.items.map((i) => i.cumulativeEstimate)).toEqual([40, 70, 95, 115, 120]);
    // The line is a line: E stays below it although E alone would still fit in what is left.
    expect(above(r)).toEqual(['A', 'B', 'C']);
    expect(r.cutLine).toMatchObject({ afterPosition: 3, cumulativeAbove: 95, budget: 100, remaining: 5, overBudget: false });
    expect(r.cutLine.explanation).toBe('Skærelinjen ligger efter plads 3: 95 af 100 timer er brugt; D ville bringe summen op på 115 timer');
  });

  it('counts an item that brings the total exactly to the frame as within it', () => {
    const a = item('A', { estimate: 40 });
    const b = item('B', { estimate: 30 });
    const r = rankSession([a, b], [...votes(a, ['must', 5, 5, 5]), ...votes(b, ['should', 5, 5, 5])], { amount: 70, unit: 'timer' });
    expect(above(r)).toEqual(['A', 'B']);
    expect(r.cutLine).toMatchObject({ afterPosition: 2, remaining: 0 });
    expect(r.cutLine.explanation).toBe('Alle punkter, der kan komme med, er inden for rammen: 70 af 70 timer');
  });

  it('keeps Won\'t items below the line even with room in the frame', () => {
    const a = item('A');
    const w = item('W');
    const r = rankSession([a, w], [...votes(a, ['could', 1, 1, 1]), ...votes(w, ['wont', 20, 20, 20])], { amount: 1000, unit: 'timer' });
    expect(above(r)).toEqual(['A']);
    expect(r.items[1].notes).toContain("Won't: står altid under skærelinjen");
  });

  it('counts a missing estimate as 0 against the frame', () => {
    const a = item('A', { estimate: 100 });
    const b = item('B', { estimate: null });
    const r = rankSession([a, b], [...votes(a, ['must', 5, 5, 5]), ...votes(b, ['must', 5, 5, 5])], { amount: 100, unit: 'timer' });
    expect(above(r)).toEqual(['A', 'B']);
    expect(r.items[1].cumulativeEstimate).toBe(100);
  });
});

describe('Must by law', () => {
  it('forces a lovvedligehold with a deadline in the period to Must, whatever the votes', () => {
    const law = item('L', { mustByLaw: true, deadline: '2027-01-01' });
    const r = rankSession([law], votes(law, ['could', 1, 1, 1], ['wont', 1, 1, 1], ['could', 1, 1, 1]), { amount: 100, unit: 'timer' });
    expect(r.items[0]).toMatchObject({ category: 'must', mustByLaw: true, moscowVotes: { must: 0, should: 0, could: 2, wont: 1 } });
    expect(r.items[0].explanation).toContain('Must efter lovkrav: lovvedligehold med frist 1. januar 2027 inden for perioden (stemmer: Could 2, Won\'t 1)');
  });

  it('lifts it above the cut line when it would fall below, pushing the others down', () => {
    const m1 = item('M1', { estimate: 50 });
    const m2 = item('M2', { estimate: 40 });
    const law = item('L', { estimate: 30, mustByLaw: true, deadline: '2027-01-01' });
    const s = item('S', { estimate: 5 });
    const assessments = [...votes(m1, ['must', 20, 20, 20]), ...votes(m2, ['must', 13, 13, 13]), ...votes(law, ['must', 1, 1, 1]), ...votes(s, ['should', 20, 20, 20])];
    const r = rankSession([m1, m2, law, s], assessments, { amount: 100, unit: 'timer' });
    expect(r.items.map((i) => i.computedPosition)).toEqual([1, 3, 2, 4]);
    expect(order(r)).toEqual(['M1', 'L', 'M2', 'S']);
    expect(above(r)).toEqual(['M1', 'L']);
    const lifted = r.items[1];
    expect(lifted.movedBy).toBe('lovkrav');
    expect(lifted.notes.join(' ')).toContain('Flyttet op over skærelinjen');
    expect(r.items[2].notes.join(' ')).toContain('Skubbet under skærelinjen');
    expect(r.cutLine).toMatchObject({ afterPosition: 2, cumulativeAbove: 80, remaining: 20 });
  });

  it('keeps it above the line even when the chair moves it to the bottom without a reason to let it fall', () => {
    const a = item('A', { estimate: 60 });
    const b = item('B', { estimate: 30 });
    const law = item('L', { estimate: 30, mustByLaw: true, deadline: '2027-01-01' });
    const assessments = [...votes(a, ['should', 20, 20, 20]), ...votes(b, ['should', 5, 5, 5]), ...votes(law, ['must', 1, 1, 1])];
    const moved = rankSession([a, b, law], assessments, { amount: 100, unit: 'timer' }, [{ itemId: law.itemId, position: 3, reason: 'Vi tror fristen udskydes', seq: 1 }]);
    expect(above(moved)).toContain('L');
    expect(above(moved)).toEqual(['A', 'L']);
  });

  it('lets it fall below the line when the chair has recorded why', () => {
    const a = item('A', { estimate: 60 });
    const b = item('B', { estimate: 30 });
    const law = item('L', { estimate: 30, mustByLaw: true, deadline: '2027-01-01', belowCutReason: 'Loven er udskudt ved lovforslag L 12' });
    const assessments = [...votes(a, ['must', 20, 20, 20]), ...votes(b, ['must', 5, 5, 5]), ...votes(law, ['must', 1, 1, 1])];
    const r = rankSession([a, b, law], assessments, { amount: 100, unit: 'timer' });
    expect(above(r)).toEqual(['A', 'B']);
    expect(r.items[2]).toMatchObject({ humanId: 'L', aboveCut: false, movedBy: null });
    expect(r.items[2].notes.join(' ')).toContain('Loven er udskudt ved lovforslag L 12');
  });

  it('puts the legal items above the line even when they alone exceed the frame, and says the frame is exceeded', () => {
    const l1 = item('L1', { estimate: 80, mustByLaw: true, deadline: '2027-01-01' });
    const l2 = item('L2', { estimate: 50, mustByLaw: true, deadline: '2027-02-01' });
    const s = item('S', { estimate: 1 });
    const r = rankSession([l1, l2, s], [...votes(s, ['must', 20, 20, 20])], { amount: 100, unit: 'timer' });
    expect(above(r)).toEqual(['L1', 'L2']);
    expect(r.cutLine).toMatchObject({ afterPosition: 2, cumulativeAbove: 130, remaining: -30, overBudget: true });
    expect(r.cutLine.explanation).toContain('overstiger rammen på 100 timer med 30 timer');
  });
});

describe('the chair\'s moves', () => {
  it('puts each moved item at the position given, the later of two moves to one place taking it', () => {
    const items = ['A', 'B', 'C', 'D'].map((h) => item(h, { estimate: 1 }));
    const assessments = items.flatMap((it, i) => votes(it, ['should', 20 - i * 5, 1, 1]));
    const overrides: RankOverride[] = [
      { itemId: items[3].itemId, position: 1, reason: 'Skal med før sommerferien', seq: 5 },
      { itemId: items[2].itemId, position: 1, reason: 'Vigtig for KL', seq: 2 },
    ];
    const r = rankSession(items, assessments, { amount: 100, unit: 'timer' }, overrides);
    expect(order(r)).toEqual(['D', 'C', 'A', 'B']);
    expect(r.items[0]).toMatchObject({ movedBy: 'formand', override: { position: 1, reason: 'Skal med før sommerferien' }, computedPosition: 4 });
    expect(r.items[0].explanation).toContain('Flyttet af formanden til plads 1: Skal med før sommerferien');
  });
});

describe('determinism', () => {
  const items = [
    item('KY-ÆF-0010', { estimate: 40, deadline: '2027-05-01', mustByLaw: true }),
    item('KY-ÆF-0011', { estimate: 25 }),
    item('KY-ÆF-0012', { estimate: 25 }),
    item('KY-ÆF-0013', { estimate: null }),
    item('KY-ÆF-0014', { estimate: 60, deadline: '2028-01-01' }),
    item('KY-ÆF-0015', { estimate: 10 }),
    item('KY-ÆF-0016', { estimate: 15, tilStyregruppen: true }),
    item('KY-ÆF-0017', { estimate: 5 }),
  ];
  const m: Moscow[] = ['must', 'should', 'should', 'could', 'must', 'wont', 'could', 'should'];
  const twins = [item('KY-ÆF-0018', { estimate: 12 }), item('KY-ÆF-0019', { estimate: 12 })];
  const assessments = [
    ...items.flatMap((it, i) => votes(it, [m[i], 8, 5, 3], [m[(i + 1) % 8], 5, 5, 5], [m[i], (i % 3) + 1, 13, 2])),
    ...twins.flatMap((it) => votes(it, ['should', 5, 3, 2], ['could', 8, 3, 1], ['should', 3, 3, 3])),
  ];
  items.push(...twins);
  const overrides: RankOverride[] = [
    { itemId: items[7].itemId, position: 2, reason: 'Formandens valg', seq: 3 },
    { itemId: items[5].itemId, position: 4, reason: 'Lille og billig', seq: 1 },
  ];
  const budget = { amount: 120, unit: 'timer' as const };

  it('gives the same ranking for the same inputs', () => {
    expect(rankSession(items, assessments, budget, overrides)).toEqual(rankSession(items, assessments, budget, overrides));
  });

  it('gives the same ranking whatever order the items, assessments and moves come in', () => {
    const expected = rankSession(items, assessments, budget, overrides);
    expect(expected.items.filter((i) => i.tieBreak).map((i) => i.humanId)).toEqual(expect.arrayContaining(['KY-ÆF-0018', 'KY-ÆF-0019']));
    for (let seed = 1; seed <= 25; seed++) {
      expect(rankSession(shuffled(items, seed), shuffled(assessments, seed * 7), budget, shuffled(overrides, seed))).toEqual(expected);
    }
  });
});
