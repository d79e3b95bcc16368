/**
 * The platform contract (api/openapi.yaml) loaded once and compiled with Ajv (JSON Schema
 * 2020-12). The sandbox validates every request against it, and the conformance tests validate
 * every sandbox answer and webhook body with the same compiled schemas.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import * as ajvFormats from 'ajv-formats';
import { parse } from 'yaml';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const CONTRACT_ID = 'contract';
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
export type HttpMethod = (typeof METHODS)[number];

function contractPath(): string {
  try {
    const here = dirname(fileURLToPath(import.meta.url));
    return join(here, '..', 'api', 'openapi.yaml');
  } catch {
    return join(process.cwd(), 'api', 'openapi.yaml');
  }
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The parsed contract document. */
export const contractDoc: JsonObject = parse(readFileSync(contractPath(), 'utf8')) as JsonObject;

type FormatsPlugin = (ajv: Ajv2020) => unknown;
function formatsPlugin(): FormatsPlugin {
  const mod = ajvFormats as unknown as { default: FormatsPlugin | { default: FormatsPlugin } };
  return typeof mod.default === 'function' ? mod.default : mod.default.default;
}

function makeAjv(coerce: boolean): Ajv2020 {
  const ajv = new Ajv2020({
    strict: false,
    allErrors: true,
    coerceTypes: coerce,
    useDefaults: coerce,
  });
  formatsPlugin()(ajv);
  ajv.addSchema({ ...contractDoc, $id: CONTRACT_ID });
  return ajv;
}

/** Ajv without coercion: request bodies, response bodies, webhook bodies. */
export const ajv = makeAjv(false);
/** Ajv with coercion and defaults: query strings. */
const queryAjv = makeAjv(true);

/** Rewrites local `#/...` refs so they resolve against the registered contract. */
function rewriteRefs(node: Json): Json {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(node)) {
    out[k] =
      k === '$ref' && typeof v === 'string' && v.startsWith('#/')
        ? CONTRACT_ID + v
        : rewriteRefs(v);
  }
  return out;
}

function pointer(ref: string): Json {
  const parts = ref.replace(/^#\//, '').split('/');
  let node: Json = contractDoc;
  for (const raw of parts) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObject(node)) throw new Error(`bad ref ${ref}`);
    const next: Json | undefined = node[part];
    if (next === undefined) throw new Error(`bad ref ${ref}`);
    node = next;
  }
  return node;
}

function deref(node: Json): JsonObject {
  let cur = node;
  while (isObject(cur) && typeof cur.$ref === 'string') cur = pointer(cur.$ref);
  if (!isObject(cur)) throw new Error('expected an object');
  return cur;
}

export interface Operation {
  method: HttpMethod;
  path: string; // contract template, e.g. /responses/{response_id}
  operationId: string;
  requiredScope: string | null;
  statuses: string[]; // as listed: '200', '400', ..., 'default'
  idempotent: boolean;
}

function pathsObject(): JsonObject {
  const paths = contractDoc.paths;
  if (!isObject(paths)) throw new Error('contract has no paths');
  return paths;
}

/** Every operation of the contract. */
export const operations: Operation[] = Object.entries(pathsObject()).flatMap(([path, item]) => {
  if (!isObject(item)) return [];
  return METHODS.flatMap((method): Operation[] => {
    const op = item[method];
    if (!isObject(op)) return [];
    const params = Array.isArray(op.parameters) ? op.parameters.map(deref) : [];
    const scope = op['x-required-scope'];
    return [
      {
        method,
        path,
        operationId: String(op.operationId),
        requiredScope: typeof scope === 'string' ? scope : null,
        statuses: isObject(op.responses) ? Object.keys(op.responses) : [],
        idempotent: params.some((p) => p.name === 'Idempotency-Key'),
      },
    ];
  });
});

function operationObject(method: HttpMethod, path: string): JsonObject {
  const item = pathsObject()[path];
  const op = isObject(item) ? item[method] : undefined;
  if (!isObject(op)) throw new Error(`no operation ${method} ${path}`);
  return op;
}

export interface ValidationFailure {
  status: 400 | 422;
  param: string | undefined;
  message: string;
}

const STRUCTURAL = new Set([
  'type',
  'required',
  'additionalProperties',
  'minProperties',
  'unevaluatedProperties',
  'oneOf',
  'anyOf',
  'const',
]);

function dotted(instancePath: string, extra?: string): string | undefined {
  const parts = instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (extra !== undefined) parts.push(extra);
  return parts.length ? parts.join('.') : undefined;
}

