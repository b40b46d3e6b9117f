// Ranks a session's agenda: participants' assessments aggregated, MoSCoW then WSJF, the chair's manual moves,
// the legal rule and the cut line at the budget frame. Pure and deterministic: the same inputs, in any order,
// give the same ranking, and every placement carries its reason in Danish.
import { formatDate, plural } from '../text/danish.js';

export const MOSCOW = ['must', 'should', 'could', 'wont'] as const;
export type Moscow = (typeof MOSCOW)[number];
export const MOSCOW_NAMES: Record<Moscow, string> = { must: 'Must', should: 'Should', could: 'Could', wont: "Won't" };
/** The WSJF scale for each cost-of-delay part. */
export const FIBONACCI = [1, 2, 3, 5, 8, 13, 20] as const;
export type BudgetUnit = 'timer' | 'kr';
export type Category = Moscow | 'ikke_vurderet';
export const CATEGORY_NAMES: Record<Category, string> = { ...MOSCOW_NAMES, ikke_vurderet: 'Ikke vurderet' };

export interface RankItem {
  itemId: number;
  changeRequestId: number;
  humanId: string;
  title: string;
  deadline: string | null;
  /** In the session's budget unit; null when the change request has no estimate in it. */
  estimate: number | null;
  /** Lovvedligehold with its deadline within the session's period. */
  mustByLaw: boolean;
  /** The chair's reason why a Must-by-law item may stand below the cut line. */
  belowCutReason: string | null;
  tilStyregruppen: boolean;
}

export interface RankAssessment {
  itemId: number;
  participantId: number;
  moscow: Moscow;
  businessValue: number;
  timeCriticality: number;
  riskReduction: number;
}

export interface RankBudget {
  amount: number;
  unit: BudgetUnit;
}

export interface RankOverride {
  itemId: number;
  /** 1-based position the chair moved the item to. */
  position: number;
  reason: string;
  /** When it was made: a later move to the same position takes the place. */
  seq: number;
}

export interface RankedItem {
  itemId: number;
  changeRequestId: number;
  humanId: string;
  title: string;
  deadline: string | null;
  estimate: number | null;
  /** 1-based, final. */
  position: number;
  /** By the rules alone, before the chair's moves and the legal rule. */
  computedPosition: number;
  category: Category;
  moscowVotes: Record<Moscow, number>;
  assessmentCount: number;
  businessValue: number | null;
  timeCriticality: number | null;
  riskReduction: number | null;
  costOfDelay: number | null;
  /** The estimate as job size: hours, or thousands of kroner. */
  jobSize: number | null;
  wsjf: number | null;
  mustByLaw: boolean;
  belowCutReason: string | null;
  tilStyregruppen: boolean;
  missingEstimate: boolean;
  /** Running total of estimates down to and including this item (a missing estimate counts 0). */
  cumulativeEstimate: number;
  aboveCut: boolean;
  movedBy: 'formand' | 'lovkrav' | null;
  override: { position: number; reason: string } | null;
  /** Why it stands where it does against an item with the same score; null when it has no equal. */
  tieBreak: string | null;
  notes: string[];
  explanation: string;
}

export interface CutLine {
  /** Items at positions 1..afterPosition stand above the line. */
  afterPosition: number;
  cumulativeAbove: number;
  budget: number;
  unit: BudgetUnit;
  remaining: number;
  /** The Must-by-law items alone exceed the frame. */
  overBudget: boolean;
  explanation: string;
}

export interface Ranking {
  items: RankedItem[];
  cutLine: CutLine;
  rules: string[];
}

