// Reads a source document of either kind Sporbar imports: LexDania XML from Retsinformation, or pasted act text.
import { readFile } from 'node:fs/promises';
import { SourceParseError } from './errors.js';
import { parseLexDania } from './lexdania.js';
import { parsePlainText, type PlainTextMeta } from './plaintext.js';
import type { ParsedVersion } from './provision.types.js';

/**
 * Parses a document by sniffing its content: XML (after an optional byte-order mark and whitespace, it starts
 * with `<`) is read as LexDania, anything else as pasted text. The filename only names the document in messages.
 */
export function parseSourceText(content: string | Buffer, filename?: string, meta?: PlainTextMeta): ParsedVersion {
  const named = filename ? ` (${filename})` : '';
  const input = typeof content === 'string' ? content : utf16Text(content) ?? content;
  if (!(typeof input === 'string' ? looksLikeXmlText(input) : looksLikeXml(input))) {
    const text = typeof input === 'string' ? input : decodeText(input);
    if (/^[\s\u00a0\ufeff]*$/.test(text)) throw new SourceParseError('empty', `Dokumentet${named} er tomt.`);
    return parsePlainText(text, meta);
  }
  try {
    return parseLexDania(input);
  } catch (err) {
    if (err instanceof SourceParseError && filename) {
      throw new SourceParseError(err.code, `${filename}: ${err.message}`, err.line, err.column);
    }
    throw err;
  }
}

/** Reads and parses a file; see parseSourceText. */
export async function readSourceFile(path: string, meta?: PlainTextMeta): Promise<ParsedVersion> {
  const bytes = await readFile(path);
  return parseSourceText(bytes, path.split(/[\\/]/).pop(), meta);
}

function looksLikeXmlText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfeff || c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) continue;
    return c === 0x3c; // <
  }
  return false;
}

function looksLikeXml(bytes: Buffer): boolean {
  for (let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d) continue;
    return b === 0x3c;
  }
  return false;
}

/** Text saved as UTF-16 (which some Windows tools do) announces itself with a byte-order mark. */
function utf16Text(bytes: Buffer): string | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return null;
}

/** Pasted text files: UTF-8 when valid, otherwise Windows-1252 (what older Danish Windows tools save). */
function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}
