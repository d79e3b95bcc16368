/**
 * zod schemas for every payload the app reads, written against api/openapi.yaml.
 *
 * - Written with `zod/mini` (zod's functional API: the same checks and messages as `zod`, a
 *   fraction of its load time once tree-shaken). `npm run build` bundles this module and the parts
 *   of zod it uses into dist/client/schemas.js (release/bundle-schemas.ts), so zod is not shipped
 *   otherwise; the app imports this module only on the first parse (`contract()` in
 *   client/request.ts), never when it loads (docs/architecture.md § Cold start).
 * - Objects are `looseObject`: fields the API adds later are kept, never rejected.
 * - Enumerations the contract says may grow (channels, statuses, event types, scopes) are plain
 *   strings, so unknown future values pass through. `segment` never changes, so it is an enum.
 * - A payload that breaks the contract fails here, with the path of the offending field, instead of
 *   a TypeError three calls later (see `parsePayload` in client/request.ts). Messages name what was
 *   expected and the JSON type received, never the value (a payload may hold a comment).
 */
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { SEGMENTS } from './enums.js';

// zod/mini has no messages of its own ("Invalid input"): English, zod's default, as before.
z.config(en());

/**
 * What the client needs of a schema (zod's `safeParse` shape): client/request.ts and
 * client/api.ts use only this, so zod stays inside this file.
 */
export interface ContractSchema<T = unknown> {
  safeParse(data: unknown): ContractResult<T>;
}
export type ContractResult<T> =
  { success: true; data: T } | { success: false; error: { issues: readonly ContractIssue[] } };
export interface ContractIssue {
  path: readonly PropertyKey[];
  message: string;
}
/** The parsed value of a contract schema. */
export type Parsed<S> = S extends ContractSchema<infer T> ? T : never;

export { FOLLOW_UP_STATUSES, SEGMENTS } from './enums.js';
export const segmentSchema = z.enum(SEGMENTS);
export type Segment = z.infer<typeof segmentSchema>;

const dateTime = z.string();
const score = z.number().check(z.int(), z.minimum(0), z.maximum(10));

export const errorBodySchema = z.looseObject({
  error: z.looseObject({
    type: z.string(),
    message: z.string(),
    param: z.optional(z.string()),
    required_scope: z.optional(z.string()),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

export const meSchema = z.looseObject({
  workspace: z.looseObject({ id: z.string(), name: z.string(), region: z.string() }),
  key: z.looseObject({
    id: z.string(),
    name: z.string(),
    mode: z.string(),
    scopes: z.array(z.string()),
  }),
});
export type Me = z.infer<typeof meSchema>;

export const surveySchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  question: z.string(),
  channels: z.optional(z.array(z.string())),
  created_at: dateTime,
});
export type Survey = z.infer<typeof surveySchema>;

export const themeSummarySchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  response_count: z.number().check(z.int(), z.minimum(0)),
});
export type ThemeSummary = z.infer<typeof themeSummarySchema>;

export const themeSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  sentiment: z.string(),
});
export type Theme = z.infer<typeof themeSchema>;

export const crmIdsSchema = z.looseObject({
  salesforce_contact_id: z.nullish(z.string()),
  hubspot_contact_id: z.nullish(z.string()),
  pipedrive_person_id: z.nullish(z.number().check(z.int())),
});

export const propertiesSchema = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.boolean(), z.null()]),
);
export type Properties = z.infer<typeof propertiesSchema>;

/**
 * A workspace's custom contact property (contract 1.2, GET /contact-properties). `type` is a plain
 * string: the contract says more types may be added (an unknown type is treated as string).
 */
export const contactPropertySchema = z.looseObject({
  key: z.string(),
  label: z.string(),
  type: z.string(),
  options: z.nullable(z.array(z.looseObject({ value: z.string(), label: z.string() }))),
  description: z.nullable(z.string()),
});
export type ContactProperty = z.infer<typeof contactPropertySchema>;

export const contactPropertyListSchema = z.looseObject({
  data: z.array(contactPropertySchema),
});

