// Applying by hand what Sporbar could not, on the demo data: LOV 300/2016 § 1 changes »ansøgeren« to »personen« in
// § 11, stk. 3-5 of the act on aktiv socialpolitik, but the LBK in force (806/2015) has no stk. 3-5 (LOV 1000/2015,
// not registered, inserted them), so none of its three instructions applies. The kravredaktør applies nr. 1 by hand,
// inserting § 11, stk. 3 as LBK 468/2016 prints it, with a note; corrects § 11, stk. 1 by hand; repeals § 81; and the
// links, the review cards, the stored changes, the diff and the audit trail follow as for a change the act made.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loadDemoDataIfEmpty } from '../../fixtures/demo.js';
import { openMemoryDatabase, type OpenedDatabase } from '../db/database.js';
import { createApp } from '../http/app.js';
import { loginAs, type Caller } from '../../test/support/api.js';

const SHARED = path.resolve(__dirname, '../../../shared/data');
const read = (rel: string) => fs.readFileSync(path.join(SHARED, rel), 'utf8');

/** § 11, stk. 3 and stk. 1 as LBK 468/2016 prints them (LOV 1000/2015 and LOV 300/2016 applied). */
const STK_3 =
  'Retten til uddannelseshjælp eller kontanthjælp er tillige betinget af, at personen lovligt har opholdt sig her i riget i sammenlagt 7 år inden for de seneste 8 år, jf. dog stk. 4.';
const STK_1 =
  'Kommunen yder hjælp i form af integrationsydelse, uddannelseshjælp, kontanthjælp, tilbud efter lov om en aktiv beskæftigelsesindsats og tilbud i medfør af integrationsprogrammet efter integrationsloven.';
const NOTE = 'Stk. 3 blev indsat ved LOV nr 1000 af 30/08/2015, som Sporbar ikke har; teksten er fra LBK nr 468 af 18/05/2016.';

let opened: OpenedDatabase;
let redaktoer: Caller;
let faggruppe: Caller;
let akt: number;
let baseId: number;
let projectedId: number;

/** Status of each link to the act, by requirement title and provision key. */
const linkStates = async () =>
  Object.fromEntries(
    (
      await opened.db
        .selectFrom('trace_links as l')
        .innerJoin('requirements as r', 'r.id', 'l.requirement_id')
        .select(['r.title', 'l.provision_key', 'l.status'])
        .where('l.source_id', '=', akt)
        .execute()
    ).map((l) => [`${l.title} ${l.provision_key}`, l.status]),
  );
const provisionsOf = async (versionId: number) => (await redaktoer('GET', `/api/versions/${versionId}`)).json.provisions as { key: string; label: string; text: string; repealed: boolean }[];
const apply = (body: unknown, who: Caller = redaktoer, versionId = projectedId) => who('POST', `/api/versions/${versionId}/manual-changes`, body);
const fieldsOf = (res: { json: any }) => (res.json.error.fields ?? []).map((f: { field: string }) => f.field);

beforeAll(async () => {
  opened = await openMemoryDatabase();
  await loadDemoDataIfEmpty(opened.db);
  const app = createApp({ db: opened.db });
  redaktoer = await loginAs(app, 'kravredaktoer', DEMO_PASSWORD);
  faggruppe = await loginAs(app, 'faggruppe', DEMO_PASSWORD);
  akt = (await opened.db.selectFrom('legal_sources').select('id').where('popular_title', '=', 'aktivloven').executeTakeFirstOrThrow()).id;
  baseId = (await redaktoer('GET', `/api/sources/${akt}`)).json.versions.at(-1).id;
  // A requirement that rests on the whole of § 11 (the demo has one on § 11, stk. 1 and one on § 81).
  const requirement = (await opened.db.selectFrom('requirements').select('human_id').where('title', '=', 'Betingelser for kontanthjælp').executeTakeFirstOrThrow()).human_id;
  const link = await redaktoer('POST', '/api/links', { requirement, sourceId: akt, provisionKey: 'p11', rationale: 'Betingelserne for hjælpen.' });
  expect(link.status, JSON.stringify(link.json)).toBe(201);
}, 120_000);

afterAll(async () => {
  await opened.db.destroy();
});

