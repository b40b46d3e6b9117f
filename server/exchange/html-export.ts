// The specification as one standalone HTML file: inline CSS, no scripts, no external resources, readable on
// screen and in print. Grouped by kind, each requirement with its legal basis; a traceability appendix and the
// cited sources with ELI links.
import { REQUIREMENT_KINDS } from '../requirements/requirements.service.js';
import { requirementsByKind } from './reqif-export.js';
import { citation, citedVersions, sourceName, specificationState, specificationTitle, type Specification } from './specification.js';
import { KIND_HEADINGS, kindName, linkStatusName, statusName, tenderName, type Kind } from './vocabulary.js';
import { paragraphs } from './xml.js';
import { formatDate, formatDateTime, plural } from '../text/danish.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const anchor = (humanId: string) => `krav-${humanId.replace(/[^\p{L}\p{N}_-]/gu, '_')}`;

const STYLE = `
:root { color-scheme: light; --ink: #1b1b1b; --muted: #555; --line: #ccd3db; --accent: #1f4e79; --warn: #8a4b00; --bad: #a4262c; }
* { box-sizing: border-box; }
body { font: 16px/1.5 "Segoe UI", system-ui, -apple-system, sans-serif; color: var(--ink); max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.8rem; color: var(--accent); margin-bottom: .25rem; }
h2 { font-size: 1.35rem; color: var(--accent); border-bottom: 2px solid var(--accent); padding-bottom: .2rem; margin-top: 2.5rem; }
h3 { font-size: 1.1rem; margin: 0 0 .4rem; }
.meta { color: var(--muted); margin: 0 0 1rem; }
nav ol { columns: 2; }
article { border: 1px solid var(--line); border-radius: 6px; padding: .9rem 1rem; margin: 1rem 0; break-inside: avoid; }
article p { margin: .3rem 0; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .15rem .8rem; margin: .6rem 0 0; font-size: .92rem; }
dt { color: var(--muted); }
dd { margin: 0; }
ul.basis { margin: 0; padding-left: 1.1rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #eef2f6; }
.status-suspect { color: var(--warn); font-weight: 600; }
.status-broken { color: var(--bad); font-weight: 600; }
a { color: var(--accent); }
@media print { body { margin: 0; max-width: none; } nav { display: none; } a { color: inherit; } }
`;

export function* htmlChunks(spec: Specification): Generator<string> {
  const title = specificationTitle(spec);
  const ordered = requirementsByKind(spec);
  const kinds = REQUIREMENT_KINDS.filter((k) => ordered.some((r) => r.kind === k));
  yield `<!doctype html>\n<html lang="da">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n`;
  yield `<meta name="generator" content="Sporbar">\n<title>${esc(title)}</title>\n<style>${STYLE}</style>\n</head>\n<body>\n`;
  yield `<header>\n<h1>${esc(title)}</h1>\n<p class="meta">${esc(specificationState(spec))} · ${plural(spec.requirements.length, 'krav', 'krav')} · ${plural(spec.links.length, 'sporingslink', 'sporingslinks')}</p>\n</header>\n`;
  yield `<nav aria-label="Indhold"><h2>Indhold</h2><ol>`;
  for (const k of kinds) yield `<li><a href="#${k}">${esc(KIND_HEADINGS[k as Kind])}</a></li>`;
  yield `<li><a href="#sporbarhed">Bilag A. Sporbarhed</a></li><li><a href="#retskilder">Bilag B. Retskilder</a></li></ol></nav>\n<main>\n`;
  for (const kind of kinds) {
    yield `<section id="${kind}">\n<h2>${esc(KIND_HEADINGS[kind as Kind])}</h2>\n`;
    for (const r of ordered.filter((x) => x.kind === kind)) {
      const links = spec.linksByRequirement.get(r.humanId) ?? [];
      let s = `<article id="${anchor(r.humanId)}">\n<h3>${esc(r.humanId)} ${esc(r.title)}</h3>\n`;
      s += paragraphs(r.text).map((p) => `<p>${esc(p)}</p>`).join('\n');
      s += `\n<dl><dt>Type</dt><dd>${esc(kindName(r.kind))}</dd>`;
      if (r.tenderCategory) s += `<dt>Udbudskategori</dt><dd>${esc(tenderName(r.tenderCategory))}</dd>`;
      s += `<dt>Status</dt><dd>${esc(statusName(r.status))}</dd><dt>Lovgrundlag</dt><dd>`;
      if (links.length) s += `<ul class="basis">${links.map((l) => `<li>${esc(citation(spec, l))}</li>`).join('')}</ul>`;
      else s += r.nonLegal ? 'Ikke lovbestemt' : 'Intet lovgrundlag registreret';
      yield `${s}</dd></dl>\n</article>\n`;
    }
    yield `</section>\n`;
  }
  yield `<section id="sporbarhed">\n<h2>Bilag A. Sporbarhed</h2>\n<table>\n<thead><tr><th scope="col">Krav</th><th scope="col">Bestemmelse</th><th scope="col">Retskilde</th><th scope="col">Version</th><th scope="col">Linkstatus</th><th scope="col">Begrundelse</th></tr></thead>\n<tbody>\n`;
  for (const l of spec.links) {
    yield `<tr><td><a href="#${anchor(l.humanId)}">${esc(l.humanId)}</a></td><td>${esc(l.label)}</td><td>${esc(sourceName(spec.sources.get(l.sourceId)))}</td><td>${esc(l.confirmedShortName)}</td><td class="status-${esc(l.status)}">${esc(linkStatusName(l.status))}</td><td>${esc(l.rationale)}</td></tr>\n`;
  }
  yield `</tbody>\n</table>\n</section>\n<section id="retskilder">\n<h2>Bilag B. Retskilder</h2>\n<table>\n<thead><tr><th scope="col">Titel</th><th scope="col">Populærtitel</th><th scope="col">Version</th><th scope="col">I kraft fra</th><th scope="col">ELI</th></tr></thead>\n<tbody>\n`;
  for (const { source, version } of citedVersions(spec)) {
    const eli = version.eli ? `<a href="${esc(version.eli)}">${esc(version.eli)}</a>` : '';
    yield `<tr><td>${esc(source.title)}</td><td>${esc(source.popularTitle ?? '')}</td><td>${esc(version.shortName)}</td><td><time datetime="${esc(version.inForceFrom)}">${esc(formatDate(version.inForceFrom))}</time></td><td>${eli}</td></tr>\n`;
  }
  yield `</tbody>\n</table>\n</section>\n</main>\n<footer><p class="meta">Dannet af Sporbar <time datetime="${esc(spec.generatedAt)}">${esc(formatDateTime(spec.generatedAt))}</time></p></footer>\n</body>\n</html>\n`;
}
