/**
 * Zapier's integration checks that the definition alone decides, as pure functions over the built
 * definition (plus the listing and the last released surface). IDs and rules follow Zapier's
 * "Integration Checks Reference" (https://docs.zapier.com/integrations/publish/integration-checks-reference;
 * docs/publishing.md quotes what each check asks and how it is read here). Own rules use X-ids.
 *
 * Each rule returns findings `{ id, place, rule }`; `npm run lint:zapier` prints them as
 * `ID place: rule` and exits 1 when there is any.
 */
import {
  isField,
  operations,
  staticFields,
  type Action,
  type AppDefinition,
  type Field,
  type Kind,
} from './definition.js';
import { sampleKeys, surfaceOf, type Surface } from './surface.js';

export interface Finding {
  id: string;
  place: string;
  rule: string;
}

export interface Listing {
  name?: unknown;
  description?: unknown;
  category?: unknown;
  homepage?: unknown;
  support?: unknown;
  audience?: unknown;
}

export interface PngInfo {
  width: number;
  height: number;
  /** IHDR colour type: 6 = truecolour with alpha (RGBA). */
  colorType: number;
  bitDepth: number;
}

export interface LintContext {
  app: AppDefinition;
  /**
   * Input fields per operation (`<kind> <key>`): the static ones plus those the lint could
   * resolve from dynamic-field functions offline (load.ts). Defaults to the static fields.
   */
  inputs?: Map<string, Field[]>;
  /** listing/app.json, when the listing is checked (M002). */
  listing?: Listing | null;
  /** listing/logo.png's header, when the listing is checked (M004); null: no logo. */
  logo?: PngInfo | null;
  /** definition.snapshot.json: the last released surface (C001-C003). */
  snapshot?: Surface | null;
}

export interface Rule {
  id: string;
  title: string;
  check: (context: LintContext) => Finding[];
}

// ------------------------------------------------------------------------------------- helpers

/** Keys no operation input may have: credentials belong in the authentication (D001). */
export const SECRET_KEY =
  /(^|_)(pass(word|wd)?|secret|token|api_?key|access_?key|private_?key|client_secret)($|_)/i;

/**
 * Ids of records in other systems (the customer's own ids, CRM record ids): values the user maps
 * from another app, with no object of this platform to pick from (D004 does not apply).
 */
export const FOREIGN_ID_KEYS: ReadonlySet<string> = new Set([
  'customer_id',
  'salesforce_contact_id',
  'hubspot_contact_id',
  'pipedrive_person_id',
]);

/**
 * Ids of this platform's objects that the API offers no list of, so no dropdown can be built
 * and no search can find them (contract 1.3 reads an invitation by id only): the user maps the
 * id from the step that created the object (Send NPS Survey's Invitation ID). D004 does not
 * apply; each entry says which operation outputs it in the input's help text.
 */
export const UNLISTED_ID_KEYS: ReadonlySet<string> = new Set(['invitation_id']);

/** Short words title case leaves in lower case unless first or last (D018). */
export const MINOR_WORDS: ReadonlySet<string> = new Set(
  'a an and as at but by en for if in nor of off on or per so the to up via vs yet'.split(' '),
);

export const MAX_OUTPUT_LABEL = 40;

const placeOf = (kind: Kind, key: string) => `${kind} ${key}`;

const inputsOf = (context: LintContext, kind: Kind, key: string, action: Action): Field[] =>
  context.inputs?.get(placeOf(kind, key)) ?? staticFields(action.operation?.inputFields);

const outputsOf = (action: Action): Field[] =>
  staticFields((action.operation?.outputFields ?? []) as unknown[]);

/** Fields with their children (line-item groups). */
const flatten = (fields: Field[]): Field[] =>
  fields.flatMap((field) => [field, ...flatten(staticFields(field.children))]);

const LINK = /\[([^\]]*)\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g;

/** Markdown links `[text](url)` of a text. */
export const markdownLinks = (text: string): Array<{ text: string; url: string }> =>
  [...text.matchAll(LINK)].map((match) => ({ text: match[1] ?? '', url: match[2] ?? '' }));

