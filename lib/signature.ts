/**
 * Verification of webhook deliveries (Standard Webhooks, as api/openapi.yaml describes them) with
 * the `standardwebhooks` library: HMAC-SHA256 over "<id>.<timestamp>.<raw body>".
 *
 * The timestamp may be up to 24 hours old (and 5 minutes ahead), not the library's 5 minutes:
 * Zapier may run a hook's perform long after it answered the platform's POST (backlogs, flood
 * protection, held runs), and the platform never retries a delivery Zapier accepted, so refusing
 * a late one would lose it. A replay inside the window is dropped by the per-subscription dedupe
 * (lib/dedupe.ts), whose TTL is longer than the window.
 *
 * It fails closed: every subscription has a secret, so a delivery that cannot be verified halts
 * the run with the reason and outputs nothing. Messages never carry the secret, the signature or
 * the body (a comment is personal data).
 */
import type { Webhook } from 'standardwebhooks';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { haltedError } from './validate.js';

/** The oldest delivery accepted: 24 hours (see above). */
export const DELIVERY_MAX_AGE_SECONDS = 24 * 3600;
/** How far ahead of Zapier's clock a delivery's timestamp may be. */
export const DELIVERY_MAX_AHEAD_SECONDS = 5 * 60;

export const SIGNATURE_HEADERS = ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const;
type SignatureHeader = (typeof SIGNATURE_HEADERS)[number];

export interface VerifiedDelivery {
  /** `webhook-id`: the event id, the same on every retry of the delivery. */
  webhookId: string;
  /** The raw body, exactly as signed. */
  body: string;
}

/**
 * Header names as Zapier's rawRequest gives them (`Http-Webhook-Signature`) or as sent
 * (`webhook-signature`), in any case, mapped to the standard's lower-case names.
 */
const normalizedHeaders = (
  headers: Record<string, string> | undefined,
): Partial<Record<SignatureHeader, string>> => {
  const out: Partial<Record<SignatureHeader, string>> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const key = name
      .toLowerCase()
      .replace(/_/g, '-')
      .replace(/^http-/, '');
    if ((SIGNATURE_HEADERS as readonly string[]).includes(key) && typeof value === 'string') {
      out[key as SignatureHeader] = value.trim();
    }
  }
  return out;
};

let library: Promise<typeof import('standardwebhooks')> | undefined;
/** The library, imported on the first delivery, not when the app loads (cold start). */
const standardWebhooks = () => (library ??= import('standardwebhooks'));

const REJECTED = 'Rejected a webhook delivery that claims to come from the NPS platform';

const reasonFor = (error: Error): string => {
  if (/invalid signature headers/i.test(error.message)) {
    return 'its webhook-timestamp header is not a Unix timestamp';
  }
  if (/missing required headers/i.test(error.message)) {
    return 'its signature headers are missing';
  }
  return "its signature does not match this zap's subscription secret (it was not sent for this zap, or its body was altered)";
};

/**
 * Verifies `bundle.rawRequest` with the subscription's secret (`bundle.subscribeData.secret`) and
 * returns the verified raw body. Throws HaltedError with the reason otherwise.
 */
export const verifyDelivery = async (
  z: ZObject,
  bundle: Bundle,
  now: () => number = Date.now,
): Promise<VerifiedDelivery> => {
  const reject = (reason: string): never => {
    throw haltedError(z, `${REJECTED}: ${reason}. Nothing was output.`);
  };
  const subscribeData = bundle.subscribeData as { secret?: unknown } | undefined;
  const secret = typeof subscribeData?.secret === 'string' ? subscribeData.secret : '';
  if (!secret) {
    return reject(
      "this zap's subscription has no signing secret to verify it with. Turn the zap off and on again to subscribe anew",
    );
  }
  const headers = normalizedHeaders(bundle.rawRequest?.headers);
  const missing = SIGNATURE_HEADERS.filter((name) => !headers[name]);
  if (missing.length) return reject(`the ${missing.join(', ')} header is missing`);
  const body = bundle.rawRequest?.content;
  if (typeof body !== 'string' || body === '') return reject('its body is empty');

  // The window is ours (24 hours back, 5 minutes ahead), checked here; the library checks the
  // signature, which covers the timestamp, so a late delivery cannot be re-dated.
  const timestamp = headers['webhook-timestamp'] as string;
  if (!/^\d{1,12}$/.test(timestamp)) {
    return reject('its webhook-timestamp header is not a Unix timestamp');
  }
  const age = Math.floor(now() / 1000) - Number(timestamp);
  if (age > DELIVERY_MAX_AGE_SECONDS) {
    return reject('its timestamp is more than 24 hours old (a replayed delivery)');
  }
  if (-age > DELIVERY_MAX_AHEAD_SECONDS) {
    return reject('its timestamp is more than 5 minutes in the future');
  }

  const { Webhook: WebhookClass } = await standardWebhooks();
  let webhook: Webhook;
  try {
    webhook = new WebhookClass(secret);
    // The library's own 5-minute check would refuse a late delivery: the timestamp was checked
    // above, so it only parses it (the method is private in its types, public in its code).
    (webhook as unknown as { verifyTimestamp: (header: string) => Date }).verifyTimestamp = (
      header: string,
    ) => new Date(Number(header) * 1000);
  } catch {
    return reject(
      "this zap's subscription secret is unreadable. Turn the zap off and on again to subscribe anew",
    );
  }
  try {
    webhook.verify(body, headers as Record<SignatureHeader, string>, { jsonParse: false });
  } catch (error) {
    // `name`, not instanceof: the library is CommonJS and may be loaded twice under ESM.
    if (error instanceof Error && error.name === 'WebhookVerificationError') {
      return reject(reasonFor(error));
    }
    return reject('its signature could not be checked');
  }
  return { webhookId: headers['webhook-id'] as string, body };
};