/** The ranking rules as a participant reads them; the record prints them too. */
export const RANKING_RULES: readonly string[] = [
  'Hver deltager vurderer hvert punkt: en MoSCoW-kategori og tre dele af cost of delay (forretningsværdi, tidskritikalitet, risikoreduktion/mulighed), hver på skalaen 1, 2, 3, 5, 8, 13, 20.',
  'For hvert punkt samles vurderingerne: hver del af cost of delay er medianen af deltagernes værdier (ved et lige antal gennemsnittet af de to midterste), så én yderlig vurdering ikke trækker resultatet. MoSCoW afgøres ved flertal; står to kategorier lige, vælges den højeste.',
  'Lovvedligehold med en frist inden for perioden er Must efter lovkrav, uanset stemmerne.',
  'WSJF = (forretningsværdi + tidskritikalitet + risikoreduktion) / jobstørrelse. Jobstørrelsen er estimatet: timer, eller tusinde kr. når rammen er i kr.',
  "Rækkefølge: Must, Should, Could, Won't og til sidst punkter, ingen har vurderet. Inden for hver kategori står højeste WSJF først; punkter uden estimat står efter de estimerede i samme kategori, ordnet efter cost of delay.",
  'Står to punkter lige, kommer det med den tidligste frist først (punkter uden frist sidst) og derefter det ændringsforslag, der blev registreret først.',
  'Formandens manuelle flytninger lægges oven på den beregnede rækkefølge, hver med sin begrundelse.',
  "Skærelinjen: punkterne tages i rækkefølge, og linjen trækkes før det første punkt, hvis estimat ville få summen over rammen. Won't og ikke vurderede punkter står altid under linjen. Et manglende estimat tæller 0 og er markeret.",
  'Lovvedligehold med frist i perioden står altid over linjen: rammen reserveres til dem først, og de øvrige punkter skubbes ned. Kun hvis formanden har skrevet en begrundelse, kan et sådant punkt stå under linjen.',
];

const CATEGORY_ORDER: Record<Category, number> = { must: 0, should: 1, could: 2, wont: 3, ikke_vurderet: 4 };

const numberFormat = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 2 });
export const formatNumber = (n: number): string => numberFormat.format(n);
/**
 * WSJF as every screen and document shows it, to two decimals: rounded here once, so the figure, the table and
 * the explanation read the same (rounding 0,02498 first to 0,025 and then to two decimals would show 0,03).
 * The order still follows the unrounded value.
 */
export const shownWsjf = (wsjf: number): number => Math.round(wsjf * 100) / 100;
const unitText = (unit: BudgetUnit) => (unit === 'timer' ? 'timer' : 'kr.');

export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Majority; a tie goes to the higher category (Must over Should, and so on). */
export function majorityMoscow(votes: Record<Moscow, number>): Moscow | null {
  let best: Moscow | null = null;
  for (const m of MOSCOW) if (votes[m] > 0 && (best === null || votes[m] > votes[best])) best = m;
  return best;
}

interface Scored extends RankItem {
  category: Category;
  moscowVotes: Record<Moscow, number>;
  assessmentCount: number;
  businessValue: number | null;
  timeCriticality: number | null;
  riskReduction: number | null;
  costOfDelay: number | null;
  jobSize: number | null;
  wsjf: number | null;
  missingEstimate: boolean;
  moscowText: string;
}

function score(item: RankItem, assessments: readonly RankAssessment[], unit: BudgetUnit): Scored {
  const mine = assessments.filter((a) => a.itemId === item.itemId);
  const moscowVotes = { must: 0, should: 0, could: 0, wont: 0 } as Record<Moscow, number>;
  for (const a of mine) moscowVotes[a.moscow]++;
  const majority = majorityMoscow(moscowVotes);
  const businessValue = median(mine.map((a) => a.businessValue));
  const timeCriticality = median(mine.map((a) => a.timeCriticality));
  const riskReduction = median(mine.map((a) => a.riskReduction));
  const costOfDelay = businessValue === null ? null : businessValue + timeCriticality! + riskReduction!;
  const missingEstimate = item.estimate === null || item.estimate <= 0;
  const jobSize = missingEstimate ? null : unit === 'kr' ? item.estimate! / 1000 : item.estimate!;
  const category: Category = item.mustByLaw ? 'must' : (majority ?? 'ikke_vurderet');
  return {
    ...item,
    category,
    moscowVotes,
    assessmentCount: mine.length,
    businessValue,
    timeCriticality,
    riskReduction,
    costOfDelay,
    jobSize,
    wsjf: costOfDelay !== null && jobSize !== null ? costOfDelay / jobSize : null,
    missingEstimate,
    moscowText: moscowText(item, moscowVotes, majority, mine.length),
  };
}

