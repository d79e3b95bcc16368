/**
 * What every route module shares: the request context a handler gets, its result, errors the
 * routes raise, query helpers and lookups of records by id.
 */
import type { Json } from '../contract.js';
import type { SandboxState } from '../state.js';
import { ApiError, type KeyRec } from '../store.js';

export interface Result {
  status: number;
  body?: Json;
  headers?: Record<string, string>;
}

/** One authenticated, validated API request. */
export interface Ctx {
  state: SandboxState;
  key: KeyRec;
  /** The query after validation (coerced, defaults applied). */
  query: Record<string, unknown>;
  /** The query as sent (last value of a repeated parameter). */
  rawQuery: Record<string, string>;
  /** The validated JSON body (undefined for operations without one). */
  body: unknown;
  params: Record<string, string>;
  path: string;
}

export type Handler = (ctx: Ctx) => Result;

/** Handlers by the contract's operationId. */
export type Routes = Record<string, Handler>;

export const DAY = 86_400_000;

export function notFound(what: string, param?: string): ApiError {
  return new ApiError(404, 'not_found', `No such ${what} in this workspace.`, param);
}

export function badRequest(message: string, param?: string): ApiError {
  return new ApiError(400, 'invalid_request', message, param);
}

export function parseTime(value: unknown): number | undefined {
  return typeof value === 'string' ? Date.parse(value) : undefined;
}

export function commaList(value: unknown): string[] | undefined {
  if (typeof value !== 'string') return undefined;
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length ? items : undefined;
}

/** Identity values are matched after trimming, so surrounding spaces never fail validation. */
export function trimIdentities(contact: unknown): void {
  if (!contact || typeof contact !== 'object' || Array.isArray(contact)) return;
  const c = contact as Record<string, unknown>;
  for (const k of ['email', 'customer_id', 'account_number']) {
    const v = c[k];
    if (typeof v === 'string') c[k] = v.trim();
  }
}

export function findSurvey(state: SandboxState, id: unknown, param?: string) {
  const s = typeof id === 'string' ? state.store.surveys.get(id) : undefined;
  if (!s) throw notFound('survey', param);
  return s;
}

export function findResponse(state: SandboxState, id: string | undefined) {
  const r = id ? state.store.responses.get(id) : undefined;
  if (!r) throw notFound('response');
  return r;
}

export function findContact(state: SandboxState, id: string | undefined) {
  const c = id ? state.store.contacts.get(id) : undefined;
  if (!c) throw notFound('contact');
  return c;
}
