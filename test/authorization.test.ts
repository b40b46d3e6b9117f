// The authorization matrices, generated from the route table. Writes: every write route, and every read that needs
// a permission, × every role (and no session), with the expected answer derived from the route's declared access
// and the permission table. Reads: every read route × every role × own solution (KY, where the roles are held) and
// a foreign one (KSD, whose objects carry a marker that must never reach a user without a role there).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoDataIfEmpty } from '../fixtures/demo.js';
import { createUser } from '../server/auth/auth.service.js';
import { billWhatIf, createBill } from '../server/law-change/bills.service.js';
import { ROLES, can, systemActor, type Actor, type Role } from '../server/auth/permissions.js';
import { getChangeRequest, insertChangeRequest } from '../server/change-requests/change-requests.service.js';
import { MACHINES } from '../server/change-requests/lifecycle.js';
import { openMemoryDatabase, type OpenedDatabase } from '../server/db/database.js';
import { createApp } from '../server/http/app.js';
import { routeTable, type RouteDoc } from '../server/http/validation.js';
import { createLink } from '../server/links/links.service.js';
import { createBaseline } from '../server/baselines/baselines.service.js';
import { createRequirement } from '../server/requirements/requirements.service.js';
import { diffStoredVersions } from '../server/sources/version-diff.service.js';
import { addItems, createSession, requireSession, reveal } from '../server/sessions/sessions.service.js';
import { getSolution } from '../server/solutions/solutions.service.js';
import { importSourceDocument, importVersionIn } from '../server/sources/sources.service.js';
import { parseSourceText } from '../server/sources/parse-source.js';
import { anonymous, loginAs, type Caller } from './support/api.js';

let opened: OpenedDatabase;
let app: ReturnType<typeof createApp>;
const callers = new Map<Role | 'anonym', Caller>();
const system = systemActor('matrix');
let ky: number;
let ksd: number;
let sygSource: number;
let sygVersion: number;
let seq = 0;

beforeAll(async () => {
  opened = await openMemoryDatabase();
  await loadDemoDataIfEmpty(opened.db);
  app = createApp({ db: opened.db });
  ky = (await opened.db.selectFrom('solutions').select('id').where('code', '=', 'KY').executeTakeFirstOrThrow()).id;
  ksd = (await opened.db.selectFrom('solutions').select('id').where('code', '=', 'KSD').executeTakeFirstOrThrow()).id;
  const syg = await opened.db.selectFrom('legal_sources').select('id').where('popular_title', '=', 'sygedagpengeloven').executeTakeFirstOrThrow();
  sygSource = syg.id;
  sygVersion = (await opened.db.selectFrom('source_versions').select('id').where('source_id', '=', syg.id).orderBy('in_force_from', 'desc').executeTakeFirstOrThrow()).id;
  for (const role of ROLES) {
    await createUser(opened.db, { username: `m-${role}`, displayName: role, password: 'matrix-adgang', roles: [{ role, solution: role === 'admin' ? null : 'KY' }] }, system);
    callers.set(role, await loginAs(app, `m-${role}`, 'matrix-adgang'));
  }
  callers.set('anonym', anonymous(app));
}, 180_000);

afterAll(async () => {
  await opened.db.destroy();
});

const unique = () => `${Date.now().toString(36)}${seq++}`;
const freshRequirement = async () =>
  (await createRequirement(opened.db, { solution: 'KY', title: `Matrixkrav ${unique()}`, text: 'Løsningen skal kunne det.', kind: 'regel', status: 'udkast', nonLegal: false }, system)).humanId;
const freshLink = async () => (await createLink(opened.db, { requirement: await freshRequirement(), sourceId: sygSource, provisionKey: 'p7', rationale: '' }, system)).id;
const freshChangeRequest = async (cls: 'teknisk' | 'videreudvikling' = 'teknisk', status = 'oprettet') =>
  (
    await insertChangeRequest(
      opened.db,
      { solutionId: ky, solutionCode: 'KY', class: cls, title: `Matrix ${unique()}`, description: '', proposer: 'test', status, requirementIds: [], provisions: [] },
      'matrix',
      'test',
    )
  ).humanId;

