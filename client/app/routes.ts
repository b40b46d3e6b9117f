// Every screen's address. Order matters: `/krav/ny` must come before `/krav/:humanId`.
import { html } from 'lit';
import type { Route } from './router.js';
import '../pages/sb-solutions-page.js';
import '../pages/sb-requirements-page.js';
import '../pages/sb-requirement-page.js';
import '../pages/sb-requirement-form-page.js';
import '../pages/sb-sources-page.js';
import '../pages/sb-source-import-page.js';
import '../pages/sb-source-page.js';
import '../pages/sb-provision-page.js';

/** A positive integer from the URL, or undefined, so a mistyped id is a page's "not found", not NaN. */
function idParam(value: string | null | undefined): number | undefined {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

export const routes: Route[] = [
  { pattern: '/', title: 'Løsninger', section: 'solutions', render: () => html`<sb-solutions-page></sb-solutions-page>` },
  { pattern: '/krav', title: 'Krav', section: 'requirements', render: ({ query, user }) => html`<sb-requirements-page .query=${query} .user=${user}></sb-requirements-page>` },
  {
    pattern: '/krav/ny',
    title: 'Opret krav',
    section: 'requirements',
    render: ({ query }) => html`<sb-requirement-form-page .solution=${query.get('solution') ?? ''}></sb-requirement-form-page>`,
  },
  {
    pattern: '/krav/:humanId/rediger',
    title: 'Rediger krav',
    section: 'requirements',
    render: ({ params }) => html`<sb-requirement-form-page .humanId=${params.humanId!}></sb-requirement-form-page>`,
  },
  {
    pattern: '/krav/:humanId',
    title: 'Krav',
    section: 'requirements',
    render: ({ params, user }) => html`<sb-requirement-page .humanId=${params.humanId!} .user=${user}></sb-requirement-page>`,
  },
  { pattern: '/kilder', title: 'Retskilder', section: 'sources', render: ({ user }) => html`<sb-sources-page .user=${user}></sb-sources-page>` },
  { pattern: '/kilder/importer', title: 'Registrér ny version', section: 'sources', render: () => html`<sb-source-import-page></sb-source-import-page>` },
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
];
