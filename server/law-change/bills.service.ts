// Bills (lovforslag) for proactive lovovervågning: a bill is read and applied like an amending act, but only in
// memory, as a what-if against the act in force. No source version is stored and no live link is touched; only
// adopting the bill registers it as the amending act it became, and then the law-change loop runs.
import { keysOverlap } from '../sources/labels.js';
import { displayNames } from '../auth/display-names.js';
import { authorize, type Actor } from '../auth/permissions.js';
import { recordAudit } from '../audit/audit.repository.js';
import type { Db, Executor } from '../db/database.js';
import { inSolutionScope } from '../db/sql.js';
import { nowIso } from '../db/time.js';
import { Conflict, Invalid, NotFound, StaleEdit } from '../http/errors.js';
import { editVersion, isoDate, plainText, z } from '../http/validation.js';
import { readScope } from '../solutions/solutions.service.js';
import { SourceParseError } from '../sources/errors.js';
import { diffVersions } from '../sources/provision-diff.js';
import { latestVersion } from '../sources/sources.repository.js';
import { loadParsedVersion } from '../sources/version-diff.service.js';
import { readAmendingAct } from './amending-act.js';
import { registerAmendingActIn, sourceAmended } from './amending-act.service.js';
import type { AmendingAct } from './amendment.types.js';
import { BILL_STATUSES, type BillRow } from './bills.table.js';
import { consolidate } from './consolidate.js';

export const BillInput = z.object({
  number: plainText.trim().regex(/^L\s?\d+(\s?[A-ZÆØÅ])?$/, 'Skriv lovforslagets nummer som fx "L 42"'),
  session: plainText.trim().regex(/^\d{4}-\d{2}(\s?\(\d\. samling\))?$/, 'Skriv folketingsåret som fx "2010-11"'),
  status: z.enum(BILL_STATUSES, { message: 'Status skal være fremsat, 1. behandling, vedtaget eller bortfaldet' }).default('fremsat'),
  title: plainText.trim().min(1).max(500).optional(),
});
export const PastedBill = BillInput.extend({
  content: z.string().min(1, 'Indsæt lovforslagets LexDania-XML').max(20 * 1024 * 1024),
  filename: z.string().max(255).optional(),
});

export const BillPatch = z.object({
  version: editVersion,
  status: z.enum(BILL_STATUSES, { message: 'Status skal være fremsat, 1. behandling, vedtaget eller bortfaldet' }),
  reason: plainText.trim().max(1000).optional(),
});

export const BillComment = z.object({
  requirement: plainText.trim().min(1, 'Angiv kravet').max(50),
  text: plainText.trim().min(1, 'Skriv en kommentar').max(5000),
});

export const BillAdoption = z.object({
  shortName: plainText.trim().regex(/^LOV nr \d+ af \d{2}\/\d{2}\/\d{4}$/, 'Skriv lovens kortnavn som fx "LOV nr 1599 af 22/12/2010"'),
  inForceFrom: isoDate.optional(),
});