/** A session of KY with one agenda item, whose participants include the roles that may assess. */
const freshSession = async (revealed = false) => {
  const participants = [
    { username: 'm-projektleder', role: 'formand' as const },
    { username: 'm-faggruppe', role: 'faggruppe' as const },
    { username: 'm-admin', role: 'faggruppe' as const },
  ];
  const input = { solution: 'KY', title: `Matrixmøde ${unique()}`, date: '2027-01-10', periodEnd: '2027-06-30', budgetAmount: 100, budgetUnit: 'timer' as const, participants };
  const session = await createSession(opened.db, input, system);
  const withItem = await addItems(opened.db, session.id, { changeRequests: [await freshChangeRequest()] }, system);
  if (revealed) await reveal(opened.db, session.id, {}, system);
  return { id: session.id, itemId: withItem.items[0].id };
};

/** LOV 1599/2010's text serves as a bill in høring (bills have the same form); each fresh one gets its own number. */
const BILL_XML = fs.readFileSync(path.resolve(__dirname, '../../shared/data/lexdania/sygedagpengeloven/LOV-2010-1599.xml'), 'utf8');
const freshBill = async () => (await createBill(opened.db, { number: `L ${1000 + seq++}`, session: '2010-11', status: 'fremsat', content: BILL_XML }, system)).id;
/** A KY requirement the bill would affect, to comment on. */
const affectedKyRequirement = async (billId: number) =>
  (await billWhatIf(opened.db, billId, system)).acts.flatMap((a) => a.solutions).find((s) => s.code === 'KY')!.requirements[0]!.humanId;

/** A one-requirement CSV as a multipart upload, for the import routes. */
const csvUpload = () => {
  const form = new FormData();
  form.append('file', new Blob([`Titel;Tekst\nMatrixkrav ${unique()};Løsningen skal kunne det.\n`]), 'krav.csv');
  return form;
};

interface Example {
  params?: Record<string, string | number>;
  query?: string;
  body?: unknown;
}

