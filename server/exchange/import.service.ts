// Importing requirements from a spreadsheet or another tool in two steps: a preview (what the file holds, a
// suggested mapping, every row checked, nothing written) and a commit (everything in one transaction through
// the requirements and links services, so versions and audit happen as for any other change).
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { authorize, type Actor } from '../auth/permissions.js';
import { recordAudit } from '../audit/audit.repository.js';
import type { Db, Executor } from '../db/database.js';
import { nowIso } from '../db/time.js';
import { Invalid, NotFound } from '../http/errors.js';
import { uploadedFileName } from '../http/multipart.js';
import { createLink } from '../links/links.service.js';
import { createRequirement, updateRequirement, type RequirementUpdate } from '../requirements/requirements.service.js';
import type { RequirementRow } from '../requirements/requirements.table.js';
import { getSolution } from '../solutions/solutions.service.js';
import type { SolutionRow } from '../solutions/solutions.table.js';
import type { ImportSource } from './import-source.types.js';
import { FIELD_NAMES, ImportDefaults, ImportMapping, suggestMapping, summarize, validateRecords, type ValidatedRecord } from './import-mapping.js';
import type { ImportDatabase } from './imports.table.js';
import { readImportFileInThread, type ReadProgress, type StoredUpload } from './import-thread.js';

export { IMPORT_EXTENSIONS, MAX_IMPORT_ROWS, importFormatOf, readImportFile } from './import-file.js';

// Previewed files wait in the database for their commit, so the user need not upload twice: the bytes as
// uploaded, read again (in the import thread) when needed, so ten waiting 20,000-row files take no memory.
const PENDING_TTL_MS = 30 * 60 * 1000;
const PENDING_MAX = 10;

const previews = (db: Executor) => db.withTables<ImportDatabase>();

async function remember(db: Executor, file: StoredUpload, solution: SolutionRow, actor: Actor): Promise<string> {
  const now = nowIso();
  await previews(db).deleteFrom('import_previews').where('expires_at', '<', now).execute();
  const kept = await previews(db).selectFrom('import_previews').select('token').orderBy('created_at', 'desc').orderBy('token').limit(PENDING_MAX - 1).execute();
  await previews(db)
    .deleteFrom('import_previews')
    .where('token', 'not in', kept.length ? kept.map((k) => k.token) : [''])
    .execute();
  const token = randomBytes(18).toString('base64url');
  await previews(db)
    .insertInto('import_previews')
    .values({
      token,
      solution_id: solution.id,
      actor: actor.name,
      filename: file.filename,
      content: file.content,
      gzipped: file.gzipped ? 1 : 0,
      created_at: now,
      expires_at: new Date(Date.now() + PENDING_TTL_MS).toISOString(),
    })
    .execute();
  return token;
}

async function recall(db: Executor, token: string, solution: SolutionRow, actor: Actor): Promise<StoredUpload> {
  const p = await previews(db).selectFrom('import_previews').select(['solution_id', 'actor', 'filename', 'content', 'gzipped', 'expires_at']).where('token', '=', token).executeTakeFirst();
  if (!p || p.expires_at < nowIso() || p.solution_id !== solution.id || p.actor !== actor.name) {
    throw new NotFound('Forhåndsvisningen er udløbet eller findes ikke; upload filen igen');
  }
  return { content: p.content, filename: p.filename, gzipped: p.gzipped === 1 };
}

export const PreviewOptions = z.object({
  mapping: ImportMapping.optional(),
  defaults: ImportDefaults.optional(),
});

export const CommitOptions = PreviewOptions.extend({
  token: z.string().min(10).max(100).optional(),
  /** Write the valid rows and skip the rest; without it, one invalid row stops the import. */
  onlyValid: z.boolean().default(false),
});

async function importTarget(db: Executor, code: string, actor: Actor) {
  const solution = await getSolution(db, code);
  authorize(actor, 'exchange.import', solution.id);
  return solution;
}

const PREVIEW_ROWS = 20;
const MAX_MESSAGES = 500;

