// Every screen's address. Order matters: `/krav/ny` must come before `/krav/:humanId`.
import { html } from 'lit';
import type { Route } from './router.js';
import '../pages/sb-solutions-page.js';
import '../pages/sb-solution-page.js';
import '../pages/sb-trace-matrix-page.js';
import '../pages/sb-requirements-page.js';
import '../pages/sb-requirement-page.js';
import '../pages/sb-requirement-form-page.js';
import '../pages/sb-sources-page.js';
import '../pages/sb-source-import-page.js';
import '../pages/sb-source-page.js';
import '../pages/sb-provision-page.js';
import '../pages/sb-source-diff-page.js';
import '../pages/sb-bills-page.js';
import '../pages/sb-bill-page.js';
import '../pages/sb-impact-page.js';
import '../pages/sb-review-page.js';
import '../pages/sb-sessions-page.js';
import '../pages/sb-session-form-page.js';
import '../pages/sb-session-agenda-page.js';
import '../pages/sb-session-page.js';
import '../pages/sb-my-work-page.js';
import '../pages/sb-change-requests-page.js';
import '../pages/sb-change-request-form-page.js';
import '../pages/sb-change-request-page.js';
import '../pages/sb-search-page.js';
import '../pages/sb-users-page.js';
import '../pages/sb-user-page.js';