/** A valid call of each write route, on fresh objects of solution KY. A new write route needs one here. */
const examples: Record<string, () => Promise<Example>> = {
  'post /api/solutions': async () => ({ body: { code: `M${seq++}`, name: 'Matrixløsning' } }),
  'patch /api/solutions/{code}': async () => ({ params: { code: 'KY' }, body: { version: (await getSolution(opened.db, 'KY')).version, description: 'Rettet beskrivelse' } }),
  'post /api/sources/import': async () => {
    const n = unique();
    return { body: { content: `Lov om matrix ${n}\n§ 1. Kommunen fører tilsyn.`, title: `Lov om matrix ${n}`, shortName: `LOV nr ${seq} af 01/01/2020`, inForceFrom: '2020-01-01' } };
  },
  'post /api/versions/{id}/withdraw': async () => {
    const n = unique();
    const content = `Lov om tilbagekald ${n}\n§ 1. Kommunen fører tilsyn.`;
    const imported = await importSourceDocument(opened.db, content, undefined, { title: `Lov om tilbagekald ${n}`, shortName: `LOV nr ${seq} af 01/01/2021`, inForceFrom: '2021-01-01' }, system);
    return { params: { id: imported.version.id }, body: { reason: 'Fejlregistreret' } };
  },
  'post /api/versions/{id}/manual-changes': async () => {
    // A fresh act with a projection of it (as an amending act gives), whose § 1 is corrected by hand.
    const n = unique();
    const content = `Lov om projektion ${n}\n§ 1. Kommunen fører tilsyn.`;
    const base = await importSourceDocument(opened.db, content, undefined, { title: `Lov om projektion ${n}`, shortName: `LOV nr ${seq} af 01/01/2021`, inForceFrom: '2021-01-01' }, system);
    const projected = await importVersionIn(opened.db, parseSourceText(content), { sourceId: base.source.id, title: `Lov om projektion ${n}`, shortName: `Projektion ${n}`, inForceFrom: '2021-07-01' }, system, {
      kind: 'projiceret',
      baseVersionId: base.version.id,
      amendingAct: `LOV nr ${seq} af 01/06/2021`,
    });
    return { params: { id: projected.version.id }, body: { provision: '§ 1', text: 'Kommunen fører tilsyn og fører bog.', note: 'Rettet i hånden' } };
  },
  'post /api/bills': async () => ({ body: { number: `L ${1000 + seq++}`, session: '2010-11', content: BILL_XML } }),
  'patch /api/bills/{id}': async () => ({ params: { id: await freshBill() }, body: { version: 1, status: '1. behandling' } }),
  'post /api/bills/{id}/comments': async () => {
    const id = await freshBill();
    return { params: { id }, body: { requirement: await affectedKyRequirement(id), text: 'Berører vores beregning' } };
  },
  'post /api/bills/{id}/adopt': async () => ({ params: { id: await freshBill() }, body: { shortName: `LOV nr ${2000 + seq++} af 22/12/2010` } }),
  'post /api/requirements': async () => ({ body: { solution: 'KY', title: 'Nyt krav', text: 'Løsningen skal.', kind: 'regel' } }),
  'post /api/solutions/{code}/baselines': async () => ({ params: { code: 'KY' }, body: { name: `Matrixbaseline ${unique()}` } }),
  'post /api/solutions/{code}/import/preview': async () => ({ params: { code: 'KY' }, body: csvUpload() }),
  'post /api/solutions/{code}/import/commit': async () => ({ params: { code: 'KY' }, body: csvUpload() }),
  'put /api/requirements/{humanId}': async () => ({ params: { humanId: await freshRequirement() }, body: { version: 1, text: 'Ændret tekst.', reason: 'Test' } }),
  'post /api/links': async () => ({ body: { requirement: await freshRequirement(), sourceId: sygSource, provisionKey: 'p8', rationale: 'Test' } }),
  'delete /api/links/{id}': async () => ({ params: { id: await freshLink() }, query: 'reason=Test' }),
  'post /api/links/{id}/confirm': async () => ({ params: { id: await freshLink() }, body: { reason: 'Holder stadig' } }),
  'post /api/links/{id}/revise': async () => ({ params: { id: await freshLink() }, body: { version: 1, text: 'Rettet krav.', reason: 'Lovændring' } }),
  'post /api/links/{id}/move': async () => ({ params: { id: await freshLink() }, body: { provisionKey: 'p8', reason: 'Bedre hjemmel' } }),
  'post /api/review/requirements/{humanId}/confirm-unchanged': async () => {
    // A suspect link confirmed against the version before, on a provision that reads the same in the newest: safe.
    const humanId = await freshRequirement();
    const id = (await createLink(opened.db, { requirement: humanId, sourceId: sygSource, provisionKey: unchangedKey, rationale: '' }, system)).id;
    await opened.db.updateTable('trace_links').set({ status: 'suspect', confirmed_version_id: previousSygVersion, flagged_version_id: sygVersion }).where('id', '=', id).execute();
    return { params: { humanId }, body: {} };
  },
  'post /api/versions/{id}/lovvedligehold': async () => ({ params: { id: sygVersion } }),
  'post /api/change-requests': async () => ({ body: { solution: 'KY', class: 'teknisk', title: 'Sikkerhedsopdatering', proposer: 'Leverandøren' } }),
  'patch /api/change-requests/{humanId}': async () => {
    const humanId = await freshChangeRequest();
    return { params: { humanId }, body: { version: (await getChangeRequest(opened.db, humanId, system)).version, title: 'Ny titel' } };
  },
  'post /api/change-requests/{humanId}/transitions': async () => ({ params: { humanId: await freshChangeRequest('videreudvikling', 'anbefalet') }, body: { action: 'godkend', reason: 'Godkendt' } }),
  'post /api/change-requests/{humanId}/class': async () => ({ params: { humanId: await freshChangeRequest() }, body: { class: 'behovsaendring', reason: 'Lille ændring' } }),
  'post /api/change-requests/{humanId}/comments': async () => ({ params: { humanId: await freshChangeRequest() }, body: { text: 'En kommentar' } }),
  'post /api/change-requests/{humanId}/attachments': async () => ({ params: { humanId: await freshChangeRequest() }, body: { title: 'Notat', url: 'https://example.org/notat' } }),
  'post /api/sessions': async () => ({ body: { solution: 'KY', title: 'Faggruppemøde', date: '2027-01-10', periodEnd: '2027-06-30', budgetAmount: 100, budgetUnit: 'timer' } }),
  'patch /api/sessions/{id}': async () => {
    const { id } = await freshSession();
    return { params: { id }, body: { version: (await requireSession(opened.db, id)).version, budgetAmount: 120, reason: 'Ny ramme' } };
  },
  'put /api/sessions/{id}/participants': async () => ({ params: { id: (await freshSession()).id }, body: { participants: [{ username: 'm-faggruppe', role: 'faggruppe' }] } }),
  'post /api/sessions/{id}/items': async () => ({ params: { id: (await freshSession()).id }, body: { changeRequests: [await freshChangeRequest()] } }),
  'put /api/sessions/{id}/agenda-order': async () => {
    const s = await freshSession();
    return { params: { id: s.id }, body: { itemIds: [s.itemId] } };
  },
  'delete /api/sessions/{id}/items/{itemId}': async () => ({ params: await freshSession(), query: 'reason=Test' }),
  'put /api/sessions/{id}/items/{itemId}/assessment': async () => ({ params: await freshSession(), body: { moscow: 'should', businessValue: 5, timeCriticality: 3, riskReduction: 2 } }),
  'post /api/sessions/{id}/reveal': async () => ({ params: { id: (await freshSession()).id }, body: {} }),
  'put /api/sessions/{id}/items/{itemId}/override': async () => ({ params: await freshSession(true), body: { position: 1, reason: 'Formandens valg' } }),
  'patch /api/sessions/{id}/items/{itemId}': async () => ({ params: await freshSession(), body: { tilStyregruppen: true } }),
  'put /api/sessions/{id}/items/{itemId}/recommendation': async () => ({ params: await freshSession(true), body: { recommendation: 'anbefales', reason: 'Inden for rammen' } }),
  'post /api/sessions/{id}/transitions': async () => ({ params: { id: (await freshSession()).id }, body: { action: 'afhold' } }),
  'post /api/users': async () => ({ body: { username: `ny-${unique()}`, displayName: 'Ny', password: 'lang-nok-kode', roles: [] } }),
  'get /api/users': async () => ({}),
  'patch /api/users/{username}': async () => {
    const username = `maal-${unique()}`;
    await createUser(opened.db, { username, displayName: 'Mål', password: 'lang-nok-kode', roles: [] }, system);
    return { params: { username }, body: { displayName: 'Nyt navn' } };
  },
};

