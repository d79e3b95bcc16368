/**
 * Building blocks shared by the Make file schemas: IML strings and the small directives that
 * several file types reuse. Written from Make's documentation (Custom Apps Documentation,
 * "Communication", "Handling responses", "JavaScript in Make") and the IML-JSON schemas the VS Code
 * Apps Editor validates these files with (syntaxes/imljson/schemas/sources.json, enums.json).
 * See docs/make.md ("File types") for the page list.
 */
import { z } from 'zod';

/** A string holding at least one IML expression, e.g. `{{parameters.method}}`. */
export const imlString = z.string().regex(/\{\{[\s\S]*\}\}/, 'expected an IML expression {{…}}');

/** `url`: non-empty, at most 512 characters (a path such as `/surveys` is joined to the base URL). */
export const url = z.string().min(1).max(512);

export const httpMethod = z.union([z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']), imlString]);

/** Any JSON value, optional (Zod treats a bare `unknown` key as required). */
export const json = z.unknown().optional();

/** Header and query-string values are flat: no nested objects (`{{...}}` spread keys are strings too). */
const flatValue = z.union([z.boolean(), z.number(), z.null(), z.string(), z.array(z.unknown())]);
export const flatCollection = z.record(z.string().min(1), flatValue);

/** How the request body is encoded. */
export const requestType = z.union([
  z.enum(['json', 'urlencoded', 'multipart/form-data', 'text', 'string', 'raw', 'binary']),
  imlString,
]);

/** How the response body is parsed: one type, or one per status (`*`, `200`, `400-499`). */
const responseTypeName = z.union([
  z.enum(['automatic', 'json', 'urlencoded', 'text', 'raw', 'string', 'binary', 'xml']),
  imlString,
]);
export const responseType = z.union([
  responseTypeName,
  z
    .record(z.string(), responseTypeName)
    .refine((o) => Object.keys(o).every((k) => /^(\*|\d{3}-\d{3}|\d{3})$/.test(k)), {
      message: 'response.type keys are `*`, a status (`404`) or a range (`400-499`)',
    }),
]);

export const errorType = z.union([
  z.enum([
    'RuntimeError',
    'DataError',
    'RateLimitError',
    'OutOfSpaceError',
    'ConnectionError',
    'InvalidConfigurationError',
    'InvalidAccessTokenError',
    'IncompleteDataError',
    'DuplicateDataError',
  ]),
  imlString,
]);

/** `condition`: boolean or IML string, or `{condition, default}` (the output when it is false). */
export const condition = z.union([
  z.boolean(),
  z.string(),
  z.strictObject({ condition: z.union([z.boolean(), z.string()]).optional(), default: json }),
]);

/** `log`: only `sanitize`, the paths kept out of Make's request/response logs. */
export const log = z.strictObject({ sanitize: z.array(z.string().min(1)).optional() });

export const temp = z.record(z.string(), z.unknown());

export const pagination = z.strictObject({
  mergeWithParent: z.boolean().optional(),
  url: url.optional(),
  method: httpMethod.optional(),
  headers: flatCollection.optional(),
  qs: flatCollection.optional(),
  body: json,
  condition: z.union([z.boolean(), z.string()]).optional(),
});

export const repeat = z.strictObject({
  condition: z.string().optional(),
  delay: z.number().optional(),
  limit: z.number().optional(),
});

export const aws = z.strictObject({
  key: z.string().max(512).optional(),
  secret: z.string().max(512).optional(),
  session: z.string().max(512).optional(),
  bucket: z.string().max(512).optional(),
  sign_version: z.union([z.enum(['2', '4']), imlString]).optional(),
});

export const oauth1 = z.strictObject({
  consumer_key: z.string().max(512).optional(),
  consumer_secret: z.string().max(512).optional(),
  private_key: z.string().max(512).optional(),
  token: z.string().max(512).optional(),
  token_secret: z.string().max(512).optional(),
  verifier: z.string().max(512).optional(),
  signature_method: z.union([z.enum(['HMAC-SHA1', 'RSA-SHA1', 'PLAINTEXT']), imlString]).optional(),
  transport_method: z.union([z.enum(['query', 'body', 'header']), imlString]).optional(),
  body_hash: z.union([z.string(), z.boolean()]).optional(),
});

/** `valid`: decides whether a response is an error although its status is < 400. */
export const valid = z.union([
  z.boolean(),
  z.string(),
  z.strictObject({
    condition: z.string().optional(),
    message: z.string().optional(),
    type: z.string().optional(),
  }),
]);

const errorSpec = z.strictObject({ message: z.string().max(1024), type: errorType.optional() });

/**
 * `error`: a message, or `{message, type}` plus per-status overrides keyed by a 3-digit status
 * (`"404": {message, type}`). The object form requires `message`.
 */
export const error = z.union([
  z.string().max(1024),
  z
    .object({ message: z.string().max(1024), type: errorType.optional() })
    .catchall(errorSpec)
    .superRefine((o, ctx) => {
      for (const key of Object.keys(o)) {
        if (key !== 'message' && key !== 'type' && !/^\d{3}$/.test(key)) {
          ctx.addIssue({ code: 'custom', path: [key], message: `unknown error key "${key}"` });
        }
      }
    }),
]);

export const iterate = z.union([
  z.string().max(512),
  z.strictObject({
    container: z.string().max(512),
    condition: z.union([z.string(), z.boolean()]).optional(),
  }),
]);

/** `trigger` (polling triggers): how items are ordered and identified. */
export const trigger = z
  .strictObject({
    type: z.union([z.enum(['date', 'id']), imlString]),
    order: z.union([z.enum(['asc', 'desc', 'unordered']), imlString]),
    id: z.string().max(512),
    date: z.string().max(512).optional(),
  })
  .refine((t) => t.type !== 'date' || t.date !== undefined, {
    message: 'trigger.type "date" needs trigger.date',
  });

/** `metadata` (connections): the label that tells a user's connections apart. */
export const metadata = z.looseObject({
  value: z.string().max(512).optional(),
  type: z.union([z.enum(['text', 'email']), imlString]).optional(),
});

export const respond = z.strictObject({
  type: z.union([z.enum(['json', 'urlencoded', 'text']), imlString]).optional(),
  status: z.union([z.number().int().min(100).max(999), z.string()]).optional(),
  headers: flatCollection.optional(),
  body: json,
});

export const verification = z.strictObject({
  condition: condition.optional(),
  respond: respond.optional(),
});

/** Every string value in a JSON tree, with its path, for the IML sanity checks. */
export function* stringsIn(value: unknown, path: string[] = []): Generator<[string, string[]]> {
  if (typeof value === 'string') {
    yield [value, path];
  } else if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) yield* stringsIn(item, [...path, String(i)]);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      yield [key, [...path, `(key ${key})`]];
      yield* stringsIn(item, [...path, key]);
    }
  }
}

/**
 * IML expressions are balanced: every `{{` is closed by `}}` before the next one opens. A
 * template with a stray brace is accepted by JSON and fails only when Make evaluates it.
 */
export function unbalancedIml(text: string): boolean {
  let open = false;
  for (let i = 0; i < text.length - 1; i++) {
    const pair = text.slice(i, i + 2);
    if (pair === '{{') {
      if (open) return true;
      open = true;
      i++;
    } else if (pair === '}}' && open) {
      open = false;
      i++;
    }
  }
  return open;
}