/**
 * What the import does with a row. A row whose id is a requirement of the solution (its own id, KY-0001, as
 * Sporbar exports it) or the id a requirement was imported under before (DOORS' or Polarion's) is that
 * requirement again: it gets a new version where title, text or attributes differ, and the links the file adds.
 * Links missing from the file are kept: an import never removes a trace to the law.
 */
export type ImportAction = 'create' | 'update' | 'unchanged';

interface Matched {
  requirement: RequirementRow;
  /** The fields that differ from the requirement as it is, as updateRequirement takes them. */
  changes: { title?: string; text?: string; kind?: string; status?: string; tenderCategory?: string | null; nonLegal?: boolean };
  newLinks: ValidatedRecord['links'];
}

export interface Plan {
  action: ImportAction;
  matched?: Matched;
}

/** Pairs each valid row with the requirement it updates, if any; a second row naming the same requirement is an error. */
async function planImport(db: Executor, solutionId: number, checked: Awaited<ReturnType<typeof validateRecords>>): Promise<Map<number, Plan>> {
  const ids = [...new Set(checked.records.filter((r) => r.valid && r.externalId && !r.externalIdShared).map((r) => r.externalId!))];
  const byHumanId = new Map<string, RequirementRow>();
  const byExternalId = new Map<string, RequirementRow>();
  for (let i = 0; i < ids.length; i += 500) {
    const batch = ids.slice(i, i + 500);
    for (const r of await db.selectFrom('requirements').selectAll().where('solution_id', '=', solutionId).where('human_id', 'in', batch).execute()) byHumanId.set(r.human_id, r);
    // An id imported before for more than one requirement (an anonymised export) names none of them.
    const earlier = await db
      .withTables<ImportDatabase>()
      .selectFrom('imported_requirements as i')
      .innerJoin('requirements as r', 'r.id', 'i.requirement_id')
      .selectAll('r')
      .select('i.external_id')
      .where('r.solution_id', '=', solutionId)
      .where('i.external_id', 'in', batch)
      .execute();
    const ambiguous = new Set<string>();
    for (const { external_id, ...r } of earlier) {
      const seen = byExternalId.get(external_id!);
      if (seen && seen.id !== r.id) ambiguous.add(external_id!);
      byExternalId.set(external_id!, r);
    }
    for (const id of ambiguous) byExternalId.delete(id);
  }
  const matchedIds = [...new Set([...byHumanId.values(), ...byExternalId.values()].map((r) => r.id))];
  const existingLinks = new Set<string>();
  for (let i = 0; i < matchedIds.length; i += 500) {
    for (const l of await db.selectFrom('trace_links').select(['requirement_id', 'source_id', 'provision_key']).where('requirement_id', 'in', matchedIds.slice(i, i + 500)).execute()) {
      existingLinks.add(`${l.requirement_id}|${l.source_id}|${l.provision_key}`);
    }
  }

  const plans = new Map<number, Plan>();
  const rowOfRequirement = new Map<number, number>();
  for (const record of checked.records) {
    if (!record.valid) continue;
    const requirement = record.externalId && !record.externalIdShared ? (byHumanId.get(record.externalId) ?? byExternalId.get(record.externalId)) : undefined;
    if (!requirement) {
      plans.set(record.row, { action: 'create' });
      continue;
    }
    const first = rowOfRequirement.get(requirement.id);
    if (first !== undefined) {
      record.valid = false;
      checked.messages.push({ row: record.row, field: 'externalId', message: `Rækken er samme krav (${requirement.human_id}) som række ${first}`, severity: 'error' });
      continue;
    }
    rowOfRequirement.set(requirement.id, record.row);
    const changes: Matched['changes'] = {};
    if (record.title !== requirement.title) changes.title = record.title;
    if (record.text !== requirement.text) changes.text = record.text;
    if (record.kind !== requirement.kind) changes.kind = record.kind;
    if (record.status !== requirement.status) changes.status = record.status;
    if (record.tenderCategory !== requirement.tender_category) changes.tenderCategory = record.tenderCategory;
    if (record.nonLegal !== (requirement.non_legal === 1)) changes.nonLegal = record.nonLegal;
    const newLinks = record.links.filter((l) => !existingLinks.has(`${requirement.id}|${l.sourceId}|${l.provisionKey}`));
    plans.set(record.row, { action: Object.keys(changes).length || newLinks.length ? 'update' : 'unchanged', matched: { requirement, changes, newLinks } });
  }
  checked.messages.sort((a, b) => a.row - b.row);
  checked.summary = summarize(checked.records, checked.messages);
  return plans;
}

