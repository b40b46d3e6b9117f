// Zod at the edge: typed validators for Hono that fail with our 400 shape, and the route registry
// that documents each route's schemas in /api/openapi.json.
import { OpenAPIRegistry, OpenApiGeneratorV3, extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { validator } from 'hono/validator';
import { z } from 'zod';
import type { Permission, Role } from '../auth/permissions.js';
import { Invalid, zodFields } from './errors.js';

extendZodWithOpenApi(z);

function zodValidator<T extends z.ZodType, Target extends 'json' | 'query' | 'param'>(target: Target, schema: T) {
  return validator(target, (value): z.output<T> => {
    const result = schema.safeParse(value);
    if (!result.success) {
      const where = target === 'json' ? 'i forespørgslens data' : target === 'query' ? 'i forespørgslens parametre' : 'i adressen';
      throw new Invalid(`Ugyldige værdier ${where}`, zodFields(result.error));
    }
    return result.data;
  });
}

export const jsonBody = <T extends z.ZodType>(schema: T) => zodValidator('json', schema);
export const queryOf = <T extends z.ZodType>(schema: T) => zodValidator('query', schema);
export const paramsOf = <T extends z.ZodType>(schema: T) => zodValidator('param', schema);

/**
 * Who may call a route. A permission is checked in the solution the route touches (permissions.ts); the
 * change-request lifecycle names roles per transition (lifecycle.ts); `roles` names the roles (besides admin) that
 * may read in the solution; reads need any role in the solution they touch ('read': lists show only the solutions
 * the user may read), and the law ('law') is public to everyone signed in.
 */
export type Access = { permission: Permission } | { roles: readonly Role[] } | { rule: 'lifecycle' | 'public' | 'read' | 'law' };

export interface RouteDoc {
  /** Defaults to `{ rule: 'read' }`; every write declares its own (the authorization matrix test reads it). */
  access?: Access;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Full path in OpenAPI form, e.g. `/api/requirements/{humanId}`. */
  path: string;
  summary: string;
  tags: string[];
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Upload routes take multipart/form-data besides JSON. */
  multipart?: boolean;
}

/** Every documented route: the OpenAPI document and the route-table tests read this. */
export const routeTable: RouteDoc[] = [];

export function documentRoute(doc: RouteDoc): void {
  routeTable.push(doc);
}

export function openApiDocument() {
  const registry = new OpenAPIRegistry();
  const errorSchema = registry.register(
    'Error',
    z.object({
      error: z.object({
        code: z.string(),
        message: z.string(),
        fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
      }),
    }),
  );
  for (const doc of routeTable) {
    const content: Record<string, { schema: z.ZodType }> = {};
    if (doc.body) content['application/json'] = { schema: doc.body };
    if (doc.multipart) content['multipart/form-data'] = { schema: z.object({ file: z.string().openapi({ format: 'binary' }) }) };
    registry.registerPath({
      method: doc.method,
      path: doc.path,
      summary: doc.summary,
      tags: doc.tags,
      request: {
        params: doc.params,
        query: doc.query,
        body: Object.keys(content).length ? { content } : undefined,
      },
      responses: {
        200: { description: 'OK' },
        400: { description: 'Ugyldige data', content: { 'application/json': { schema: errorSchema } } },
        404: { description: 'Findes ikke', content: { 'application/json': { schema: errorSchema } } },
        409: { description: 'Konflikt', content: { 'application/json': { schema: errorSchema } } },
      },
    });
  }
  return new OpenApiGeneratorV3(registry.definitions).generateDocument({
    openapi: '3.0.3',
    info: { title: 'Sporbar API', version: '0.1.0', description: 'Sporbarhed fra lovgivning til forretningskrav' },
  });
}

/** A calendar date as ISO-8601 text (`YYYY-MM-DD`), the form dates are stored and sent in. */
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Datoen skal skrives ÅÅÅÅ-MM-DD');

/**
 * Characters no text a person writes contains, and which break what Sporbar makes of it: C0 controls other than
 * tab, line feed and carriage return, DEL and the C1 controls (a sign of text decoded with the wrong encoding),
 * the non-characters U+FFFE and U+FFFF, and surrogates without their pair. XML 1.0 forbids most of them, so
 * one of them in a title made a solution's whole XLSX, DOCX or ReqIF export unreadable.
 */
const FORBIDDEN_CHARACTER =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `value` cannot be stored as text, in Danish, naming the first forbidden character and where it is; null when it can. */
export function forbiddenCharacterReason(value: string): string | null {
  const match = FORBIDDEN_CHARACTER.exec(value);
  if (!match) return null;
  const code = `U+${match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  const what = match[0] >= '\uD800' && match[0] <= '\uDFFF' ? 'en halv surrogat' : match[0] >= '\uFFFE' ? 'et ikke-tegn' : 'et kontroltegn';
  return `Teksten indeholder et ugyldigt tegn (${code}, ${what}) på plads ${match.index + 1}; fjern det`;
}

/**
 * Text a person writes (titles, texts, reasons, comments, names): a string without the characters above.
 * Chain as with z.string(): `plainText.trim().min(1).max(300)`.
 */
export const plainText = z.string().check((ctx) => {
  const reason = forbiddenCharacterReason(ctx.value);
  if (reason) ctx.issues.push({ code: 'custom', message: reason, input: ctx.value });
});

/** The version an edit started from, as the object's GET gave it; an edit of an older one is refused with 409. */
export const editVersion = z
  .number({ message: 'Angiv versionen du redigerer (feltet version, som du fik, da du hentede det)' })
  .int('Versionen skal være et helt tal')
  .positive('Versionen skal være et helt tal fra 1');

export { z };
