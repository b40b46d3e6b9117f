// The small named errors services throw, and the one place that turns them into the wire shape
// `{ "error": { "code", "message", "fields"? } }`.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError } from 'zod';

export interface FieldError {
  field: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly fields?: FieldError[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFound extends DomainError {
  constructor(message: string) {
    super(404, 'not_found', message);
  }
}
export class Conflict extends DomainError {
  constructor(message: string, fields?: FieldError[]) {
    super(409, 'conflict', message, fields);
  }
}
/** An edit that named a version someone else has since moved past: nothing is written, the editor must reload. */
export class StaleEdit extends Conflict {
  constructor(subject: string) {
    super(`${subject} er ændret af en anden siden du åbnede det; genindlæs og prøv igen.`, [{ field: 'version', message: 'Versionen er forældet' }]);
  }
}
export class Forbidden extends DomainError {
  constructor(message: string) {
    super(403, 'forbidden', message);
  }
}
export class Unauthorized extends DomainError {
  constructor(message = 'Log ind for at fortsætte') {
    super(401, 'unauthorized', message);
  }
}
export class Invalid extends DomainError {
  constructor(message: string, fields?: FieldError[]) {
    super(400, 'invalid', message, fields);
  }
}
export class TooLarge extends DomainError {
  constructor(message: string) {
    super(413, 'too_large', message);
  }
}

export function zodFields(error: ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    field: issue.path.length ? issue.path.map(String).join('.') : '(body)',
    message: issue.message,
  }));
}

export function errorBody(code: string, message: string, fields?: FieldError[]) {
  return { error: fields?.length ? { code, message, fields } : { code, message } };
}

export function handleError(err: Error, c: Context): Response {
  if (err instanceof DomainError) {
    return c.json(errorBody(err.code, err.message, err.fields), err.status);
  }
  if (err instanceof ZodError) {
    return c.json(errorBody('invalid', 'Ugyldige data', zodFields(err)), 400);
  }
  if (err instanceof HTTPException) {
    // Hono's own 4xx (e.g. malformed JSON, body limit) keep their status but get our shape.
    const status = err.status as ContentfulStatusCode;
    const code = status === 413 ? 'too_large' : status === 400 ? 'invalid' : 'http_error';
    const message = status === 400 && /json/i.test(err.message) ? 'Forespørgslens JSON kan ikke læses' : err.message;
    return c.json(errorBody(code, message || 'Fejl i forespørgslen'), status);
  }
  console.error(err);
  return c.json(errorBody('internal', 'Der opstod en uventet fejl på serveren'), 500);
}
