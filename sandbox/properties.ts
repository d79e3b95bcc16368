/**
 * The workspace's custom contact properties (contract 1.2): their definitions, the demo set of
 * the seed, and the typed-write rules every write of `properties` goes through.
 */
import { schemaValidator, toFailure, type Json } from './contract.js';
import { ApiError } from './errors.js';
import type { JsonObject, PropValue } from './records.js';

/** The types the contract names; a definition may carry another (clients treat it as string). */
export type PropertyType = 'string' | 'number' | 'boolean' | 'date' | 'enum';

export interface PropertyOption {
  value: string;
  label: string;
}

export interface ContactPropertyDef {
  key: string;
  label: string;
  type: PropertyType | (string & {});
  /** The options of an `enum` property, in display order; null for other types. */
  options: PropertyOption[] | null;
  description: string | null;
  /** Archived properties are not listed and accept writes like undefined keys. */
  archived?: boolean;
}

export const MAX_STRING_LENGTH = 1000;

/** The demo set, in the order the workspace settings show it (plus one archived property). */
export function demoContactProperties(): ContactPropertyDef[] {
  return [
    {
      key: 'plan',
      label: 'Plan',
      type: 'enum',
      options: [
        { value: 'free', label: 'Free' },
        { value: 'starter', label: 'Starter' },
        { value: 'growth', label: 'Growth' },
        { value: 'pro', label: 'Pro' },
        { value: 'enterprise', label: 'Enterprise' },
      ],
      description: 'The subscription plan the customer is on.',
    },
    {
      key: 'seats',
      label: 'Seats',
      type: 'number',
      options: null,
      description: 'Licensed seats on the account.',
    },
    {
      key: 'renewal_date',
      label: 'Renewal Date',
      type: 'date',
      options: null,
      description: 'The date the current contract renews.',
    },
    {
      key: 'churn_risk',
      label: 'Churn Risk',
      type: 'boolean',
      options: null,
      description: 'Flagged by customer success as at risk of churning.',
    },
    {
      key: 'region',
      label: 'Region',
      type: 'string',
      options: null,
      description: 'Sales region, e.g. na, emea or latam.',
    },
    {
      key: 'legacy_tier',
      label: 'Legacy Tier',
      type: 'enum',
      options: [
        { value: 'gold', label: 'Gold' },
        { value: 'silver', label: 'Silver' },
      ],
      description: 'Replaced by Plan in 2025.',
      archived: true,
    },
  ];
}

/** A definition as the contract's ContactProperty schema shows it. */
export function contactPropertyJson(p: ContactPropertyDef): JsonObject {
  return {
    key: p.key,
    label: p.label,
    type: p.type,
    options: p.options
      ? (p.options.map((o) => ({ value: o.value, label: o.label })) as Json)
      : null,
    description: p.description,
  };
}

function isRealDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Why a value does not fit a property, or null when it does. */
function misfit(p: ContactPropertyDef, value: PropValue): string | null {
  const name = `${p.label} (${p.key})`;
  switch (p.type) {
    case 'number':
      return typeof value === 'number' ? null : `${name} is a number property: send a JSON number.`;
    case 'boolean':
      return typeof value === 'boolean'
        ? null
        : `${name} is a boolean property: send true or false.`;
    case 'date':
      return typeof value === 'string' && isRealDate(value)
        ? null
        : `${name} is a date property: send a real date as YYYY-MM-DD.`;
    case 'enum': {
      const values = (p.options ?? []).map((o) => o.value);
      return typeof value === 'string' && values.includes(value)
        ? null
        : `${name} must be one of ${JSON.stringify(values)}.`;
    }
    default:
      // `string`, and any type added later (the contract says to treat it as string).
      if (typeof value !== 'string') return `${name} is a text property: send a string.`;
      return value.length > MAX_STRING_LENGTH
        ? `${name} must be at most ${MAX_STRING_LENGTH} characters.`
        : null;
  }
}

/**
 * Checks the values written to defined (not archived) properties; null (clear) always fits and
 * undefined keys are stored as given. Throws 422 naming `<paramPrefix>properties.<key>`.
 */
export function checkPropertyWrite(
  defs: readonly ContactPropertyDef[],
  properties: Record<string, PropValue | null> | undefined,
  paramPrefix = '',
): void {
  if (!properties) return;
  for (const [key, value] of Object.entries(properties)) {
    if (value === null) continue;
    const def = defs.find((d) => d.key === key && !d.archived);
    if (!def) continue;
    const problem = misfit(def, value);
    if (problem)
      throw new ApiError(422, 'invalid_request', problem, `${paramPrefix}properties.${key}`);
  }
}

/**
 * Checks definitions given to the sandbox's control API: each must be a ContactProperty of the
 * contract (plus an optional `archived` flag), with unique keys and at most 200 listed.
 */
export function parseContactPropertyDefs(input: unknown): ContactPropertyDef[] {
  if (!Array.isArray(input))
    throw new ApiError(400, 'invalid_request', 'data must be a list of properties.', 'data');
  const valid = schemaValidator('ContactProperty');
  const keys = new Set<string>();
  const defs = input.map((item: unknown, i): ContactPropertyDef => {
    const { archived, ...rest } = (item ?? {}) as Record<string, unknown>;
    if (!valid(rest)) {
      const failure = toFailure(valid.errors ?? [], true);
      throw new ApiError(400, 'invalid_request', `data.${i}: ${failure.message}`, 'data');
    }
    if (archived !== undefined && typeof archived !== 'boolean')
      throw new ApiError(400, 'invalid_request', `data.${i}.archived must be a boolean.`, 'data');
    const def = rest as unknown as ContactPropertyDef;
    if (keys.has(def.key))
      throw new ApiError(400, 'invalid_request', `data.${i}: duplicate key ${def.key}.`, 'data');
    keys.add(def.key);
    return { ...def, archived: archived === true };
  });
  if (defs.filter((d) => !d.archived).length > 200)
    throw new ApiError(400, 'invalid_request', 'At most 200 listed properties.', 'data');
  return defs;
}
