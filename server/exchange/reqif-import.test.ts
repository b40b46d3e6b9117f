// ReqIF files written by other tools (DOORS, Polarion, Enterprise Architect, Eclipse RMF) import through the API:
// the right number of requirements and relations, counted independently from the XML, and text without markup.
import fs from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMemoryDatabase, type OpenedDatabase } from '../db/database.js';
import { createApp } from '../http/app.js';
import { userWith, type Caller } from '../../test/support/api.js';
import { parseReqif, XhtmlText } from './reqif-parse.js';
import { upload } from './exchange.test-support.js';

const REQIF_DIR = path.resolve(__dirname, '../../../shared/data/reqif');
const read = (name: string) => fs.readFileSync(path.join(REQIF_DIR, name));

/**
 * What each file holds, read off the files by hand: spec objects that are requirements (Polarion's 42 objects of
 * type "Heading" are chapter headings, not requirements), and SPEC-RELATION elements (Enterprise Architect's one
 * relation names objects the file does not contain).
 */
const EXPECTED: Record<string, { requirements: number; relations: number; headings: number; specifications: number; first: { title: string; text: string } }> = {
  'doors_capella_requirements_vp.reqif': { requirements: 1, relations: 0, headings: 0, specifications: 1, first: { title: 'Requirement-1', text: 'Requirement-1' } },
  'doors_classic_user_example.reqif': { requirements: 3, relations: 0, headings: 0, specifications: 1, first: { title: 'Carbon Trust Standard', text: 'Carbon Trust Standard' } },
  'eclipse_rmf_TC1800.reqif': { requirements: 6, relations: 0, headings: 0, specifications: 2, first: { title: 'Obj-01', text: 'Obj-01' } },
  'polarion_anonymized.reqif': { requirements: 59, relations: 0, headings: 42, specifications: 1, first: { title: 'aaa', text: 'aaa' } },
  'sparx_ea8_intstep.reqif': { requirements: 3, relations: 1, headings: 0, specifications: 1, first: { title: 'Observe earths surface.', text: 'The system shall observe the earths surface.' } },
};

/** Counts straight from the XML text, without the importer: objects, relations, and objects of heading types. */
function countByRegex(xml: string) {
  const objects = xml.match(/<SPEC-OBJECT[\s>]/g)?.length ?? 0;
  const relations = xml.match(/<SPEC-RELATION[\s>]/g)?.length ?? 0;
  const headingTypes = [...xml.matchAll(/<SPEC-OBJECT-TYPE\b[^>]*\bIDENTIFIER="([^"]+)"[^>]*\bLONG-NAME="Heading"/g)].map((m) => m[1]);
  const headings = headingTypes.reduce((n, id) => n + (xml.split(`<SPEC-OBJECT-TYPE-REF>${id}</SPEC-OBJECT-TYPE-REF>`).length - 1), 0);
  return { objects, relations, headings, requirements: objects - headings };
}

let opened: OpenedDatabase;
let app: ReturnType<typeof createApp>;
let admin: Caller;

beforeAll(async () => {
  opened = await openMemoryDatabase();
  app = createApp({ db: opened.db });
  admin = await userWith(app, opened.db, 'admin', [{ role: 'admin', solution: null }]);
});

afterAll(async () => {
  await opened.db.destroy();
});

describe('the fixture files, counted independently', () => {
  it('agree with the counts written down above', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(fs.readdirSync(REQIF_DIR).filter((f) => f.endsWith('.reqif')).sort());
    for (const [file, expected] of Object.entries(EXPECTED)) {
      const counted = countByRegex(read(file).toString('utf8'));
      expect({ file, requirements: counted.requirements, relations: counted.relations, headings: counted.headings }).toEqual({
        file,
        requirements: expected.requirements,
        relations: expected.relations,
        headings: expected.headings,
      });
    }
  });
});

