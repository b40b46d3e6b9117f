// Search across everything from the header: requirements and change requests (by id or by words), provisions (by
// citation or by words), sessions and baselines, by Danish word stems, grouped by kind and kept inside the solutions
// the reader may read (the law is public).
import { z } from 'zod';
import { readableSolutions, type Actor } from '../auth/permissions.js';
import { CLASS_NAMES, type ChangeClass } from '../change-requests/change-requests.service.js';
import type { Db } from '../db/database.js';
import { SESSION_STATUSES, type SessionStatus } from '../sessions/sessions.service.js';
import { provisionKeyFromLabel } from '../sources/labels.js';
import { searchTokens, stemDanish } from './danish-stemmer.js';
import * as repo from './search.repository.js';

export const SearchQuery = z.object({
  q: z.string().trim().min(1, 'Skriv et ord, et id (KY-0042) eller en paragraf (§ 24, stk. 2)').max(200, 'Søgningen må højst være 200 tegn'),
  limit: z.coerce.number({ error: 'Antal skal være et tal' }).int('Antal skal være et helt tal').min(1, 'Mindst 1 resultat').max(50, 'Højst 50 resultater pr. slags').default(10),
});

/** A human id as typed: letters and digits joined by hyphens ("KY-0042", "ky-æf-1", "KY-"). */
const HUMAN_ID = /^[\p{L}\p{N}]+(?:-[\p{L}\p{N}]*)+$/u;
const EXCERPT_CHARS = 180;

/**
 * The FTS5 expression for the words typed: every stem must occur (whole stems, not prefixes: a prefix query cannot
 * stop at the first hits, and with stems the word forms already meet). Null when nothing searchable was typed ("§").
 */
export function ftsQuery(stems: string[]): string | null {
  const unique = [...new Set(stems)];
  // Stems hold only letters and digits, so quoting them is enough to keep FTS5 syntax out.
  return unique.length ? unique.map((s) => `"${s}"`).join(' ') : null;
}

/** The part of a text around its first word that matches, so a hit shows why it was found. */
export function excerpt(text: string, stems: string[]): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return window(flat, stems.length ? firstMatch(flat, stems) : -1);
}

/** Where the first word whose stem is one of `stems` begins, or -1. A word begins with its stem, so only those are stemmed. */
function firstMatch(text: string, stems: string[]): number {
  const wanted = new Set(stems);
  for (const m of text.toLocaleLowerCase('da').matchAll(/[\p{L}\p{N}]+/gu)) {
    if (stems.some((s) => m[0].startsWith(s)) && wanted.has(stemDanish(m[0]))) return m.index;
  }
  return -1;
}

function window(flat: string, hit: number): string {
  let start = hit > 0 ? Math.max(0, hit - 60) : 0;
  if (start > 0) start = flat.indexOf(' ', start) + 1 || start;
  const end = Math.min(flat.length, start + EXCERPT_CHARS);
  const cut = end < flat.length ? flat.lastIndexOf(' ', end) : end;
  return `${start > 0 ? '…' : ''}${flat.slice(start, cut > start ? cut : end)}${end < flat.length ? ' …' : ''}`;
}

export async function search(db: Db, input: z.infer<typeof SearchQuery>, actor: Actor) {
  const readable = readableSolutions(actor);
  const solutionIds = readable === 'all' ? null : readable;
  const { q, limit } = input;
  const key = provisionKeyFromLabel(q);
  const stems = key ? [] : searchTokens(q);
  const match = key ? null : ftsQuery(stems);
  const id = HUMAN_ID.test(q) ? q.toLocaleUpperCase('da') : null;
  const inForce = await repo.versionsInForce(db);

  const byIdOrWords = async <T>(byId: () => Promise<repo.Matched<T>>, byWords: (m: string) => Promise<repo.Matched<T>>) => {
    if (id) {
      const found = await byId();
      if (found.total) return found;
    }
    return match ? byWords(match) : repo.noMatches<T>();
  };
  const requirements = await byIdOrWords(
    () => repo.requirementsById(db, id!, solutionIds, limit),
    (m) => repo.searchRequirements(db, m, solutionIds, limit),
  );
  const changeRequests = await byIdOrWords(
    () => repo.changeRequestsById(db, id!, solutionIds, limit),
    (m) => repo.searchChangeRequests(db, m, solutionIds, limit),
  );
  const provisions = key ? await repo.provisionsByKey(db, key, inForce, limit) : match ? await repo.searchProvisions(db, match, inForce, limit) : repo.noMatches<repo.ProvisionHit>();
  const sessions = match ? await repo.searchSessions(db, match, solutionIds, limit) : repo.noMatches<repo.SessionHit>();
  const baselines = match ? await repo.searchBaselines(db, match, solutionIds, limit) : repo.noMatches<repo.BaselineHit>();

  const groups = [requirements, changeRequests, provisions, sessions, baselines];
  return {
    /** Hits in all, and whether some kind has more than it counted (COUNT_CAP). */
    total: groups.reduce((sum, g) => sum + g.total, 0),
    more: groups.some((g) => g.more),
    requirements: {
      total: requirements.total,
      more: requirements.more,
      items: requirements.rows.map((r) => ({ humanId: r.human_id, solution: r.solution_code, title: r.title, status: r.status, excerpt: excerpt(r.text, stems) })),
    },
    changeRequests: {
      total: changeRequests.total,
      more: changeRequests.more,
      items: changeRequests.rows.map((c) => ({
        humanId: c.human_id,
        solution: c.solution_code,
        title: c.title,
        status: c.status,
        className: CLASS_NAMES[c.class as ChangeClass] ?? c.class,
        excerpt: excerpt(c.description, stems),
      })),
    },
    provisions: {
      total: provisions.total,
      more: provisions.more,
      items: provisions.rows.map((p) => ({
        sourceId: p.source_id,
        sourceTitle: p.popular_title ?? p.source_title,
        versionId: p.version_id,
        shortName: p.short_name,
        key: p.key,
        label: p.label,
        inForce: p.in_force === 1,
        repealed: p.repealed === 1,
        excerpt: excerpt(p.text, stems),
      })),
    },
    sessions: {
      total: sessions.total,
      more: sessions.more,
      items: sessions.rows.map((s) => ({ id: s.id, solution: s.solution_code, title: s.title, date: s.meeting_date, statusLabel: SESSION_STATUSES[s.status as SessionStatus] ?? s.status })),
    },
    baselines: {
      total: baselines.total,
      more: baselines.more,
      items: baselines.rows.map((b) => ({ id: b.id, solution: b.solution_code, name: b.name, createdAt: b.created_at, excerpt: excerpt(b.description, stems) })),
    },
  };
}