/** Texts a user reads: operation descriptions and every help text, with their place. */
const texts = (context: LintContext): Array<{ place: string; text: string }> => {
  const { app } = context;
  const found: Array<{ place: string; text: string }> = [];
  for (const field of app.authentication?.fields ?? []) {
    if (field.helpText)
      found.push({ place: `authentication field ${field.key}`, text: field.helpText });
  }
  for (const { kind, key, action } of operations(app)) {
    if (action.display?.description) {
      found.push({ place: placeOf(kind, key), text: action.display.description });
    }
    for (const field of flatten(inputsOf(context, kind, key, action))) {
      if (field.helpText) {
        found.push({ place: `${placeOf(kind, key)} input ${field.key}`, text: field.helpText });
      }
    }
  }
  for (const [key, soc] of Object.entries(app.searchOrCreates ?? {})) {
    if (soc.display?.description)
      found.push({ place: `searchOrCreate ${key}`, text: soc.display.description });
  }
  return found;
};

const words = (text: string): string[] => text.toLowerCase().match(/[a-z0-9]+/g) ?? [];

/**
 * Whether a label is in title case: every word starts with a capital, except short minor words
 * (MINOR_WORDS) that are neither first nor last. Words that are not plain lower-case letters
 * (acronyms and brands such as NPS, ID, HubSpot, numbers, symbols) are taken as written; each
 * part of a hyphenated word counts as a word ("Follow-up": "up" is a minor word).
 */
