/**
 * What the Make parameters read from the API contract (api/openapi.yaml): the range of the whole
 * numbers the app writes or filters on. Make checks a number parameter's `validate.min`/`max`
 * before the module runs (block-elements/parameters/number), so a mapped 11 into Score stops the
 * module with a validation error naming the field instead of reaching the platform.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const contract = parse(
  readFileSync(new URL('../api/openapi.yaml', import.meta.url), 'utf8'),
) as unknown;

/** Parameter name → the contract schema whose property of the same name bounds it. */
const RANGE_SOURCES: Record<string, string> = {
  score: 'ResponseCreateRequest',
  min_score: 'WebhookFilters',
  max_score: 'WebhookFilters',
};

const at = (value: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>(
    (node, key) =>
      typeof node === 'object' && node !== null
        ? (node as Record<string, unknown>)[key]
        : undefined,
    value,
  );

export interface Range {
  min?: number;
  max?: number;
}

/** The contract's minimum / maximum of the field `name`, when the contract bounds it. */
export const contractRange = (name: string): Range | undefined => {
  const schema = RANGE_SOURCES[name];
  if (!schema) return undefined;
  const property = at(contract, 'components', 'schemas', schema, 'properties', name);
  const min = at(property, 'minimum');
  const max = at(property, 'maximum');
  if (typeof min !== 'number' && typeof max !== 'number') {
    throw new Error(`api/openapi.yaml: ${schema}.${name} has no minimum or maximum`);
  }
  return {
    ...(typeof min === 'number' ? { min } : {}),
    ...(typeof max === 'number' ? { max } : {}),
  };
};
