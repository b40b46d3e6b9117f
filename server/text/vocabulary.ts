// Sporbar's codes and their Danish names, in one place: requirement kinds and statuses, link statuses, change
// classes and lifecycle states, session statuses, permissions and audit actions. Plain data with the lifecycle
// table, so the client reads the same names and no page prints a code.
import { MACHINES } from '../change-requests/lifecycle.js';

export const KIND_NAMES = {
  proces: 'Proces',
  regel: 'Regel',
  data: 'Data',
  integration: 'Integration',
  'ikke-funktionel': 'Ikke-funktionel',
} as const satisfies Record<string, string>;

/** The kind of a legal source (retskilde), by its code. */
export const SOURCE_KIND_NAMES = {
  lov: 'Lov',
  lbk: 'Lovbekendtgørelse',
  bek: 'Bekendtgørelse',
  vejledning: 'Vejledning',
  cirkulaere: 'Cirkulære',
  'eu-forordning': 'EU-forordning',
  afgoerelse: 'Principafgørelse',
} as const satisfies Record<string, string>;
export type SourceKindCode = keyof typeof SOURCE_KIND_NAMES;

/** Retsinformation's document types ("LBK H" is read as "LBK") and the kind of source each makes, when none is chosen. */
const KIND_OF_DOCUMENT_TYPE: Record<string, SourceKindCode> = { LOV: 'lov', LBK: 'lbk', BEK: 'bek', VEJ: 'vejledning', CIR: 'cirkulaere', CIS: 'cirkulaere' };
export const sourceKindOfDocumentType = (documentType: string | null | undefined): SourceKindCode | null =>
  (documentType && KIND_OF_DOCUMENT_TYPE[documentType.toUpperCase()]) || null;

export const REQUIREMENT_STATUS_NAMES = { udkast: 'Udkast', godkendt: 'Godkendt', udgaaet: 'Udgået' } as const satisfies Record<string, string>;

/** A trace link's status. "Aktuel": the link holds under the version now in force ("gældende" is the version's word). */
export const LINK_STATUS_NAMES = { current: 'Aktuel', suspect: 'Mistænkt', broken: 'Brudt' } as const satisfies Record<string, string>;

export const CLASS_NAMES = {
  lovvedligehold: 'Lovvedligehold',
  teknisk: 'Vedligehold (teknisk)',
  behovsaendring: 'Vedligehold (behovsændring)',
  videreudvikling: 'Videreudvikling',
  genudbud: 'Genudbud',
} as const satisfies Record<string, string>;

export const SESSION_STATUS_NAMES = { forberedelse: 'Under forberedelse', afholdt: 'Afholdt', afsluttet: 'Afsluttet' } as const satisfies Record<string, string>;

const nameIn = (names: Record<string, string>, code: string | null | undefined) => (code ? (names[code] ?? code) : '');

export const kindName = (code: string) => nameIn(KIND_NAMES, code);
export const sourceKindName = (code: string) => nameIn(SOURCE_KIND_NAMES, code);
export const requirementStatusName = (code: string) => nameIn(REQUIREMENT_STATUS_NAMES, code);
export const linkStatusName = (code: string) => nameIn(LINK_STATUS_NAMES, code);
export const className = (code: string) => nameIn(CLASS_NAMES, code);

/** A change request's status as its class's lifecycle names it ("krav_opdateret" → "Krav opdateret"). */
export function changeRequestStatusName(cls: string, status: string): string {
  const own = (MACHINES as Record<string, (typeof MACHINES)[keyof typeof MACHINES]>)[cls]?.states[status]?.label;
  if (own) return own;
  // A status from before a class correction: the first class that knows it.
  for (const machine of Object.values(MACHINES)) if (machine.states[status]) return machine.states[status].label;
  return status;
}

/** What a lifecycle step did, for the history: "Estimeret", "Lovudredning afsluttet". */
const TRANSITION_NAMES: Record<string, string> = {
  estimer: 'Estimeret',
  aftal: 'Aftalt med leverandøren',
  udfoer: 'Markeret som udført',
  afvis: 'Afvist',
  anbefal: 'Anbefalet',
  godkend: 'Godkendt',
  igangsaet: 'Igangsat',
  udred: 'Lovudredning afsluttet',
  opdater_krav: 'Krav opdateret',
  forbered: 'Forberedelse startet',
  udbyd: 'Udbudt',
  afslut: 'Afsluttet',
  udskyd: 'Udskudt',
  genoptag: 'Genoptaget',
};

/** Every action the audit log records, as a history row names it. */
export const AUDIT_ACTION_NAMES: Record<string, string> = {
  'change_request.create': 'Registreret',
  'change_request.update': 'Rettet',
  'change_request.class': 'Klasse rettet',
  'change_request.comment': 'Kommentar',
  'change_request.attach': 'Bilag tilføjet',
  'change_request.recommendation': 'Faggruppens anbefaling',
  ...Object.fromEntries(Object.entries(TRANSITION_NAMES).map(([action, name]) => [`change_request.${action}`, name])),
  'requirement.create': 'Oprettet',
  'requirement.update': 'Ny version',
  'requirements.import': 'Krav importeret',
  'link.create': 'Sporing oprettet',
  'link.delete': 'Sporing fjernet',
  'link.flag': 'Markeret til gennemgang',
  'link.confirm': 'Sporing bekræftet',
  'link.move': 'Sporing flyttet',
  'link.restore': 'Sporing genoprettet',
  'link.carry': 'Uændret i den nye version',
  'provision.apply_by_hand': 'Ændring anvendt i hånden',
  'provision.correct_by_hand': 'Bestemmelse rettet i hånden',
  'user.create': 'Bruger oprettet',
  'user.update': 'Bruger rettet',
  'auth.login': 'Logget ind',
  'auth.logout': 'Logget ud',
  'auth.login_failed': 'Mislykket login',
  'solution.create': 'Løsning oprettet',
  'solution.update': 'Løsning rettet',
  'source.create': 'Retskilde oprettet',
  'source_version.import': 'Ny version registreret',
  'source_version.withdraw': 'Version trukket tilbage',
  'baseline.create': 'Baseline oprettet',
  'bill.create': 'Lovforslag registreret',
  'bill.update': 'Lovforslag rettet',
  'bill.comment': 'Kommentar til lovforslaget',
  'bill.adopt': 'Lovforslag vedtaget',
  'session.create': 'Møde oprettet',
  'session.update': 'Møde rettet',
  'session.participants': 'Deltagere ændret',
  'session.agenda.add': 'Punkt sat på dagsordenen',
  'session.agenda.remove': 'Punkt taget af dagsordenen',
  'session.agenda.reorder': 'Dagsordenen ordnet',
  'session.assess': 'Vurdering afgivet',
  'session.reveal': 'Vurderingerne vist',
  'session.override': 'Punkt flyttet af formanden',
  'session.override.remove': 'Formandens flytning fjernet',
  'session.item': 'Punkt rettet',
  'session.recommend': 'Anbefaling registreret',
  'session.afhold': 'Mødet holdt',
  'session.close': 'Mødet afsluttet',
};

/** An audit action in Danish; an action this table does not know yet reads as "Ændret", never as its code. */
export function auditActionName(action: string): string {
  return AUDIT_ACTION_NAMES[action] ?? 'Ændret';
}