describe('an instruction Sporbar could not apply, applied by hand', () => {
  it('registers LOV 300/2016 with all three of its changes to § 11 listed as not applied, each with its reason', async () => {
    const before = await linkStates();
    const res = await redaktoer('POST', '/api/sources/import', { content: read('amending-acts/LOV-2016-300.xml') });
    expect(res.status, JSON.stringify(res.json).slice(0, 500)).toBe(201);
    const amended = res.json.amended.find((a: any) => a.source.id === akt);
    expect(amended.unapplied.map((u: any) => u.number)).toEqual([1, 2, 3]);
    projectedId = amended.version.id;
    expect(await linkStates()).toEqual(before);

    // Diffed once now, so the diff kept in memory must be forgotten when the projection is corrected.
    expect((await redaktoer('GET', `/api/sources/${akt}/diff?from=${baseId}&to=${projectedId}`)).json.changes).toEqual([]);
    const listed = (await redaktoer('GET', `/api/versions/${projectedId}/instructions`)).json;
    expect(listed.unapplied).toHaveLength(3);
    expect(listed.unapplied[0]).toMatchObject({ number: 1, label: '§ 11, stk. 3', inForceFrom: '2016-04-01', appliedByHand: null });
    expect(listed.unapplied[0].instruction).toContain('Fire steder i § 11, stk. 3, ændres »ansøgeren« til: »personen«');
    expect(listed.unapplied[0].reason).toMatch(/stk\. 3 findes ikke/);
    expect(listed.manual).toEqual([]);
  });

  it('refuses a user who may not register versions, and changes nothing', async () => {
    const before = await provisionsOf(projectedId);
    const res = await apply({ instruction: 1, provision: '§ 11, stk. 3', text: STK_3, note: NOTE }, faggruppe);
    expect(res.status).toBe(403);
    expect(res.json.error.message).toMatch(/rettighed/);
    expect(await provisionsOf(projectedId)).toEqual(before);
  });

  it('refuses bad input with a Danish message naming the field, and changes nothing', async () => {
    const before = { provisions: await provisionsOf(projectedId), links: await linkStates() };
    const cases: [unknown, string, number, number?][] = [
      [{ instruction: 1, provision: '§ 11, stk. 3', text: STK_3, note: '  ' }, 'note', 400],
      [{ instruction: 1, provision: 'stykket om ophold', text: STK_3, note: NOTE }, 'provision', 400],
      [{ instruction: 1, provision: '§ 11, stk. 6, nr. 2', text: STK_3, note: NOTE }, 'provision', 400],
      [{ instruction: 9, provision: '§ 11, stk. 3', text: STK_3, note: NOTE }, 'instruction', 400],
      [{ instruction: 1, provision: '§ 11, stk. 3', note: NOTE }, 'text', 400],
      [{ provision: '§ 11, stk. 1', text: `  ${(await provisionsOf(projectedId)).find((p) => p.key === 'p11.s1')!.text} `, note: NOTE }, 'text', 400],
      [{ provision: '§ 999', repeal: true, note: NOTE }, 'provision', 400],
      // The consolidation in force is the official text: only a projection is corrected by hand.
      [{ provision: '§ 11, stk. 1', text: STK_1, note: NOTE }, 'id', 409, baseId],
    ];
    for (const [body, field, status, versionId] of cases) {
      const res = await apply(body, redaktoer, versionId);
      expect(res.status, JSON.stringify(res.json)).toBe(status);
      expect(fieldsOf(res), JSON.stringify(res.json)).toContain(field);
      expect(res.json.error.message).toMatch(/[æøå]|findes|bestemmelse|Ugyldige/i);
    }
    expect(await provisionsOf(projectedId)).toEqual(before.provisions);
    expect(await linkStates()).toEqual(before.links);
  });

  it('inserts § 11, stk. 3 by hand for instruction nr. 1: the text in place, the link to § 11 suspect, the note on its review card', async () => {
    const before = await linkStates();
    const res = await apply({ instruction: 1, provision: '§ 11, stk. 3', text: STK_3, note: NOTE });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(res.json.change).toMatchObject({ change: 'added', label: '§ 11, stk. 3', number: 1, oldText: null, newText: STK_3, note: NOTE, by: 'kravredaktoer', byName: 'Kirsten Kravredaktør' });
    expect(res.json.links).toEqual({ suspect: 1, broken: 0 });

    // In document order: after § 11, stk. 2, nr. 3, before § 12.
    const provisions = await provisionsOf(projectedId);
    const at = provisions.findIndex((p) => p.key === 'p11.s3');
    expect(provisions[at]).toMatchObject({ label: '§ 11, stk. 3', text: STK_3 });
    expect(provisions[at - 1]!.key).toBe('p11.s2.n3');
    expect(provisions[at + 1]!.key).toBe('p12');
    expect((await redaktoer('GET', `/api/versions/${projectedId}`)).json.version.provisionCount).toBe(provisions.length);

    // Only the link to § 11 as a whole turns suspect; § 11, stk. 1 reads as before.
    const after = await linkStates();
    for (const [link, status] of Object.entries(after)) expect(status, link).toBe(link.endsWith(' p11') ? 'suspect' : before[link]);

    const card = (await redaktoer('GET', `/api/review?sourceId=${akt}`)).json.items.find((c: any) => c.provisionKey === 'p11');
    expect(card.new.text).toContain(STK_3);
    expect(card.old.text).not.toContain(STK_3);
    // The card for § 11 shows every instruction about it: nr. 1 applied by hand with the note, nr. 2 and 3 still not applied.
    expect(card.instructions.map((i: any) => i.text.slice(0, 2))).toEqual(['1.', '2.', '3.']);
    expect(card.instructions[0]).toMatchObject({ act: 'LOV nr 300 af 22/03/2016', inForceFrom: '2016-04-01', byHand: { by: 'Kirsten Kravredaktør', note: NOTE }, notApplied: null });
    expect(card.instructions[0].text).toMatch(/^1\. Fire steder i § 11, stk\. 3/);
    expect(card.instructions[1]).toMatchObject({ byHand: null, notApplied: expect.stringMatching(/stk\. 4 findes ikke/) });

    const listed = (await redaktoer('GET', `/api/versions/${projectedId}/instructions`)).json;
    expect(listed.unapplied[0].appliedByHand).toMatchObject({ byName: 'Kirsten Kravredaktør', note: NOTE, label: '§ 11, stk. 3' });
    expect(listed.unapplied.slice(1).map((u: any) => u.appliedByHand)).toEqual([null, null]);

    const diff = (await redaktoer('GET', `/api/sources/${akt}/diff?from=${baseId}&to=${projectedId}`)).json.changes;
    expect(diff.map((c: any) => [c.kind, c.label])).toContainEqual(['added', '§ 11, stk. 3']);

    const audit = (await redaktoer('GET', `/api/audit?entityType=source_version&entityId=${projectedId}`)).json.items[0];
    expect(audit).toMatchObject({ action: 'provision.apply_by_hand', reason: NOTE });
    expect(audit.before).toMatchObject({ provisionKey: 'p11.s3', text: null });
    expect(audit.after).toMatchObject({ provisionKey: 'p11.s3', text: STK_3, change: 'added', instruction: { number: 1 } });
  });

  it('refuses to apply the same instruction twice', async () => {
    const res = await apply({ instruction: 1, provision: '§ 11, stk. 3', text: `${STK_3} Igen.`, note: NOTE });
    expect(res.status).toBe(409);
    expect(fieldsOf(res)).toEqual(['instruction']);
    expect(res.json.error.message).toContain('allerede anvendt i hånden af kravredaktoer');
  });

  it('corrects § 11, stk. 1 by hand without an instruction, refusing a stale form first', async () => {
    const current = (await provisionsOf(projectedId)).find((p) => p.key === 'p11.s1')!.text;
    const stale = await apply({ provision: '§ 11, stk. 1', text: STK_1, note: 'Integrationsydelsen', expectedText: 'En ældre tekst.' });
    expect(stale.status).toBe(409);
    expect(fieldsOf(stale)).toEqual(['text']);

    const res = await apply({ provision: 'p11.s1', text: STK_1, note: 'Integrationsydelsen kom med LOV 1000/2015.', expectedText: current });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(res.json.change).toMatchObject({ change: 'changed', number: null, instruction: null, oldText: current, newText: STK_1 });
    expect((await linkStates())['Ydelsestyper p11.s1']).toBe('suspect');
    const card = (await redaktoer('GET', `/api/review?sourceId=${akt}`)).json.items.find((c: any) => c.provisionKey === 'p11.s1');
    expect(card.note).toContain('ændret i hånden');
    expect(card.instructions).toEqual([expect.objectContaining({ text: '', byHand: { by: 'Kirsten Kravredaktør', note: 'Integrationsydelsen kom med LOV 1000/2015.' } })]);
    const audit = (await redaktoer('GET', `/api/audit?entityType=source_version&entityId=${projectedId}`)).json.items[0];
    expect(audit).toMatchObject({ action: 'provision.correct_by_hand', before: { text: current }, after: { text: STK_1 } });
  });

  it('repeals § 81 by hand: the provision reads (Ophævet) and its link is broken', async () => {
    const res = await apply({ provision: '§ 81', repeal: true, note: 'Prøve af en ophævelse i hånden.' });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(res.json.change).toMatchObject({ change: 'removed', newText: '(Ophævet)' });
    expect(res.json.provision).toMatchObject({ key: 'p81', repealed: true });
    expect(res.json.links).toEqual({ suspect: 0, broken: 1 });
    expect((await linkStates())['Enkeltudgifter p81']).toBe('broken');
  });

  it('withdrawing the projection puts every link back, and a withdrawn projection is not corrected', async () => {
    const withdrawn = await redaktoer('POST', `/api/versions/${projectedId}/withdraw`, { reason: 'Prøve' });
    expect(withdrawn.status, JSON.stringify(withdrawn.json)).toBe(200);
    expect(Object.values(await linkStates()).every((s) => s === 'current')).toBe(true);
    const res = await apply({ instruction: 2, provision: '§ 11, stk. 4', text: 'Kravet gælder ikke for EU-/EØS-borgere.', note: NOTE });
    expect(res.status).toBe(409);
    expect(fieldsOf(res)).toEqual(['id']);
    expect(res.json.error.message).toContain('tilbagekaldt');
  });
});
