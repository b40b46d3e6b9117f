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
import { createLink } from '../links/links.service.js';
import { createRequirement } from '../requirements/requirements.service.js';
import { getSolution } from '../solutions/solutions.service.js';
import type { SolutionRow } from '../solutions/solutions.table.js';
import type { ImportFormat, ImportSource } from './import-source.types.js';
import { FIELD_NAMES, ImportDefaults, ImportMapping, suggestMapping, validateRecords, type ValidatedRecord } from './import-mapping.js';
import type { ImportDatabase } from './imports.table.js';
import { parseReqif, reqifXmlOf } from './reqif-parse.js';
import { reqifToImportSource } from './reqif-import.js';

export const IMPORT_EXTENSIONS: Record<string, ImportFormat> = { '.csv': 'csv', '.xlsx': 'xlsx', '.reqif': 'reqif', '.reqifz': 'reqifz' };

export function importFormatOf(filename: string): ImportFormat | null {
  const m = /\.[^.]+$/.exec(filename.toLowerCase());
  return m ? (IMPORT_EXTENSIONS[m[0]] ?? null) : null;
}

/** Reads an uploaded file into import records, by its extension. */
export async function readImportFile(content: Uint8Array, uploadedName: string): Promise<ImportSource> {
  // The name is shown and kept with each requirement's first version: no client-side folders, no endless names.
  const filename = (uploadedName.split(/[\\/]/).pop() || 'fil').slice(0, 200);
  const format = importFormatOf(filename);
  if (!format) {
    throw new Invalid(`Filtypen kan ikke importeres: ${filename}`, [{ field: 'file', message: 'Brug .reqif, .reqifz, .xlsx eller .csv' }]);
  }
  // exceljs takes about a second to load: only when a spreadsheet arrives, not at server start.
  if (format === 'csv') return (await import('./table-import.js')).csvToImportSource(content, filename);
  if (format === 'xlsx') return (await import('./table-import.js')).xlsxToImportSource(content, filename);
  return reqifToImportSource(parseReqif(reqifXmlOf(content, filename)), filename, format);
}

// Previewed files wait here for their commit, so the user need not upload twice. In memory: a restart only
// means uploading again; a handful of files, each for half an hour at most.
const PENDING_TTL_MS = 30 * 60 * 1000;
const PENDING_MAX = 10;

interface Pending {
  source: ImportSource;
  solutionId: number;
  actorName: string;
  expires: number;
}

const pending = new Map<string, Pending>();

function remember(source: ImportSource, solution: SolutionRow, actor: Actor): string {
  const now = Date.now();
  for (const [token, p] of pending) if (p.expires < now) pending.delete(token);
  while (pending.size >= PENDING_MAX) pending.delete(pending.keys().next().value!);
  const token = randomBytes(18).toString('base64url');
  pending.set(token, { source, solutionId: solution.id, actorName: actor.name, expires: now + PENDING_TTL_MS });
  return token;
}

function recall(token: string, solution: SolutionRow, actor: Actor): ImportSource {
  const p = pending.get(token);
  if (!p || p.expires < Date.now() || p.solutionId !== solution.id || p.actorName !== actor.name) {
    throw new NotFound('Forhåndsvisningen er udløbet eller findes ikke; upload filen igen');
  }
  return p.source;
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

function previewRow(r: ValidatedRecord) {
  return {
    row: r.row,
    ref: r.ref,
    externalId: r.externalId,
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

/** What the file holds and what an import would do with it; nothing is written. */
export async function describeImport(db: Executor, source: ImportSource, options: z.infer<typeof PreviewOptions>) {
  const suggestedMapping = suggestMapping(source);
  const mapping = options.mapping ?? suggestedMapping;
  const defaults = ImportDefaults.parse(options.defaults ?? {});
  const checked = await validateRecords(db, source, mapping, defaults);
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
    summary: checked.summary,
    rows: checked.records.slice(0, PREVIEW_ROWS).map(previewRow),
    messages: checked.messages.slice(0, MAX_MESSAGES),
    messagesTruncated: checked.messages.length > MAX_MESSAGES,
    warnings: source.warnings,
    checked,
  };
}

export async function previewImport(db: Db, code: string, file: { content: Uint8Array; filename: string } | { token: string }, options: z.infer<typeof PreviewOptions>, actor: Actor) {
  const solution = await importTarget(db, code, actor);
  const source = 'token' in file ? recall(file.token, solution, actor) : await readImportFile(file.content, file.filename);
  const token = 'token' in file ? file.token : remember(source, solution, actor);
  const { checked: _checked, ...preview } = await describeImport(db, source, options);
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
  let source: ImportSource;
  if (file) source = await readImportFile(file.content, file.filename);
  else if (options.token) source = recall(options.token, solution, actor);
  else throw new Invalid('Upload filen eller angiv forhåndsvisningens token', [{ field: 'file', message: 'Filen mangler' }]);

  const described = await describeImport(db, source, options);
  const { records, messages, summary } = described.checked;
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
    let links = 0;
    for (const r of valid) {
      const reason = `Importeret fra ${source.filename}${r.externalId ? ` (${r.externalId})` : ''}`;
      const requirement = await createRequirement(
        db,
        { solution: solution.code, title: r.title, text: r.text, kind: r.kind, status: r.status, tenderCategory: r.tenderCategory, nonLegal: r.nonLegal, reason },
        actor,
        trx,
      );
      for (const l of r.links) {
        await createLink(db, { requirement: requirement.humanId, sourceId: l.sourceId, provisionKey: l.provisionKey, rationale: l.rationale }, actor, trx);
        links++;
      }
      await t
        .insertInto('imported_requirements')
        .values({ import_id: run.id, requirement_id: requirement.id, external_id: r.externalId, origin: r.ref ?? `række ${r.row}` })
        .execute();
      created.push({ row: r.row, humanId: requirement.humanId, externalId: r.externalId });
      if (onProgress && (created.length % 50 === 0 || created.length === valid.length)) await onProgress({ done: created.length, total: valid.length });
    }
    const outcome = {
      importId: run.id,
      solution: solution.code,
      filename: source.filename,
      format: source.format,
      created: created.length,
      links,
      skipped: records.length - valid.length,
      skippedRows: records.filter((r) => !r.valid).map((r) => r.row),
    };
    await recordAudit(trx, { actor: actor.name, action: 'requirements.import', entityType: 'solution', entityId: solution.code, reason: `Import af ${source.filename}`, after: outcome });
    return { ...outcome, requirements: created };
  });
  return result;
}
