/**
 * Zapier's integration checks that the definition and the listing alone decide, as pure functions
 * over the built definition (plus the listing and the last released surface). IDs, titles and
 * readings are those of Zapier's Integration Checks Reference (ICR below; the version that lists
 * D027, D028 and E001), each rule's comment links its section; docs/publishing.md lists every rule
 * and what cannot be decided offline. Own rules (house style beyond Zapier's text) use X-ids.
 *
 * Each rule returns findings `{ id, place, rule }`; `npm run lint:zapier` prints them as
 * `ID place: Title — detail` and exits 1 when there is any that accepted.ts does not accept.
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
import { serializeDefinition } from './serialize.js';
import { sampleKeys, surfaceOf, type Surface } from './surface.js';

/** Zapier's Integration Checks Reference, as the CLI links it (constants.js CHECK_REF_DOC_LINK). */
export const ICR = 'https://docs.zapier.com/platform/publish/integration-checks-reference';

export interface Finding {
  id: string;
  place: string;
  rule: string;
}

/** listing/app.json: what `zapier-platform register` sets (docs/publishing.md, "The listing"). */
export interface Listing {
  name?: unknown;
  description?: unknown;
  category?: unknown;
  homepage?: unknown;
  support?: unknown;
  audience?: unknown;
  role?: unknown;
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
   * resolve from dynamic-field functions offline (resolve.ts). Defaults to the static fields.
   */
  inputs?: Map<string, Field[]>;
  /** listing/app.json, when the listing is checked (M001-M006); null: no listing. */
  listing?: Listing | null;
  /** listing/logo.png's header, when the listing is checked (M004); null: no logo. */
  logo?: PngInfo | null;
  /** definition.snapshot.json: the surface of the published version (C001-C003, X005). */
  snapshot?: Surface | null;
  /**
   * Versions of the platform packages installed with the app (D027): the newest platform this
   * project knows of offline. zapier-platform-cli and -core are released together, same version.
   */
  platform?: { core?: string; cli?: string };
}

export interface Rule {
  id: string;
  /** The check's title in the ICR (own rules: ours). */
  title: string;
  check: (context: LintContext) => Finding[];
}

// ------------------------------------------------------------------------------------- helpers

/** Keys no operation input may have: credentials belong in the authentication (D001, X004). */
export const SECRET_KEY =
  /(^|_)(pass(word|wd)?|secret|token|api_?key|access_?key|private_?key|client_secret)($|_)/i;

/**
 * Ids of records in other systems (the customer's own ids, CRM record ids): values the user maps
 * from another app, with no object of this platform to pick from (D004 does not apply). The ICR
 * gives no heuristic for "ID fields"; this is the reading written in docs/publishing.md.
 */
export const FOREIGN_ID_KEYS: ReadonlySet<string> = new Set([
  'customer_id',
  'salesforce_contact_id',
  'hubspot_contact_id',
  'pipedrive_person_id',
]);

/** Short words title case leaves in lower case unless first or last (D018, X007). */
export const MINOR_WORDS: ReadonlySet<string> = new Set(
  'a an and as at but by en for if in nor of off on or per so the to up via vs yet'.split(' '),
);

export const MAX_OUTPUT_LABEL = 40;

/** `register --audience` and `--role` values (the CLI checks them against Zapier's list). */
export const AUDIENCES: ReadonlySet<string> = new Set(['global', 'private']);
export const PUBLIC_ROLES: ReadonlySet<string> = new Set(['employee', 'contractor']);

const placeOf = (kind: Kind, key: string) => `${kind} ${key}`;

const inputsOf = (context: LintContext, kind: Kind, key: string, action: Action): Field[] =>
  context.inputs?.get(placeOf(kind, key)) ?? staticFields(action.operation?.inputFields);

const outputsOf = (action: Action): Field[] =>
  staticFields((action.operation?.outputFields ?? []) as unknown[]);

/** Fields with their children (line-item groups). */
const flatten = (fields: Field[]): Field[] =>
  fields.flatMap((field) => [field, ...flatten(staticFields(field.children))]);

const isHidden = (action: Action) => Boolean(action.display?.hidden);
const isHook = (action: Action) => action.operation?.type === 'hook';

