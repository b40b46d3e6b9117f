// The printable agenda and decision record as standalone HTML: inline CSS, no scripts, every value escaped.
import type { PublicRecordItem, RecordView, SessionAgenda, SessionRecord } from './outcome.service.js';
import { categoryName, formatAmount, formatDate, formatDateTime, formatScore, movementNotes } from './session-format.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string | number | null | undefined): string => String(s ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);

const STYLE = `
  :root { color-scheme: light; }
  body { font: 11pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1a1a; max-width: 72rem; margin: 2rem auto; padding: 0 1.5rem; }
  h1 { font-size: 1.7rem; margin: 0 0 .5rem; }
  h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; border-bottom: 1px solid #ccc; padding-bottom: .2rem; }
  h3 { font-size: 1rem; margin: 1rem 0 .25rem; }
  .kicker { text-transform: uppercase; letter-spacing: .05em; font-size: .8rem; color: #555; margin: 0; }
  dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 1rem 0; }
  dl.facts dt { font-weight: 600; }
  dl.facts dd { margin: 0; }
  .must { display: inline-block; background: #7a1f1f; color: #fff; font-size: .8rem; font-weight: 600; padding: .05rem .45rem; border-radius: .25rem; }
  .meta { color: #444; margin: .2rem 0 .6rem; }
  .description { white-space: pre-wrap; }
  ol.agenda { padding: 0; list-style: none; }
  ol.agenda > li { border: 1px solid #ccc; border-radius: .4rem; padding: .8rem 1rem; margin: 0 0 1rem; break-inside: avoid; }
  ol.agenda h2 { border: 0; margin: 0; padding: 0; }
  table { border-collapse: collapse; width: 100%; font-size: .92rem; }
  th, td { border-bottom: 1px solid #ddd; padding: .35rem .4rem; text-align: left; vertical-align: top; }
  th { background: #f1f1f1; }
  td.num, th.num { text-align: right; white-space: nowrap; }
  tr.below td { color: #555; }
  tr.cut-line td { border-top: 3px dashed #b00020; border-bottom: 3px dashed #b00020; color: #b00020; font-weight: 700; text-align: center; background: #fff5f5; }
  .explanation { display: block; color: #555; font-size: .82rem; margin-top: .2rem; }
  .empty { color: #555; font-style: italic; }
  footer { margin-top: 2.5rem; font-size: .8rem; color: #555; border-top: 1px solid #ccc; padding-top: .5rem; }
  @page { margin: 18mm 15mm; }
  @media print { body { margin: 0; max-width: none; } tr { break-inside: avoid; } }
`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

function facts(rows: [string, string][]): string {
  return `<dl class="facts">${rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${v}</dd>`).join('')}</dl>`;
}

const participantList = (list: { displayName: string; roleLabel: string }[]) =>
  list.length ? list.map((p) => `${escapeHtml(p.displayName)} (${escapeHtml(p.roleLabel)})`).join(', ') : '<span class="empty">Ingen deltagere registreret</span>';

export function agendaHtml(agenda: SessionAgenda): string {
  const s = agenda.session;
  const items = agenda.items.map((i) => {
    const requirements = i.requirements.length
      ? `<ul>${i.requirements.map((r) => `<li>${escapeHtml(r.humanId)} ${escapeHtml(r.title)} (version ${escapeHtml(r.version)})</li>`).join('')}</ul>`
      : '<p class="empty">Ingen krav er knyttet til forslaget.</p>';
    const provisions = i.provisions.length
      ? `<ul>${i.provisions.map((p) => `<li>${escapeHtml(p.sourceTitle)}, ${escapeHtml(p.label)}</li>`).join('')}</ul>`
      : '<p class="empty">Ingen bestemmelser er knyttet til forslaget.</p>';
    return `<li>
<article>
<h2>${escapeHtml(i.position)}. ${escapeHtml(i.humanId)} ${escapeHtml(i.title)}</h2>
<p class="meta">${escapeHtml(i.className)} · ${escapeHtml(i.statusLabel)} · Foreslået af ${escapeHtml(i.proposer)} · Estimat: ${escapeHtml(formatAmount(i.estimate, s.budget.unit))} · Frist: ${escapeHtml(formatDate(i.deadline))}${i.mustByLaw ? ' <span class="must">Must efter lovkrav</span>' : ''}</p>
${i.description ? `<div class="description">${escapeHtml(i.description)}</div>` : '<p class="empty">Ingen beskrivelse.</p>'}
<h3>Krav</h3>
${requirements}
<h3>Bestemmelser</h3>
${provisions}
</article>
</li>`;
  });
  return page(
    `Dagsorden: ${s.title}`,
    `<header>
