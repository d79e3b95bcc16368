/**
 * The API contract as a validator: api/openapi.yaml loaded once, its schemas compiled with Ajv
 * (JSON Schema 2020-12, as OpenAPI 3.1 uses). `validateAgainst('#/components/schemas/Response', x)`
 * returns the problems found, or [] when `x` conforms.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';

export const CONTRACT_PATH = fileURLToPath(new URL('../../api/openapi.yaml', import.meta.url));
export const contract = parse(readFileSync(CONTRACT_PATH, 'utf8')) as Record<string, unknown>;

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(contract, 'openapi');

const compiled = new Map<string, ValidateFunction>();

/** Validates `data` against the schema at `pointer` (a JSON pointer into api/openapi.yaml). */
export const validateAgainst = (pointer: string, data: unknown): string[] => {
  let validate = compiled.get(pointer);
  if (!validate) {
    validate = ajv.getSchema(`openapi${pointer}`);
    if (!validate) throw new Error(`No schema at ${pointer} in api/openapi.yaml`);
    compiled.set(pointer, validate);
  }
  if (validate(data)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''}`);
};

/** The JSON pointer of an operation's response body schema, e.g. ('/responses', 'get', 200). */
export const responseSchemaPointer = (path: string, method: string, status: number | string) =>
  `#/paths/${path.replace(/~/g, '~0').replace(/\//g, '~1')}/${method}/responses/${status}/content/application~1json/schema`;

export interface ContractFixture {
  name: string;
  /** A JSON pointer into api/openapi.yaml. */
  schema: string;
  data: unknown;
}
