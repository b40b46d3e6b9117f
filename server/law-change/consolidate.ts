// The projected consolidation: an act in force plus the §§ of amending acts that amend it (or the part a later
// consolidation names), applied in order.
import type { ParsedVersion } from '../sources/provision.types.js';
import type { AmendingAct, AmendingSection, PrintedChange } from './amendment.types.js';
import { inForceRuleFor } from './amending-act.js';
import { applyAmendments, type AppliedAmendments } from './apply.js';

export interface ActToApply {
  act: AmendingAct;
  /** `§ 10`, `§ 1, nr. 1-12 og 38`: only that part of the act; null: each § that names the base act. */
  part?: string | null;
}

/** A part as a consolidation's statement names it: the § and, optionally, which numbered changes. */
export function parsePart(part: string): { paragraph: string; numbers: Set<number> | null } | null {
  const m = /^\s*§\s*(\d+\s*[a-zæøå]?)\s*(?:,\s*nr\.\s*(.+?))?\s*$/i.exec(part);
  if (!m) return null;
  const paragraph = `§ ${m[1]!.replace(/\s+/g, ' ').trim()}`;
  if (!m[2]) return { paragraph, numbers: null };
  const numbers = new Set<number>();
  for (const piece of m[2].split(/\s*(?:,|\bog\b)\s*/)) {
    const range = /^(\d+)\s*-\s*(\d+)$/.exec(piece);
    if (range) for (let n = Number(range[1]); n <= Number(range[2]); n++) numbers.add(n);
    else if (/^\d+$/.test(piece)) numbers.add(Number(piece));
    else if (piece) return null;
  }
  return { paragraph, numbers };
}

/** "Bekendtgørelse af lov om sygedagpenge" and "lov om sygedagpenge" name the same act. */
export function titleKey(title: string): string {
  return title
    .toLowerCase()
    .replace(/^bekendtgørelse af\s+/, '')
    .replace(/\s*\(.*?\)\s*/g, ' ')
    .replace(/[^a-zæøå0-9 ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Does this § of an amending act amend `base`? By the consolidation its intro cites, else by the act's title. A §
 * amending an earlier amending act ("I lov nr. 513 af 6. juni 2007 om ændring af lov om valg til Folketinget") names
 * that act, not the act it once amended: its title ends like the base's but is another act.
 */
export function sectionAmends(section: AmendingSection, base: ParsedVersion): boolean {
  if (section.cites && base.shortName && section.cites === base.shortName) return true;
  const a = titleKey(section.actTitle);
  const b = titleKey(base.title);
  if (a !== b && AMENDING_TITLE.test(a) !== AMENDING_TITLE.test(b)) return false;
  return a.length > 0 && (a === b || b.endsWith(a) || a.endsWith(b));
}

const AMENDING_TITLE = /^(?:lov|lovbekendtgørelse) om ændring af /;

/**
 * The changes to apply, in the order they came into force, with the act each comes from; an unreadable part is an
 * error for the caller to show. A change in force by the date the base was issued is in the base already (an act
 * named without numbers whose first changes came into force years before the rest; numbers named are applied), and one in force later than another act's
 * changes follows them ("§ 52, stk. 2, affattes" in 2012 before "»pr. dag« ændres" from the 2010 act in force later).
 */
export function changesToApply(base: ParsedVersion, acts: ActToApply[]): { act: string; change: PrintedChange }[] {
  const out: { act: string; change: PrintedChange; inForce: string }[] = [];
  for (const { act, part } of acts) {
    const wanted = part ? parsePart(part) : null;
    if (part && !wanted) throw new Error(`Delen "${part}" af ${act.shortName} kan ikke læses; skriv fx "§ 10" eller "§ 1, nr. 1-12 og 38"`);
    for (const section of act.sections) {
      const chosen = wanted ? section.paragraph.replace(/\s+/g, ' ') === wanted.paragraph : sectionAmends(section, base);
      if (!chosen) continue;
      for (const change of section.changes) {
        if (wanted?.numbers && !wanted.numbers.has(change.number)) continue;
        const date = inForceRuleFor(act, section.paragraph, change.number)?.date ?? null;
        if (date && base.dateSigned && date <= base.dateSigned && !wanted?.numbers) continue;
        const inBase = wanted?.numbers ? section.changes.filter((c) => c.number < change.number && !wanted.numbers!.has(c.number)) : [];
        out.push({ act: act.shortName, change: renumberedInBase(change, inBase), inForce: date ?? act.dateSigned ?? '' });
      }
    }
  }
  // Stable: changes in force the same day keep the order the acts and their numbers give them.
  return out
    .map((c, i) => ({ c, i }))
    .sort((a, b) => (a.c.inForce && b.c.inForce && a.c.inForce !== b.c.inForce ? (a.c.inForce < b.c.inForce ? -1 : 1) : a.i - b.i))
    .map(({ c }) => ({ act: c.act, change: c.change }));
}

const BECOMES = /\b((?:stk|nr)\. \d+(?: [a-zæøå])?(?:, \d+\. pkt\.)?), der bliver ((?:stk|nr)\. \d+(?: [a-zæøå])?(?:, \d+\. pkt\.)?)/g;

/**
 * "§ 13, stk. 6, der bliver stk. 7, ophæves" in an act applied only in part: when the change that moved stk. 6 (an
 * earlier number of the act, with its "Stk. 4-6 bliver herefter stk. 5-7") is in the base already, the base prints it
 * as stk. 7, so that is the place named.
 */
function renumberedInBase(change: PrintedChange, inBase: PrintedChange[]): PrintedChange {
  if (!change.instruction.includes('der bliver') || inBase.length === 0) return change;
  const paragraph = /§\s*\d+(?:\s*[a-zæøå](?![\p{L}]))?/u.exec(change.instruction)?.[0].replace(/\s+/g, ' ');
  if (!paragraph) return change;
  const moved = inBase.some((c) => c.renumbering !== null && c.instruction.replace(/\s+/g, ' ').includes(`${paragraph}`));
  return moved ? { ...change, instruction: change.instruction.replace(BECOMES, '$2') } : change;
}

/** The base act with the acts applied: its projected provisions, how many changes applied, and those that did not. */
export function consolidate(base: ParsedVersion, acts: ActToApply[]): AppliedAmendments {
  return applyAmendments(base, changesToApply(base, acts));
}