export const contactSchema = z.looseObject({
  id: z.string(),
  email: z.nullable(z.string()),
  customer_id: z.nullable(z.string()),
  account_number: z.nullable(z.string()),
  name: z.nullable(z.string()),
  company: z.nullish(z.string()),
  phone: z.nullish(z.string()),
  locale: z.nullish(z.string()),
  crm_ids: crmIdsSchema,
  properties: propertiesSchema,
  nps: z.looseObject({
    latest_score: z.nullish(score),
    latest_segment: z.nullish(segmentSchema),
    latest_response_at: z.nullish(dateTime),
    response_count: z.number().check(z.int(), z.minimum(0)),
  }),
  unsubscribed: z.boolean(),
  created_at: dateTime,
  updated_at: dateTime,
});
export type Contact = z.infer<typeof contactSchema>;

export const followUpSchema = z.looseObject({
  status: z.string(),
  owner_email: z.nullish(z.string()),
  updated_at: z.nullish(dateTime),
});

export const responseSchema = z.looseObject({
  id: z.string(),
  survey: z.looseObject({ id: z.string(), name: z.string() }),
  score,
  segment: segmentSchema,
  comment: z.nullable(z.string()),
  conversation: z.array(z.looseObject({ question: z.string(), answer: z.string() })),
  themes: z.array(themeSchema),
  analysis_status: z.string(),
  language: z.nullish(z.string()),
  channel: z.string(),
  contact: contactSchema,
  previous: z.nullable(
    z.looseObject({
      response_id: z.string(),
      score,
      segment: segmentSchema,
      submitted_at: dateTime,
    }),
  ),
  follow_up: followUpSchema,
  tags: z.array(z.string()),
  properties: propertiesSchema,
  submitted_at: dateTime,
  analyzed_at: z.nullish(dateTime),
  updated_at: dateTime,
  /** 1.3: recorded with a test-mode key. Absent (older servers) means false. */
  test: z.optional(z.boolean()),
});
export type NpsResponse = z.infer<typeof responseSchema>;

export const noteSchema = z.looseObject({
  id: z.string(),
  response_id: z.string(),
  body: z.string(),
  author_email: z.nullish(z.string()),
  created_at: dateTime,
});
export type Note = z.infer<typeof noteSchema>;

/**
 * An invitation. `status` is a plain string (scheduled, skipped, sent, failed, canceled; more may
 * be added), as are `skip_reason` and `failure_reason` (bounced, invalid_address, unreachable;
 * more may be added). The 1.3 fields are absent from older servers.
 */
export const invitationSchema = z.looseObject({
  id: z.string(),
  survey_id: z.string(),
  contact_id: z.string(),
  channel: z.string(),
  status: z.string(),
  skip_reason: z.nullable(z.string()),
  send_at: z.nullable(dateTime),
  created_at: dateTime,
  sent_at: z.nullish(dateTime),
  failed_at: z.nullish(dateTime),
  failure_reason: z.nullish(z.string()),
  canceled_at: z.nullish(dateTime),
  /** Created with a test-mode key (never delivered). Absent means false. */
  test: z.optional(z.boolean()),
});
export type Invitation = z.infer<typeof invitationSchema>;

const npsBreakdownShape = {
  nps: z.nullable(z.number().check(z.minimum(-100), z.maximum(100))),
  responses: z.number().check(z.int(), z.minimum(0)),
  promoters: z.number().check(z.int(), z.minimum(0)),
  passives: z.number().check(z.int(), z.minimum(0)),
  detractors: z.number().check(z.int(), z.minimum(0)),
};

export const npsMetricsSchema = z.looseObject({
  ...npsBreakdownShape,
  survey_id: z.nullish(z.string()),
  since: dateTime,
  until: dateTime,
  timezone: z.string(),
  periods: z.array(
    z.looseObject({ ...npsBreakdownShape, label: z.string(), start: dateTime, end: dateTime }),
  ),
});
export type NpsMetrics = z.infer<typeof npsMetricsSchema>;