function previewRow(r: ValidatedRecord, plan: Plan | undefined) {
  return {
    row: r.row,
    ref: r.ref,
    externalId: r.externalId,
    action: plan?.action ?? null,
    /** The requirement the row updates, when it is one Sporbar has. */
    humanId: plan?.matched?.requirement.human_id ?? null,
    title: r.title,
    text: r.text.length > 400 ? `${r.text.slice(0, 399)}…` : r.text,
    kind: r.kind,
    status: r.status,
    tenderCategory: r.tenderCategory,
    nonLegal: r.nonLegal,
    links: r.links.map((l) => ({ sourceId: l.sourceId, provisionKey: l.provisionKey, label: l.label })),
    valid: r.valid,
  };
}

/** What the file holds and what an import into the solution would do with it; nothing is written. */
export async function describeImport(db: Executor, solutionId: number, source: ImportSource, options: z.infer<typeof PreviewOptions>, onProgress?: (p: ReadProgress) => unknown) {
  const suggestedMapping = suggestMapping(source);
  const mapping = options.mapping ?? suggestedMapping;
  const defaults = ImportDefaults.parse(options.defaults ?? {});
  const checked = await validateRecords(db, source, mapping, defaults, (done) => onProgress?.({ phase: 'check', done, total: source.records.length }));
  const plans = await planImport(db, solutionId, checked);
  const counts = { create: 0, update: 0, unchanged: 0 };
  for (const p of plans.values()) counts[p.action]++;
  return {
    filename: source.filename,
    format: source.format,
    tool: source.tool,
    title: source.title,
    counts: { ...source.counts, links: checked.summary.links },
    columns: source.columns,
    fields: FIELD_NAMES,
    suggestedMapping,
    mapping,
    defaults,
    summary: { ...checked.summary, ...counts },
    rows: checked.records.slice(0, PREVIEW_ROWS).map((r) => previewRow(r, plans.get(r.row))),
    messages: checked.messages.slice(0, MAX_MESSAGES),
    messagesTruncated: checked.messages.length > MAX_MESSAGES,
    warnings: source.warnings,
    checked,
    plans,
  };
}

export async function previewImport(
  db: Db,
  code: string,
  file: { content: Uint8Array; filename: string } | { token: string },
  options: z.infer<typeof PreviewOptions>,
  actor: Actor,
  onProgress?: (p: ReadProgress) => unknown,
) {
  const solution = await importTarget(db, code, actor);
  const upload = 'token' in file ? await recall(db, file.token, solution, actor) : { content: file.content, filename: uploadedFileName(file.filename) };
  const { source, stored } = await readImportFileInThread(upload, onProgress);
  // Kept only once it has been read: a file that cannot be read is not kept.
  const token = 'token' in file ? file.token : await remember(db, stored, solution, actor);
  const { checked: _checked, plans: _plans, ...preview } = await describeImport(db, solution.id, source, options, onProgress);
  return { token, solution: solution.code, ...preview };
}

export interface ImportProgress {
  done: number;
  total: number;
}

/**
 * Writes the import in one transaction: every requirement through createRequirement (number, version 1, audit),
 * every trace link through createLink (confirmed against the source's newest version), and the provenance.
 */
