/**
 * Deterministic Idempotency-Key for the actions that must never run twice (send_survey,
 * record_response, add_note). Zapier replays a step (Autoreplay, a user's "replay") with the same
 * inputs; the same inputs give the same key, so the platform returns the first result instead of
 * sending a second survey. The trade-off, documented in each action's help: identical inputs
 * within the platform's 24-hour idempotency window count as one.
 */
import { createHash } from 'node:crypto';
import type { Bundle } from 'zapier-platform-core';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/**
 * JSON with object keys sorted at every level and undefined values left out, so two equal inputs
 * always give the same text whatever order Zapier sent their keys in.
 */
export const canonicalJson = (value: unknown): string => JSON.stringify(canonical(value));

const canonical = (value: unknown): Json => {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map((item) => canonical(item));
  if (typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const key of Object.keys(value).sort()) {
      const item = (value as Record<string, unknown>)[key];
      if (item !== undefined) out[key] = canonical(item);
    }
    return out;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') {
    return value;
  }
  return String(value);
};

/** The zap id when Zapier gives one (`bundle.meta.zap.id`, deprecated but present). */
export const zapIdOf = (bundle: Pick<Bundle, 'meta'> | undefined): string | null => {
  const id = (bundle?.meta as { zap?: { id?: unknown } } | undefined)?.zap?.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
};

/**
 * `zapier-<operation>-<sha256 hex>`: the hash covers the zap id (when present), the operation key
 * and the canonical JSON of the normalised inputs. At most 96 characters (the contract allows 255).
 */
export const idempotencyKey = (
  bundle: Pick<Bundle, 'meta'> | undefined,
  operationKey: string,
  normalisedInputs: unknown,
): string => {
  const digest = createHash('sha256')
    .update(
      canonicalJson({ zap: zapIdOf(bundle), operation: operationKey, inputs: normalisedInputs }),
    )
    .digest('hex');
  return `zapier-${operationKey}-${digest}`;
};
