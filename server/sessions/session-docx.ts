// The decision record as a Word document, with the same content as the printable HTML.
import { AlignmentType, BorderStyle, Document, HeadingLevel, Packer, PageOrientation, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { PublicRecordItem, RecordView, SessionRecord } from './outcome.service.js';
import { categoryName, formatAmount, formatDate, formatDateTime, formatScore, movementNotes } from './session-format.js';

const CUT_RED = 'B00020';

const text = (t: string, opts: { bold?: boolean; size?: number; color?: string; italics?: boolean } = {}) => new TextRun({ text: t, ...opts });
const para = (t: string) => new Paragraph({ children: [text(t)] });
const heading = (t: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel] = HeadingLevel.HEADING_2) => new Paragraph({ text: t, heading: level });
const bullet = (runs: TextRun[]) => new Paragraph({ children: runs, bullet: { level: 0 } });

function cell(content: string | Paragraph[], opts: { bold?: boolean; shade?: string; span?: number; right?: boolean } = {}) {
  const children = typeof content === 'string' ? [new Paragraph({ alignment: opts.right ? AlignmentType.RIGHT : undefined, children: [text(content, { bold: opts.bold, size: 18 })] })] : content;
  return new TableCell({
    children,
    columnSpan: opts.span,
    shading: opts.shade ? { type: ShadingType.CLEAR, color: 'auto', fill: opts.shade } : undefined,
  });
}

function rankedTable(record: SessionRecord): Table {
  const { items, cutLine } = record.ranking;
  const unit = record.session.budget.unit;
  const header = new TableRow({
    tableHeader: true,
    children: ['Plads', 'Ændringsforslag', 'Klasse', 'MoSCoW', 'WSJF', 'Estimat', 'Akkumuleret', 'Anbefaling', 'Begrundelse'].map((h) => cell(h, { bold: true, shade: 'F1F1F1' })),
  });
  const cutRow = new TableRow({
    children: [
      new TableCell({
        columnSpan: 9,
        shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'FFF5F5' },
        borders: {
          top: { style: BorderStyle.DASHED, size: 18, color: CUT_RED },
          bottom: { style: BorderStyle.DASHED, size: 18, color: CUT_RED },
        },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [
              text(
                `Skærelinje · budgetramme ${formatAmount(cutLine.budget, unit)} · brugt ${formatAmount(cutLine.cumulativeAbove, unit)}${cutLine.overBudget ? ' · rammen er overskredet af lovkrav' : ''}`,
                { bold: true, color: CUT_RED, size: 18 },
              ),
            ],
          }),
        ],
      }),
    ],
  });
  const rows = [header];
  if (cutLine.afterPosition === 0) rows.push(cutRow);
  for (const i of items) {
    const title = [
      new Paragraph({ children: [text(i.humanId, { bold: true, size: 18 }), text(` ${i.title}`, { size: 18 }), ...(i.mustByLaw ? [text(' (Must efter lovkrav)', { bold: true, color: '7A1F1F', size: 18 })] : [])] }),
      new Paragraph({ children: [text(i.explanation, { size: 16, color: '555555' })] }),
    ];
    const why = [
      new Paragraph({ children: [text(i.recommendationReason ?? '', { size: 18 })] }),
      ...(i.dissent ? [new Paragraph({ children: [text(`Dissens: ${i.dissent}`, { size: 16, italics: true })] })] : []),
    ];
    rows.push(
      new TableRow({
        cantSplit: true,
        children: [
          cell(String(i.position), { right: true }),
          cell(title),
          cell(i.className),
          cell(categoryName(i.category)),
          cell(formatScore(i.wsjf), { right: true }),
          cell(formatAmount(i.estimate, unit), { right: true }),
          cell(formatAmount(i.cumulativeEstimate, unit), { right: true }),
          cell(i.recommendationLabel ?? 'Ikke besluttet'),
          cell(why),
        ],
      }),
    );
    if (i.position === cutLine.afterPosition) rows.push(cutRow);
  }
  return new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } });
}

/** The agreed order without the scores and the cut line, for a reader who may not see the deliberations. */
function publicTable(items: PublicRecordItem[], unit: SessionRecord['session']['budget']['unit']): Table {
  const header = new TableRow({ tableHeader: true, children: ['Plads', 'Ændringsforslag', 'Klasse', 'Estimat', 'Anbefaling', 'Begrundelse'].map((h) => cell(h, { bold: true, shade: 'F1F1F1' })) });
  const rows = items.map(
    (i) =>
      new TableRow({
        cantSplit: true,
        children: [
          cell(String(i.position), { right: true }),
          cell([new Paragraph({ children: [text(i.humanId, { bold: true, size: 18 }), text(` ${i.title}`, { size: 18 }), ...(i.mustByLaw ? [text(' (Must efter lovkrav)', { bold: true, color: '7A1F1F', size: 18 })] : [])] })]),
          cell(i.className),
          cell(formatAmount(i.estimate, unit), { right: true }),
          cell(i.recommendationLabel ?? 'Ikke besluttet'),
          cell(i.recommendationReason ?? ''),
        ],
      }),
  );
  return new Table({ rows: [header, ...rows], width: { size: 100, type: WidthType.PERCENTAGE } });
}