export async function commitImport(
  db: Db,
  code: string,
  file: { content: Uint8Array; filename: string } | null,
  options: z.infer<typeof CommitOptions>,
  actor: Actor,
  onProgress?: (p: ImportProgress) => void | Promise<void>,
) {
  const solution = await importTarget(db, code, actor);
  let upload: { content: Uint8Array; filename: string; gzipped?: boolean };
  if (file) upload = { content: file.content, filename: uploadedFileName(file.filename) };
  else if (options.token) upload = await recall(db, options.token, solution, actor);
  else throw new Invalid('Upload filen eller angiv forhåndsvisningens token', [{ field: 'file', message: 'Filen mangler' }]);
  const { source } = await readImportFileInThread(upload);

  const described = await describeImport(db, solution.id, source, options);
  const { records, messages, summary } = described.checked;
  const { plans } = described;
  if (summary.invalid && !options.onlyValid) {
    const errors = messages.filter((m) => m.severity === 'error');
    throw new Invalid(
      `${summary.invalid} af ${summary.records} rækker har fejl; intet er importeret. Ret dem, eller vælg at importere kun de gyldige rækker.`,
      errors.slice(0, 50).map((m) => ({ field: `række ${m.row}: ${FIELD_NAMES[m.field as keyof typeof FIELD_NAMES] ?? m.field}`, message: m.message })),
    );
  }
  const valid = records.filter((r) => r.valid);
  if (!valid.length) throw new Invalid('Filen indeholder ingen krav, der kan importeres', [{ field: 'file', message: 'Ingen gyldige rækker' }]);

  const result = await db.transaction().execute(async (trx) => {
    const t = trx.withTables<ImportDatabase>();
    const run = await t
      .insertInto('requirement_imports')
      .values({
        solution_id: solution.id,
        filename: source.filename,
        format: source.format,
        source_tool: source.tool,
        requirement_count: valid.length,
        link_count: valid.reduce((n, r) => n + r.links.length, 0),
        skipped_count: records.length - valid.length,
        created_by: actor.name,
        created_at: nowIso(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const created: { row: number; humanId: string; externalId: string | null }[] = [];
    const updated: { row: number; humanId: string; externalId: string | null }[] = [];
    let unchanged = 0;
    let links = 0;
    let done = 0;
    for (const r of valid) {
      const plan = plans.get(r.row) ?? { action: 'create' };
      const from = `${source.filename}${r.externalId ? ` (${r.externalId})` : ''}`;
      let requirement: { id: number; humanId: string };
      let newLinks = r.links;
      if (plan.matched) {
        const { matched } = plan;
        requirement = { id: matched.requirement.id, humanId: matched.requirement.human_id };
        newLinks = matched.newLinks;
        if (Object.keys(matched.changes).length) {
          await updateRequirement(db, requirement.humanId, { version: matched.requirement.version, ...matched.changes, reason: `Opdateret fra ${from}` } as RequirementUpdate, actor, trx);
        }
        if (plan.action === 'update') updated.push({ row: r.row, humanId: requirement.humanId, externalId: r.externalId });
        else unchanged++;
      } else {
        const made = await createRequirement(
          db,
          { solution: solution.code, title: r.title, text: r.text, kind: r.kind, status: r.status, tenderCategory: r.tenderCategory, nonLegal: r.nonLegal, reason: `Importeret fra ${from}` },
          actor,
          trx,
        );
        requirement = { id: made.id, humanId: made.humanId };
        created.push({ row: r.row, humanId: made.humanId, externalId: r.externalId });
      }
      for (const l of newLinks) {
        await createLink(db, { requirement: requirement.humanId, sourceId: l.sourceId, provisionKey: l.provisionKey, rationale: l.rationale }, actor, trx);
        links++;
      }
      if (plan.action !== 'unchanged') {
        await t
          .insertInto('imported_requirements')
          .values({ import_id: run.id, requirement_id: requirement.id, external_id: r.externalId, origin: r.ref ?? `række ${r.row}` })
          .execute();
      }
      done++;
      if (onProgress && (done % 50 === 0 || done === valid.length)) await onProgress({ done, total: valid.length });
    }
    const outcome = {
      importId: run.id,
      solution: solution.code,
      filename: source.filename,
      format: source.format,
      created: created.length,
      updated: updated.length,
      unchanged,
      links,
      skipped: records.length - valid.length,
      skippedRows: records.filter((r) => !r.valid).map((r) => r.row),
    };
    await recordAudit(trx, { actor: actor.name, action: 'requirements.import', entityType: 'solution', entityId: solution.code, reason: `Import af ${source.filename}`, after: outcome });
    return { ...outcome, requirements: created, updatedRequirements: updated };
  });
  return result;
}