<p class="kicker">${escapeHtml(s.solution.name)} (${escapeHtml(s.solution.code)}) · Faggruppemøde · Dagsorden</p>
<h1>${escapeHtml(s.title)}</h1>
${facts([
  ['Dato', escapeHtml(formatDate(s.date))],
  ['Perioden slutter', escapeHtml(formatDate(s.periodEnd))],
  ...(s.budget.amount === null ? [] : [['Budgetramme', escapeHtml(formatAmount(s.budget.amount, s.budget.unit))] as [string, string]]),
  ['Deltagere', participantList(agenda.participants)],
])}
<p>Lovvedligehold med frist senest ${escapeHtml(formatDate(s.periodEnd))} er Must efter lovkrav og er markeret.</p>
</header>
<main>
${items.length ? `<ol class="agenda">${items.join('\n')}</ol>` : '<p class="empty">Dagsordenen er tom.</p>'}
</main>
<footer>Udskrevet fra Sporbar.</footer>`,
  );
}

function rankedRows(record: SessionRecord): string {
  const { items, cutLine } = record.ranking;
  const unit = record.session.budget.unit;
  const cutRow = `<tr class="cut-line"><td colspan="9">Skærelinje · budgetramme ${escapeHtml(formatAmount(cutLine.budget, unit))} · brugt ${escapeHtml(formatAmount(cutLine.cumulativeAbove, unit))}${cutLine.overBudget ? ' · rammen er overskredet af lovkrav' : ''}</td></tr>`;
  const rows: string[] = [];
  if (cutLine.afterPosition === 0) rows.push(cutRow);
  for (const i of items) {
    rows.push(`<tr class="${i.aboveCut ? 'above' : 'below'}">
<td class="num">${i.position}</td>
<td><strong>${escapeHtml(i.humanId)}</strong> ${escapeHtml(i.title)}${i.mustByLaw ? ' <span class="must">Must efter lovkrav</span>' : ''}<span class="explanation">${escapeHtml(i.explanation)}</span></td>
<td>${escapeHtml(i.className)}</td>
<td>${escapeHtml(categoryName(i.category))}</td>
<td class="num">${escapeHtml(formatScore(i.wsjf))}</td>
<td class="num">${escapeHtml(formatAmount(i.estimate, unit))}</td>
<td class="num">${escapeHtml(formatAmount(i.cumulativeEstimate, unit))}</td>
<td>${escapeHtml(i.recommendationLabel ?? 'Ikke besluttet')}</td>
<td>${escapeHtml(i.recommendationReason ?? '')}${i.dissent ? `<span class="explanation">Dissens: ${escapeHtml(i.dissent)}</span>` : ''}</td>
</tr>`);
    if (i.position === cutLine.afterPosition) rows.push(cutRow);
  }
  return rows.join('\n');
}

const RANKED_HEAD =
  '<tr><th class="num">Plads</th><th>Ændringsforslag</th><th>Klasse</th><th>MoSCoW</th><th class="num">WSJF</th><th class="num">Estimat</th><th class="num">Akkumuleret</th><th>Anbefaling</th><th>Begrundelse</th></tr>';
const PUBLIC_HEAD = '<tr><th class="num">Plads</th><th>Ændringsforslag</th><th>Klasse</th><th class="num">Estimat</th><th>Anbefaling</th><th>Begrundelse</th></tr>';

/** The agreed order without the scores and the cut line, for a reader who may not see the deliberations. */
function publicRows(items: PublicRecordItem[], unit: SessionRecord['session']['budget']['unit']): string {
  return items
    .map(
      (i) => `<tr>