const fact = (k: string, v: string) => new Paragraph({ children: [text(`${k}: `, { bold: true }), text(v)] });
const listOrEmpty = (items: Paragraph[], empty: string) => (items.length ? items : [new Paragraph({ children: [text(empty, { italics: true })] })]);

/** The budget frame, the cut line, the scores, the dissents and the chair's moves: only for a reader who may see the deliberations. */
function deliberationParts(record: SessionRecord) {
  const unit = record.session.budget.unit;
  const { cutLine } = record.ranking;
  const moved = record.ranking.items.filter((i) => movementNotes(i).length);
  return {
    facts: [
      fact('Budgetramme', formatAmount(record.session.budget.amount, unit)),
      fact(
        'Over skærelinjen',
        `${cutLine.afterPosition} punkter, ${formatAmount(cutLine.cumulativeAbove, unit)}; ${cutLine.remaining >= 0 ? `${formatAmount(cutLine.remaining, unit)} tilbage` : `${formatAmount(-cutLine.remaining, unit)} over rammen`}`,
      ),
    ],
    list: [para(`${cutLine.explanation}.`), rankedTable(record)],
    after: [
      heading('Dissens'),
      ...listOrEmpty(
        record.dissents.map((i) => bullet([text(i.humanId, { bold: true }), text(` ${i.title}: ${i.dissent}`)])),
        'Der er ikke ført dissens til referat.',
      ),
      heading('Manuelle flytninger og lovkrav'),
      ...listOrEmpty(
        moved.map((i) => bullet([text(i.humanId, { bold: true }), text(` ${i.title}: ${movementNotes(i).join('. ')}`)])),
        'Ingen punkter er flyttet manuelt eller efter lovkrav.',
      ),
      heading('Sådan er listen rangeret'),
      ...record.ranking.rules.map((r, n) => new Paragraph({ children: [text(`${n + 1}. ${r}`)] })),
    ],
  };
}

export async function recordDocx(record: RecordView): Promise<Buffer> {
  const s = record.session;
  const unit = s.budget.unit;
  const parts = record.deliberations ? deliberationParts(record) : { facts: [], list: [publicTable(record.ranking.items, unit)], after: [] };
  const doc = new Document({
    title: `Oplæg til projektleder med prioritering: ${s.title}`,
    creator: 'Sporbar',
    description: `Faggruppemøde ${s.solution.code} ${s.date}`,
    styles: { default: { document: { run: { font: 'Calibri', size: 21 } } } },
    sections: [
      {
        properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } },
        children: [
          new Paragraph({ children: [text(`${s.solution.name} (${s.solution.code}) · Faggruppemøde · ${s.statusLabel}`, { color: '555555', size: 18 })] }),
          heading('Oplæg til projektleder med prioritering', HeadingLevel.TITLE),
          fact('Møde', s.title),
          fact('Dato', formatDate(s.date)),
          fact('Perioden slutter', formatDate(s.periodEnd)),
          ...parts.facts,
          fact('Deltagere', record.participants.map((p) => `${p.displayName} (${p.roleLabel})`).join(', ') || 'Ingen deltagere registreret'),
          heading('Prioriteret liste'),
          ...parts.list,
          heading('Til styregruppen'),
          ...listOrEmpty(
            record.steeringGroup.map((i) =>
              bullet([
                text(i.humanId, { bold: true }),
                text(` ${i.title} (plads ${i.position}, ${formatAmount(i.estimate, unit)})${i.recommendationReason ? `: ${i.recommendationReason}` : ''}`),
              ]),
            ),
            'Ingen punkter er henvist til styregruppen.',
          ),
          ...parts.after,
          ...(record.closingRemark ? [heading('Bemærkning ved afslutningen'), new Paragraph({ children: [text(record.closingRemark)] })] : []),
          new Paragraph({
            spacing: { before: 400 },
            children: [
              text(
                `${s.closedAt ? `Mødet blev afsluttet ${formatDateTime(s.closedAt)} af ${s.closedBy}.` : 'Mødet er ikke afsluttet; oplægget kan stadig ændre sig.'} Dannet i Sporbar ${formatDateTime(record.generatedAt)}.`,
                { size: 16, color: '555555' },
              ),
            ],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
