/** Webhook subscriptions: list, create (or update the one with the same URL), delete. */
import { randomBytes } from 'node:crypto';
import type { Json } from '../contract.js';
import { formatTime } from '../metrics.js';
import { ApiError, type JsonObject, type WebhookFilters, type WebhookRec } from '../store.js';
import { notFound, type Routes } from './common.js';
import { byCreation, pageNewestFirst } from './paging.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

const webhookJson = (w: WebhookRec, withSecret: boolean): JsonObject => {
  const filters: JsonObject = {};
  for (const [k, v] of Object.entries(w.filters)) if (v !== undefined) filters[k] = v as Json;
  const body: JsonObject = {
    id: w.id,
    url: w.url,
    events: [...w.events],
    filters,
    description: w.description,
    created_at: formatTime(w.createdAt),
  };
  if (withSecret) body.secret = w.secret;
  return body;
};

const unacceptable = (message: string, param: string) =>
  new ApiError(422, 'invalid_request', message, param);

export const webhookRoutes: Routes = {
  listWebhooks: (ctx) => {
    const items = [...ctx.state.store.webhooks.values()];
    return pageNewestFirst(ctx, 'webhooks', items, byCreation, (w) => webhookJson(w, false));
  },

  createWebhook: (ctx) => {
    const { store } = ctx.state;
    const body = ctx.body as {
      url: string;
      events: string[];
      filters?: WebhookFilters;
      description?: string;
    };
    let url: URL;
    try {
      url = new URL(body.url);
    } catch {
      throw unacceptable('url must be an absolute https URL.', 'url');
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname)))
      throw unacceptable('url must use https (http only on loopback in the sandbox).', 'url');
    const f = body.filters ?? {};
    if (f.min_score !== undefined && f.max_score !== undefined && f.min_score > f.max_score)
      throw unacceptable(
        'filters.min_score must not exceed filters.max_score.',
        'filters.min_score',
      );
    const filters: WebhookFilters = { ...f, exclude_own_changes: f.exclude_own_changes ?? false };
    const existing = [...store.webhooks.values()].find((w) => w.url === body.url);
    if (existing) {
      existing.events = [...body.events];
      existing.filters = filters;
      if (body.description !== undefined) existing.description = body.description;
      existing.ownerKeyId = ctx.key.id;
      existing.ownerMode = ctx.key.mode;
      return { status: 200, body: webhookJson(existing, true) };
    }
    const w: WebhookRec = {
      id: store.nextId('wh'),
      url: body.url,
      events: [...body.events],
      filters,
      description: body.description ?? null,
      createdAt: ctx.state.nowMs(),
      secret: `whsec_${randomBytes(32).toString('base64')}`,
      ownerKeyId: ctx.key.id,
      ownerMode: ctx.key.mode,
    };
    store.webhooks.set(w.id, w);
    return { status: 201, body: webhookJson(w, true) };
  },

  deleteWebhook: (ctx) => {
    const id = ctx.params.webhook_id ?? '';
    if (!ctx.state.store.webhooks.delete(id)) throw notFound('webhook');
    ctx.state.deliverer.forget(id);
    return { status: 204 };
  },
};