describe.each(Object.entries(EXPECTED))('importing %s', (file, expected) => {
  const code = `R${Object.keys(EXPECTED).indexOf(file)}`;

  it('previews the right counts, the attributes and a mapping', async () => {
    expect((await admin('POST', '/api/solutions', { code, name: `Import af ${file}` })).status).toBe(201);
    const preview = await admin('POST', `/api/solutions/${code}/import/preview`, upload(file, read(file)));
    expect(preview.status, JSON.stringify(preview.json)).toBe(200);
    expect(preview.json.counts).toMatchObject({
      requirements: expected.requirements,
      relations: expected.relations,
      headings: expected.headings,
      specifications: expected.specifications,
      specObjects: countByRegex(read(file).toString('utf8')).objects,
    });
    expect(preview.json.summary).toMatchObject({ records: expected.requirements, invalid: 0 });
    expect(preview.json.mapping.title.length).toBeGreaterThan(0);
    expect(preview.json.columns.length).toBeGreaterThan(0);
    expect(preview.json.rows[0]).toMatchObject({ title: expected.first.title, text: expected.first.text, valid: true });
    expect(typeof preview.json.token).toBe('string');
  });

  it('commits them as requirements without markup noise', async () => {
    const preview = await admin('POST', `/api/solutions/${code}/import/preview`, upload(file, read(file)));
    const commit = await admin('POST', `/api/solutions/${code}/import/commit`, { token: preview.json.token });
    expect(commit.status, JSON.stringify(commit.json)).toBe(201);
    expect(commit.json).toMatchObject({ created: expected.requirements, links: 0, skipped: 0 });
    const list = await admin('GET', `/api/requirements?solution=${code}&limit=500`);
    expect(list.json.total).toBe(expected.requirements);
    for (const r of list.json.items) {
      for (const s of [r.title, r.text]) {
        expect(s).not.toMatch(/[<>]|xhtml:|&[a-z]+;|&#/);
        expect(s).toBe(s.trim());
        expect(s).not.toMatch(/ {2}/);
      }
    }
    const history = await admin('GET', `/api/requirements/${list.json.items[0].humanId}/versions`);
    expect(history.json.versions[0].reason).toContain(`Importeret fra ${file}`);
  });
});

describe('ReqIF flavours', () => {
  it('reads attribute definitions without LONG-NAME by their identifier, and each type its own text attribute (Enterprise Architect)', async () => {
    const preview = await admin('POST', '/api/solutions/R4/import/preview', upload('sparx_ea8_intstep.reqif', read('sparx_ea8_intstep.reqif')));
    expect(preview.json.mapping.text).toEqual(['FUNC-REQ-TXT', 'PERF-REQ-TXT']);
    expect(preview.json.mapping.title).toEqual(['LONG-NAME']);
    expect(preview.json.rows.map((r: any) => r.text)).toContain('The time span between detection of a fire and alerting of control center shall be less than 3 sec.');
    // "Proposed" is Enterprise Architect's word for a draft.
    expect(preview.json.rows.every((r: any) => r.status === 'udkast')).toBe(true);
    expect(preview.json.counts.unresolvedRelations).toBe(1);
  });

  it('takes the DOORS system attributes: ReqIF.ForeignID as the external id, ReqIF.ChapterName as the title', async () => {
    const preview = await admin('POST', '/api/solutions/R1/import/preview', upload('doors_classic_user_example.reqif', read('doors_classic_user_example.reqif')));
    expect(preview.json.mapping).toMatchObject({ externalId: ['ReqIF.ForeignID'], title: ['ReqIF.ChapterName'] });
    expect(preview.json.rows.map((r: any) => [r.externalId, r.title])).toEqual([
      ['1', 'Carbon Trust Standard'],
      ['2', 'CRC and CCA'],
      ['3', 'Picture or Whitepaper'],
    ]);
    expect(preview.json.counts.attributeDefinitions).toBe(432);
    expect(preview.json.counts.enumerationTypes).toBe(41);
  });

  it('follows the Polarion hierarchy five levels deep', async () => {
    const preview = await admin('POST', '/api/solutions/R3/import/preview', upload('polarion_anonymized.reqif', read('polarion_anonymized.reqif')));
    expect(preview.json.counts.hierarchyDepth).toBe(5);
    expect(preview.json.counts.types).toEqual(
      expect.arrayContaining([
        { name: 'Heading', role: 'heading', objects: 42 },
        { name: 'Software Requirement', role: 'requirement', objects: 58 },
      ]),
    );
  });

  it('reads a .reqifz (a zip holding the .reqif)', async () => {
    const zipped = zipSync({ 'sparx.reqif': new Uint8Array(read('sparx_ea8_intstep.reqif')) });
    const preview = await admin('POST', '/api/solutions/R4/import/preview', upload('sparx.reqifz', zipped));
    expect(preview.status).toBe(200);
    expect(preview.json.counts).toMatchObject({ requirements: 3, relations: 1 });
  });

  it('refuses a DOCTYPE with entity declarations, and anything that is not ReqIF, with a message naming the file', async () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE REQ-IF [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><REQ-IF>&b;</REQ-IF>`;
    const refused = await admin('POST', '/api/solutions/R4/import/preview', upload('bomb.reqif', bomb));
    expect(refused.status).toBe(400);
    expect(refused.json.error.message).toContain('DOCTYPE');
    const notReqif = await admin('POST', '/api/solutions/R4/import/preview', upload('x.reqif', '<?xml version="1.0"?><html/>'));
    expect(notReqif.status).toBe(400);
    expect(notReqif.json.error.fields[0].field).toBe('file');
    const broken = await admin('POST', '/api/solutions/R4/import/preview', upload('x.reqif', '<REQ-IF><THE-HEADER>'));
    expect(broken.status).toBe(400);
  });
});

describe('DOCTYPEs in ReqIF', () => {
  const sparx = read('sparx_ea8_intstep.reqif').toString('utf8');
  const withDoctype = (doctype: string) => sparx.replace(/^(<\?xml[^>]*\?>)?/, (decl) => `${decl}\n${doctype}`);

  it('reads past a DOCTYPE that declares no entity, and never fetches the DTD it names', () => {
    for (const doctype of ['<!DOCTYPE REQ-IF>', '<!DOCTYPE REQ-IF SYSTEM "file:///findes/ikke/reqif.dtd">', '<!DOCTYPE REQ-IF [<!ELEMENT REQ-IF ANY>]>']) {
      const file = withDoctype(doctype);
      expect(file).toContain(doctype);
      expect(parseReqif(file).objects).toHaveLength(3);
    }
  });

  it('refuses a DOCTYPE that declares an entity: general, external or parameter', () => {
    for (const doctype of [
      '<!DOCTYPE REQ-IF [<!ENTITY navn "Sporbar">]>',
      '<!DOCTYPE REQ-IF [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
      '<!DOCTYPE REQ-IF [<!ENTITY % p SYSTEM "http://example.org/ondt.dtd"> %p;]>',
    ]) {
      expect(() => parseReqif(withDoctype(doctype)), doctype).toThrow(/DOCTYPE med entitetserklæringer/);
    }
  });
});

describe('XHTML to text', () => {
  const flatten = (xhtml: string) => {
    const xml = `<REQ-IF xmlns:xhtml="http://www.w3.org/1999/xhtml"><CORE-CONTENT><REQ-IF-CONTENT><SPEC-OBJECTS><SPEC-OBJECT IDENTIFIER="o"><VALUES><ATTRIBUTE-VALUE-XHTML><DEFINITION><ATTRIBUTE-DEFINITION-XHTML-REF>d</ATTRIBUTE-DEFINITION-XHTML-REF></DEFINITION><THE-VALUE>${xhtml}</THE-VALUE></ATTRIBUTE-VALUE-XHTML></VALUES></SPEC-OBJECT></SPEC-OBJECTS></REQ-IF-CONTENT></CORE-CONTENT></REQ-IF>`;
    return parseReqif(xml).objects[0].values.get('d');
  };

  it('keeps paragraphs and line breaks as lines, collapses whitespace and decodes entities', () => {
    expect(flatten('<xhtml:div><xhtml:p>Første\n   afsnit &amp; mere&#160;tekst</xhtml:p><xhtml:p>Andet<xhtml:br/>linje</xhtml:p></xhtml:div>')).toBe(
      'Første afsnit & mere tekst\nAndet\nlinje',
    );
  });

  it('reads lists and tables as lines and leaves embedded objects out', () => {
    expect(
      flatten(
        '<xhtml:div><xhtml:ul><xhtml:li>en</xhtml:li><xhtml:li><xhtml:b>to</xhtml:b></xhtml:li></xhtml:ul><xhtml:table><xhtml:tr><xhtml:td>a</xhtml:td><xhtml:td>b</xhtml:td></xhtml:tr></xhtml:table><xhtml:object data="billede.png" type="image/png">billede.png</xhtml:object></xhtml:div>',
      ),
    ).toBe('en\nto\na b');
  });

  it('flattens through the class used by the parser', () => {
    const x = new XhtmlText();
    x.open('p');
    x.text('  a  ');
    x.close('p');
    expect(x.value()).toBe('a');
  });
});
