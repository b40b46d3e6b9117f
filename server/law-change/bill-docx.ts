// A høringssvar draft for a bill: per act it amends, the provisions it would change and, per solution, the
// requirements that trace to them with the comments made on them, for lovovervågning to finish and send.
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import type { BillWhatIf } from './bills.service.js';

const text = (t: string, opts: { bold?: boolean; italics?: boolean; color?: string; size?: number } = {}) => new TextRun({ text: t, ...opts });
const para = (...runs: TextRun[]) => new Paragraph({ children: runs });
const heading = (t: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) => new Paragraph({ text: t, heading: level });
const bullet = (runs: TextRun[], level = 0) => new Paragraph({ children: runs, bullet: { level } });

const CHANGE_NAMES: Record<string, string> = { changed: 'ændres', added: 'indsættes', removed: 'ophæves', renumbered: 'omnummereres' };

export async function hoeringssvarDocx(whatIf: BillWhatIf): Promise<Buffer> {
  const { bill } = whatIf;
  const children: Paragraph[] = [
    para(text(`Udkast · ${bill.number} (${bill.session}) · ${bill.status}`, { color: '555555', size: 18 })),
    heading(`Høringssvar: ${bill.number} ${bill.title}`, HeadingLevel.TITLE),
    para(text('Lovforslaget er holdt op mod de krav, der sporer til de bestemmelser, det ændrer. Nedenfor er konsekvenserne for løsningerne.')),
  ];
  for (const act of whatIf.acts) {
    const name = act.source.popularTitle ?? act.source.title;
    children.push(heading(`${act.section}: ${name} (${act.base.shortName})`, HeadingLevel.HEADING_1));
    children.push(heading('Bestemmelser, der ændres', HeadingLevel.HEADING_2));
    for (const p of act.provisions) children.push(bullet([text(`${p.label}: `, { bold: true }), text(CHANGE_NAMES[p.change] ?? p.change)]));
    if (act.unapplied.length) {
      children.push(heading('Ændringer, Sporbar ikke kunne anvende', HeadingLevel.HEADING_2));
      for (const u of act.unapplied) children.push(bullet([text(`${u.number}. ${u.instruction} `), text(`(${u.reason})`, { italics: true })]));
    }
    children.push(heading('Konsekvenser for løsningerne', HeadingLevel.HEADING_2));
    if (!act.solutions.length) children.push(para(text('Ingen krav sporer til de ændrede bestemmelser.', { italics: true })));
    for (const s of act.solutions) {
      children.push(heading(`${s.name} (${s.code}): ${s.requirements.length} krav berøres`, HeadingLevel.HEADING_3));
      for (const r of s.requirements) {
        children.push(bullet([text(`${r.humanId} `, { bold: true }), text(`${r.title} – sporer til ${r.provisions.join(', ')}`)]));
        for (const c of r.comments) children.push(bullet([text(`${c.by}: `, { italics: true }), text(c.text)], 1));
      }
    }
  }
  if (whatIf.notRegistered.length) {
    children.push(heading('Love, Sporbar ikke har registreret', HeadingLevel.HEADING_2));
    for (const n of whatIf.notRegistered) children.push(bullet([text(`${n.section}: ${n.act}${n.cites ? ` (${n.cites})` : ''}`)]));
  }
  const doc = new Document({
    title: `Høringssvar ${bill.number} (${bill.session})`,
    creator: 'Sporbar',
    styles: { default: { document: { run: { font: 'Calibri', size: 21 } } } },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}