const actorFor = (role: Role): Actor => ({ name: role, userId: null, roles: [{ role, solutionId: role === 'admin' ? null : ky }] });

/** What a role should get: 'denied' (403) or 'allowed' (2xx). */
function expectation(route: RouteDoc, role: Role): 'allowed' | 'denied' {
  const access = route.access ?? { rule: 'read' as const };
  if ('permission' in access) return can(actorFor(role), access.permission, ky) ? 'allowed' : 'denied';
  if ('roles' in access) return role === 'admin' || access.roles.includes(role) ? 'allowed' : 'denied';
  if (access.rule === 'lifecycle') {
    const godkend = MACHINES.videreudvikling.transitions.find((t) => t.action === 'godkend')!;
    return godkend.roles.includes(role) ? 'allowed' : 'denied';
  }
  return 'allowed';
}

// Every write route, and every read that needs more than a role (GET /api/users: admins only).
const matrixRoutes = routeTable.filter((r) => r.access && ('permission' in r.access || (r.method !== 'get' && 'rule' in r.access && r.access.rule !== 'public')));

describe('the route table', () => {
  it('declares who may call every write route, and the matrix has a valid example of each', () => {
    const writes = routeTable.filter((r) => r.method !== 'get');
    expect(writes.filter((r) => !r.access).map((r) => `${r.method} ${r.path}`)).toEqual([]);
    expect(matrixRoutes.filter((r) => !examples[`${r.method} ${r.path}`]).map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });
});

describe.each(matrixRoutes.map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const))('%s', (_name, route) => {
  const call = async (who: Role | 'anonym') => {
    const ex = await examples[`${route.method} ${route.path}`]();
    const url = route.path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(String(ex.params?.[name]))) + (ex.query ? `?${ex.query}` : '');
    return callers.get(who)!(route.method.toUpperCase(), url, ex.body);
  };

  it('answers 401 without a session', async () => {
    expect((await call('anonym')).status).toBe(401);
  });

  it.each([...ROLES])('as %s', async (role) => {
    const res = await call(role);
    if (expectation(route, role) === 'denied') {
      expect(res.status, JSON.stringify(res.json)).toBe(403);
    } else {
      expect(res.status, JSON.stringify(res.json)).toBeGreaterThanOrEqual(200);
      expect(res.status, JSON.stringify(res.json)).toBeLessThan(300);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Reads.

/** Carried by every object planted in KSD: a user without a role in KSD must never see it. */
const MARK = 'HEMMELIGT-KSD-BUD';
/** Foreign content in a response: the marker, a KSD requirement or change request id, or KSD as a key (counts per solution). */
const FOREIGN = new RegExp(`${MARK}|KSD-|"KSD"\\s*:`);

interface Planted {
  requirement: string;
  changeRequest: string;
  session: number;
  baseline: number;
}
const own = {} as Planted;
const foreign = {} as Planted;

const todayPlus = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** A requirement linked to sygedagpengeloven, a change request with a deadline and an estimate, a session with it on the agenda, a baseline. */
async function plant(code: 'KY' | 'KSD', solutionId: number, mark: string): Promise<Planted> {
  const req = await createRequirement(opened.db, { solution: code, title: `${mark} krav`, text: `${mark} tekst.`, kind: 'regel', status: 'udkast', nonLegal: false }, system);
  const link = await createLink(opened.db, { requirement: req.humanId, sourceId: sygSource, provisionKey: 'p7', rationale: mark }, system);
  // Flagged by the law change, so the review queue and its counts have it.
  await opened.db.updateTable('trace_links').set({ status: 'suspect', flagged_version_id: sygVersion }).where('id', '=', link.id).execute();
  // Confirmed against the version before, on a provision the newest version changed: the impact page shows it.
  await opened.db
    .insertInto('trace_links')
    .values({ ...(await opened.db.selectFrom('trace_links').selectAll().where('id', '=', link.id).executeTakeFirstOrThrow()), id: undefined, provision_key: changedKey, confirmed_key: changedKey, confirmed_version_id: previousSygVersion, status: 'current', flagged_version_id: null })
    .execute();
  const cr = await insertChangeRequest(
    opened.db,
    {
      solutionId, solutionCode: code, class: 'lovvedligehold', title: `${mark} forslag`, description: `${mark}: tilbud 1.250.000 kr.`, proposer: 'test',
      status: 'oprettet', deadline: todayPlus(10), requirementIds: [req.id], provisions: [],
    },
    'matrix',
    'test',
  );
  await opened.db.updateTable('change_requests').set({ estimate_dkk: 1_250_000 }).where('id', '=', cr.id).execute();
  const session = await createSession(opened.db, { solution: code, title: `${mark} møde`, date: todayPlus(20), periodEnd: todayPlus(200), budgetAmount: 100, budgetUnit: 'timer', participants: [] }, system);
  await addItems(opened.db, session.id, { changeRequests: [cr.humanId] }, system);
  await reveal(opened.db, session.id, {}, system);
  const baseline = await createBaseline(opened.db, code, { name: `${mark} baseline`, description: '' }, system);
  return { requirement: req.humanId, changeRequest: cr.humanId, session: session.id, baseline: baseline.id };
}

let previousSygVersion: number;
let changedKey: string;
/** A provision of sygedagpengeloven that reads the same in its newest version as in the one before. */
let unchangedKey: string;
/** A bill whose what-if touches requirements of both KY and KSD. */
let readBill: number;

beforeAll(async () => {
  previousSygVersion = (await opened.db.selectFrom('source_versions').select('id').where('source_id', '=', sygSource).where('id', '!=', sygVersion).orderBy('in_force_from', 'desc').executeTakeFirstOrThrow()).id;
  const { diff } = await diffStoredVersions(opened.db, previousSygVersion, sygVersion);
  changedKey = diff.changes.find((c) => c.kind === 'changed' && c.substantive)!.key;
  unchangedKey = (
    await opened.db
      .selectFrom('provisions as a')
      .innerJoin('provisions as b', (j) => j.onRef('b.key', '=', 'a.key').on('b.version_id', '=', sygVersion))
      .select('a.key')
      .where('a.version_id', '=', previousSygVersion)
      .whereRef('a.fingerprint', '=', 'b.fingerprint')
      .where('a.kind', '=', 'paragraf')
      .executeTakeFirstOrThrow()
  ).key;
  Object.assign(own, await plant('KY', ky, 'Egen'));
  Object.assign(foreign, await plant('KSD', ksd, MARK));
  await opened.db.updateTable('solutions').set({ description: MARK }).where('id', '=', ksd).execute();
  readBill = await freshBill();
}, 120_000);

/** A read of one route: in the roles' own solution, in a foreign one, and/or across all (a list without a solution filter, the law). */
interface ReadExample {
  own?: Example;
  foreign?: Example;
  all?: Example;
}

/** The same read in KY and in KSD. */
const inBoth = (make: (code: 'KY' | 'KSD', p: Planted) => Example, all?: Example): ReadExample => ({ own: make('KY', own), foreign: make('KSD', foreign), all });

/** A read of each GET route. A new read route needs one here (the route-table test below says so). */
const readExamples: Record<string, () => ReadExample> = {
  'get /api/solutions': () => ({ all: {} }),
  'get /api/solutions/{code}': () => inBoth((code) => ({ params: { code } })),
  'get /api/solutions/{code}/members': () => inBoth((code) => ({ params: { code } })),
  'get /api/solutions/{code}/export': () => inBoth((code) => ({ params: { code }, query: 'format=html' })),
  'get /api/solutions/{code}/matrix': () => inBoth((code) => ({ params: { code } })),
  'get /api/solutions/{code}/readiness': () => inBoth((code) => ({ params: { code } })),
  'get /api/solutions/{code}/baselines': () => inBoth((code) => ({ params: { code } })),
  'get /api/baselines/compare': () => inBoth((code, p) => ({ query: `solution=${code}&from=${p.baseline}&to=now` })),
  'get /api/baselines/{id}': () => inBoth((_c, p) => ({ params: { id: p.baseline } })),
  'get /api/requirements': () => inBoth((code) => ({ query: `solution=${code}` }), {}),
  'get /api/requirements/{humanId}': () => inBoth((_c, p) => ({ params: { humanId: p.requirement } })),
  'get /api/requirements/{humanId}/versions': () => inBoth((_c, p) => ({ params: { humanId: p.requirement } })),
  'get /api/requirements/{humanId}/diff': () => inBoth((_c, p) => ({ params: { humanId: p.requirement }, query: 'from=1&to=1' })),
  'get /api/links': () => inBoth((_c, p) => ({ query: `requirement=${p.requirement}` }), { query: `sourceId=${sygSource}&limit=500` }),
  'get /api/review': () => inBoth((code) => ({ query: `solution=${code}` }), {}),
  'get /api/review/counts': () => ({ all: {} }),
  'get /api/versions/{id}/impact': () => ({ all: { params: { id: sygVersion } } }),
  'get /api/versions/{id}/impact.csv': () => ({ all: { params: { id: sygVersion } } }),
  'get /api/change-requests': () => inBoth((code) => ({ query: `solution=${code}` }), {}),
  'get /api/change-requests/{humanId}': () => inBoth((_c, p) => ({ params: { humanId: p.changeRequest } })),
  'get /api/deadlines': () => inBoth((code) => ({ query: `solution=${code}` }), {}),
  'get /api/orienteringer': () => inBoth((code) => ({ query: `solution=${code}` })),
  'get /api/my-work': () => ({ all: {} }),
  'get /api/sessions': () => inBoth((code) => ({ query: `solution=${code}` }), {}),
  'get /api/sessions/{id}': () => inBoth((_c, p) => ({ params: { id: p.session } })),
  'get /api/sessions/{id}/state': () => inBoth((_c, p) => ({ params: { id: p.session } })),
  'get /api/sessions/{id}/events': () => inBoth((_c, p) => ({ params: { id: p.session } })),
  'get /api/sessions/{id}/candidates': () => inBoth((_c, p) => ({ params: { id: p.session } })),
  'get /api/sessions/{id}/agenda.html': () => inBoth((_c, p) => ({ params: { id: p.session } })),
  'get /api/sessions/{id}/record.html': () => inBoth((_c, p) => ({ params: { id: p.session } })),
  'get /api/sessions/{id}/record.docx': () => inBoth((_c, p) => ({ params: { id: p.session } })),
  'get /api/audit': () => inBoth((_c, p) => ({ query: `entityType=change_request&entityId=${encodeURIComponent(p.changeRequest)}` })),
  'get /api/auth/me': () => ({ all: {} }),
  'get /api/users': () => ({ all: {} }),
  'get /api/sources': () => ({ all: {} }),
  'get /api/sources/{id}': () => ({ all: { params: { id: sygSource } } }),
  'get /api/sources/{id}/diff': () => ({ all: { params: { id: sygSource }, query: `from=${sygVersion}&to=${sygVersion}` } }),
  'get /api/versions/{id}': () => ({ all: { params: { id: sygVersion } } }),
  'get /api/versions/{id}/instructions': () => ({ all: { params: { id: sygVersion } } }),
  'get /api/sources/{id}/provisions/{key}': () => ({
    all: { params: { id: sygSource, key: 'p7' } },
    own: { params: { id: sygSource, key: 'p7' }, query: 'solution=KY' },
    foreign: { params: { id: sygSource, key: 'p7' }, query: 'solution=KSD' },
  }),
  'get /api/provisions/search': () => ({ all: { query: 'q=arbejdsgiver' } }),
  // The marker itself as the query: it finds the planted KSD objects (the admin sees them), and no one else may.
  'get /api/search': () => ({ all: { query: `q=${encodeURIComponent(MARK)}&limit=50` } }),
  'get /api/bills': () => ({ all: {} }),
  'get /api/bills/{id}': () => ({ all: { params: { id: readBill } } }),
  'get /api/bills/{id}/hoeringssvar.docx': () => ({ all: { params: { id: readBill } } }),
};

/** May the role read this route in its own solution (KY)? */
function mayRead(route: RouteDoc, role: Role): boolean {
  const access = route.access ?? { rule: 'read' as const };
  if ('permission' in access) return can(actorFor(role), access.permission, ky);
  if ('roles' in access) return role === 'admin' || access.roles.includes(role);
  return true;
}

/** Calls a read; a stream (server-sent events) is answered by its status and headers, its body left unread. */
async function read(who: Role, route: RouteDoc, ex: Example) {
  const url = route.path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(String(ex.params?.[name]))) + (ex.query ? `?${ex.query}` : '');
  if (route.path.endsWith('/events')) {
    const caller = callers.get(who)!;
    // The caller reads the body; an event stream never ends, so ask for the state instead of subscribing when allowed.
    const res = await caller('GET', url.replace(/\/events$/, '/state'));
    return { status: res.status, text: JSON.stringify(res.json) };
  }
  const res = await callers.get(who)!('GET', url);
  return { status: res.status, text: typeof res.json === 'string' ? res.json : JSON.stringify(res.json) };
}

const readRoutes = routeTable.filter((r) => r.method === 'get');

describe('the route table (reads)', () => {
  it('has a read example of every GET route', () => {
    expect(readRoutes.filter((r) => !readExamples[`${r.method} ${r.path}`]).map((r) => r.path)).toEqual([]);
  });
});

describe.each(readRoutes.map((r) => [`GET ${r.path}`, r] as const))('read %s', (_name, route) => {
  const ex = () => readExamples[`${route.method} ${route.path}`]();

  it.each([...ROLES])('as %s: own solution allowed as declared, foreign solution 403, lists without foreign content', async (role) => {
    const { own: mine, foreign: theirs, all } = ex();
    const allowed = mayRead(route, role);
    const check = (res: { status: number; text: string }, what: string) => {
      if (!allowed) return expect(res.status, `${what}: ${res.text.slice(0, 300)}`).toBe(403);
      expect(res.status, `${what}: ${res.text.slice(0, 300)}`).toBeGreaterThanOrEqual(200);
      expect(res.status, `${what}: ${res.text.slice(0, 300)}`).toBeLessThan(300);
      // Only the admin holds a role in KSD.
      if (role !== 'admin') expect(res.text, `${what} viser indhold fra KSD`).not.toMatch(FOREIGN);
    };
    if (mine) check(await read(role, route, mine), 'egen løsning');
    if (all) check(await read(role, route, all), 'alle løsninger');
    if (theirs) {
      const res = await read(role, route, theirs);
      if (role === 'admin') expect(res.status, res.text.slice(0, 300)).toBeLessThan(300);
      else {
        expect(res.status, `fremmed løsning: ${res.text.slice(0, 300)}`).toBe(403);
        expect(res.text).not.toMatch(FOREIGN);
      }
    }
  });
});
