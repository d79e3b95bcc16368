/**
 * D: Definition, static samples (D010 D012 D023 D024): that every operation users map has one,
 * and that it agrees with the deduper, ISO-8601 and the operation's output fields. Zapier checks
 * the same on live data with T002, T003 and T005, which need Zap History.
 */
import type { Finding, Rule } from '../../context.js';
import { operations, type Action } from '../../definition.js';
import { isHidden, isHook, outputsOf, placeOf } from '../../places.js';

const isoWithZone = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const looksLikeDateTime = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** Strings anywhere in a sample, with their path. */
const sampleStrings = (value: unknown, path: string): Array<{ path: string; value: string }> => {
  if (typeof value === 'string') return [{ path, value }];
  if (Array.isArray(value)) return value.flatMap((item, i) => sampleStrings(item, `${path}[${i}]`));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) =>
      sampleStrings(item, path ? `${path}.${key}` : key),
    );
  }
  return [];
};

/** Whether one (non-null) value fits an output field type. */
const fitsType = (type: string, value: unknown): boolean => {
  switch (type) {
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'datetime': // its format is D023's
    case 'string':
    case 'text':
    case 'password':
    case 'copy':
    case 'file':
      return typeof value === 'string';
    default:
      return true;
  }
};

const describe = (value: unknown): string =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'a list'
      : `${typeof value} ${JSON.stringify(value)}`.slice(0, 60);

/** The values of an output field key in a sample: `a`, or each item's `b` for `a[]b`. */
const sampleValues = (sample: Record<string, unknown>, key: string): unknown[] => {
  const [head, sub] = key.split('[]');
  if (head === undefined || !(head in sample)) return [];
  const value = sample[head];
  if (sub === undefined) return [value];
  return Array.isArray(value)
    ? value.flatMap((item) =>
        typeof item === 'object' && item !== null && sub in item
          ? [(item as Record<string, unknown>)[sub]]
          : [],
      )
    : [];
};

const hasSample = (action: Action): action is Action & { operation: { sample: object } } => {
  const sample = action.operation?.sample;
  return typeof sample === 'object' && sample !== null && Object.keys(sample).length > 0;
};

/** D024's finding for one sample value of an output field, or none. */
const valueProblem = (field: { list?: boolean; type?: string }, value: unknown): string | null => {
  if (value === null || value === undefined) return null;
  if (field.list && !Array.isArray(value))
    return `declared a list, the sample has ${describe(value)}`;
  if (!field.list && Array.isArray(value)) return `declared ${field.type}, the sample has a list`;
  const items: unknown[] = Array.isArray(value) ? value : [value];
  const bad = items.find((item) => item !== null && !fitsType(field.type ?? 'string', item));
  return bad === undefined ? null : `declared ${field.type}, the sample has ${describe(bad)}`;
};

export const SAMPLE_RULES: Rule[] = [
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#D010
    // "For polling triggers, the deduper uses the primary key field(s) to decide if it's seen an
    // object before. […] Hooks are not deduped." The sample holds every output field marked
    // `primary`, or `id` when none is; each value a string or a number. A trigger without a
    // sample is D012's.
    id: 'D010',
    title: 'Missing Primary Key Fields in Static Sample Data',
    check: ({ app }) =>
      Object.entries(app.triggers ?? {})
        .filter(([, trigger]) => !isHook(trigger) && hasSample(trigger))
        .flatMap(([key, trigger]) => {
          const sample = trigger.operation.sample as Record<string, unknown>;
          const primary = outputsOf(trigger)
            .filter((field) => field.primary)
            .map((field) => field.key);
          return (primary.length ? primary : ['id']).flatMap((needed): Finding[] => {
            const value = sample[needed];
            const place = `trigger ${key} sample`;
            if (value === undefined || value === null || value === '') {
              return [
                {
                  id: 'D010',
                  place,
                  rule: `"${needed}" is missing: the deduper tells items apart by it`,
                },
              ];
            }
            return typeof value === 'string' || typeof value === 'number'
              ? []
              : [
                  {
                    id: 'D010',
                    place,
                    rule: `"${needed}" must be a string or a number, not ${describe(value)}`,
                  },
                ];
          });
        }),
  },
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#D012
    // "When a user sets up a trigger or action (create or search), they need sample data to be
    // returned in order to have fields available to map in the subsequent steps." Hidden
    // operations are exempt (the schema requires `sample` unless the operation is hidden: users
    // never map them).
    id: 'D012',
    title: 'Static Sample Is Required',
    check: ({ app }) =>
      operations(app)
        .filter(({ action }) => !isHidden(action) && !hasSample(action))
        .map(({ kind, key }) => ({
          id: 'D012',
          place: placeOf(kind, key),
          rule: 'needs a sample: users map its fields when a test returns nothing or is skipped',
        })),
  },
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#D023
    // "you should always use ISO-8601 format to represent dates or times. Timezone info should
    // also be present if it contains time." (`2023-08-01` passes, `2023-08-01T06:50:30` fails).
    id: 'D023',
    title: 'ISO-8601 Date/Time Format in Static Sample',
    check: ({ app }) =>
      operations(app).flatMap(({ kind, key, action }) => {
        const sample = action.operation?.sample ?? {};
        const findings: Finding[] = [];
        for (const { path, value } of sampleStrings(sample, '')) {
          if (looksLikeDateTime.test(value) && !isoWithZone.test(value)) {
            findings.push({
              id: 'D023',
              place: `${placeOf(kind, key)} sample ${path}`,
              rule: `"${value}" needs ISO-8601 with a time zone, like 2026-11-20T09:14:03Z`,
            });
          }
        }
        const datetimeKeys = outputsOf(action)
          .filter((field) => field.type === 'datetime')
          .map((field) => field.key);
        for (const field of datetimeKeys) {
          for (const value of sampleValues(sample, field)) {
            if (
              typeof value === 'string' &&
              !looksLikeDateTime.test(value) &&
              !isoDate.test(value)
            ) {
              findings.push({
                id: 'D023',
                place: `${placeOf(kind, key)} sample ${field}`,
                rule: `"${value}" is not an ISO-8601 date or date-time`,
              });
            }
          }
        }
        return findings;
      }),
  },
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#D024
    // "“required” fields must be in the sample; field values in the sample match their field
    // type" (`null` is an empty value of any type).
    id: 'D024',
    title: 'Static Sample Respects Output Field Definition',
    check: ({ app }) =>
      operations(app)
        .filter(({ action }) => hasSample(action))
        .flatMap(({ kind, key, action }) => {
          const sample = action.operation.sample as Record<string, unknown>;
          return outputsOf(action).flatMap((field): Finding[] => {
            const place = `${placeOf(kind, key)} sample ${field.key}`;
            const values = sampleValues(sample, field.key);
            if (field.required && !values.length) {
              return [{ id: 'D024', place, rule: 'required, but missing' }];
            }
            if (!field.type) return [];
            return values.flatMap((value): Finding[] => {
              const problem = valueProblem(field, value);
              return problem ? [{ id: 'D024', place, rule: problem }] : [];
            });
          });
        }),
  },
];