<td class="num">${i.position}</td>
<td><strong>${escapeHtml(i.humanId)}</strong> ${escapeHtml(i.title)}${i.mustByLaw ? ' <span class="must">Must efter lovkrav</span>' : ''}</td>
<td>${escapeHtml(i.className)}</td>
<td class="num">${escapeHtml(formatAmount(i.estimate, unit))}</td>
<td>${escapeHtml(i.recommendationLabel ?? 'Ikke besluttet')}</td>
<td>${escapeHtml(i.recommendationReason ?? '')}</td>
</tr>`,
    )
    .join('\n');
}

export function recordHtml(view: RecordView): string {
  const s = view.session;
  const unit = s.budget.unit;
  const steering = view.steeringGroup.length
    ? `<ul>${view.steeringGroup
        .map((i) => `<li><strong>${escapeHtml(i.humanId)}</strong> ${escapeHtml(i.title)} (plads ${i.position}, ${escapeHtml(formatAmount(i.estimate, unit))})${i.recommendationReason ? `: ${escapeHtml(i.recommendationReason)}` : ''}</li>`)
        .join('')}</ul>`
    : '<p class="empty">Ingen punkter er henvist til styregruppen.</p>';
  // A reader who may not see the deliberations (a supplier) gets the agreed order and the recommendations only.
  const record: SessionRecord | null = view.deliberations ? view : null;
  const cutLine = record?.ranking.cutLine;
  const moved = record ? record.ranking.items.filter((i) => movementNotes(i).length) : [];
  const deliberations = record
    ? `<h2>Dissens</h2>
${
  record.dissents.length
    ? `<ul>${record.dissents.map((i) => `<li><strong>${escapeHtml(i.humanId)}</strong> ${escapeHtml(i.title)}: ${escapeHtml(i.dissent)}</li>`).join('')}</ul>`
    : '<p class="empty">Der er ikke ført dissens til referat.</p>'
}
<h2>Manuelle flytninger og lovkrav</h2>
${
  moved.length
    ? `<ul>${moved.map((i) => `<li><strong>${escapeHtml(i.humanId)}</strong> ${escapeHtml(i.title)}: ${escapeHtml(movementNotes(i).join('. '))}</li>`).join('')}</ul>`
    : '<p class="empty">Ingen punkter er flyttet manuelt eller efter lovkrav.</p>'
}
<h2>Sådan er listen rangeret</h2>
<ol>${record.ranking.rules.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ol>
`
    : '';
  return page(
    `Oplæg til projektleder med prioritering: ${s.title}`,
    `<header>
<p class="kicker">${escapeHtml(s.solution.name)} (${escapeHtml(s.solution.code)}) · Faggruppemøde · ${escapeHtml(s.statusLabel)}</p>
<h1>Oplæg til projektleder med prioritering</h1>
${facts([
  ['Møde', escapeHtml(s.title)],
  ['Dato', escapeHtml(formatDate(s.date))],
  ['Perioden slutter', escapeHtml(formatDate(s.periodEnd))],
  ...(record && cutLine
    ? ([
        ['Budgetramme', escapeHtml(formatAmount(record.session.budget.amount, unit))],
        ['Over skærelinjen', `${cutLine.afterPosition} punkter, ${escapeHtml(formatAmount(cutLine.cumulativeAbove, unit))}; ${cutLine.remaining >= 0 ? `${escapeHtml(formatAmount(cutLine.remaining, unit))} tilbage` : `${escapeHtml(formatAmount(-cutLine.remaining, unit))} over rammen`}`],
      ] as [string, string][])
    : []),
  ['Deltagere', participantList(view.participants)],
])}
</header>
<main>
<h2>Prioriteret liste</h2>
${cutLine ? `<p>${escapeHtml(cutLine.explanation)}.</p>\n` : ''}<table>
<thead>${record ? RANKED_HEAD : PUBLIC_HEAD}</thead>
<tbody>
${record ? rankedRows(record) : publicRows(view.ranking.items, unit)}
</tbody>
</table>
<h2>Til styregruppen</h2>
${steering}
${deliberations}${view.closingRemark ? `<h2>Bemærkning ved afslutningen</h2>\n<p>${escapeHtml(view.closingRemark)}</p>` : ''}
</main>
<footer>${s.closedAt ? `Mødet blev afsluttet ${escapeHtml(formatDateTime(s.closedAt))} af ${escapeHtml(s.closedBy)}.` : 'Mødet er ikke afsluttet; oplægget kan stadig ændre sig.'} Dannet i Sporbar ${escapeHtml(formatDateTime(view.generatedAt))}.</footer>`,
  );
}
