// Legal sources, their versions and provisions, and registering a new version.
import type { SourceKindCode } from '../../server/text/vocabulary.js';
import { ApiError, api, call, compactQuery, csrfHeaders, errorFrom } from './http.js';

export const listSources = () => call(api.sources.$get());
export const getSourceTimeline = (id: number) => call(api.sources[':id'].$get({ param: { id: String(id) } }));
export const getVersion = (id: number) => call(api.versions[':id'].$get({ param: { id: String(id) } }));
/** Takes back a version registered by mistake: its trace links return to their state from before it. */
export const withdrawVersion = (id: number, reason: string) => call(api.versions[':id'].withdraw.$post({ param: { id: String(id) }, json: { reason } }));
/** A provision with its history, link counts per solution, and a page of the links (of one solution, if given). */
export const getProvisionPage = (sourceId: number, key: string, options: { version?: number; solution?: string; linkLimit?: number; linkOffset?: number } = {}) =>
  call(
    api.sources[':id'].provisions[':key'].$get({
      param: { id: String(sourceId), key },
      query: { linkLimit: String(options.linkLimit ?? PROVISION_LINK_PAGE), linkOffset: String(options.linkOffset ?? 0), ...compactQuery({ version: options.version, solution: options.solution }) },
    }),
  );
/** Links to a provision shown at a time. */
export const PROVISION_LINK_PAGE = 200;
export const searchProvisions = (q: string, sourceId?: number, limit = 25) =>
  call(api.provisions.search.$get({ query: { q, sourceId, limit: String(limit) } }));
/** Every provision that differs between two versions of a source (unchanged ones left out), with word diffs. */
export const getVersionDiff = (sourceId: number, from: number, to: number) =>
  call(api.sources[':id'].diff.$get({ param: { id: String(sourceId) }, query: { from: String(from), to: String(to), all: '0', substantiveOnly: '0' } }));

export type SourceSummary = Awaited<ReturnType<typeof listSources>>['items'][number];
export type SourceTimeline = Awaited<ReturnType<typeof getSourceTimeline>>;
export type TimelineVersion = SourceTimeline['versions'][number];
export type VersionWithProvisions = Awaited<ReturnType<typeof getVersion>>;
export type Provision = VersionWithProvisions['provisions'][number];
export type ProvisionPage = Awaited<ReturnType<typeof getProvisionPage>>;
export type ProvisionHit = Awaited<ReturnType<typeof searchProvisions>>['items'][number];
export type VersionDiff = Awaited<ReturnType<typeof getVersionDiff>>;
export type ProvisionChange = VersionDiff['changes'][number];

export interface ImportOptions {
  sourceId?: number;
  /** The kind of a source registered anew; without it, the server reads it from the document type. */
  kind?: SourceKindCode;
  inForceFrom?: string;
  popularTitle?: string;
  title?: string;
  shortName?: string;
}

/** What a registered version answers: the version, and what the new text did to the diff and the trace links. */
export type ImportResult = Awaited<ReturnType<typeof api.sources.import.$post>> extends { json(): Promise<infer T> } ? T : never;
/** A new version of one act. */
export type VersionImportResult = Extract<ImportResult, { kind: 'version' }>;
/** An amending act: a projected version of each registered act it changes. */
export type AmendingActResult = Extract<ImportResult, { kind: 'amending-act' }>;

export interface UploadProgress {
  /** Bytes sent so far and in all; `total` is 0 when the browser cannot tell. */
  loaded: number;
  total: number;
  /** True once every byte is sent and the server is parsing the document. */
  processing: boolean;
}

// The typed client's path, so a renamed route still breaks the type check even though the upload itself goes through XHR.
const IMPORT_URL = `/api${api.sources.import.$path()}`;

/**
 * Registers a new version from a file or pasted text. Uses XMLHttpRequest rather than fetch because
 * an act can be several MB and only XHR reports upload progress.
 */
export function importSource(
  content: { file: File } | { text: string; filename?: string },
  options: ImportOptions,
  onProgress: (p: UploadProgress) => void,
  signal?: AbortSignal,
): Promise<ImportResult> {
  let body: FormData | string;
  const headers: Record<string, string> = csrfHeaders();
  const fields = compactQuery({ ...options });
  if ('file' in content) {
    const form = new FormData();
    form.append('file', content.file);
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    body = form;
  } else {
    body = JSON.stringify({ content: content.text, filename: content.filename, ...options });
    headers['content-type'] = 'application/json';
  }
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', IMPORT_URL);
    for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v);
    xhr.upload.addEventListener('progress', (e) => onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : 0, processing: false }));
    xhr.upload.addEventListener('load', () => onProgress({ loaded: 1, total: 1, processing: true }));
    xhr.addEventListener('load', async () => {
      const res = new Response(xhr.responseText, { status: xhr.status, headers: { 'content-type': 'application/json' } });
      if (res.ok) resolve((await res.json()) as ImportResult);
      else reject(await errorFrom(res));
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, 'network', 'Forbindelsen til serveren blev afbrudt under upload.')));
    xhr.addEventListener('abort', () => reject(new ApiError(0, 'aborted', 'Upload afbrudt.')));
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(body);
  });
}