function errorParam(e: ErrorObject): string | undefined {
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'required' && typeof params.missingProperty === 'string')
    return dotted(e.instancePath, params.missingProperty);
  if (e.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string')
    return dotted(e.instancePath, params.additionalProperty);
  if (typeof params.propertyName === 'string') return dotted(e.instancePath, params.propertyName);
  return dotted(e.instancePath);
}

function describe(e: ErrorObject, param: string | undefined): string {
  const params = e.params as Record<string, unknown>;
  const where = param ?? 'body';
  switch (e.keyword) {
    case 'required':
      return `${where} is required.`;
    case 'additionalProperties':
      return `${where} is not a known field.`;
    case 'enum':
      return `${where} must be one of ${JSON.stringify(params.allowedValues)}.`;
    default:
      return `${where} ${e.message ?? 'is invalid'}.`;
  }
}

/** Turns Ajv errors into one API error: structural problems are 400, unacceptable values 422. */
export function toFailure(errors: ErrorObject[], alwaysBadRequest: boolean): ValidationFailure {
  const relevant = errors.filter((e) => e.keyword !== 'if');
  const structural = relevant.find((e) => STRUCTURAL.has(e.keyword));
  const chosen = structural ?? relevant[0];
  if (!chosen) return { status: 400, param: undefined, message: 'The request is invalid.' };
  const param = errorParam(chosen);
  return {
    status: alwaysBadRequest || structural ? 400 : 422,
    param,
    message: describe(chosen, param),
  };
}

export interface RequestValidators {
  query: ValidateFunction | null;
  body: ValidateFunction | null;
}

const requestCache = new Map<string, RequestValidators>();

/** Compiled query and body validators of one operation. */
export function requestValidators(method: HttpMethod, path: string): RequestValidators {
  const cacheKey = `${method} ${path}`;
  const cached = requestCache.get(cacheKey);
  if (cached) return cached;
  const op = operationObject(method, path);
  const params = Array.isArray(op.parameters) ? op.parameters.map(deref) : [];
  const queryParams = params.filter((p) => p.in === 'query');
  let query: ValidateFunction | null = null;
  if (queryParams.length) {
    const properties: JsonObject = {};
    const required: Json[] = [];
    for (const p of queryParams) {
      const name = String(p.name);
      properties[name] = rewriteRefs(p.schema ?? {});
      if (p.required === true) required.push(name);
    }
    query = queryAjv.compile({ type: 'object', properties, required });
  }
  let body: ValidateFunction | null = null;
  const rb = op.requestBody;
  if (isObject(rb) && isObject(rb.content)) {
    const media = rb.content['application/json'];
    if (isObject(media) && media.schema !== undefined)
      body = ajv.compile(rewriteRefs(media.schema) as object);
  }
  const result = { query, body };
  requestCache.set(cacheKey, result);
  return result;
}

const responseCache = new Map<string, ValidateFunction | null>();

/**
 * The validator for an answer of an operation with a status (falls back to `default`).
 * Returns null when the contract gives no body schema (e.g. 204), and throws when the status
 * is not listed for the operation at all.
 */
export function responseValidator(
  method: HttpMethod,
  path: string,
  status: number,
): ValidateFunction | null {
  const cacheKey = `${method} ${path} ${status}`;
  if (responseCache.has(cacheKey)) return responseCache.get(cacheKey) ?? null;
  const op = operationObject(method, path);
  const responses = op.responses;
  if (!isObject(responses)) throw new Error('no responses');
  const entry = responses[String(status)] ?? (status >= 500 ? responses.default : undefined);
  if (entry === undefined) throw new Error(`status ${status} not listed for ${method} ${path}`);
  const resp = deref(entry);
  let validator: ValidateFunction | null = null;
  const content = resp.content;
  if (isObject(content)) {
    const media = content['application/json'];
    if (isObject(media) && media.schema !== undefined)
      validator = ajv.compile(rewriteRefs(media.schema) as object);
  }
  responseCache.set(cacheKey, validator);
  return validator;
}

/** Validator of a named component schema, e.g. `Event`, `Response`. */
export function schemaValidator(name: string): ValidateFunction {
  const found = ajv.getSchema(`${CONTRACT_ID}#/components/schemas/${name}`);
  if (!found) throw new Error(`no schema ${name}`);
  return found;
}

/** Matches a concrete /v1 path (without /v1) to a contract path template. */
export function matchTemplate(method: HttpMethod, concretePath: string): string | null {
  const segs = concretePath.split('/');
  for (const op of operations) {
    if (op.method !== method) continue;
    const tsegs = op.path.split('/');
    if (tsegs.length !== segs.length) continue;
    if (tsegs.every((t, i) => t.startsWith('{') || t === segs[i])) return op.path;
  }
  return null;
}