function moscowText(item: RankItem, votes: Record<Moscow, number>, majority: Moscow | null, n: number): string {
  const tally = MOSCOW.filter((m) => votes[m] > 0)
    .map((m) => `${MOSCOW_NAMES[m]} ${votes[m]}`)
    .join(', ');
  if (item.mustByLaw) {
    const votesText = n ? ` (stemmer: ${tally})` : '';
    return `Must efter lovkrav: lovvedligehold med frist ${formatDate(item.deadline)} inden for perioden${votesText}`;
  }
  if (!majority) return 'Ikke vurderet af nogen deltager';
  const tied = MOSCOW.filter((m) => votes[m] === votes[majority]);
  if (tied.length > 1) return `${MOSCOW_NAMES[majority]}: stemmerne stod lige (${tally}), afgjort mod den højeste kategori`;
  return `${MOSCOW_NAMES[majority]}: ${votes[majority]} af ${plural(n, 'stemme', 'stemmer')}`;
}

/** Category, then estimated before unestimated, then WSJF (or, without estimate, cost of delay) highest first. */
function compareScore(a: Scored, b: Scored): number {
  return (
    CATEGORY_ORDER[a.category] - CATEGORY_ORDER[b.category] ||
    Number(a.wsjf === null) - Number(b.wsjf === null) ||
    (a.wsjf !== null && b.wsjf !== null ? b.wsjf - a.wsjf : 0) ||
    (b.costOfDelay ?? -1) - (a.costOfDelay ?? -1)
  );
}

/** The tie-breaks: earliest deadline (none last), then the change request registered first. */
function compareTieBreak(a: Scored, b: Scored): number {
  if (a.deadline !== b.deadline) {
    if (a.deadline === null) return 1;
    if (b.deadline === null) return -1;
    return a.deadline < b.deadline ? -1 : 1;
  }
  return a.changeRequestId - b.changeRequestId;
}

function tieReason(first: Scored, second: Scored): string {
  if (first.deadline !== second.deadline && first.deadline !== null) {
    return second.deadline === null
      ? `${first.humanId} har en frist (${formatDate(first.deadline)}), ${second.humanId} har ingen`
      : `fristen for ${first.humanId} (${formatDate(first.deadline)}) kommer før fristen for ${second.humanId} (${formatDate(second.deadline)})`;
  }
  return `${first.humanId} blev registreret før ${second.humanId}`;
}

function scoreText(s: Scored): string {
  if (s.wsjf !== null) return `WSJF ${formatNumber(shownWsjf(s.wsjf))}`;
  if (s.costOfDelay !== null) return `cost of delay ${formatNumber(s.costOfDelay)} uden estimat`;
  return 'ingen vurderinger';
}

function explainTies(sorted: Scored[]): Map<number, string> {
  const out = new Map<number, string>();
  for (let i = 0; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    const next = sorted[i + 1];
    const cur = sorted[i];
    if (prev && compareScore(prev, cur) === 0) {
      out.set(cur.itemId, `Står lige med ${prev.humanId} (${scoreText(cur)}) og kommer efter, fordi ${tieReason(prev, cur)}`);
    } else if (next && compareScore(cur, next) === 0) {
      out.set(cur.itemId, `Står lige med ${next.humanId} (${scoreText(cur)}) og kommer før, fordi ${tieReason(cur, next)}`);
    }
  }
  return out;
}

