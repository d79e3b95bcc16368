/**
 * Generates the Make custom app (`make/`, the Apps Editor's local-development layout) from the
 * Zapier app's definitions: parameters, labels, help texts, interfaces and samples are read from
 * the operations in triggers/, searches/, creates/ and records/; the communication (URLs, bodies,
 * query strings, output expressions) is the IML written in this folder, with Make's built-in
 * functions only.
 *
 * Layout: base.ts (base, connection, errors), webhooks.ts (webhooks and instant triggers),
 * searches.ts and actions.ts (module communication), rpcs.ts, values.ts (how parameters reach a
 * request), iml.ts (the records in IML), fields.ts (parameters and interfaces), contract.ts (the
 * contract's bounds), wording.ts (what a Make user reads), readme.ts (make/README.md), ids.ts
 * (component ids), parity.ts (where Make deliberately differs), zapier-operations.ts (the Zapier
 * operations read as parameters, outputs and samples), modules.ts (one module per operation);
 * this file assembles the app.
 *
 * Pure: returns { relative path → file text }; make-generator/build.ts writes it, and
 * test/make-generator/generator.test.ts compares it with the committed files.
 */
import { base, connectionCommunication } from './base.js';
import { toMakeParameter } from './fields.js';
import { CONNECTION_ID, MODULES, RPCS, kebab } from './ids.js';
import { generateModule, GROUPS, type Components, type Put } from './modules.js';
import { readme } from './readme.js';
import { contactPropertyFieldsCommunication, RPC_SPECS, rpcCommunication } from './rpcs.js';
import { inMakeWording } from './wording.js';
import { NOT_IN_MAKE_INPUTS, NOT_IN_MAKE_OUTPUTS, zapier } from './zapier-operations.js';

export { forMake, ZAPIER_WORDING, MODULE_LABELS } from './wording.js';
export { NOT_IN_MAKE_INPUTS, NOT_IN_MAKE_OUTPUTS } from './zapier-operations.js';

/** Deterministic JSON: 4-space indent (as the Apps Editor writes), trailing newline. */
const json = (value: unknown): string => `${JSON.stringify(value, null, 4)}\n`;

export interface GeneratedApp {
  files: Record<string, string>;
}

export const generateMakeApp = (): GeneratedApp => {
  const files: Record<string, string> = {};
  const components: Components = {
    connection: {},
    webhook: {},
    module: {},
    rpc: {},
    function: {},
    endpoint: {},
  };
  const put: Put = (type, id, code, suffix, content) => {
    const path = `${type}s/${kebab(id)}/${kebab(id)}.${suffix}`;
    // Samples are data (the API's values), never reworded.
    files[path] =
      typeof content === 'string'
        ? content
        : json(code === 'samples' ? content : inMakeWording(content));
    return path;
  };

  // General codes.
  files['general/base.iml.json'] = json(base);
  files['general/common.json'] = json({ api_base_url: '' });
  files['modules/groups.json'] = json(
    GROUPS.map(([label, modules]) => ({ label, modules: [...modules] })),
  );

  // Connection.
  components.connection[CONNECTION_ID] = {
    label: 'NPS Feedback',
    connectionType: 'basic',
    codeFiles: {
      communication: put(
        'connection',
        CONNECTION_ID,
        'communication',
        'communication.iml.json',
        connectionCommunication,
      ),
      params: put(
        'connection',
        CONNECTION_ID,
        'params',
        'params.iml.json',
        zapier.authentication.fields.map((field) => toMakeParameter(field)),
      ),
      // The connection's own common data: the same base URL override as the app's (tests, sandbox).
      common: put('connection', CONNECTION_ID, 'common', 'common.json', { api_base_url: '' }),
    },
  };

  // RPCs (dropdowns and dynamic fields).
  components.rpc.listContactPropertyFields = {
    label: 'List Contact Property Fields',
    connection: CONNECTION_ID,
    codeFiles: {
      communication: put(
        'rpc',
        'listContactPropertyFields',
        'communication',
        'communication.iml.json',
        contactPropertyFieldsCommunication(),
      ),
      params: put('rpc', 'listContactPropertyFields', 'params', 'params.iml.json', []),
    },
  };
  for (const [id, rpc] of Object.entries(RPCS) as [
    keyof typeof RPCS,
    (typeof RPCS)[keyof typeof RPCS],
  ][]) {
    components.rpc[id] = {
      label: rpc.label,
      connection: CONNECTION_ID,
      codeFiles: {
        communication: put(
          'rpc',
          id,
          'communication',
          'communication.iml.json',
          rpcCommunication(RPC_SPECS[id]),
        ),
        params: put('rpc', id, 'params', 'params.iml.json', []),
      },
    };
  }

  // Modules (and the webhooks of instant triggers).
  const listed = MODULES.map((spec) => generateModule(spec, components, put));

  files['README.md'] = readme(listed, {
    inputs: [...NOT_IN_MAKE_INPUTS],
    outputs: [...NOT_IN_MAKE_OUTPUTS],
  });
  files['makecomapp.json'] = json(
    inMakeWording({
      fileVersion: 1,
      generalCodeFiles: {
        base: 'general/base.iml.json',
        common: 'general/common.json',
        readme: 'README.md',
        groups: 'modules/groups.json',
      },
      components,
      origins: [],
    }),
  );

  // Stable key order of the file map itself.
  return {
    files: Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b))),
  };
};
