/**
 * C: Compatibility (C001 C002 C003). The ICR: these checks "only apply when your integration is
 * public" and "verify how the new version is backward compatible with the currently public
 * version" ("would this change break existing Zaps, Zap Templates, or connected accounts?").
 * Each reads: "During promotion, we compare features of your currently public version with your
 * soon-to-be-public version."
 *
 * definition.snapshot.json stands for the public version; the comparison runs whatever the major
 * version says (Zapier's does too). A deliberate break is written down in accepted.ts with its
 * reason. X005 (checks/own.ts) compares the same two surfaces.
 */
import type { Finding, LintContext, Rule } from '../context.js';
import type { Kind } from '../definition.js';
import { serializeDefinition } from '../serialize.js';
import { placeOf } from '../places.js';
import { surfaceOf, type SurfaceOperation } from '../surface.js';

const GROUPS = [
  ['triggers', 'trigger'],
  ['searches', 'search'],
  ['creates', 'create'],
] as const;

/** An operation of the public version: its surface then, and now (undefined: removed). */
export interface Published {
  kind: Kind;
  key: string;
  before: SurfaceOperation;
  after: SurfaceOperation | undefined;
  /** The public version's number. */
  version: string;
}

/**
 * What `check` finds in each operation of the public version (definition.snapshot.json),
 * compared with this definition as Zapier's servers see it (serialised); nothing without a
 * snapshot. C001-C003 and X005 compare this way.
 */
export const comparePublished = (
  context: LintContext,
  check: (operation: Published) => Finding[],
): Finding[] => {
  if (!context.snapshot) return [];
  const before = context.snapshot;
  const after = surfaceOf(serializeDefinition(context.app));
  return GROUPS.flatMap(([group, kind]) =>
    Object.entries(before[group]).flatMap(([key, then]) =>
      check({ kind, key, before: then, after: after[group][key], version: before.version }),
    ),
  );
};

export const COMPATIBILITY_RULES: Rule[] = [
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#C001
    // "When you hide/remove a trigger in a new version, Zap Templates that use that trigger become
    // invalid. […] The same applies for searches and creates."
    id: 'C001',
    title: 'Try To Avoid Hiding/Removing Public Triggers/Searches/Creates',
    check: (context) =>
      comparePublished(context, ({ kind, key, before, after, version }) =>
        before.hidden || (after && !after.hidden)
          ? []
          : [
              {
                id: 'C001',
                place: placeOf(kind, key),
                rule: `${after ? 'hidden' : 'removed'} since ${version}: Zap Templates that use it become invalid`,
              },
            ],
      ),
  },
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#C002
    // "When you change/remove the `key` property of an `input_field`": a key of the public
    // version that is not a static input field now. Compared on the serialised definition, so an
    // input moved into a dynamic-field function counts as removed. A changed type is not a C002
    // finding (the key stays); a newly required input is X005's.
    id: 'C002',
    title: 'Try To Avoid Removing Input Fields',
    check: (context) =>
      comparePublished(context, ({ kind, key, before, after, version }) =>
        after // a removed operation is C001's
          ? Object.keys(before.inputs)
              .filter((input) => !(input in after.inputs))
              .map((input) => ({
                id: 'C002',
                place: `${placeOf(kind, key)} input ${input}`,
                rule: `not a static input field since ${version} (removed, re-keyed or moved into a dynamic-field function): Zap Templates and zaps store values under this key`,
              }))
          : [],
      ),
  },
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#C003
    // "When you change/remove the `key` property of an item in your `sample`, Zap Templates that
    // use that field become invalid."
    id: 'C003',
    title: 'Try To Avoid Removing Sample Data',
    check: (context) =>
      comparePublished(context, ({ kind, key, before, after, version }) => {
        if (!after) return []; // a removed operation is C001's
        const now = new Set(after.sample);
        const gone = before.sample.filter((name) => !now.has(name));
        return gone.length
          ? [
              {
                id: 'C003',
                place: `${placeOf(kind, key)} sample`,
                rule: `keys removed since ${version}: ${gone.join(', ')} (Zap Templates and zaps map them)`,
              },
            ]
          : [];
      }),
  },
];