export const titleCaseProblems = (label: string): string[] => {
  const tokens = label.split(/\s+/).filter(Boolean);
  const problems: string[] = [];
  tokens.forEach((token, index) => {
    const bare = token.replace(/^[("'“‘[]+|[)"'”’\]:,.;!?]+$/g, '');
    bare.split('-').forEach((part, partIndex, parts) => {
      if (!/^[a-z]+$/.test(part)) return; // capitalised, acronym, number or symbol
      const first = index === 0 && partIndex === 0;
      const last = index === tokens.length - 1 && partIndex === parts.length - 1;
      const minor = MINOR_WORDS.has(part) && (partIndex > 0 || (!first && !last));
      if (!minor) problems.push(part);
    });
  });
  return problems;
};

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

const majorOf = (version: string | undefined): number => Number((version ?? '0').split('.')[0]);

// --------------------------------------------------------------------------------------- rules

export const RULES: Rule[] = [
  {
    id: 'D001',
    title: 'Secrets are asked only by the authentication, in password fields',
    check: ({ app, inputs }) => [
      ...operations(app).flatMap(({ kind, key, action }) =>
        flatten(inputsOf({ app, inputs }, kind, key, action))
          .filter((field) => SECRET_KEY.test(field.key))
          .map((field) => ({
            id: 'D001',
            place: `${placeOf(kind, key)} input ${field.key}`,
            rule: 'an input field must not ask for a secret (password, token, API key); credentials belong in the authentication',
          })),
      ),
      ...(app.authentication?.fields ?? [])
        .filter((field) => SECRET_KEY.test(field.key) && field.type !== 'password')
        .map((field) => ({
          id: 'D001',
          place: `authentication field ${field.key}`,
          rule: 'a secret must be a password field, so Zapier masks it',
        })),
    ],
  },
  {
    id: 'D002',
    title: 'Each authentication field has help text with a markdown link to the docs',
    check: ({ app }) =>
      (app.authentication?.fields ?? [])
        .filter((field) => field.type !== 'copy' && !field.computed)
        .filter(
          (field) =>
            !markdownLinks(field.helpText ?? '').some((link) => /^https:\/\//.test(link.url)),
        )
        .map((field) => ({
          id: 'D002',
          place: `authentication field ${field.key}`,
          rule: 'help text must say where to find the value, with a markdown link [text](https://…) to the documentation',
        })),
  },
  {
    id: 'D003',
    title: 'A connection label is set and shows no secret',
    check: ({ app }) => {
      const auth = app.authentication;
      if (!auth || auth.type === undefined) return [];
      const label = auth.connectionLabel;
      if (label === undefined || label === null || label === '') {
        return [
          {
            id: 'D003',
            place: 'authentication',
            rule: 'a connection label is required so users can tell their connections apart',
          },
        ];
      }
      const secrets = (auth.fields ?? [])
        .filter((field) => field.type === 'password' || SECRET_KEY.test(field.key))
        .map((field) => field.key);
      const source = typeof label === 'function' ? String(label) : JSON.stringify(label);
      return secrets
        .filter((key) => new RegExp(`(authData|inputData)(\\.|\\[['"])${key}\\b`).test(source))
        .map((key) => ({
          id: 'D003',
          place: 'authentication connectionLabel',
          rule: `the connection label must not show the secret ${key}`,
        }));
    },
  },
  {
    id: 'D004',
    title: "Id inputs of the platform's own objects have a dropdown or a search",
    check: (context) =>
      operations(context.app).flatMap(({ kind, key, action }) =>
        flatten(inputsOf(context, kind, key, action))
          .filter(
            (field) =>
              /(^|_)id$/.test(field.key) &&
              !FOREIGN_ID_KEYS.has(field.key) &&
              !UNLISTED_ID_KEYS.has(field.key),
          )
          .filter((field) => !field.dynamic && !field.search)
          .map((field) => ({
            id: 'D004',
            place: `${placeOf(kind, key)} input ${field.key}`,
            rule: 'an ID input needs a dynamic dropdown or a search, so users need not type IDs',
          })),
      ),
  },
  {
    id: 'D005',
    title:
      'Dynamic dropdowns (D005), search fields (D013) and search-or-creates (D015) reference real operations',
    check: (context) => {
      const { app } = context;
      const findings: Finding[] = [];
      for (const { kind, key, action } of operations(app)) {
        for (const field of flatten(inputsOf(context, kind, key, action))) {
          const place = `${placeOf(kind, key)} input ${field.key}`;
          if (field.dynamic !== undefined) {
            const [source, idKey, labelKey] = field.dynamic.split('.');
            const trigger = source ? app.triggers?.[source] : undefined;
            if (!trigger) {
              findings.push({
                id: 'D005',
                place,
                rule: `dynamic "${field.dynamic}" references no trigger "${source}"`,
              });
            } else {
              const known = new Set([
                ...outputsOf(trigger).map((output) => output.key),
                ...sampleKeys(trigger.operation?.sample),
              ]);
              for (const needed of [idKey, labelKey]) {
                if (needed && !known.has(needed)) {
                  findings.push({
                    id: 'D005',
                    place,
                    rule: `dynamic "${field.dynamic}": trigger ${source} outputs no "${needed}"`,
                  });
                }
              }
            }
          }
          if (field.search !== undefined) {
            const [search, resultKey] = field.search.split('.');
            const target = search ? app.searches?.[search] : undefined;
            if (!target) {
              findings.push({
                id: 'D013',
                place,
                rule: `search "${field.search}" references no search "${search}"`,
              });
            } else if (
              resultKey &&
              !new Set([
                ...outputsOf(target).map((o) => o.key),
                ...sampleKeys(target.operation?.sample),
              ]).has(resultKey)
            ) {
              findings.push({
                id: 'D013',
                place,
                rule: `search "${field.search}": search ${search} outputs no "${resultKey}"`,
              });
            }
          }
        }
      }
      for (const [key, soc] of Object.entries(app.searchOrCreates ?? {})) {
        if (!app.searches?.[soc.search]) {
          findings.push({
            id: 'D015',
            place: `searchOrCreate ${key}`,
            rule: `references no search "${soc.search}"`,
          });
        }
        if (!app.creates?.[soc.create]) {
          findings.push({
            id: 'D015',
            place: `searchOrCreate ${key}`,
            rule: `references no create "${soc.create}"`,
          });
        }
        if (key !== soc.search || soc.key !== soc.search) {
          findings.push({
            id: 'D015',
            place: `searchOrCreate ${key}`,
            rule: `its key must be its search's key "${soc.search}"`,
          });
        }
      }
      return findings;
    },
  },
  {
    id: 'D006',
    title:
      'REST hooks have performList (D006), performSubscribe (D016) and performUnsubscribe (D017)',
    check: ({ app }) =>
      Object.entries(app.triggers ?? {})
        .filter(([, trigger]) => trigger.operation?.type === 'hook')
        .flatMap(([key, trigger]) =>
          (
            [
              [
                'D006',
                'performList',
                'a REST hook needs performList, so users can load samples and test the zap',
              ],
              [
                'D016',
                'performSubscribe',
                'a REST hook needs performSubscribe, to register the webhook',
              ],
              [
                'D017',
                'performUnsubscribe',
                'a REST hook needs performUnsubscribe, to remove the webhook when the zap is off',
              ],
            ] as const
          )
            .filter(([, method]) => !trigger.operation[method])
            .map(([id, , rule]) => ({ id, place: `trigger ${key}`, rule })),
        ),
  },
  {
    id: 'D007',
    title: 'Static URLs use https (D007) and no dangerous scheme (D025)',
    check: (context) => {
      const urls: Array<{ place: string; url: string }> = [];
      const walk = (value: unknown, place: string, seen: Set<unknown>) => {
        if (typeof value !== 'object' || value === null || seen.has(value)) return;
        seen.add(value);
        for (const [key, item] of Object.entries(value)) {
          if (key === 'url' && typeof item === 'string') urls.push({ place, url: item });
          else walk(item, `${place}.${key}`, seen);
        }
      };
      walk(context.app, 'app', new Set());
      for (const { place, text } of texts(context)) {
        for (const link of markdownLinks(text)) urls.push({ place, url: link.url });
      }
      const homepage = context.listing?.homepage;
      if (typeof homepage === 'string') urls.push({ place: 'listing homepage', url: homepage });
      return urls.flatMap(({ place, url }) => {
        const trimmed = url.trim().toLowerCase();
        if (/^(javascript|data|vbscript|file):/.test(trimmed)) {
          return [{ id: 'D025', place, rule: `dangerous URI scheme in "${url.slice(0, 40)}"` }];
        }
        if (
          trimmed.startsWith('{{') ||
          trimmed.startsWith('https://') ||
          trimmed.startsWith('mailto:')
        )
          return [];
        return [{ id: 'D007', place, rule: `static URL "${url}" must use https` }];
      });
    },
  },
  {
    id: 'D008',
    title: 'Descriptions and help texts link with markdown, never a bare URL',
    check: (context) =>
      texts(context).flatMap(({ place, text }) => {
        const withoutLinks = text.replace(LINK, (_match, label: string) => label);
        const bare = withoutLinks.match(/\b(https?:\/\/|www\.)\S+/);
        return bare
          ? [
              {
                id: 'D008',
                place,
                rule: `bare URL "${bare[0]}": write it as a markdown link [text](url)`,
              },
            ]
          : [];
      }),
  },
  {
    id: 'D009',
    title: 'Searches have search fields',
    check: (context) =>
      operations(context.app)
        .filter(({ kind }) => kind === 'search')
        .filter(
          ({ key, action }) =>
            !inputsOf(context, 'search', key, action).length &&
            !(action.operation?.inputFields ?? []).length,
        )
        .map(({ key }) => ({
          id: 'D009',
          place: `search ${key}`,
          rule: 'a search needs at least one input field to search by',
        })),
  },
  {
    id: 'D010',
    title: 'Operations have a sample (D010) holding the primary key (D012)',
    check: ({ app }) =>
      operations(app).flatMap(({ kind, key, action }) => {
        const sample = action.operation?.sample;
        if (typeof sample !== 'object' || sample === null || !Object.keys(sample).length) {
          return [
            {
              id: 'D010',
              place: placeOf(kind, key),
              rule: 'needs a sample, shown when a user skips the test',
            },
          ];
        }
        // The primary key matters where Zapier keeps items apart: trigger deduplication, and a
        // search that feeds a search connector or a search-or-create. A report-style search
        // (one computed record) has no id to keep.
        const referenced =
          kind === 'search' &&
          (Object.values(app.searchOrCreates ?? {}).some((soc) => soc.search === key) ||
            operations(app).some(({ action: other }) =>
              staticFields(other.operation?.inputFields).some((field) =>
                field.search?.startsWith(`${key}.`),
              ),
            ));
        if (kind !== 'trigger' && !referenced) return [];
        const primary = outputsOf(action)
          .filter((field) => field.primary)
          .map((field) => field.key);
        const keys = primary.length ? primary : ['id'];
        return keys
          .filter(
            (needed) =>
              sample[needed] === undefined || sample[needed] === null || sample[needed] === '',
          )
          .map((needed) => ({
            id: 'D012',
            place: `${placeOf(kind, key)} sample`,
            rule: `must hold the primary key "${needed}" (Zapier deduplicates and references items by it)`,
          }));
      }),
  },
  {
    id: 'D011',
    title: 'Help text says more than the label',
    check: (context) => {
      const filler = new Set([
        'the',
        'a',
        'an',
        'of',
        'enter',
        'your',
        'this',
        'is',
        'here',
        'field',
        'value',
        'input',
        'please',
        'select',
        'choose',
      ]);
      const findings: Finding[] = [];
      const check = (place: string, field: Field) => {
        if (!field.helpText || !field.label) return;
        const label = new Set(words(field.label));
        const extra = words(field.helpText).filter((word) => !label.has(word) && !filler.has(word));
        if (!extra.length)
          findings.push({
            id: 'D011',
            place,
            rule: 'help text only repeats the label: say what the value is for, its format or an example',
          });
      };
      for (const field of context.app.authentication?.fields ?? [])
        check(`authentication field ${field.key}`, field);
      for (const { kind, key, action } of operations(context.app)) {
        for (const field of flatten(inputsOf(context, kind, key, action)))
          check(`${placeOf(kind, key)} input ${field.key}`, field);
      }
      return findings;
    },
  },
  {
    id: 'D014',
    title: 'Search connectors only on plain fields',
    check: (context) =>
      operations(context.app).flatMap(({ kind, key, action }) =>
        flatten(inputsOf(context, kind, key, action))
          .filter((field) => field.search !== undefined)
          .filter(
            (field) =>
              field.list ||
              field.dict ||
              field.children?.length ||
              field.choices !== undefined ||
              !['string', 'integer', undefined].includes(field.type),
          )
          .map((field) => ({
            id: 'D014',
            place: `${placeOf(kind, key)} input ${field.key}`,
            rule: 'a search connector needs a plain text or integer field (no list, dict, line items or static choices)',
          })),
      ),
  },
  {
    id: 'D018',
    title: 'Labels are title case',
    check: (context) => {
      const labelled: Array<{ place: string; label: string }> = [];
      for (const field of context.app.authentication?.fields ?? []) {
        if (field.label)
          labelled.push({ place: `authentication field ${field.key}`, label: field.label });
      }
      for (const { kind, key, action } of operations(context.app)) {
        if (action.display?.label)
          labelled.push({ place: placeOf(kind, key), label: action.display.label });
        for (const field of flatten(inputsOf(context, kind, key, action))) {
          if (field.label)
            labelled.push({
              place: `${placeOf(kind, key)} input ${field.key}`,
              label: field.label,
            });
        }
        for (const field of outputsOf(action)) {
          if (field.label)
            labelled.push({
              place: `${placeOf(kind, key)} output ${field.key}`,
              label: field.label,
            });
        }
      }
      for (const [key, soc] of Object.entries(context.app.searchOrCreates ?? {})) {
        if (soc.display?.label)
          labelled.push({ place: `searchOrCreate ${key}`, label: soc.display.label });
      }
      return labelled.flatMap(({ place, label }) => {
        const problems = titleCaseProblems(label);
        return problems.length
          ? [
              {
                id: 'D018',
                place,
                rule: `label "${label}" is not title case (${problems.join(', ')})`,
              },
            ]
          : [];
      });
    },
  },
  {
    id: 'D021',
    title:
      'Trigger descriptions start "Triggers when " and end with a period; other descriptions end with a period',
    check: ({ app }) =>
      operations(app).flatMap(({ kind, key, action }) => {
        const description = (action.display?.description ?? '').trim();
        const findings: Finding[] = [];
        if (kind === 'trigger' && !description.startsWith('Triggers when ')) {
          findings.push({
            id: 'D021',
            place: placeOf(kind, key),
            rule: 'a trigger description must start with "Triggers when "',
          });
        }
        if (!description.endsWith('.')) {
          findings.push({
            id: 'D021',
            place: placeOf(kind, key),
            rule: 'the description must end with a period',
          });
        }
        return findings;
      }),
  },
  {
    id: 'D023',
    title: 'Date-times in samples are ISO-8601 with a time zone',
    check: ({ app }) =>
      operations(app).flatMap(({ kind, key, action }) => {
        const sample = action.operation?.sample ?? {};
        const datetimeKeys = outputsOf(action)
          .filter((field) => field.type === 'datetime')
          .map((field) => field.key);
        const findings: Finding[] = [];
        for (const { path, value } of sampleStrings(sample, '')) {
          if (looksLikeDateTime.test(value) && !isoWithZone.test(value)) {
            findings.push({
              id: 'D023',
              place: `${placeOf(kind, key)} sample ${path}`,
              rule: `"${value}" must be ISO-8601 with a time zone, like 2026-11-20T09:14:03Z`,
            });
          }
        }
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
                rule: `"${value}" is not an ISO-8601 date-time`,
              });
            }
          }
        }
        return findings;
      }),
  },
  {
    id: 'D024',
    title: 'Samples respect the output field types',
    check: ({ app }) =>
      operations(app).flatMap(({ kind, key, action }) => {
        const sample = action.operation?.sample ?? {};
        return outputsOf(action).flatMap((field) => {
          if (!field.type) return [];
          return sampleValues(sample, field.key).flatMap((value) => {
            if (value === null || value === undefined) return [];
            const values = field.list ? (Array.isArray(value) ? value : [value]) : [value];
            if (field.list && !Array.isArray(value)) {
              return [
                {
                  id: 'D024',
                  place: `${placeOf(kind, key)} sample ${field.key}`,
                  rule: `declared a list, the sample has ${describe(value)}`,
                },
              ];
            }
            if (!field.list && Array.isArray(value)) {
              return [
                {
                  id: 'D024',
                  place: `${placeOf(kind, key)} sample ${field.key}`,
                  rule: `declared ${field.type}, the sample has a list`,
                },
              ];
            }
            const bad = values.find(
              (item) => item !== null && !fitsType(field.type ?? 'string', item),
            );
            return bad === undefined
              ? []
              : [
                  {
                    id: 'D024',
                    place: `${placeOf(kind, key)} sample ${field.key}`,
                    rule: `declared ${field.type}, the sample has ${describe(bad)}`,
                  },
                ];
          });
        });
      }),
  },
  {
    id: 'M002',
    title: 'The listing description: 40-140 characters, starts "<name> is a", no "Zapier"',
    check: ({ listing }) => {
      if (listing === undefined) return [];
      if (listing === null)
        return [{ id: 'M002', place: 'listing/app.json', rule: 'the listing is missing' }];
      const name = typeof listing.name === 'string' ? listing.name.trim() : '';
      const description = typeof listing.description === 'string' ? listing.description.trim() : '';
      const findings: Finding[] = [];
      const add = (rule: string) =>
        findings.push({ id: 'M002', place: 'listing/app.json description', rule });
      if (!name)
        findings.push({ id: 'M002', place: 'listing/app.json name', rule: 'the app needs a name' });
      if (description.length < 40 || description.length > 140) {
        add(`must be 40-140 characters; it has ${description.length}`);
      }
      if (name && !description.startsWith(`${name} is a`))
        add(`must start with "${name} is a" (what the app is, in one sentence)`);
      if (/zapier/i.test(description))
        add('must not mention Zapier (the directory page already does)');
      if (description && !description.endsWith('.')) add('must end with a period');
      return findings;
    },
  },
  {
    id: 'M004',
    title: 'The logo: a square PNG of at least 256×256 pixels, with transparency',
    check: ({ logo }) => {
      if (logo === undefined) return [];
      if (logo === null)
        return [
          { id: 'M004', place: 'listing/logo.png', rule: 'the logo is missing or not a PNG' },
        ];
      const findings: Finding[] = [];
      const add = (rule: string) => findings.push({ id: 'M004', place: 'listing/logo.png', rule });
      if (logo.width !== logo.height) add(`must be square; it is ${logo.width}×${logo.height}`);
      if (Math.min(logo.width, logo.height) < 256)
        add(`must be at least 256×256; it is ${logo.width}×${logo.height}`);
      if (logo.colorType !== 6)
        add(
          `must be RGBA (PNG colour type 6) for a transparent background; it is type ${logo.colorType}`,
        );
      return findings;
    },
  },
  {
    id: 'X002',
    title: 'The listing names a category, an https homepage, support and an audience',
    check: ({ listing }) => {
      if (!listing) return [];
      const findings: Finding[] = [];
      const add = (field: string, rule: string) =>
        findings.push({ id: 'X002', place: `listing/app.json ${field}`, rule });
      const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
      if (!text(listing.category)) add('category', 'the directory category is required');
      if (!/^https:\/\/[^\s/]+\.[^\s]+$/.test(text(listing.homepage)))
        add('homepage', 'must be an https URL');
      const support = text(listing.support);
      if (!/^https:\/\/\S+$/.test(support) && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(support)) {
        add('support', 'must be an https URL or an email address');
      }
      if (!['public', 'private'].includes(text(listing.audience)))
        add('audience', 'must be "public" or "private"');
      return findings;
    },
  },
  {
    id: 'C001',
    title:
      'No breaking change since the last release, unless the major version is raised (C001-C003)',
    check: ({ app, snapshot, inputs }) => {
      if (!snapshot) return [];
      if (majorOf(app.version) > majorOf(snapshot.version)) return [];
      const now = surfaceOf(app, inputs);
      const findings: Finding[] = [];
      for (const group of ['triggers', 'searches', 'creates'] as const) {
        const kind = group === 'triggers' ? 'trigger' : group === 'searches' ? 'search' : 'create';
        for (const [key, before] of Object.entries(snapshot[group])) {
          const after = now[group][key];
          const place = `${kind} ${key}`;
          if (!after) {
            findings.push({
              id: 'C001',
              place,
              rule: `removed since ${snapshot.version}: zaps using it would break`,
            });
            continue;
          }
          if (!before.hidden && after.hidden) {
            findings.push({
              id: 'C001',
              place,
              rule: `hidden since ${snapshot.version}: zaps using it would break`,
            });
          }
          for (const [input, was] of Object.entries(before.inputs)) {
            const is = after.inputs[input];
            if (!is) {
              findings.push({
                id: 'C002',
                place: `${place} input ${input}`,
                rule: `removed or re-keyed since ${snapshot.version}: zaps store values under this key`,
              });
            } else if (!was.required && is.required) {
              findings.push({
                id: 'C002',
                place: `${place} input ${input}`,
                rule: `optional in ${snapshot.version}, now required: existing zaps without it would fail`,
              });
            } else if (was.type !== is.type || Boolean(was.list) !== Boolean(is.list)) {
              findings.push({
                id: 'C002',
                place: `${place} input ${input}`,
                rule: `type changed since ${snapshot.version} (${was.type}${was.list ? ' list' : ''} → ${is.type}${is.list ? ' list' : ''})`,
              });
            }
          }
          const sample = new Set(after.sample);
          const gone = before.sample.filter((name) => !sample.has(name));
          if (gone.length) {
            findings.push({
              id: 'C003',
              place: `${place} sample`,
              rule: `keys removed since ${snapshot.version}: ${gone.join(', ')} (zaps map them)`,
            });
          }
        }
      }
      return findings;
    },
  },
  {
    id: 'X001',
    title: `Output field labels are at most ${MAX_OUTPUT_LABEL} characters`,
    check: ({ app }) =>
      operations(app).flatMap(({ kind, key, action }) =>
        outputsOf(action)
          .filter((field) => (field.label ?? '').length > MAX_OUTPUT_LABEL)
          .map((field) => ({
            id: 'X001',
            place: `${placeOf(kind, key)} output ${field.key}`,
            rule: `label "${field.label}" has ${(field.label ?? '').length} characters; at most ${MAX_OUTPUT_LABEL} fit Zapier's field picker (explain formats in docs/crm-mapping.md)`,
          })),
      ),
  },
];

/** Runs every rule; findings in rule order. */
export const lint = (context: LintContext, rules: readonly Rule[] = RULES): Finding[] =>
  rules.flatMap((rule) => rule.check(context));

export const formatFinding = (finding: Finding): string =>
  `${finding.id} ${finding.place}: ${finding.rule}`;

export { isField };
