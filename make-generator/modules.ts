/**
 * One Make module per Zapier operation (and Search Responses, Make an API Call): its parameters,
 * communication, interface and samples, the webhook of an instant trigger, and its group.
 */
import { KEYS } from '../fields/keys.js';
import * as actions from './actions.js';
import { toMakeInterface, type MakeParameter, type ZapierOutputField } from './fields.js';
import { CONNECTION_ID, type ModuleSpec } from './ids.js';
import type { ReadmeModule } from './readme.js';
import * as searches from './searches.js';
import { SEARCH_LIMIT_MAX, type Communication, type Out } from './searches.js';
import {
  attach,
  detach,
  instantTriggerCommunication,
  WEBHOOKS,
  webhookCommunication,
} from './webhooks.js';
import { forMake, moduleLabel } from './wording.js';
import { operationOf, orderedBy, outputsOf, paramsOf, sampleOf } from './zapier-operations.js';
import type { ZapierOperation } from './zapier-operations.js';

const COMMUNICATIONS: Record<string, (out: Out) => Communication> = {
  findContact: searches.findContact,
  findResponse: searches.findResponse,
  searchResponses: searches.searchResponses,
  getNpsScore: searches.getNpsScore,
  upsertContact: actions.upsertContact,
  sendSurvey: actions.sendSurvey,
  recordResponse: actions.recordResponse,
  updateResponse: actions.updateResponse,
  addNote: actions.addNote,
  unsubscribeContact: actions.unsubscribeContact,
  cancelInvitation: actions.cancelInvitation,
};

/**
 * Output fields only the Make module has: IML cannot rebuild each item of a list without them, so
 * the API's extra item fields pass through and are declared (Zapier's periods drop start/end).
 */
const MAKE_ONLY_OUTPUTS: Record<string, ZapierOutputField[]> = {
  getNpsScore: [
    { key: 'periods[]start', label: 'Breakdown: Start', type: 'datetime' },
    { key: 'periods[]end', label: 'Breakdown: End (exclusive)', type: 'datetime' },
  ],
};

/**
 * Search Responses: the New NPS Response trigger's filters and record over the history, plus a
 * submitted window and Make's `limit` (app-surface "History and warehouse loads"). Wait for AI
 * Themes decides when the trigger fires; over the history it has no meaning, so it is left out.
 * The trigger's Submitted After (text in the Zapier app, for Zapier Transfer) is a Make date here,
 * followed by Submitted Before; Limit comes last (best-practices "Mappable parameters").
 */
const HISTORY_LEAVES_OUT = new Set(['wait_for_themes']);
const SUBMITTED_AFTER: MakeParameter = {
  name: 'submitted_after',
  label: 'Submitted After',
  type: 'date',
  help: 'Only responses submitted at or after this moment. Leave empty for the whole history.',
};
const SUBMITTED_BEFORE: MakeParameter = {
  name: 'submitted_before',
  label: 'Submitted Before',
  type: 'date',
  help: 'Only responses submitted before this moment, e.g. the start of today for yesterday’s export. Leave empty for up to now.',
};
const LIMIT: MakeParameter = {
  name: 'limit',
  label: 'Limit',
  type: 'uinteger',
  default: 100,
  validate: { min: 1, max: SEARCH_LIMIT_MAX },
  help: `The most responses to output, newest first (at most ${SEARCH_LIMIT_MAX.toLocaleString('en-US')}).`,
};
const historyParams = (op: ZapierOperation): MakeParameter[] => {
  const params = paramsOf(op)
    .filter((param) => !HISTORY_LEAVES_OUT.has(param.name))
    .flatMap((param) =>
      param.name === SUBMITTED_AFTER.name ? [SUBMITTED_AFTER, SUBMITTED_BEFORE] : [param],
    );
  if (!params.includes(SUBMITTED_AFTER)) {
    throw new Error(`${op.key}: no Submitted After field to build Search Responses' window on`);
  }
  return [...params, LIMIT];
};

/**
 * A live trigger's settings are its webhook's parameters. New NPS Response's Submitted After bounds
 * only the loading of past responses (Zapier Transfer; live deliveries ignore it): the Watch module
 * leaves it out, and Search Responses has it.
 */
const LIVE_LEAVES_OUT: Record<string, ReadonlySet<string>> = {
  [KEYS.triggers.newResponse]: new Set(['submitted_after']),
};
const liveParams = (op: ZapierOperation): MakeParameter[] =>
  paramsOf(op).filter((param) => !LIVE_LEAVES_OUT[op.key]?.has(param.name));

const HISTORY_DESCRIPTION =
  'Searches responses, newest first, by survey, segment, score, theme, comment and date submitted, for backfills and scheduled exports.';

/**
 * Make's "mode edit" for dropdowns of Get, Update and Delete modules (best-practices "Remote
 * Procedure Calls": "it is required to add mode: edit"), and for a response, low in the hierarchy,
 * in a search: the field opens ready to map, the list stays one click away.
 */
const withModes = (spec: ModuleSpec, params: MakeParameter[]): MakeParameter[] =>
  params.map((param) => {
    const rpc = typeof param.options === 'string' && param.options.startsWith('rpc://');
    const edit =
      rpc &&
      (['read', 'update', 'delete'].includes(spec.actionCrud ?? '') ||
        (spec.moduleType === 'search' && param.options === 'rpc://listResponses'));
    return edit ? { ...param, mode: 'edit' } : param;
  });