/** The chair's moves, in position order so each lands where it was put; a later move to the same place wins it. */
function applyOverrides(order: Scored[], overrides: readonly RankOverride[]): { order: Scored[]; applied: Map<number, RankOverride> } {
  const latest = new Map<number, RankOverride>();
  for (const o of overrides) {
    const seen = latest.get(o.itemId);
    if (!seen || o.seq > seen.seq) latest.set(o.itemId, o);
  }
  const known = [...latest.values()].filter((o) => order.some((s) => s.itemId === o.itemId));
  known.sort((a, b) => a.position - b.position || a.seq - b.seq || a.itemId - b.itemId);
  const out = order.slice();
  for (const o of known) {
    const from = out.findIndex((s) => s.itemId === o.itemId);
    const [moved] = out.splice(from, 1);
    out.splice(Math.min(Math.max(o.position - 1, 0), out.length), 0, moved);
  }
  return { order: out, applied: new Map(known.map((o) => [o.itemId, o])) };
}

const requiredAbove = (s: Scored) => s.mustByLaw && !s.belowCutReason;
const eligible = (s: Scored) => s.category !== 'wont' && s.category !== 'ikke_vurderet';
const estimateOf = (s: Scored) => (s.missingEstimate ? 0 : s.estimate!);

/**
 * Splits the order at the budget: the legal items are reserved first, then the others are taken in order
 * until the first that would overflow what is left. Won't and unassessed items never stand above the line.
 */
function splitAtBudget(order: Scored[], budget: number, isRequired: (s: Scored) => boolean) {
  const room = budget - order.filter(isRequired).reduce((sum, s) => sum + estimateOf(s), 0);
  const above: Scored[] = [];
  const below: Scored[] = [];
  let used = 0;
  let open = true;
  for (const s of order) {
    if (isRequired(s)) above.push(s);
    else if (open && eligible(s) && used + estimateOf(s) <= room) {
      used += estimateOf(s);
      above.push(s);
    } else {
      if (eligible(s)) open = false;
      below.push(s);
    }
  }
  return { above, below };
}

function itemExplanation(s: Scored, unit: BudgetUnit): string {
  if (s.wsjf !== null) {
    const size = unit === 'kr' ? `${formatNumber(s.jobSize!)} t.kr.` : `${formatNumber(s.jobSize!)} timer`;
    return `${s.moscowText}. WSJF = (${formatNumber(s.businessValue!)} + ${formatNumber(s.timeCriticality!)} + ${formatNumber(s.riskReduction!)}) / ${size} = ${formatNumber(shownWsjf(s.wsjf))}`;
  }
  if (s.costOfDelay !== null) return `${s.moscowText}. Cost of delay ${formatNumber(s.costOfDelay)}; ingen WSJF uden estimat`;
  return s.moscowText;
}

/** Joins parts as sentences, whether or not a reason someone typed already ends with a full stop. */
const sentences = (parts: string[]) => parts.map((p) => p.replace(/[.\s]+$/, '')).join('. ') + '.';