/** A positive integer from the URL, or undefined, so a mistyped id is a page's "not found", not NaN. */
function idParam(value: string | null | undefined): number | undefined {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

export const routes: Route[] = [
  { pattern: '/', title: 'Løsninger', section: 'solutions', render: () => html`<sb-solutions-page></sb-solutions-page>` },
  {
    pattern: '/loesninger/:code',
    title: 'Løsning',
    section: 'solutions',
    render: ({ params, query, user }) => html`<sb-solution-page .code=${params.code!} .query=${query} .user=${user}></sb-solution-page>`,
  },
  {
    pattern: '/loesninger/:code/sporbarhed',
    title: 'Sporbarhedsmatrix',
    section: 'solutions',
    render: ({ params, query, user }) => html`<sb-trace-matrix-page .code=${params.code!} .query=${query} .user=${user}></sb-trace-matrix-page>`,
  },
  { pattern: '/krav', title: 'Krav', section: 'requirements', render: ({ query, user }) => html`<sb-requirements-page .query=${query} .user=${user}></sb-requirements-page>` },
  {
    pattern: '/krav/ny',
    title: 'Opret krav',
    section: 'requirements',
    render: ({ query, user }) => html`<sb-requirement-form-page .solution=${query.get('solution') ?? ''} .user=${user}></sb-requirement-form-page>`,
  },
  {
    pattern: '/krav/:humanId/rediger',
    title: 'Rediger krav',
    section: 'requirements',
    render: ({ params, user }) => html`<sb-requirement-form-page .humanId=${params.humanId!} .user=${user}></sb-requirement-form-page>`,
  },
  {
    pattern: '/krav/:humanId',
    title: 'Krav',
    section: 'requirements',
    render: ({ params, user }) => html`<sb-requirement-page .humanId=${params.humanId!} .user=${user}></sb-requirement-page>`,
  },
  { pattern: '/lovforslag', title: 'Lovforslag', section: 'sources', render: ({ user }) => html`<sb-bills-page .user=${user}></sb-bills-page>` },
  {
    pattern: '/lovforslag/:id',
    title: 'Lovforslag',
    section: 'sources',
    render: ({ params, user }) => html`<sb-bill-page .billId=${idParam(params.id) ?? -1} .user=${user}></sb-bill-page>`,
  },
  { pattern: '/kilder', title: 'Retskilder', section: 'sources', render: ({ user }) => html`<sb-sources-page .user=${user}></sb-sources-page>` },
  { pattern: '/kilder/importer', title: 'Registrér ny version', section: 'sources', render: ({ user }) => html`<sb-source-import-page .user=${user}></sb-source-import-page>` },
  {
    pattern: '/kilder/:id',
    title: 'Retskilde',
    section: 'sources',
    render: ({ params, query, user }) =>
      html`<sb-source-page .sourceId=${idParam(params.id) ?? -1} .versionId=${idParam(query.get('version'))} .user=${user}></sb-source-page>`,
  },
  {
    pattern: '/kilder/:id/bestemmelser/:key',
    title: 'Bestemmelse',
    section: 'sources',
    render: ({ params, query }) =>
      html`<sb-provision-page .sourceId=${idParam(params.id) ?? -1} .provisionKey=${params.key!} .versionId=${idParam(query.get('version'))}></sb-provision-page>`,
  },
  {
    pattern: '/kilder/:id/forskel',
    title: 'Forskel mellem versioner',
    section: 'sources',
    render: ({ params, query }) =>
      html`<sb-source-diff-page .sourceId=${idParam(params.id) ?? -1} .fromId=${idParam(query.get('fra'))} .toId=${idParam(query.get('til'))}></sb-source-diff-page>`,
  },
  {
    pattern: '/versioner/:id/konsekvens',
    title: 'Konsekvens af ny version',
    section: 'sources',
    render: ({ params, user }) => html`<sb-impact-page .versionId=${idParam(params.id) ?? -1} .user=${user}></sb-impact-page>`,
  },
  { pattern: '/gennemgang', title: 'Gennemgang', section: 'review', render: ({ query, user }) => html`<sb-review-page .query=${query} .user=${user}></sb-review-page>` },
  { pattern: '/moeder', title: 'Faggruppemøder', section: 'sessions', render: ({ query, user }) => html`<sb-sessions-page .query=${query} .user=${user}></sb-sessions-page>` },
  {
    pattern: '/moeder/ny',
    title: 'Nyt faggruppemøde',
    section: 'sessions',
    render: ({ query, user }) => html`<sb-session-form-page .solution=${query.get('solution') ?? ''} .user=${user}></sb-session-form-page>`,
  },
  {
    pattern: '/moeder/:id/dagsorden',
    title: 'Dagsorden',
    section: 'sessions',
    render: ({ params, user }) => html`<sb-session-agenda-page .sessionId=${idParam(params.id) ?? -1} .user=${user}></sb-session-agenda-page>`,
  },
  {
    pattern: '/moeder/:id',
    title: 'Faggruppemøde',
    section: 'sessions',
    render: ({ params, user }) => html`<sb-session-page .sessionId=${idParam(params.id) ?? -1} .user=${user}></sb-session-page>`,
  },
  { pattern: '/mit-arbejde', title: 'Mit arbejde', section: 'my-work', render: ({ user }) => html`<sb-my-work-page .user=${user}></sb-my-work-page>` },
  {
    pattern: '/aendringsforslag',
    title: 'Ændringsforslag',
    section: 'change-requests',
    render: ({ query, user }) => html`<sb-change-requests-page .query=${query} .user=${user}></sb-change-requests-page>`,
  },
  {
    pattern: '/aendringsforslag/ny',
    title: 'Registrér ændringsforslag',
    section: 'change-requests',
    render: ({ query, user }) => html`<sb-change-request-form-page .solution=${query.get('solution') ?? ''} .user=${user}></sb-change-request-form-page>`,
  },
  {
    pattern: '/aendringsforslag/:humanId',
    title: 'Ændringsforslag',
    section: 'change-requests',
    render: ({ params, user }) => html`<sb-change-request-page .humanId=${params.humanId!} .user=${user}></sb-change-request-page>`,
  },
  { pattern: '/sog', title: 'Søgning', section: null, render: ({ query }) => html`<sb-search-page .query=${query}></sb-search-page>` },
  { pattern: '/admin/brugere', title: 'Brugere', section: 'admin', render: ({ user }) => html`<sb-users-page .user=${user}></sb-users-page>` },
  {
    pattern: '/admin/brugere/:username',
    title: 'Bruger',
    section: 'admin',
    render: ({ params, user }) => html`<sb-user-page .username=${params.username!} .user=${user}></sb-user-page>`,
  },
];
