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
import type { LintContext, Rule } from '../context.js';
import { serializeDefinition } from '../serialize.js';
import { placeOf } from '../places.js';
import { surfaceOf, type Surface } from '../surface.js';

export const GROUPS = [
  ['triggers', 'trigger'],
  ['searches', 'search'],
  ['creates', 'create'],
] as const;

/** Both surfaces compared by C001-C003 and X005: the snapshot's and this definition's, serialised. */
export const surfaces = (context: LintContext): { before: Surface; after: Surface } | null =>
  context.snapshot
    ? { before: context.snapshot, after: surfaceOf(serializeDefinition(context.app)) }
    : null;

export const COMPATIBILITY_RULES: Rule[] = [
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#C001
    // "When you hide/remove a trigger in a new version, Zap Templates that use that trigger become
    // invalid. […] The same applies for searches and creates."
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
    // "When you change/remove the `key` property of an item in your `sample`, Zap Templates that
    // use that field become invalid."
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
];