export function rankSession(items: readonly RankItem[], assessments: readonly RankAssessment[], budget: RankBudget, overrides: readonly RankOverride[] = []): Ranking {
  const scored = items.map((item) => score(item, assessments, budget.unit));
  const computed = scored.slice().sort((a, b) => compareScore(a, b) || compareTieBreak(a, b));
  const computedPosition = new Map(computed.map((s, i) => [s.itemId, i + 1]));
  const ties = explainTies(computed);
  const { order, applied } = applyOverrides(computed, overrides);

  const natural = splitAtBudget(order, budget.amount, () => false);
  const naturallyAbove = new Set(natural.above.map((s) => s.itemId));
  const { above, below } = splitAtBudget(order, budget.amount, requiredAbove);
  const aboveIds = new Set(above.map((s) => s.itemId));
  const final = [...above, ...below];

  const unit = unitText(budget.unit);
  let cumulative = 0;
  const ranked: RankedItem[] = final.map((s, i) => {
    cumulative += estimateOf(s);
    const notes: string[] = [];
    const override = applied.get(s.itemId);
    const liftedByLaw = requiredAbove(s) && !naturallyAbove.has(s.itemId);
    if (override) notes.push(`Flyttet af formanden til plads ${override.position}: ${override.reason}`);
    if (liftedByLaw) notes.push(`Flyttet op over skærelinjen: lovvedligehold med frist ${formatDate(s.deadline)} i perioden skal med`);
    if (naturallyAbove.has(s.itemId) && !aboveIds.has(s.itemId)) notes.push('Skubbet under skærelinjen, fordi rammen først går til lovvedligehold med frist i perioden');
    if (s.mustByLaw && s.belowCutReason) notes.push(`Formanden har begrundet, at punktet kan stå under skærelinjen: ${s.belowCutReason}`);
    if (s.missingEstimate) notes.push(`Mangler estimat: står efter de estimerede ${CATEGORY_NAMES[s.category]}-punkter og tæller 0 mod rammen`);
    if (s.category === 'wont') notes.push("Won't: står altid under skærelinjen");
    if (s.category === 'ikke_vurderet') notes.push('Ikke vurderet: står under skærelinjen, til nogen har vurderet det');
    if (s.tilStyregruppen) notes.push('Markeret til styregruppen');
    const tieBreak = ties.get(s.itemId) ?? null;
    const explanation = sentences([itemExplanation(s, budget.unit), ...notes, ...(tieBreak ? [tieBreak] : [])]);
    return {
      itemId: s.itemId,
      changeRequestId: s.changeRequestId,
      humanId: s.humanId,
      title: s.title,
      deadline: s.deadline,
      estimate: s.estimate,
      position: i + 1,
      computedPosition: computedPosition.get(s.itemId)!,
      category: s.category,
      moscowVotes: s.moscowVotes,
      assessmentCount: s.assessmentCount,
      businessValue: s.businessValue,
      timeCriticality: s.timeCriticality,
      riskReduction: s.riskReduction,
      costOfDelay: s.costOfDelay,
      jobSize: s.jobSize,
      wsjf: s.wsjf === null ? null : shownWsjf(s.wsjf),
      mustByLaw: s.mustByLaw,
      belowCutReason: s.belowCutReason,
      tilStyregruppen: s.tilStyregruppen,
      missingEstimate: s.missingEstimate,
      cumulativeEstimate: cumulative,
      aboveCut: aboveIds.has(s.itemId),
      movedBy: liftedByLaw ? 'lovkrav' : override ? 'formand' : null,
      override: override ? { position: override.position, reason: override.reason } : null,
      tieBreak,
      notes,
      explanation,
    };
  });

  const cumulativeAbove = above.reduce((sum, s) => sum + estimateOf(s), 0);
  const overBudget = cumulativeAbove > budget.amount;
  const overflow = below.find(eligible);
  let explanation: string;
  if (overBudget) {
    explanation = `Lovvedligehold med frist i perioden kræver alene ${formatNumber(cumulativeAbove)} ${unit} og overstiger rammen på ${formatNumber(budget.amount)} ${unit} med ${formatNumber(cumulativeAbove - budget.amount)} ${unit}`;
  } else if (!overflow) {
    explanation = `Alle punkter, der kan komme med, er inden for rammen: ${formatNumber(cumulativeAbove)} af ${formatNumber(budget.amount)} ${unit}`;
  } else {
    const next = `; ${overflow.humanId} ville bringe summen op på ${formatNumber(cumulativeAbove + estimateOf(overflow))} ${unit}`;
    explanation = `Skærelinjen ligger efter plads ${above.length}: ${formatNumber(cumulativeAbove)} af ${formatNumber(budget.amount)} ${unit} er brugt${next}`;
  }
  return {
    items: ranked,
    cutLine: {
      afterPosition: above.length,
      cumulativeAbove,
      budget: budget.amount,
      unit: budget.unit,
      remaining: budget.amount - cumulativeAbove,
      overBudget,
      explanation,
    },
    rules: [...RANKING_RULES],
  };
}
