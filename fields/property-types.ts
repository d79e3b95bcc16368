/**
 * The property types of a run whose typed fields came without `meta` (`zapier-platform invoke`, a
 * zap saved before the field carried its type): looked up once per connection, cached in z.cache.
 */
import { createHash } from 'node:crypto';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { listContactProperties } from '../client/api.js';
import { withoutContext } from '../client/http.js';
import { contract } from '../client/request.js';
import type { CachedPropertyTypes, ContactProperty } from '../client/schemas.js';
import type { FieldRef } from '../lib/validate.js';
import { propertyTypeOf, type PropertyType } from './properties.js';

/** What perform needs of one property to read its value: from meta, else from the lookup. */
export interface KnownProperty {
  label: string;
  type: PropertyType;
  /** The enum's option values (empty for other types). */
  options: string[];
}

/** How long a looked-up set of property types is reused: short, a workspace may change a type. */
export const PROPERTY_TYPES_TTL_SECONDS = 300;

/**
 * z.cache key of one connection's property types: named after a hash of the API key and region
 * (a key belongs to one workspace), and stored in the connection's scope, so two workspaces, or
 * a connection reconnected with another key, never read each other's types.
 */
export const propertyTypesCacheKey = (authData: Bundle['authData'] | undefined): string =>
  `nps:contact_property_types:${createHash('sha256')
    .update(`${String(authData?.api_key ?? '')}\u001f${String(authData?.region ?? '')}`)
    .digest('hex')
    .slice(0, 24)}`;

/** The 403 of client/http.ts: an AppError whose JSON message has code permission_denied. */
const isPermissionDenied = (error: unknown): boolean => {
  if ((error as { name?: unknown } | null)?.name !== 'AppError') return false;
  try {
    return (
      (JSON.parse((error as Error).message) as { code?: unknown }).code === 'permission_denied'
    );
  } catch {
    return false;
  }
};

/** z.cache as core has it: get and set take the scope too (its type definition omits it). */
interface ScopedCache {
  get(key: string, scope?: string[]): Promise<unknown>;
  set(key: string, value: unknown, ttl?: number, scope?: string[]): Promise<unknown>;
}

/**
 * The workspace's property types, for a run whose typed fields came without `meta`
 * (`zapier-platform invoke`, a zap saved before the field carried its type): from z.cache, else
 * one GET /contact-properties, then cached. A cache that fails only costs the request. A failing
 * request fails the step (retryable as the API error says): guessing a type would write a wrong
 * value, which is what this is here to prevent.
 */
export const lookUpPropertyTypes = async (
  z: ZObject,
  bundle: Bundle,
  fields: readonly FieldRef[],
): Promise<Map<string, KnownProperty>> => {
  const cache = z.cache as unknown as ScopedCache | undefined;
  const cacheKey = propertyTypesCacheKey(bundle.authData);
  let cached: CachedPropertyTypes | undefined;
  try {
    const [stored, { cachedPropertyTypesSchema }] = await Promise.all([
      cache?.get(cacheKey, ['auth']),
      contract(),
    ]);
    const parsed = cachedPropertyTypesSchema.safeParse(stored);
    if (parsed.success) cached = parsed.data;
  } catch {
    // no cache: ask the API
  }
  if (!cached) {
    let properties: ContactProperty[];
    try {
      properties = await listContactProperties(z);
    } catch (error) {
      if (isPermissionDenied(error)) {
        throw withoutContext(
          new z.errors.Error(
            `${fields.map((f) => `${f.label} (${f.key})`).join(', ')}: this step has no type for ${fields.length > 1 ? 'these workspace properties' : 'this workspace property'}, and the API key of this connection cannot list them (GET /contact-properties needs the contacts:read scope). Reconnect with a key that has contacts:read, or open the step in the editor so its fields load again; nothing was written.`,
            'permission_denied',
            403,
          ),
        );
      }
      throw error;
    }
    cached = {
      v: 1,
      properties: properties.map((p) => ({
        key: p.key,
        label: p.label,
        type: propertyTypeOf(p),
        options: (p.options ?? []).map((o) => o.value),
      })),
    };
    try {
      await cache?.set(cacheKey, cached, PROPERTY_TYPES_TTL_SECONDS, ['auth']);
    } catch {
      // the next run asks again
    }
  }
  return new Map(
    cached.properties.map((p) => [
      p.key,
      { label: p.label, type: propertyTypeOf(p), options: p.type === 'enum' ? p.options : [] },
    ]),
  );
};