/** Groups by the entity the modules work with, in Make's order (best-practices "Groups"). */
export const GROUPS: ReadonlyArray<readonly [string, readonly string[]]> = [
  [
    'Responses',
    [
      'watchNewResponses',
      'watchUpdatedResponses',
      'recordResponse',
      'updateResponse',
      'addNote',
      'findResponse',
      'searchResponses',
    ],
  ],
  [
    'Contacts',
    [
      'watchSegmentChanges',
      'watchUnsubscribes',
      'upsertContact',
      'unsubscribeContact',
      'findContact',
    ],
  ],
  ['Surveys', ['watchFailedInvitations', 'sendSurvey', 'cancelInvitation']],
  ['Reports', ['getNpsScore']],
  ['Other', ['makeApiCall']],
];

export type Components = Record<
  'connection' | 'webhook' | 'module' | 'rpc' | 'function' | 'endpoint',
  Record<string, unknown>
>;
export type Put = (
  type: string,
  id: string,
  code: string,
  suffix: string,
  content: unknown,
) => string;

const moduleFiles = (
  spec: ModuleSpec,
  put: Put,
  files: {
    communication: unknown;
    mappableParams: unknown;
    interface: unknown;
    samples: unknown;
    scope?: boolean;
  },
) => ({
  communication: put(
    'module',
    spec.id,
    'communication',
    'communication.iml.json',
    files.communication,
  ),
  staticParams: put('module', spec.id, 'staticParams', 'static-params.iml.json', []),
  mappableParams: put(
    'module',
    spec.id,
    'mappableParams',
    'mappable-params.iml.json',
    files.mappableParams,
  ),
  interface: put('module', spec.id, 'interface', 'interface.iml.json', files.interface),
  samples: put('module', spec.id, 'samples', 'samples.iml.json', files.samples),
  ...(files.scope === false
    ? {}
    : { scope: put('module', spec.id, 'scope', 'scope.iml.json', []) }),
});

export const generateModule = (
  spec: ModuleSpec,
  components: Components,
  put: Put,
): ReadmeModule => {
  const label = moduleLabel(spec);
  if (spec.moduleType === 'universal') {
    const description = 'Performs an arbitrary authorized API call.';
    components.module[spec.id] = {
      label,
      // Make's naming convention for REST universal modules (universal-module/rest).
      description,
      moduleType: 'universal',
      connection: CONNECTION_ID,
      codeFiles: moduleFiles(spec, put, {
        communication: actions.MAKE_API_CALL.communication,
        mappableParams: actions.MAKE_API_CALL.parameters,
        interface: actions.MAKE_API_CALL.interface,
        samples: {},
      }),
    };
    return { label, description, group: groupOf(spec.id) };
  }
  const ref = spec.zapier ?? spec.history;
  if (!ref) throw new Error(`Module ${spec.id} names no Zapier operation`);
  const op = operationOf(ref.kind, ref.key);
  const outputs = [...outputsOf(op), ...(MAKE_ONLY_OUTPUTS[spec.id] ?? [])];
  const out = orderedBy(spec.id, outputs);
  const description = spec.history ? HISTORY_DESCRIPTION : forMake(op.display.description);

  if (spec.moduleType === 'instant_trigger') {
    const webhookId = spec.webhook!;
    const hook = WEBHOOKS[webhookId]!(op.display.label);
    components.webhook[webhookId] = {
      label: op.display.label,
      webhookType: 'web',
      connection: CONNECTION_ID,
      codeFiles: {
        communication: put(
          'webhook',
          webhookId,
          'communication',
          'communication.iml.json',
          webhookCommunication(hook),
        ),
        params: put('webhook', webhookId, 'params', 'params.iml.json', liveParams(op)),
        attach: put(
          'webhook',
          webhookId,
          'attach',
          'attach.iml.json',
          attach(hook, `Make: ${op.display.label}`),
        ),
        detach: put('webhook', webhookId, 'detach', 'detach.iml.json', detach()),
      },
    };
    components.module[spec.id] = {
      label,
      description,
      moduleType: 'instant_trigger',
      connection: CONNECTION_ID,
      webhook: webhookId,
      codeFiles: moduleFiles(spec, put, {
        communication: instantTriggerCommunication(hook, out(hook.output)),
        mappableParams: [],
        interface: toMakeInterface(outputs),
        samples: sampleOf(op, outputs),
        scope: false,
      }),
    };
    return { label, description, group: groupOf(spec.id) };
  }

  const build = COMMUNICATIONS[spec.id];
  if (!build) throw new Error(`No communication for module ${spec.id}`);
  const params = spec.history ? historyParams(op) : paramsOf(op);
  components.module[spec.id] = {
    label,
    description,
    moduleType: spec.moduleType,
    ...(spec.actionCrud ? { actionCrud: spec.actionCrud } : {}),
    connection: CONNECTION_ID,
    codeFiles: moduleFiles(spec, put, {
      communication: build(out),
      mappableParams: withModes(spec, params),
      interface: toMakeInterface(outputs),
      samples: sampleOf(op, outputs),
    }),
  };
  return { label, description, group: groupOf(spec.id) };
};

const groupOf = (id: string): string => {
  const group = GROUPS.find(([, ids]) => ids.includes(id));
  if (!group) throw new Error(`Module ${id} is in no group (add it to GROUPS)`);
  return group[0];
};
