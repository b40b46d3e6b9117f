// Registering an amending act the day it is published: each § of it that amends a registered act is applied to the
// version in force, provision by provision, giving a projected version ("LBK nr 920 af 22/08/2011 med LOV nr 1599 af
// 22/12/2010") that runs the whole law-change loop: suspect links exactly where the act changes the text, review,
// impact, lovvedligehold drafts whose deadline is the date in force of the changes they concern.
import { authorize, type Actor } from '../auth/permissions.js';
import type { Db, Executor } from '../db/database.js';
import { Invalid } from '../http/errors.js';
import { loadParsedVersion } from '../sources/version-diff.service.js';
import { findSourceByVersionShortName, latestVersion } from '../sources/sources.repository.js';
import { importSourceDocument, importVersionIn, type ImportOptions, type ImportResult } from '../sources/sources.service.js';
import { SourceParseError } from '../sources/errors.js';
import { keysOverlap, provisionKeyFromLabel } from '../sources/labels.js';
import type { LegalSourceRow } from '../sources/sources.table.js';
import { inForceRuleFor, readAmendingAct } from './amending-act.js';
import type { AmendingAct, AmendingSection } from './amendment.types.js';
import { consolidate, titleKey } from './consolidate.js';
import { parseInstruction } from './instructions.js';

/** The registered act a § of the amending act amends: by the consolidation its intro cites, else by the act's name. */
export async function sourceAmended(db: Executor, section: AmendingSection): Promise<LegalSourceRow | undefined> {
  const cited = section.cites ? await findSourceByVersionShortName(db, section.cites) : undefined;
  if (cited) return cited;
  const wanted = titleKey(section.actTitle);
  const popular = section.popularName?.toLowerCase() ?? null;
  const sources = await db.selectFrom('legal_sources').selectAll().execute();
  return sources.find((s) => titleKey(s.title) === wanted || (popular !== null && s.popular_title?.toLowerCase() === popular));
}

export interface AmendingActRegistration {
  act: { shortName: string; title: string; dateSigned: string | null };
  /** One projected version per registered act the amending act changes. */
  amended: (ImportResult & { section: string; applied: number; unapplied: { number: number; instruction: string; reason: string }[]; inForce: { date: string | null; text: string }[] })[];
  /** §§ of the act that amend acts Sporbar does not have. */
  notRegistered: { section: string; act: string; cites: string | null }[];
}

/** Registers an amending act: a projected version of every registered act it amends, each inside one transaction. */
export async function registerAmendingAct(db: Db, act: AmendingAct, options: { inForceFrom?: string }, user: Actor): Promise<AmendingActRegistration> {
  authorize(user, 'source.import', null);
  return db.transaction().execute((trx) => registerAmendingActIn(trx, act, options, user));
}

/** The same inside the caller's transaction (adopting a bill registers it and marks the bill in one). */
export async function registerAmendingActIn(trx: Executor, act: AmendingAct, options: { inForceFrom?: string }, user: Actor): Promise<AmendingActRegistration> {
  authorize(user, 'source.import', null);
  const out: AmendingActRegistration = { act: { shortName: act.shortName, title: act.title, dateSigned: act.dateSigned }, amended: [], notRegistered: [] };
  for (const section of act.sections) {
    const source = await sourceAmended(trx, section);
    if (!source) {
      out.notRegistered.push({ section: section.paragraph, act: section.actTitle, cites: section.cites });
      continue;
    }
    out.amended.push(await projectSection(trx, act, section, source, options, user));
  }
  if (!out.amended.length) {
    const named = out.notRegistered.map((n) => `${n.act}${n.cites ? ` (${n.cites})` : ''}`).join('; ');
    throw new Invalid(`${act.shortName} ændrer ingen retskilde, Sporbar kender: ${named}. Registrér først den gældende lovbekendtgørelse.`, [
      { field: 'file', message: 'Den ændrede lov er ikke registreret' },
    ]);
  }
  return out;
}

