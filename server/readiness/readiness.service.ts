// The readiness report before a re-tender (genudbud): what stands between a solution's requirements and a
// complete, current specification, as counts, a score with its components, and a list to work through.
import { z } from 'zod';
import { authorize, type Actor } from '../auth/permissions.js';
import { CLOSED_STATUSES } from '../change-requests/lifecycle.js';
import type { Db } from '../db/database.js';
import { getSolution } from '../solutions/solutions.service.js';
import { formatDate, plural } from '../text/danish.js';
import { changeRequestStatusName, className } from '../text/vocabulary.js';
import * as repo from './readiness.repository.js';

export const ReadinessQuery = z.object({
  /** Requirements not reviewed for this many months count as stale. */
  months: z.coerce.number().int().min(1, 'Mindst 1 måned').max(120, 'Højst 120 måneder').default(12),
});

/**
 * A change request in one of these states needs no more work. The lifecycle names the closed state of each class
 * (change-requests/lifecycle.ts); this set is what the readiness report counts as settled.
 */

/**
 * What the score weighs, out of 100. Tracing and current links weigh most: an untraced or suspect requirement
 * cannot be defended in a tender. Reviews after a law change come next, then age, then open change requests
 * (which a tender can carry as options). A component with nothing to measure counts as fully met.
 */
export const READINESS_WEIGHTS = {
  traced: 30,
  linksCurrent: 25,
  reviewedSinceLawChange: 20,
  recentlyReviewed: 15,
  changeRequestsSettled: 10,
} as const;

export type WorkItemKind = 'broken_link' | 'suspect_link' | 'untraced' | 'source_changed' | 'change_request' | 'not_reviewed';

export interface WorkItem {
  kind: WorkItemKind;
  humanId: string;
  linkId?: number;
  title: string;
  why: string;
}

type VersionFact = Awaited<ReturnType<typeof repo.versionFacts>>[number];
type RequirementFact = Awaited<ReturnType<typeof repo.activeRequirementFacts>>[number];

/** A trace link with what the report says about it: its requirement, and the version it was confirmed against and the newest. */
interface LinkFact {
  linkId: number;
  status: string;
  confirmedAt: string;
  requirement: RequirementFact;
  confirmed: VersionFact;
  latest: VersionFact;
}

const sourceName = (v: VersionFact) => v.popular_title ?? v.source_title;

/** Each act's newest version by date in force, the later registered on a tie (as sources.repository's latestVersion). */
function newestVersions(versions: VersionFact[]): Map<number, VersionFact> {
  const newest = new Map<number, VersionFact>();
  for (const v of versions) {
    const best = newest.get(v.source_id);
    if (!best || v.in_force_from > best.in_force_from || (v.in_force_from === best.in_force_from && v.id > best.id)) newest.set(v.source_id, v);
  }
  return newest;
}

/**
 * A link's source has moved on since the link was last confirmed: the newest version is a later one than the
 * confirmed (form-only changes included, which never make a link suspect), or it was registered after both the
 * requirement's last review and the link's confirmation.
 */
function sourceMovedOn(l: LinkFact): boolean {
  const newerVersion = l.latest.id !== l.confirmed.id && l.latest.in_force_from >= l.confirmed.in_force_from;
  const registeredSinceReview = l.latest.imported_at > (l.requirement.last_reviewed_at ?? '') && l.latest.imported_at > l.confirmedAt;
  return newerVersion || registeredSinceReview;
}

function monthsAgo(months: number, now = new Date()): string {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString();
}

const share = (bad: number, total: number) => (total === 0 ? 1 : (total - bad) / total);

