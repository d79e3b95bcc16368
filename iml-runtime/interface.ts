/**
 * Checks an output bundle against a module's interface (Make's "Interface": the output fields,
 * with the parameters' syntax). Test tooling only; see ./runner.ts.
 *
 * Dates: Make shows a date-time output as a date only in its own ISO 8601 form,
 * `YYYY-MM-DDTHH:mm:ss.sssZ` ("Any other format won't be shown correctly in the output and needs
 * to be parsed in the Communication tab",
 * https://developers.make.com/custom-apps-documentation/block-elements/parameters/date), which is
 * what a parsed date (`parseDate`) becomes. So a `date` field holding the API's text as it came
 * (`2026-03-01T12:00:00Z`) is reported.
 */
import { isRec, type Rec } from './app.js';

/** Make's date-time form: what `parseDate()` output serializes to. */
export const MAKE_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const TYPE_CHECKS: Record<string, (v: unknown) => boolean> = {
  text: (v) => typeof v === 'string',
  email: (v) => typeof v === 'string',
  url: (v) => typeof v === 'string',
  number: (v) => typeof v === 'number',
  integer: (v) => typeof v === 'number' && Number.isInteger(v),
  uinteger: (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0,
  boolean: (v) => typeof v === 'boolean',
  date: (v) => typeof v === 'string' && MAKE_DATE_TIME.test(v) && !Number.isNaN(Date.parse(v)),
  array: (v) => Array.isArray(v),
  collection: (v) => isRec(v),
};

/**
 * Compares one output bundle with a module's interface (array of {name, type, spec}): every key
 * the output has must be declared, and a non-null value must fit its declared type (text, number,
 * integer, uinteger, boolean, date, array, collection; other types are not checked). Nested
 * collections (`spec` = fields) and arrays (`spec` = item spec or fields) are walked. Returns the
 * problems as sentences (empty when the output matches).
 */
export const checkInterface = (output: unknown, iface: unknown, path = ''): string[] => {
  const fields = Array.isArray(iface) ? iface.filter(isRec) : [];
  if (!isRec(output)) return [`${path || 'output'} is not a collection`];
  const problems: string[] = [];
  for (const [key, value] of Object.entries(output)) {
    const at = path ? `${path}.${key}` : key;
    const field = fields.find((f) => f.name === key);
    if (!field) {
      problems.push(`${at} is not declared in the interface`);
      continue;
    }
    if (value === null || value === undefined) continue;
    const type = typeof field.type === 'string' ? field.type : '';
    const check = TYPE_CHECKS[type];
    if (check && !check(value)) {
      problems.push(`${at} is declared ${type} but is ${JSON.stringify(value)}`);
      continue;
    }
    if (type === 'collection' && Array.isArray(field.spec))
      problems.push(...checkInterface(value, field.spec, at));
    if (type === 'array' && Array.isArray(value)) {
      const spec = field.spec;
      const itemFields = Array.isArray(spec)
        ? spec
        : isRec(spec) && spec.type === 'collection' && Array.isArray(spec.spec)
          ? spec.spec
          : undefined;
      const itemCheck =
        isRec(spec) && typeof spec.type === 'string' ? TYPE_CHECKS[spec.type] : undefined;
      value.forEach((item, i) => {
        if (itemFields) problems.push(...checkInterface(item, itemFields, `${at}[${i + 1}]`));
        else if (itemCheck && item !== null && !itemCheck(item))
          problems.push(
            `${at}[${i + 1}] is declared ${String((spec as Rec).type)} but is ${JSON.stringify(item)}`,
          );
      });
    }
  }
  return problems;
};
