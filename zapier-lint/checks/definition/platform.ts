/**
 * D: Definition, the platform and the app's flags (D027 D028): which zapier-platform version the
 * app declares, and whether Zapier cleans empty inputs before perform.
 */
import type { Finding, Rule } from '../../context.js';
import { operations } from '../../definition.js';
import { placeOf } from '../../places.js';

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

const CLEANS =
  "Zapier removes empty values (null, '', [], {}) from bundle.inputData before perform";

export const PLATFORM_RULES: Rule[] = [
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#D027
    // The app is not built on the latest platform version. Offline, "latest" is the newest
    // platform package installed with the app (CLI or core: released together); whether npm has
    // a newer one is decided online (docs/publishing.md).
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
    // Zapier cleans the input data (flags.cleanInputData): the app flag (true when unset) or an
    // operation's own `cleanInputData: true`.
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
                rule: `${flags.cleanInputData === true ? 'true' : 'unset, so true'}: ${CLEANS}`,
              },
            ];
      for (const { kind, key, action } of operations(app)) {
        if (action.operation?.cleanInputData === true)
          findings.push({
            id: 'D028',
            place: `${placeOf(kind, key)} cleanInputData`,
            rule: `true: ${CLEANS}`,
          });
      }
      return findings;
    },
  },
];
