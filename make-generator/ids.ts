/**
 * Make component ids (fixed in ../shared/app-surface.md, "Make custom app") and the Zapier
 * operation each one mirrors. Keys come from fields/keys.ts, so a renamed Zapier key breaks the
 * build instead of silently dropping a module.
 */
import {
  KEYS,
  RESPONSE_DROPDOWN,
  SURVEY_DROPDOWN,
  THEME_DROPDOWN,
  THEME_NAME_DROPDOWN,
} from '../fields/keys.js';

export const CONNECTION_ID = 'nps';

export type ZapierKind = 'triggers' | 'searches' | 'creates';
export type ModuleType = 'instant_trigger' | 'search' | 'action' | 'universal';

export interface ModuleSpec {
  id: string;
  moduleType: ModuleType;
  /** The Zapier operation whose inputs and outputs the module mirrors. */
  zapier?: { kind: ZapierKind; key: string };
  /**
   * A Make-only module built on a Zapier operation's filters and record (Search Responses: the
   * New NPS Response trigger's filters and response record, over the history).
   */
  history?: { kind: ZapierKind; key: string };
  /** Dedicated webhook (instant triggers only). */
  webhook?: string;
  actionCrud?: 'create' | 'read' | 'update' | 'delete';
}

export const MODULES: readonly ModuleSpec[] = [
  {
    id: 'watchNewResponses',
    moduleType: 'instant_trigger',
    zapier: { kind: 'triggers', key: KEYS.triggers.newResponse },
    webhook: 'newResponse',
  },
  {
    id: 'watchSegmentChanges',
    moduleType: 'instant_trigger',
    zapier: { kind: 'triggers', key: KEYS.triggers.segmentChanged },
    webhook: 'segmentChanged',
  },
  {
    id: 'watchUpdatedResponses',
    moduleType: 'instant_trigger',
    zapier: { kind: 'triggers', key: KEYS.triggers.responseUpdated },
    webhook: 'responseUpdated',
  },
  {
    id: 'watchUnsubscribes',
    moduleType: 'instant_trigger',
    zapier: { kind: 'triggers', key: KEYS.triggers.contactUnsubscribed },
    webhook: 'contactUnsubscribed',
  },
  {
    id: 'watchFailedInvitations',
    moduleType: 'instant_trigger',
    zapier: { kind: 'triggers', key: KEYS.triggers.invitationFailed },
    webhook: 'invitationFailed',
  },
  {
    id: 'findContact',
    moduleType: 'search',
    zapier: { kind: 'searches', key: KEYS.searches.findContact },
  },
  {
    id: 'findResponse',
    moduleType: 'search',
    zapier: { kind: 'searches', key: KEYS.searches.findResponse },
  },
  {
    id: 'searchResponses',
    moduleType: 'search',
    history: { kind: 'triggers', key: KEYS.triggers.newResponse },
  },
  {
    id: 'getNpsScore',
    moduleType: 'search',
    zapier: { kind: 'searches', key: KEYS.searches.npsReport },
  },
  {
    id: 'upsertContact',
    moduleType: 'action',
    actionCrud: 'update',
    zapier: { kind: 'creates', key: KEYS.creates.upsertContact },
  },
  {
    id: 'sendSurvey',
    moduleType: 'action',
    actionCrud: 'create',
    zapier: { kind: 'creates', key: KEYS.creates.sendSurvey },
  },
  {
    id: 'recordResponse',
    moduleType: 'action',
    actionCrud: 'create',
    zapier: { kind: 'creates', key: KEYS.creates.recordResponse },
  },
  {
    id: 'updateResponse',
    moduleType: 'action',
    actionCrud: 'update',
    zapier: { kind: 'creates', key: KEYS.creates.updateResponse },
  },
  {
    id: 'addNote',
    moduleType: 'action',
    actionCrud: 'create',
    zapier: { kind: 'creates', key: KEYS.creates.addNote },
  },
  {
    id: 'unsubscribeContact',
    moduleType: 'action',
    actionCrud: 'update',
    zapier: { kind: 'creates', key: KEYS.creates.unsubscribeContact },
  },
  {
    id: 'cancelInvitation',
    moduleType: 'action',
    // Canceling changes the invitation's status; nothing is deleted.
    actionCrud: 'update',
    zapier: { kind: 'creates', key: KEYS.creates.cancelInvitation },
  },
  { id: 'makeApiCall', moduleType: 'universal' },
];

export const RPCS = {
  listSurveys: { zapierTrigger: KEYS.triggers.survey, label: 'List Surveys' },
  listThemes: { zapierTrigger: KEYS.triggers.theme, label: 'List Themes' },
  listThemeNames: { zapierTrigger: KEYS.triggers.theme, label: 'List Theme Names' },
  listResponses: { zapierTrigger: KEYS.triggers.response, label: 'List Recent Responses' },
} as const;

/** Zapier `dynamic` reference → the Make RPC that feeds the same dropdown. */
export const MAKE_RPC_OF_DYNAMIC: Record<string, keyof typeof RPCS> = {
  [SURVEY_DROPDOWN]: 'listSurveys',
  [THEME_DROPDOWN]: 'listThemes',
  [THEME_NAME_DROPDOWN]: 'listThemeNames',
  [RESPONSE_DROPDOWN]: 'listResponses',
};

/** `watchNewResponses` → `watch-new-responses` (the Apps Editor's directory and file prefix). */
export const kebab = (id: string): string =>
  id.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