const LINK = /\[([^\]]*)\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g;
const CODE_SPAN = /`[^`]*`/g;

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

/** Every field a user fills in or reads, with its place: auth fields, inputs (with children). */
const labelledFields = (context: LintContext): Array<{ place: string; field: Field }> => [
  ...(context.app.authentication?.fields ?? []).map((field) => ({
    place: `authentication field ${field.key}`,
    field,
  })),
  ...operations(context.app).flatMap(({ kind, key, action }) =>
    flatten(inputsOf(context, kind, key, action)).map((field) => ({
      place: `${placeOf(kind, key)} input ${field.key}`,
      field,
    })),
  ),
];

const words = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

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

const hasSample = (action: Action): action is Action & { operation: { sample: object } } => {
  const sample = action.operation?.sample;
  return typeof sample === 'object' && sample !== null && Object.keys(sample).length > 0;
};

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/** `1.2.3` → [1, 2, 3]; a pre-release or build suffix is ignored. */
const semver = (version: string): number[] =>
  version
    .split(/[-+]/)[0]!
    .split('.')
    .map((part) => Number(part) || 0);

/** Negative when a < b, as semver orders versions. */
export const compareVersions = (a: string, b: string): number => {
  const [x, y] = [semver(a), semver(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i += 1) {
    const diff = (x[i] ?? 0) - (y[i] ?? 0);
    if (diff) return diff;
  }
  return 0;
};

const GROUPS = [
  ['triggers', 'trigger'],
  ['searches', 'search'],
  ['creates', 'create'],
] as const;

/** Both surfaces compared by C001-C003 and X005: the snapshot's and this definition's, serialised. */
const surfaces = (context: LintContext): { before: Surface; after: Surface } | null =>
  context.snapshot
    ? { before: context.snapshot, after: surfaceOf(serializeDefinition(context.app)) }
    : null;

// --------------------------------------------------------------------------------------- rules

export const RULES: Rule[] = [
  // ---------------------------------------------------------------------------- Compatibility
  // ICR: "During promotion, we compare features of your currently public version with your
  // soon-to-be-public version." definition.snapshot.json stands for the public version; the
  // comparison runs whatever the major version says (Zapier's does too). A deliberate break is
  // written down in accepted.ts with its reason.
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#C001
    id: 'C001',
    title: 'Try To Avoid Hiding/Removing Public Triggers/Searches/Creates',
    check: (context) => {
      const both = surfaces(context);
      if (!both) return [];
      return GROUPS.flatMap(([group, kind]) =>
        Object.entries(both.before[group])
          .filter(([, before]) => !before.hidden)
          .flatMap(([key]) => {
            const after = both.after[group][key];
            if (after && !after.hidden) return [];
            return [
              {
                id: 'C001',
                place: placeOf(kind, key),
                rule: `${after ? 'hidden' : 'removed'} since ${both.before.version}: Zap Templates that use it become invalid`,
              },
            ];
          }),
      );
    },
  },
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#C002
    // "When you change/remove the `key` property of an `input_field`": a key of the public
    // version that is not a static input field now. Compared on the serialised definition, so an
    // input moved into a dynamic-field function counts as removed. A changed type is not a C002
    // finding (the key stays); a newly required input is X005's.
    id: 'C002',
    title: 'Try To Avoid Removing Input Fields',
    check: (context) => {
      const both = surfaces(context);
      if (!both) return [];
      return GROUPS.flatMap(([group, kind]) =>
        Object.entries(both.before[group]).flatMap(([key, before]) => {
          const after = both.after[group][key];
          if (!after) return []; // the operation itself is C001's
          return Object.keys(before.inputs)
            .filter((input) => !(input in after.inputs))
            .map((input) => ({
              id: 'C002',
              place: `${placeOf(kind, key)} input ${input}`,
              rule: `not a static input field since ${both.before.version} (removed, re-keyed or moved into a dynamic-field function): Zap Templates and zaps store values under this key`,
            }));
        }),
      );
    },
  },
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#C003
    id: 'C003',
    title: 'Try To Avoid Removing Sample Data',
    check: (context) => {
      const both = surfaces(context);
      if (!both) return [];
      return GROUPS.flatMap(([group, kind]) =>
        Object.entries(both.before[group]).flatMap(([key, before]) => {
          const after = both.after[group][key];
          if (!after) return [];
          const now = new Set(after.sample);
          const gone = before.sample.filter((name) => !now.has(name));
          return gone.length
            ? [
                {
                  id: 'C003',
                  place: `${placeOf(kind, key)} sample`,
                  rule: `keys removed since ${both.before.version}: ${gone.join(', ')} (Zap Templates and zaps map them)`,
                },
              ]
            : [];
        }),
      );
    },
  },

  // ------------------------------------------------------------------------------- Definition
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#D001
    id: 'D001',
    title: 'Input Fields Should Be Insensitive',
    check: (context) =>
      operations(context.app).flatMap(({ kind, key, action }) =>
        flatten(inputsOf(context, kind, key, action))
          .filter((field) => SECRET_KEY.test(field.key))
          .map((field) => ({
            id: 'D001',
            place: `${placeOf(kind, key)} input ${field.key}`,
            rule: 'an input field must not collect an API key, token, secret or password; credentials belong in the authentication',
          })),
      ),
  },
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#D002
    id: 'D002',
    title: 'Provide Link in Help Text for Auth Fields',
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
          rule: 'the help text must link [text](https://…) to the page or help doc where the value is found',
        })),
  },
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#D003
    // Set, tells connections apart (a constant string such as "Slack" does not), and shows no
    // credential (`{{api_key}}`, `{{bundle.authData.token}}`, or a function reading one).
    id: 'D003',
    title: 'Connection Label Should Be Valid',
    check: ({ app }) => {
      const auth = app.authentication;
      if (!auth || auth.type === undefined) return [];
      const label = auth.connectionLabel;
      const add = (rule: string, place = 'authentication connectionLabel'): Finding[] => [
        { id: 'D003', place, rule },
      ];
      if (label === undefined || label === null || label === '') {
        return add('a connection label is required so users can tell their connections apart');
      }
      const secrets = new Set(
        (auth.fields ?? [])
          .filter((field) => field.type === 'password' || SECRET_KEY.test(field.key))
          .map((field) => field.key),
      );
      if (typeof label === 'string') {
        const variables = [...label.matchAll(/{{\s*([^}]+?)\s*}}/g)].map((m) => m[1] ?? '');
        if (!variables.length)
          return add(
            `"${label}" is the same for every connection: use data from the auth test, like {{name}} - {{email}}`,
          );
        return variables
          .filter((path) => {
            const last = path.split('.').pop() ?? '';
            return secrets.has(last) || SECRET_KEY.test(last);
          })
          .flatMap((path) => add(`shows the credential {{${path}}}`));
      }
      const source = typeof label === 'function' ? String(label) : JSON.stringify(label);
      return [...secrets]
        .filter((key) => new RegExp(`(authData|inputData)(\\.|\\[['"])${key}\\b`).test(source))
        .flatMap((key) => add(`shows the credential ${key}`));
    },
  },
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#D004
    // The ICR gives no rule for what an "ID field" is: here a key `id` or ending in `_id`, except
    // ids of other systems (FOREIGN_ID_KEYS). A search connector alone is not a dropdown.
    id: 'D004',
    title: 'ID Fields Should Have Dynamic Dropdowns',
    check: (context) =>
      operations(context.app).flatMap(({ kind, key, action }) =>
        flatten(inputsOf(context, kind, key, action))
          .filter((field) => /(^|_)id$/.test(field.key) && !FOREIGN_ID_KEYS.has(field.key))
          .filter((field) => !field.dynamic)
          .map((field) => ({
            id: 'D004',
            place: `${placeOf(kind, key)} input ${field.key}`,
            rule: 'give this ID a dynamic dropdown (`dynamic`), so users pick the item instead of pasting its ID',
          })),
      ),
  },
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#D005
    id: 'D005',
    title: 'Dynamic Dropdown Connects to a Non-Existing Trigger',
    check: (context) => {
      const { app } = context;
      const findings: Finding[] = [];
      for (const { kind, key, action } of operations(app)) {
        for (const field of flatten(inputsOf(context, kind, key, action))) {
          if (field.dynamic === undefined) continue;
          const place = `${placeOf(kind, key)} input ${field.key}`;
          const [source, idKey, labelKey] = field.dynamic.split('.');
          const trigger = source ? app.triggers?.[source] : undefined;
          if (!trigger) {
            findings.push({
              id: 'D005',
              place,
              rule: `dynamic "${field.dynamic}" names no trigger "${source}"`,
            });
            continue;
          }
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
      return findings;
    },
  },
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#D006
    id: 'D006',
    title: 'REST Hook Trigger Needs a Polling URL',
    check: ({ app }) =>
      Object.entries(app.triggers ?? {})
        .filter(([, trigger]) => isHook(trigger) && !trigger.operation.performList)
        .map(([key]) => ({
          id: 'D006',
          place: `trigger ${key}`,
          rule: 'a hook trigger needs performList, so users test it with a real recent item',
        })),
  },
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#D007
    // Static URLs: request `url`s anywhere in the definition, markdown links, the listing homepage.
    id: 'D007',
    title: 'All URLs Should Be HTTPS',
    check: (context) =>
      staticUrls(context)
        .filter(({ url }) => {
          const lower = url.trim().toLowerCase();
          return (
            !DANGEROUS.test(lower) &&
            !lower.startsWith('{{') &&
            !lower.startsWith('https://') &&
            !lower.startsWith('mailto:')
          );
        })
        .map(({ place, url }) => ({ id: 'D007', place, rule: `"${url}" must use https` })),
  },
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#D008
    // "Any link used in plain text needs to either be a proper link or in backticks": a URL left
    // after removing proper links and code spans is a finding (so is `[Google(https://…)`).
    id: 'D008',
    title: 'Invalid Markdown Link',
    check: (context) =>
      texts(context).flatMap(({ place, text: value }) => {
        const plain = value.replace(LINK, (_match, label: string) => label).replace(CODE_SPAN, '');
        const bare = plain.match(/\b(https?:\/\/|www\.)\S+/);
        return bare
          ? [
              {
                id: 'D008',
                place,
                rule: `"${bare[0]}" is neither a markdown link [text](url) nor in backticks`,
              },
            ]
          : [];
      }),
  },
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#D009
    id: 'D009',
    title: 'Requires at Least One Search Field',
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
    // https://docs.zapier.com/platform/publish/integration-checks-reference#D010
    // Polling triggers only ("Hooks are not deduped"): the sample holds every output field marked
    // `primary`, or `id` when none is; each value a string or a number. A trigger without a sample
    // is D012's.
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
          return (primary.length ? primary : ['id']).flatMap((needed) => {
            const value = sample[needed];
            if (value === undefined || value === null || value === '') {
              return [
                {
                  id: 'D010',
                  place: `trigger ${key} sample`,
                  rule: `"${needed}" is missing: the deduper tells items apart by it`,
                },
              ];
            }
            return typeof value === 'string' || typeof value === 'number'
              ? []
              : [
                  {
                    id: 'D010',
                    place: `trigger ${key} sample`,
                    rule: `"${needed}" must be a string or a number, not ${describe(value)}`,
                  },
                ];
          });
        }),
  },
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#D011
    // "If the label and help text are the same": compared ignoring case, spaces and punctuation.
    // X006 goes further (help text that only repeats the label's words).
    id: 'D011',
    title: 'Redundant Help Text',
    check: (context) =>
      labelledFields(context)
        .filter(
          ({ field }) =>
            field.helpText &&
            field.label &&
            words(field.helpText).join(' ') === words(field.label).join(' '),
        )
        .map(({ place }) => ({
          id: 'D011',
          place,
          rule: 'the help text is the label again: give non-obvious information, a format or a link',
        })),
  },
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#D012
    // Triggers, searches and creates; hidden ones are exempt (the schema requires `sample`
    // unless the operation is hidden: users never map them).
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
    // https://docs.zapier.com/platform/publish/integration-checks-reference#D013
    id: 'D013',
    title: 'Connects to a Non-Existing Search',
    check: (context) => {
      const { app } = context;
      return operations(app).flatMap(({ kind, key, action }) =>
        flatten(inputsOf(context, kind, key, action))
          .filter((field) => field.search !== undefined)
          .flatMap((field) => {
            const place = `${placeOf(kind, key)} input ${field.key}`;
            const [search, resultKey] = (field.search ?? '').split('.');
            const target = search ? app.searches?.[search] : undefined;
            if (!target)
              return [{ id: 'D013', place, rule: `search "${field.search}" names no search` }];
            const outputs = new Set([
              ...outputsOf(target).map((o) => o.key),
              ...sampleKeys(target.operation?.sample),
            ]);
            return resultKey && !outputs.has(resultKey)
              ? [
                  {
                    id: 'D013',
                    place,
                    rule: `search "${field.search}": search ${search} outputs no "${resultKey}"`,
                  },
                ]
              : [];
          }),
      );
    },
  },
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#D014
    // "The type must be string, number, or integer. The list, dict and children properties cannot
    // be used." (an untyped field is a string).
    id: 'D014',
    title: "Search Connector can't be combined with certain other features",
    check: (context) =>
      operations(context.app).flatMap(({ kind, key, action }) =>
        flatten(inputsOf(context, kind, key, action))
          .filter((field) => field.search !== undefined)
          .flatMap((field) => {
            const problems = [
              ...(['string', 'number', 'integer', undefined].includes(field.type)
                ? []
                : [`type ${field.type}`]),
              ...(field.list ? ['list'] : []),
              ...(field.dict ? ['dict'] : []),
              ...(field.children !== undefined ? ['children'] : []),
            ];
            return problems.length
              ? [
                  {
                    id: 'D014',
                    place: `${placeOf(kind, key)} input ${field.key}`,
                    rule: `a search connector needs a string, number or integer field without list, dict or children; this one has ${problems.join(', ')}`,
                  },
                ]
              : [];
          }),
      ),
  },
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#D015
    // Also: a search-or-create's key is its search's key (the schema's rule, which Zapier uses to
    // offer it in place of the search).
    id: 'D015',
    title: 'Search-Or-Create Connects to a Non-Existing Action/Search',
    check: ({ app }) =>
      Object.entries(app.searchOrCreates ?? {}).flatMap(([key, soc]) => {
        const place = `searchOrCreate ${key}`;
        return [
          ...(app.searches?.[soc.search]
            ? []
            : [{ id: 'D015', place, rule: `names no search "${soc.search}"` }]),
          ...(app.creates?.[soc.create]
            ? []
            : [{ id: 'D015', place, rule: `names no create "${soc.create}"` }]),
          ...(key === soc.search && soc.key === soc.search
            ? []
            : [{ id: 'D015', place, rule: `its key must be its search's key "${soc.search}"` }]),
        ];
      }),
  },
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#D016
    // The integration's only visible operation is one static webhook (a hook trigger without
    // performSubscribe or performUnsubscribe).
    id: 'D016',
    title: 'Consists Only a Static Webhook',
    check: ({ app }) => {
      const visible = operations(app).filter(({ action }) => !isHidden(action));
      const [only] = visible;
      if (visible.length !== 1 || !only || only.kind !== 'trigger' || !isStaticHook(only.action))
        return [];
      return [
        {
          id: 'D016',
          place: `trigger ${only.key}`,
          rule: 'a single static webhook is not an integration (Webhooks by Zapier does it): add more triggers, searches or actions',
        },
      ];
    },
  },
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#D017
    id: 'D017',
    title: 'Static Hook Is Discouraged',
    check: ({ app }) =>
      Object.entries(app.triggers ?? {})
        .filter(([, trigger]) => isStaticHook(trigger))
        .map(([key, trigger]) => ({
          id: 'D017',
          place: `trigger ${key}`,
          rule: `a hook trigger without ${[
            trigger.operation.performSubscribe ? '' : 'performSubscribe',
            trigger.operation.performUnsubscribe ? '' : 'performUnsubscribe',
          ]
            .filter(Boolean)
            .join(' and ')} is a static webhook, which public integrations no longer accept`,
        })),
  },
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#D018
    // "trigger/action/search labels" (and a search-or-create's, shown as an action); field labels
    // are X007's.
    id: 'D018',
    title: 'Titlecased Label',
    check: ({ app }) =>
      [
        ...operations(app).map(({ kind, key, action }) => ({
          place: placeOf(kind, key),
          label: action.display?.label ?? '',
        })),
        ...Object.entries(app.searchOrCreates ?? {}).map(([key, soc]) => ({
          place: `searchOrCreate ${key}`,
          label: soc.display?.label ?? '',
        })),
      ].flatMap(({ place, label }) => titleCaseFindings('D018', place, label)),
  },
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#D021
    // Every trigger, hidden ones too; other descriptions are X008's.
    id: 'D021',
    title: 'Trigger Description Requirements',
    check: ({ app }) =>
      Object.entries(app.triggers ?? {}).flatMap(([key, trigger]) => {
        const description = (trigger.display?.description ?? '').trim();
        return description.startsWith('Triggers when ') && description.endsWith('.')
          ? []
          : [
              {
                id: 'D021',
                place: `trigger ${key}`,
                rule: 'the description must start with "Triggers when " and end with "."',
              },
            ];
      }),
  },
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#D022
    // A create whose inputFields hold no field object (none, or only dynamic-field functions).
    id: 'D022',
    title: 'Creates Should Try to Have Static Input Fields',
    check: ({ app }) =>
      Object.entries(app.creates ?? {})
        .filter(([, create]) => !staticFields(create.operation?.inputFields).length)
        .map(([key]) => ({
          id: 'D022',
          place: `create ${key}`,
          rule: 'add static input fields every user has, so Zap Templates can fill them in',
        })),
  },
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#D023
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
    // "required" output fields are in the sample; sample values match their field type (`null`
    // is an empty value of any type).
    id: 'D024',
    title: 'Static Sample Respects Output Field Definition',
    check: ({ app }) =>
      operations(app)
        .filter(({ action }) => hasSample(action))
        .flatMap(({ kind, key, action }) => {
          const sample = action.operation.sample as Record<string, unknown>;
          const place = (field: string) => `${placeOf(kind, key)} sample ${field}`;
          return outputsOf(action).flatMap((field): Finding[] => {
            const values = sampleValues(sample, field.key);
            if (field.required && !values.length) {
              return [{ id: 'D024', place: place(field.key), rule: 'required, but missing' }];
            }
            if (!field.type) return [];
            return values.flatMap((value): Finding[] => {
              if (value === null || value === undefined) return [];
              if (field.list && !Array.isArray(value)) {
                return [
                  {
                    id: 'D024',
                    place: place(field.key),
                    rule: `declared a list, the sample has ${describe(value)}`,
                  },
                ];
              }
              if (!field.list && Array.isArray(value)) {
                return [
                  {
                    id: 'D024',
                    place: place(field.key),
                    rule: `declared ${field.type}, the sample has a list`,
                  },
                ];
              }
              const items: unknown[] = Array.isArray(value) ? value : [value];
              const bad = items.find(
                (item) => item !== null && !fitsType(field.type ?? 'string', item),
              );
              return bad === undefined
                ? []
                : [
                    {
                      id: 'D024',
                      place: place(field.key),
                      rule: `declared ${field.type}, the sample has ${describe(bad)}`,
                    },
                  ];
            });
          });
        }),
  },
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#D025
    id: 'D025',
    title: 'URLs Should Not Be Dangerous URIs',
    check: (context) =>
      staticUrls(context)
        .filter(({ url }) => DANGEROUS.test(url.trim().toLowerCase()))
        .map(({ place, url }) => ({
          id: 'D025',
          place,
          rule: `"${url.slice(0, 40)}" has a scheme that can run code (javascript:, data:, vbscript:, file:)`,
        })),
  },
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#D026
    // An authentication field with `inputFormat`, or one that asks for a domain, subdomain, host
    // or URL. Zapier reads no code, so its finding never clears: once the value is validated in
    // code, accept it in accepted.ts, naming where.
    id: 'D026',
    title:
      'Manual domain validation recommended if using "inputFormat" or domain-related authentication fields',
    check: ({ app }) =>
      (app.authentication?.fields ?? [])
        .filter(
          (field) =>
            'inputFormat' in field ||
            DOMAIN_KEY.test(field.key) ||
            DOMAIN_LABEL.test(field.label ?? ''),
        )
        .map((field) => ({
          id: 'D026',
          place: `authentication field ${field.key}`,
          rule: 'validate this domain value in code before it goes into a URL, so no value can send requests to another domain',
        })),
  },
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#D027
    // Offline, "latest" is the newest platform package installed with the app (CLI or core:
    // released together); whether npm has a newer one is decided online (docs/publishing.md).
    id: 'D027',
    title: 'Not Using Latest Platform Version',
    check: ({ app, platform }) => {
      const declared = typeof app.platformVersion === 'string' ? app.platformVersion : '';
      const newest = [platform?.core, platform?.cli]
        .filter((version): version is string => Boolean(version))
        .sort(compareVersions)
        .pop();
      if (!declared)
        return [{ id: 'D027', place: 'app platformVersion', rule: 'platformVersion is not set' }];
      return newest && compareVersions(declared, newest) < 0
        ? [
            {
              id: 'D027',
              place: 'app platformVersion',
              rule: `${declared} is older than ${newest}, installed here: update zapier-platform-core in package.json`,
            },
          ]
        : [];
    },
  },
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#D028
    // The app flag (true when unset) or an operation's own `cleanInputData: true`.
    id: 'D028',
    title: 'Clean Input Data Enabled',
    check: ({ app }) => {
      const flags = (app.flags ?? {}) as { cleanInputData?: unknown };
      const findings: Finding[] =
        flags.cleanInputData === false
          ? []
          : [
              {
                id: 'D028',
                place: 'app flags.cleanInputData',
                rule: `${flags.cleanInputData === true ? 'true' : 'unset, so true'}: Zapier removes empty values (null, '', [], {}) from bundle.inputData before perform`,
              },
            ];
      for (const { kind, key, action } of operations(app)) {
        if (action.operation?.cleanInputData === true)
          findings.push({
            id: 'D028',
            place: `${placeOf(kind, key)} cleanInputData`,
            rule: "true: Zapier removes empty values (null, '', [], {}) from bundle.inputData before perform",
          });
      }
      return findings;
    },
  },

  // -------------------------------------------------------------------------------- Marketing
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#M001
    // The category is the slug `zapier-platform register --category` takes (the CLI refuses a
    // display name such as "Forms & Surveys"; the list itself is served by Zapier).
    id: 'M001',
    title: 'App Category Is Required',
    check: ({ listing }) => {
      if (!listing) return [];
      const category = text(listing.category);
      if (!category)
        return [
          { id: 'M001', place: 'listing/app.json category', rule: 'choose the app category' },
        ];
      return /^[a-z0-9]+(-[a-z0-9]+)*$/.test(category)
        ? []
        : [
            {
              id: 'M001',
              place: 'listing/app.json category',
              rule: `"${category}" is not a category slug as register --category takes it (e.g. forms, crm, marketing-automation)`,
            },
          ];
    },
  },
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#M002
    // No "Zapier"; "sync" discouraged; 1-3 sentences of 40-140 characters; the app's name
    // followed by "is a" to begin with.
    id: 'M002',
    title: 'Description Is Invalid',
    check: ({ listing }) => {
      if (listing === undefined) return [];
      if (listing === null)
        return [{ id: 'M002', place: 'listing/app.json', rule: 'the listing is missing' }];
      const name = text(listing.name);
      const description = text(listing.description);
      const findings: Finding[] = [];
      const add = (rule: string) =>
        findings.push({ id: 'M002', place: 'listing/app.json description', rule });
      if (description.length < 40 || description.length > 140) {
        add(`must be 40-140 characters; it has ${description.length}`);
      }
      if (name && !description.startsWith(`${name} is a`))
        add(`must begin with the app's name followed by "is a": "${name} is a …"`);
      if (/zapier/i.test(description)) add('must not say "Zapier"');
      if (/\bsync/i.test(description))
        add('talks about syncing: describe the app itself, not the integration');
      const sentences = description.split(/[.!?](?:\s|$)/).filter((part) => part.trim());
      if (sentences.length > 3) add(`must be 1-3 sentences; it has ${sentences.length}`);
      if (description && !/[.!?]$/.test(description)) add('must end with a full stop');
      return findings;
    },
  },
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#M003
    id: 'M003',
    title: 'Role Must Be Employee or Contractor',
    check: ({ listing }) =>
      listing && !PUBLIC_ROLES.has(text(listing.role))
        ? [
            {
              id: 'M003',
              place: 'listing/app.json role',
              rule: `must be employee or contractor (register --role) to go public; it is "${text(listing.role)}"`,
            },
          ]
        : [],
  },
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#M004
    id: 'M004',
    title: 'Invalid Logo',
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
    // https://docs.zapier.com/platform/publish/integration-checks-reference#M006
    // Present; that it is https is D007's.
    id: 'M006',
    title: 'Homepage URL Must Be Present',
    check: ({ listing }) =>
      listing && !text(listing.homepage)
        ? [{ id: 'M006', place: 'listing/app.json homepage', rule: 'add the homepage URL' }]
        : [],
  },

  // -------------------------------------------------------------------------------- Own rules
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
  {
    // What `zapier-platform register` needs besides M001-M006, and `promote` checks is set
    // (check-missing-app-info.js: title, description, category, audience, role): a title of at
    // least 2 characters, an audience register --audience takes, and a support contact.
    id: 'X003',
    title: 'The listing has a title, an audience and a support contact',
    check: ({ listing }) => {
      if (!listing) return [];
      const findings: Finding[] = [];
      const add = (field: string, rule: string) =>
        findings.push({ id: 'X003', place: `listing/app.json ${field}`, rule });
      if (text(listing.name).length < 2) add('name', 'the title needs at least 2 characters');
      if (!AUDIENCES.has(text(listing.audience)))
        add('audience', 'must be "global" (public) or "private", as register --audience takes it');
      const support = text(listing.support);
      if (!/^https:\/\/\S+$/.test(support) && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(support))
        add('support', 'must be an https URL or an email address');
      return findings;
    },
  },
  {
    id: 'X004',
    title: 'A secret authentication field is a password field',
    check: ({ app }) =>
      (app.authentication?.fields ?? [])
        .filter((field) => SECRET_KEY.test(field.key) && field.type !== 'password')
        .map((field) => ({
          id: 'X004',
          place: `authentication field ${field.key}`,
          rule: 'a secret must be a password field, so Zapier masks it',
        })),
  },
  {
    // Existing zaps that left an optional input empty would fail once it is required.
    id: 'X005',
    title: 'An input optional in the published version is not required now',
    check: (context) => {
      const both = surfaces(context);
      if (!both) return [];
      return GROUPS.flatMap(([group, kind]) =>
        Object.entries(both.before[group]).flatMap(([key, before]) =>
          Object.entries(before.inputs)
            .filter(
              ([input, was]) => !was.required && both.after[group][key]?.inputs[input]?.required,
            )
            .map(([input]) => ({
              id: 'X005',
              place: `${placeOf(kind, key)} input ${input}`,
              rule: `optional in ${both.before.version}, required now: zaps that left it empty would fail`,
            })),
        ),
      );
    },
  },
  {
    // Beyond D011's "the same": help text made only of the label's words and filler words.
    id: 'X006',
    title: 'Help text says more than its label',
    check: (context) => {
      const filler = new Set(
        'the a an of enter your this is here field value input please select choose'.split(' '),
      );
      return labelledFields(context)
        .filter(({ field }) => {
          if (!field.helpText || !field.label) return false;
          if (words(field.helpText).join(' ') === words(field.label).join(' ')) return false; // D011
          const label = new Set(words(field.label));
          return !words(field.helpText).some((word) => !label.has(word) && !filler.has(word));
        })
        .map(({ place }) => ({
          id: 'X006',
          place,
          rule: 'help text only repeats the label: say what the value is for, its format or an example',
        }));
    },
  },
  {
    // D018's rule applied to the labels of fields: authentication, input and output fields.
    id: 'X007',
    title: 'Field labels are title case',
    check: (context) =>
      [
        ...labelledFields(context).map(({ place, field }) => ({ place, label: field.label ?? '' })),
        ...operations(context.app).flatMap(({ kind, key, action }) =>
          outputsOf(action).map((field) => ({
            place: `${placeOf(kind, key)} output ${field.key}`,
            label: field.label ?? '',
          })),
        ),
      ].flatMap(({ place, label }) => titleCaseFindings('X007', place, label)),
  },
  {
    // D021's full stop, for the descriptions D021 does not cover.
    id: 'X008',
    title: 'Search, create and search-or-create descriptions end with a full stop',
    check: ({ app }) =>
      [
        ...operations(app)
          .filter(({ kind }) => kind !== 'trigger')
          .map(({ kind, key, action }) => ({
            place: placeOf(kind, key),
            description: action.display?.description ?? '',
          })),
        ...Object.entries(app.searchOrCreates ?? {}).map(([key, soc]) => ({
          place: `searchOrCreate ${key}`,
          description: soc.display?.description ?? '',
        })),
      ]
        .filter(({ description }) => !description.trim().endsWith('.'))
        .map(({ place }) => ({ id: 'X008', place, rule: 'the description must end with "."' })),
  },
];