const toBill = (row: BillRow) => ({
  id: row.id,
  number: row.number,
  session: row.session,
  title: row.title,
  status: row.status,
  filename: row.filename,
  adoptedAct: row.adopted_act,
  adoptedAt: row.adopted_at,
  /** What an edit names (PATCH `version`). */
  version: row.version,
  createdBy: row.created_by,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

function readBill(content: string): AmendingAct {
  try {
    return readAmendingAct(content);
  } catch (err) {
    if (err instanceof SourceParseError) throw new Invalid(`Lovforslaget kan ikke læses: ${err.message}`, [{ field: 'content', message: err.message }]);
    throw err;
  }
}

async function requireBill(db: Executor, id: number): Promise<BillRow> {
  const row = await db.selectFrom('bills').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound(`Lovforslaget ${id} findes ikke`);
  return row;
}

/** Registers a bill from its LexDania text; nothing about the law or the links changes. */
export async function createBill(db: Db, input: z.infer<typeof PastedBill>, user: Actor) {
  authorize(user, 'source.import', null);
  const act = readBill(input.content);
  if (!act.sections.length) throw new Invalid('Lovforslaget ændrer ingen lov: ingen paragraf "I lov om …, foretages følgende ændringer"', [{ field: 'content', message: 'Ingen ændringer fundet' }]);
  return db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('bills').select('id').where('number', '=', input.number).where('session', '=', input.session).executeTakeFirst();
    if (taken) throw new Conflict(`${input.number} (${input.session}) er allerede registreret`, [{ field: 'number', message: 'Lovforslaget findes allerede' }]);
    const now = nowIso();
    const row = await trx
      .insertInto('bills')
      .values({
        number: input.number,
        session: input.session,
        title: input.title ?? act.title,
        status: input.status,
        content: input.content,
        filename: input.filename ?? null,
        created_by: user.name,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const bill = toBill(row);
    await recordAudit(trx, { actor: user.name, action: 'bill.create', entityType: 'bill', entityId: row.id, after: bill });
    return bill;
  });
}

export async function listBills(db: Db) {
  const rows = await db.selectFrom('bills').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
  return rows.map(toBill);
}


/**
 * What the bill would change, per act it amends: the provisions with their text in force and as proposed, and per
 * solution the actor may read, the requirements tracing to them with the comments made on them for this bill.
 * Computed in memory from the version in force; trace links are only read.
 */
export async function billWhatIf(db: Db, id: number, actor: Actor) {
  const row = await requireBill(db, id);
  const act = readBill(row.content);
  const scope = await readScope(db, actor);
  const comments = await db
    .selectFrom('bill_comments as c')
    .innerJoin('requirements as r', 'r.id', 'c.requirement_id')
    .select(['c.id', 'c.requirement_id', 'c.text', 'c.created_by', 'c.created_at'])
    .where('c.bill_id', '=', id)
    .where(inSolutionScope('r.solution_id', scope))
    .orderBy('c.id')
    .execute();
  const acts = [];
  const notRegistered = [];
  for (const section of act.sections) {
    const source = await sourceAmended(db, section);
    const base = source ? await latestVersion(db, source.id) : undefined;
    if (!source || !base) {
      notRegistered.push({ section: section.paragraph, act: section.actTitle, cites: section.cites });
      continue;
    }
    const parsedBase = await loadParsedVersion(db, base);
    const result = consolidate(parsedBase, [{ act, part: section.paragraph }]);
    const diff = diffVersions(parsedBase, result.version);
    const provisions = diff.changes
      .filter((c) => c.kind !== 'unchanged' && (c.substantive || c.kind !== 'changed'))
      .map((c) => ({ key: c.newKey ?? c.key, oldKey: c.key, label: c.newLabel ?? c.label, change: c.kind, old: c.old ?? null, proposed: c.new ?? null }));
    const links = await db
      .selectFrom('trace_links as l')
      .innerJoin('requirements as r', 'r.id', 'l.requirement_id')
      .innerJoin('solutions as s', 's.id', 'r.solution_id')
      .select(['l.provision_key', 'r.id as requirement_id', 'r.human_id', 'r.title', 's.code', 's.name'])
      .where('l.source_id', '=', source.id)
      .where(inSolutionScope('r.solution_id', scope))
      .orderBy('s.code')
      .orderBy('r.id')
      .execute();
    const names = await displayNames(db, comments.map((c) => c.created_by));
    const solutions = new Map<string, { code: string; name: string; requirements: Map<number, { id: number; humanId: string; title: string; provisions: string[]; comments: { id: number; text: string; by: string; at: string }[] }> }>();
    for (const link of links) {
      const hit = provisions.filter((p) => keysOverlap(p.oldKey, link.provision_key) || keysOverlap(p.key, link.provision_key));
      if (!hit.length) continue;
      const solution = solutions.get(link.code) ?? { code: link.code, name: link.name, requirements: new Map() };
      solutions.set(link.code, solution);
      const requirement = solution.requirements.get(link.requirement_id) ?? {
        id: link.requirement_id,
        humanId: link.human_id,
        title: link.title,
        provisions: [],
        comments: comments.filter((c) => c.requirement_id === link.requirement_id).map((c) => ({ id: c.id, text: c.text, by: names.get(c.created_by) ?? c.created_by, at: c.created_at })),
      };
      solution.requirements.set(link.requirement_id, requirement);
      for (const p of hit) if (!requirement.provisions.includes(p.label)) requirement.provisions.push(p.label);
    }
    acts.push({
      section: section.paragraph,
      source: { id: source.id, title: source.title, popularTitle: source.popular_title },
      base: { id: base.id, shortName: base.short_name, inForceFrom: base.in_force_from },
      provisions: provisions.map(({ oldKey: _o, ...p }) => p),
      unapplied: result.unapplied.map((u) => ({ number: u.number, instruction: u.instruction, reason: u.reason })),
      solutions: [...solutions.values()].map((s) => ({ code: s.code, name: s.name, requirements: [...s.requirements.values()] })),
    });
  }
  return { bill: toBill(row), act: { title: act.title, inForce: act.inForce.map((r) => ({ date: r.date, text: r.text })) }, acts, notRegistered };
}

export type BillWhatIf = Awaited<ReturnType<typeof billWhatIf>>;

export async function updateBill(db: Db, id: number, patch: z.infer<typeof BillPatch>, user: Actor) {
  authorize(user, 'source.import', null);
  return db.transaction().execute(async (trx) => {
    const before = await requireBill(trx, id);
    if (before.status === 'vedtaget' && patch.status !== 'vedtaget') throw new Conflict(`${before.number} er vedtaget som ${before.adopted_act ?? 'lov'}; status kan ikke ændres`, [{ field: 'status', message: 'Lovforslaget er vedtaget' }]);
    if (patch.status === 'vedtaget' && before.status !== 'vedtaget') throw new Invalid('Brug handlingen "Vedtaget" med lovens nummer, så ændringsloven registreres', [{ field: 'status', message: 'Vedtag lovforslaget med dets lovnummer' }]);
    const row = await trx
      .updateTable('bills')
      .set({ status: patch.status, version: patch.version + 1, updated_at: nowIso() })
      .where('id', '=', id)
      .where('version', '=', patch.version)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new StaleEdit(`Lovforslaget ${before.number}`);
    const after = toBill(row);
    await recordAudit(trx, { actor: user.name, action: 'bill.update', entityType: 'bill', entityId: id, reason: patch.reason ?? null, before: toBill(before), after });
    return after;
  });
}

/** A comment on a requirement the bill would affect, by someone who may comment in that requirement's solution. */
export async function commentOnBill(db: Db, id: number, input: z.infer<typeof BillComment>, user: Actor) {
  const requirement = await db.selectFrom('requirements').select(['id', 'human_id', 'solution_id']).where('human_id', '=', input.requirement).executeTakeFirst();
  if (!requirement) throw new NotFound(`Kravet ${input.requirement} findes ikke`);
  authorize(user, 'change_request.comment', requirement.solution_id);
  const whatIf = await billWhatIf(db, id, user);
  const affected = whatIf.acts.some((a) => a.solutions.some((s) => s.requirements.some((r) => r.id === requirement.id)));
  if (!affected) throw new Invalid(`${input.requirement} berøres ikke af ${whatIf.bill.number}`, [{ field: 'requirement', message: 'Kravet berøres ikke af lovforslaget' }]);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('bill_comments')
      .values({ bill_id: id, requirement_id: requirement.id, text: input.text, created_by: user.name, created_at: nowIso() })
      .returningAll()
      .executeTakeFirstOrThrow();
    const comment = { id: row.id, requirement: requirement.human_id, text: row.text, by: row.created_by, at: row.created_at };
    await recordAudit(trx, { actor: user.name, action: 'bill.comment', entityType: 'bill', entityId: id, after: comment });
    return comment;
  });
}

