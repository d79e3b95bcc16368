/**
 * How module parameters reach a request.
 *
 * Make processes empty values itself (other/processing-of-empty-values): a field left empty reaches
 * the module as `undefined`, which stays out of the request, and the `erase` pill (update and
 * universal modules) as `null`, which the contract reads as "clear this field" (contract
 * "Conventions": absent fields stay as they are, `null` clears). So a body sends each parameter
 * as Make hands it over, `{{parameters.x}}`, never filtered by the app (best-practices "Processing
 * of input parameters": filtering empty values "isn't possible to send a null … to a service").
 *
 * Conditions use the three-argument `if(condition, value 1, value 2)`, the only form Make's IML page
 * documents; where a query parameter is not for this call, its value is `undefined` (the value
 * Make itself uses for "no value"), which Make leaves out of the query string.
 */
import { IDENTITY_KEYS } from '../client/api.js';
import { s, typedPropertiesExpr, x } from './iml.js';

/** A parameter as Make hands it over. */
export const p = (name: string): string => x(`parameters.${name}`);

/** `value` when `condition` holds, else no value (left out of the query string). */
export const when = (condition: string, value: string): string =>
  x(`if(${condition}; ${value}; undefined)`);

/** The typed contact properties collection (the Zapier app's `property__<key>` fields). */
export const TYPED_PROPERTIES = 'typed_properties';

/** `typed_properties` as the properties object (`{}` when every field was left empty). */
export const typedProperties = (): string =>
  x(
    `if(parameters.${TYPED_PROPERTIES}; parseJSON(${typedPropertiesExpr(`parameters.${TYPED_PROPERTIES}`)}); parameters.${TYPED_PROPERTIES})`,
  );

/** Inputs of an Idempotency-Key that are lists or collections (written as JSON). */
const STRUCTURED_KEY_INPUTS = new Set(['tags', 'properties']);

/**
 * The Idempotency-Key header: `make-<operation>-<sha256 hex>` over the canonical inputs
 * (lib/idempotency.ts). The canonical string: the operation key, then each input in sorted key
 * order as `key=value`: a text, number or boolean as text, a list or collection as its JSON
 * (built-in createJSON; toString of a collection is not documented). An input left empty counts as
 * unset. Make's IML documents no scenario id (Zapier's key includes the zap id), so equal inputs
 * from two scenarios within the platform's 24 hours count as one.
 */
export const idempotencyHeader = (operationKey: string, inputKeys: readonly string[]): string => {
  const parts = [...inputKeys].sort().map((key) => {
    const value =
      key === TYPED_PROPERTIES
        ? // Its JSON (the object the body sends) without the date properties, `{}` when none: a
          // run again the next day with a date like today's is the same call (creates/send_survey.ts).
          `if(parameters.${key}; ${typedPropertiesExpr(`parameters.${key}`, { dates: false })}; ${s('{}')})`
        : STRUCTURED_KEY_INPUTS.has(key)
          ? `createJSON(ifempty(parameters.${key}; emptyarray))`
          : `toString(ifempty(parameters.${key}; ${s('')}))`;
    return `${s(`${key}=`)}; ${value}`;
  });
  return `make-${operationKey}-${x(
    `sha256(join(add(emptyarray; ${s(`operation=${operationKey}`)}; ${parts.join('; ')}); ${s('\u001f')}))`,
  )}`;
};

/** The chosen identity key (Email when none is chosen). */
export const identityKey = `ifempty(parameters.identity_key; ${s('email')})`;

/** `?email=…` (or the chosen identity key): only the chosen key gets the value. */
export const identityQuery = (): Record<string, string> =>
  Object.fromEntries(
    IDENTITY_KEYS.map((key) => [
      key,
      when(`${identityKey} = ${s(key)}`, 'parameters.identity_value'),
    ]),
  );

/** The field `key` of upsertContact: the Identity Value when the identity key names it, else the field. */
export const identityFromKey = (key: string): string =>
  x(
    `if(${identityKey} = ${s(key)}; ${key === 'pipedrive_person_id' ? 'parseNumber(parameters.identity_value)' : 'parameters.identity_value'}; parameters.${key})`,
  );

const CRM_KEYS = new Set(['salesforce_contact_id', 'hubspot_contact_id', 'pipedrive_person_id']);

/** A contact object for the API: the fields, the CRM ids under `crm_ids`. */
export const contactBody = (
  keys: readonly string[],
  valueOf: (key: string) => string = p,
): Record<string, unknown> => {
  const body: Record<string, unknown> = {};
  const crm: Record<string, string> = {};
  for (const key of keys) {
    const isIdentity = (IDENTITY_KEYS as readonly string[]).includes(key);
    const value = isIdentity ? valueOf(key) : p(key);
    if (CRM_KEYS.has(key)) crm[key] = value;
    else body[key] = value;
  }
  if (Object.keys(crm).length) body.crm_ids = crm;
  return body;
};