export const webhookFiltersSchema = z.looseObject({
  survey_id: z.optional(z.string()),
  segments: z.optional(z.array(segmentSchema)),
  min_score: z.optional(score),
  max_score: z.optional(score),
  exclude_own_changes: z.optional(z.boolean()),
});
export type WebhookFilters = z.infer<typeof webhookFiltersSchema>;

export const webhookWithSecretSchema = z.looseObject({
  id: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  filters: webhookFiltersSchema,
  description: z.nullish(z.string()),
  created_at: dateTime,
  secret: z.string().check(z.regex(/^whsec_[A-Za-z0-9+/]{32,}={0,2}$/)),
});
export type WebhookWithSecret = z.infer<typeof webhookWithSecretSchema>;

export const changeSourceSchema = z.looseObject({
  type: z.string(),
  key_id: z.nullish(z.string()),
});

export const responseEventSchema = z.looseObject({
  id: z.string(),
  type: z.enum(['response.created', 'response.analyzed', 'response.updated']),
  created_at: dateTime,
  data: z.looseObject({
    response: responseSchema,
    previous_attributes: z.optional(
      z.looseObject({
        tags: z.optional(z.array(z.string())),
        themes: z.optional(z.array(themeSchema)),
        follow_up: z.optional(followUpSchema),
      }),
    ),
    source: z.optional(changeSourceSchema),
  }),
});
export type ResponseEvent = z.infer<typeof responseEventSchema>;

export const segmentChangedEventSchema = z.looseObject({
  id: z.string(),
  type: z.literal('contact.segment_changed'),
  created_at: dateTime,
  data: z.looseObject({
    contact: contactSchema,
    previous_segment: segmentSchema,
    segment: segmentSchema,
    response: responseSchema,
  }),
});
export type SegmentChangedEvent = z.infer<typeof segmentChangedEventSchema>;

export const contactUnsubscribedEventSchema = z.looseObject({
  id: z.string(),
  type: z.literal('contact.unsubscribed'),
  created_at: dateTime,
  data: z.looseObject({ contact: contactSchema }),
});
export type ContactUnsubscribedEvent = z.infer<typeof contactUnsubscribedEventSchema>;

/** 1.3: an invitation could not be delivered (bounced, invalid address, unreachable phone). */
export const invitationFailedEventSchema = z.looseObject({
  id: z.string(),
  type: z.literal('invitation.failed'),
  created_at: dateTime,
  data: z.looseObject({ invitation: invitationSchema, contact: contactSchema }),
});
export type InvitationFailedEvent = z.infer<typeof invitationFailedEventSchema>;

/**
 * An event as a webhook delivers it and GET /events lists it. Event types the app does not know
 * (the contract says more may be added) are kept as `unknownEventSchema` and skipped by triggers.
 */
export const unknownEventSchema = z.looseObject({
  id: z.string(),
  type: z.string(),
  created_at: dateTime,
  data: z.unknown(),
});

export const eventSchema = z.union([
  responseEventSchema,
  segmentChangedEventSchema,
  contactUnsubscribedEventSchema,
  invitationFailedEventSchema,
]);
export type NpsEvent = z.infer<typeof eventSchema>;

/** The `{ data, next_cursor }` envelope of every list endpoint. */
export const listOf = <T extends z.ZodMiniType>(item: T) =>
  z.looseObject({ data: z.array(item), next_cursor: z.nullable(z.string()) });

/** A list page whose items are checked one by one afterwards (lenient lists). */
export const unknownListSchema = listOf(z.unknown());

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

/**
 * Not a payload of the API: the form in which fields/property-types.ts keeps one connection's property
 * types in z.cache (only what reading values needs: no descriptions). Checked when read back, as
 * anything stored is; here so that zod stays in this one bundled module.
 */
export const cachedPropertyTypesSchema = z.object({
  v: z.literal(1),
  properties: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      type: z.string(),
      options: z.array(z.string()),
    }),
  ),
});
export type CachedPropertyTypes = z.infer<typeof cachedPropertyTypesSchema>;