export async function readinessReport(db: Db, code: string, query: z.infer<typeof ReadinessQuery>, actor: Actor) {
  const solution = await getSolution(db, code);
  authorize(actor, 'read', solution.id);
  const [requirements, linkRows, openLinkRows, versions, changeRequests] = await Promise.all([
    repo.activeRequirementFacts(db, solution.id),
    repo.linkFacts(db, solution.id),
    repo.openLinkFacts(db, solution.id),
    repo.versionFacts(db),
    repo.changeRequestFacts(db, solution.id),
  ]);
  const requirementById = new Map(requirements.map((r) => [r.id, r]));
  const versionById = new Map(versions.map((v) => [v.id, v]));
  const newest = newestVersions(versions);
  const links: LinkFact[] = linkRows.map((l) => ({
    linkId: l.link_id,
    status: l.status,
    confirmedAt: l.confirmed_at,
    requirement: requirementById.get(l.requirement_id)!,
    confirmed: versionById.get(l.confirmed_version_id)!,
    latest: newest.get(l.source_id)!,
  }));
  const openLinkFact = new Map(openLinkRows.map((l) => [l.link_id, l]));

  const legal = requirements.filter((r) => r.non_legal === 0);
  const untraced = legal.filter((r) => !Number(r.traced));
  const openLinks = links.filter((l) => l.status !== 'current');
  const movedOn = new Map<number, LinkFact[]>();
  for (const l of links) {
    if (!sourceMovedOn(l)) continue;
    const facts = movedOn.get(l.requirement.id);
    if (facts) facts.push(l);
    else movedOn.set(l.requirement.id, [l]);
  }
  const tracedCount = requirements.filter((r) => Number(r.traced)).length;
  const cutoff = monthsAgo(query.months);
  const stale = requirements.filter((r) => !r.last_reviewed_at || r.last_reviewed_at < cutoff);
  const openRequests = changeRequests.filter((c) => !CLOSED_STATUSES.includes(c.status));
  const openByClass: Record<string, number> = {};
  for (const c of openRequests) openByClass[c.class] = (openByClass[c.class] ?? 0) + 1;

  const component = (key: keyof typeof READINESS_WEIGHTS, label: string, bad: number, total: number) => {
    const value = share(bad, total);
    return { key, label, weight: READINESS_WEIGHTS[key], value: Math.round(value * 1000) / 1000, points: Math.round(READINESS_WEIGHTS[key] * value * 10) / 10, count: bad, total };
  };
  const components = [
    component('traced', 'Lovbestemte krav med sporing', untraced.length, legal.length),
    component('linksCurrent', 'Sporingslinks uden mistanke', openLinks.length, links.length),
    component('reviewedSinceLawChange', 'Sporede krav gennemgået efter seneste lovændring', movedOn.size, tracedCount),
    component('recentlyReviewed', `Krav gennemgået inden for ${query.months} måneder`, stale.length, requirements.length),
    component('changeRequestsSettled', 'Ændringsforslag afsluttet', openRequests.length, changeRequests.length),
  ];
  // Nothing to tender is not ready to tender.
  const score = requirements.length === 0 ? 0 : Math.round(components.reduce((sum, c) => sum + c.weight * c.value, 0));

  const items: WorkItem[] = [];
  for (const l of openLinks.filter((x) => x.status === 'broken')) {
    const { label, status_note } = openLinkFact.get(l.linkId)!;
    items.push({ kind: 'broken_link', humanId: l.requirement.human_id, linkId: l.linkId, title: l.requirement.title, why: `Linket til ${label}, ${sourceName(l.latest)} er brudt: ${status_note ?? 'bestemmelsen findes ikke længere'}` });
  }
  for (const l of openLinks.filter((x) => x.status === 'suspect')) {
    const { label } = openLinkFact.get(l.linkId)!;
    items.push({
      kind: 'suspect_link',
      humanId: l.requirement.human_id,
      linkId: l.linkId,
      title: l.requirement.title,
      why: `${label}, ${sourceName(l.latest)} er ændret (${l.confirmed.short_name} → ${l.latest.short_name}); bekræft eller ret kravet`,
    });
  }
  for (const r of untraced) items.push({ kind: 'untraced', humanId: r.human_id, title: r.title, why: 'Kravet sporer ikke til nogen bestemmelse og er ikke markeret som ikke-lovbestemt' });
  for (const [, facts] of movedOn) {
    const moves = [...new Set(facts.map((l) => `${sourceName(l.latest)} (${l.confirmed.short_name} → ${l.latest.short_name})`))];
    items.push({ kind: 'source_changed', humanId: facts[0].requirement.human_id, title: facts[0].requirement.title, why: `Ikke gennemgået siden ny version af ${moves.join(', ')}` });
  }
  for (const c of openRequests) {
    items.push({ kind: 'change_request', humanId: c.human_id, title: c.title, why: `Ændringsforslag (${className(c.class)}) er ikke afsluttet (${changeRequestStatusName(c.class, c.status)}${c.deadline ? `, frist ${formatDate(c.deadline)}` : ''})` });
  }
  for (const r of stale) {
    items.push({ kind: 'not_reviewed', humanId: r.human_id, title: r.title, why: r.last_reviewed_at ? `Sidst gennemgået ${formatDate(r.last_reviewed_at)}, mere end ${plural(query.months, 'måned', 'måneder')} siden` : 'Aldrig gennemgået' });
  }

  return {
    solution: { code: solution.code, name: solution.name, retenderDate: solution.retender_date },
    months: query.months,
    score,
    components,
    counts: {
      requirements: requirements.length,
      legalRequirements: legal.length,
      links: links.length,
      untraced: untraced.length,
      suspectLinks: openLinks.filter((l) => l.status === 'suspect').length,
      brokenLinks: openLinks.filter((l) => l.status === 'broken').length,
      sourceChanged: movedOn.size,
      notReviewed: stale.length,
      openChangeRequests: openRequests.length,
    },
    openChangeRequestsByClass: openByClass,
    items,
  };
}