// ------------------------------------------------------------------------------ rule helpers

const DANGEROUS = /^(javascript|data|vbscript|file):/;
const DOMAIN_KEY = /(^|_)(sub_?)?(domain|host(name)?|instance|site|base_?url|url)($|_)/i;
const DOMAIN_LABEL = /\b(sub)?domain\b|\bhost(name)?\b|\binstance\b|\burl\b/i;

function isStaticHook(trigger: Action): boolean {
  return (
    isHook(trigger) &&
    (!trigger.operation.performSubscribe || !trigger.operation.performUnsubscribe)
  );
}

/** Static URLs: request `url`s anywhere in the definition, markdown links, the listing homepage. */
function staticUrls(context: LintContext): Array<{ place: string; url: string }> {
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
  for (const { place, text: value } of texts(context)) {
    for (const link of markdownLinks(value)) urls.push({ place, url: link.url });
  }
  const homepage = context.listing?.homepage;
  if (typeof homepage === 'string' && homepage.trim())
    urls.push({ place: 'listing homepage', url: homepage });
  return urls;
}

function titleCaseFindings(id: string, place: string, label: string): Finding[] {
  const problems = titleCaseProblems(label);
  return problems.length
    ? [{ id, place, rule: `"${label}" is not title case (${problems.join(', ')})` }]
    : [];
}

/** Runs every rule; findings in rule order. */
export const lint = (context: LintContext, rules: readonly Rule[] = RULES): Finding[] =>
  rules.flatMap((rule) => rule.check(context));

const TITLES = new Map(RULES.map((rule) => [rule.id, rule.title.replace(/\.$/, '')]));

/** `ID place: Title — detail`, the title as the ICR words it. */
export const formatFinding = (finding: Finding): string =>
  `${finding.id} ${finding.place}: ${TITLES.get(finding.id) ?? finding.id} — ${finding.rule}`;

/** The ICR section of a check (own X-rules have none). */
export const referenceOf = (id: string): string | undefined =>
  id.startsWith('X') ? undefined : `${ICR}#${id}`;

export { isField };