/** "af 22/12/2010" in a LOV short name, as an ISO date. */
function dateOfShortName(shortName: string): string | null {
  const m = /af (\d{2})\/(\d{2})\/(\d{4})$/.exec(shortName);
  return m ? `${m[3]}-${m[2]}-${m[1]}` : null;
}

/** The bill became law: registered as the amending act under its LOV number (the loop runs), and marked vedtaget. */
export async function adoptBill(db: Db, id: number, input: z.infer<typeof BillAdoption>, user: Actor) {
  authorize(user, 'source.import', null);
  return db.transaction().execute(async (trx) => {
    const before = await requireBill(trx, id);
    if (before.status === 'vedtaget') throw new Conflict(`${before.number} er allerede vedtaget som ${before.adopted_act}`, [{ field: 'shortName', message: 'Allerede vedtaget' }]);
    if (before.status === 'bortfaldet') throw new Conflict(`${before.number} er bortfaldet og kan ikke vedtages`, [{ field: 'shortName', message: 'Lovforslaget er bortfaldet' }]);
    const act = readBill(before.content);
    const registration = await registerAmendingActIn(trx, { ...act, shortName: input.shortName, dateSigned: dateOfShortName(input.shortName) ?? act.dateSigned }, { inForceFrom: input.inForceFrom }, user);
    const now = nowIso();
    const row = await trx
      .updateTable('bills')
      .set({ status: 'vedtaget', adopted_act: input.shortName, adopted_at: now, version: before.version + 1, updated_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const bill = toBill(row);
    await recordAudit(trx, { actor: user.name, action: 'bill.adopt', entityType: 'bill', entityId: id, before: toBill(before), after: bill });
    return { bill, ...registration };
  });
}
