// The one error the source importers throw: the document cannot be read as a legal source.

export type SourceParseErrorCode = 'empty' | 'invalid_xml' | 'forbidden_dtd' | 'not_lexdania' | 'encoding' | 'not_amending_act';

export class SourceParseError extends Error {
  constructor(
    readonly code: SourceParseErrorCode,
    message: string,
    /** 1-based line and column of the problem in the document, when known. */
    readonly line: number | null = null,
    readonly column: number | null = null,
  ) {
    super(message);
    this.name = 'SourceParseError';
  }
}