async function projectSection(trx: Executor, act: AmendingAct, section: AmendingSection, source: LegalSourceRow, options: { inForceFrom?: string }, user: Actor) {
  const base = await latestVersion(trx, source.id);
  if (!base) throw new Invalid(`${source.title} har ingen version at anvende ${act.shortName} på`, [{ field: 'file', message: 'Ingen gældende version' }]);
  const parsedBase = await loadParsedVersion(trx, base);
  const result = consolidate(parsedBase, [{ act, part: section.paragraph }]);
  const rules = section.changes.map((c) => ({ change: c, rule: inForceRuleFor(act, section.paragraph, c.number) }));
  const dates = rules.map((r) => r.rule?.date ?? null);
  // The projection is in force from the first date any of its changes is; a change whose date a minister sets takes the date the user gives.
  if (dates.some((d) => d === null) && !options.inForceFrom) {
    throw new Invalid(`${act.shortName} ${section.paragraph}: ministeren fastsætter tidspunktet for ikrafttrædelsen af en eller flere ændringer; angiv datoen`, [
      { field: 'inForceFrom', message: 'Angiv ikrafttrædelsesdatoen' },
    ]);
  }
  const known = dates.filter((d): d is string => d !== null);
  const inForceFrom = [...known, ...(options.inForceFrom ? [options.inForceFrom] : [])].sort()[0]!;
  const projected = { ...result.version, shortName: `${base.short_name} med ${act.shortName}`, title: base.title, accessionNumber: null, dateSigned: act.dateSigned, statement: null };
  const imported = await importVersionIn(trx, projected, { sourceId: source.id, inForceFrom }, user, { kind: 'projiceret', baseVersionId: base.id, amendingAct: act.shortName });
  await attachInstructions(trx, imported.version.id, act, section, rules, result.unapplied, options.inForceFrom ?? null);
  return {
    ...imported,
    section: section.paragraph,
    applied: result.applied,
    unapplied: result.unapplied.map((u) => ({ number: u.number, instruction: u.instruction, reason: u.reason })),
    inForce: act.inForce.map((r) => ({ date: r.date, text: r.text })),
  };
}

/**
 * Each stored change of the projection gets the instruction(s) that made it and their date in force: an instruction
 * concerns a provision when one of its targets is the provision or contains it (or lies inside it). Instructions that
 * could not be applied are stored too, with the reason, so nothing the act says is lost.
 */
async function attachInstructions(
  trx: Executor,
  versionId: number,
  act: AmendingAct,
  section: AmendingSection,
  rules: { change: AmendingSection['changes'][number]; rule: ReturnType<typeof inForceRuleFor> }[],
  unapplied: { number: number; instruction: string; reason: string }[],
  fallbackDate: string | null,
) {
  const changes = await trx.selectFrom('provision_changes').selectAll().where('version_id', '=', versionId).execute();
  const failed = new Set(unapplied.map((u) => u.number));
  const targetsOf = rules.map(({ change, rule }) => {
    const parsed = parseInstruction(change.instruction);
    const keys = parsed.ok ? parsed.instruction.targets.map((t) => provisionKeyFromLabel(t.label)).filter((k): k is string => Boolean(k)) : [];
    return { change, date: rule?.date ?? fallbackDate, keys, everywhere: parsed.ok && parsed.instruction.everywhere };
  });
  for (const row of changes) {
    const makers = targetsOf.filter((t) => !failed.has(t.change.number) && row.provision_key !== null && (t.everywhere || t.keys.some((k) => keysOverlap(k, row.provision_key!))));
    const first = makers[0];
    if (!first) continue;
    await trx
      .updateTable('provision_changes')
      .set({
        act: act.shortName,
        number: first.change.number,
        instruction: makers.map((m) => `${m.change.number}. ${m.change.instruction}`).join('\n'),
        in_force_from: makers.map((m) => m.date).filter((d): d is string => d !== null).sort()[0] ?? null,
      })
      .where('id', '=', row.id)
      .execute();
  }
  const rows = unapplied.map((u) => {
    const target = targetsOf.find((t) => t.change.number === u.number);
    return {
      version_id: versionId,
      provision_key: target?.keys[0] ?? null,
      label: null,
      change: 'unapplied',
      act: act.shortName,
      number: u.number,
      instruction: `${u.number}. ${u.instruction}`,
      reason: u.reason,
      in_force_from: target?.date ?? null,
    };
  });
  if (rows.length) await trx.insertInto('provision_changes').values(rows).execute();
}

/** A document to register: an amending act is applied to the acts it amends; anything else is a new version of its act. */
export async function registerDocument(db: Db, content: string | Buffer, filename: string | undefined, options: ImportOptions, user: Actor) {
  authorize(user, 'source.import', null);
  if (isAmendingAct(content)) {
    let act: AmendingAct;
    try {
      act = readAmendingAct(content);
    } catch (err) {
      if (err instanceof SourceParseError) throw new Invalid(`Ændringsloven kan ikke læses: ${err.message}`, [{ field: 'file', message: err.message }]);
      throw err;
    }
    return { kind: 'amending-act' as const, ...(await registerAmendingAct(db, act, { inForceFrom: options.inForceFrom }, user)) };
  }
  return { kind: 'version' as const, ...(await importSourceDocument(db, content, filename, options, user)) };
}

/** LexDania with a § that amends another act ("I lov om …, foretages følgende ændringer:"). */
function isAmendingAct(content: string | Buffer): boolean {
  const head = typeof content === 'string' ? content : content.toString('utf8');
  return head.includes('<AendringCentreretParagraf') || /<DocumentType>\s*LOV Æ/.test(head.slice(0, 4000));
}
