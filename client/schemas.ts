/**
 * zod schemas for every payload the app reads, written against api/openapi.yaml.
 *
 * - Objects are `looseObject`: fields the API adds later are kept, never rejected.
 * - Enumerations the contract says may grow (channels, statuses, event types, scopes) are plain
 *   strings, so unknown future values pass through. `segment` never changes, so it is an enum.
 * - A payload that breaks the contract fails here, with the path of the offending field, instead of
 *   a TypeError three calls later (see `parsePayload` in client/request.ts).
 */
import { z } from 'zod';
import { SEGMENTS } from './enums.js';

/**
 * What the client needs of a schema (zod's `safeParse` shape): client/request.ts and
 * client/api.ts use only this, so the validation library stays inside this file.
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
const score = z.number().int().min(0).max(10);

export const errorBodySchema = z.looseObject({
  error: z.looseObject({
    type: z.string(),
    message: z.string(),
    param: z.string().optional(),
    required_scope: z.string().optional(),
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
  channels: z.array(z.string()).optional(),
  created_at: dateTime,
});
export type Survey = z.infer<typeof surveySchema>;

export const themeSummarySchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  response_count: z.number().int().min(0),
});
export type ThemeSummary = z.infer<typeof themeSummarySchema>;

export const themeSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  sentiment: z.string(),
});
export type Theme = z.infer<typeof themeSchema>;

export const crmIdsSchema = z.looseObject({
  salesforce_contact_id: z.string().nullish(),
  hubspot_contact_id: z.string().nullish(),
  pipedrive_person_id: z.number().int().nullish(),
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
  options: z.array(z.looseObject({ value: z.string(), label: z.string() })).nullable(),
  description: z.string().nullable(),
});
export type ContactProperty = z.infer<typeof contactPropertySchema>;

export const contactPropertyListSchema = z.looseObject({
  data: z.array(contactPropertySchema),
});

export const contactSchema = z.looseObject({
  id: z.string(),
  email: z.string().nullable(),
  customer_id: z.string().nullable(),
  account_number: z.string().nullable(),
  name: z.string().nullable(),
  company: z.string().nullish(),
  phone: z.string().nullish(),
  locale: z.string().nullish(),
  crm_ids: crmIdsSchema,
  properties: propertiesSchema,
  nps: z.looseObject({
    latest_score: score.nullish(),
    latest_segment: segmentSchema.nullish(),
    latest_response_at: dateTime.nullish(),
    response_count: z.number().int().min(0),
  }),
  unsubscribed: z.boolean(),
  created_at: dateTime,
  updated_at: dateTime,
});
export type Contact = z.infer<typeof contactSchema>;

export const followUpSchema = z.looseObject({
  status: z.string(),
  owner_email: z.string().nullish(),
  updated_at: dateTime.nullish(),
});

export const responseSchema = z.looseObject({
  id: z.string(),
  survey: z.looseObject({ id: z.string(), name: z.string() }),
  score,
  segment: segmentSchema,
  comment: z.string().nullable(),
  conversation: z.array(z.looseObject({ question: z.string(), answer: z.string() })),
  themes: z.array(themeSchema),
  analysis_status: z.string(),
  language: z.string().nullish(),
  channel: z.string(),
  contact: contactSchema,
  previous: z
    .looseObject({
      response_id: z.string(),
      score,
      segment: segmentSchema,
      submitted_at: dateTime,
    })
    .nullable(),
  follow_up: followUpSchema,
  tags: z.array(z.string()),
  properties: propertiesSchema,
  submitted_at: dateTime,
  analyzed_at: dateTime.nullish(),
  updated_at: dateTime,
  /** 1.3: recorded with a test-mode key. Absent (older servers) means false. */
  test: z.boolean().optional(),
});
export type NpsResponse = z.infer<typeof responseSchema>;

export const noteSchema = z.looseObject({
  id: z.string(),
  response_id: z.string(),
  body: z.string(),
  author_email: z.string().nullish(),
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
  skip_reason: z.string().nullable(),
  send_at: dateTime.nullable(),
  created_at: dateTime,
  sent_at: dateTime.nullish(),
  failed_at: dateTime.nullish(),
  failure_reason: z.string().nullish(),
  canceled_at: dateTime.nullish(),
  /** Created with a test-mode key (never delivered). Absent means false. */
  test: z.boolean().optional(),
});
export type Invitation = z.infer<typeof invitationSchema>;

const npsBreakdownShape = {
  nps: z.number().min(-100).max(100).nullable(),
  responses: z.number().int().min(0),
  promoters: z.number().int().min(0),
  passives: z.number().int().min(0),
  detractors: z.number().int().min(0),
};

export const npsMetricsSchema = z.looseObject({
  ...npsBreakdownShape,
  survey_id: z.string().nullish(),
  since: dateTime,
  until: dateTime,
  timezone: z.string(),
  periods: z.array(
    z.looseObject({ ...npsBreakdownShape, label: z.string(), start: dateTime, end: dateTime }),
  ),
});
export type NpsMetrics = z.infer<typeof npsMetricsSchema>;

export const webhookFiltersSchema = z.looseObject({
  survey_id: z.string().optional(),
  segments: z.array(segmentSchema).optional(),
  min_score: score.optional(),
  max_score: score.optional(),
  exclude_own_changes: z.boolean().optional(),
});
export type WebhookFilters = z.infer<typeof webhookFiltersSchema>;

export const webhookWithSecretSchema = z.looseObject({
  id: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  filters: webhookFiltersSchema,
  description: z.string().nullish(),
  created_at: dateTime,
  secret: z.string().regex(/^whsec_[A-Za-z0-9+/]{32,}={0,2}$/),
});
export type WebhookWithSecret = z.infer<typeof webhookWithSecretSchema>;

export const changeSourceSchema = z.looseObject({
  type: z.string(),
  key_id: z.string().nullish(),
});

export const responseEventSchema = z.looseObject({
  id: z.string(),
  type: z.enum(['response.created', 'response.analyzed', 'response.updated']),
  created_at: dateTime,
  data: z.looseObject({
    response: responseSchema,
    previous_attributes: z
      .looseObject({
        tags: z.array(z.string()).optional(),
        themes: z.array(themeSchema).optional(),
        follow_up: followUpSchema.optional(),
      })
      .optional(),
    source: changeSourceSchema.optional(),
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
export const listOf = <T extends z.ZodType>(item: T) =>
  z.looseObject({ data: z.array(item), next_cursor: z.string().nullable() });

/** A list page whose items are checked one by one afterwards (lenient lists). */
export const unknownListSchema = listOf(z.unknown());

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}
