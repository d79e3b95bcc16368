/**
 * Typed workspace properties (issue 12): the dynamic input fields built from the sandbox's demo
 * properties (served by nock in the contract's shape), each type sent right, each bad value
 * refused before any request, the fallback when GET /contact-properties fails (500) or the key
 * lacks contacts:read (403), and the labelled property output fields.
 */
import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import recordResponse from '../../creates/record_response.js';
import sendSurvey from '../../creates/send_survey.js';
import upsertContact from '../../creates/upsert_contact.js';
import { ACTION_FORM_LABELS } from '../../fields/properties.js';
import { contactOutputFieldsWithProperties } from '../../records/contact.js';
import { responseOutputFields } from '../../records/response.js';
import { invitationSample } from '../../creates/send_survey.js';
import { contactFixture, responseFixture } from '../fixtures/actions.js';
import { BASE_URL, appTester, authData, errorOf } from '../helpers/app.js';
import { runAsZapier, zapierStep, type ZapierInput } from '../helpers/zapier-run.js';
import {
  DEMO_PROPERTIES as DEMO,
  failsBeforeAnyRequest,
  serveContactProperties,
} from '../creates/run.js';

type Fn = (z: ZObject, bundle: Bundle) => unknown;
interface LoadedField {
  key: string;
  label: string;
  type?: string;
  helpText?: string;
  choices?: Array<{ value: string; label: string }>;
  meta?: Record<string, string | number | boolean>;
}
interface Definition {
  operation: { inputFields: unknown[]; perform?: unknown };
}

const dynamicOf = (definition: Definition): Fn => {
  const fn = definition.operation.inputFields.at(-1);
  if (typeof fn !== 'function') throw new Error('the last input field is not a function');
  return fn as Fn;
};

const staticKeys = (definition: Definition): string[] =>
  definition.operation.inputFields
    .filter((f): f is { key: string } => typeof f !== 'function')
    .map((f) => f.key);

/** Loads the dynamic fields the way Zapier does when the step's form opens. */
const loadFields = async (definition: Definition): Promise<LoadedField[]> =>
  (await appTester(dynamicOf(definition), { authData, inputData: {} })) as LoadedField[];

const demoFields = async (definition: Definition): Promise<LoadedField[]> => {
  const scope = nock(BASE_URL).get('/contact-properties').reply(200, DEMO);
  const fields = await loadFields(definition);
  scope.done();
  return fields;
};

const ACTIONS: Array<[string, Definition]> = [
  ['upsert_contact', upsertContact as unknown as Definition],
  ['send_survey', sendSurvey as unknown as Definition],
  ['record_response', recordResponse as unknown as Definition],
];

afterEach(() => nock.cleanAll());

describe('dynamic property fields from GET /contact-properties', () => {
  it.each(ACTIONS)(
    '%s: one field per property after the static fields, in one request, each declared as text with its type in meta',
    async (_key, definition) => {
      const fields = await demoFields(definition);
      // Text whatever the type (issue 16, item 1): Zapier would parse number, boolean and
      // datetime fields itself and silently write 0, yes or now for what it cannot read.
      expect(fields.map((f) => [f.key, f.label, f.type, f.meta?.property_type])).toEqual([
        ['property__plan', 'Plan', 'string', 'enum'],
        ['property__seats', 'Seats', 'string', 'number'],
        ['property__renewal_date', 'Renewal Date', 'string', 'date'],
        ['property__churn_risk', 'Churn Risk', 'string', 'boolean'],
        ['property__region', 'Region', 'string', 'string'],
      ]);
      const plan = fields[0];
      expect(plan?.choices?.map((c) => c.value)).toEqual([
        'free',
        'starter',
        'growth',
        'pro',
        'enterprise',
      ]);
      expect(plan?.choices?.[4]?.label).toBe('Enterprise');
      expect(fields[3]?.choices?.map((c) => [c.value, c.label])).toEqual([
        ['true', 'Yes'],
        ['false', 'No'],
      ]);
      // The help says exactly what each type accepts.
      expect(fields[1]?.helpText).toMatch(
        /^Licensed seats on the account\. A number: 40, -3, 2\.5, 1,200/,
      );
      expect(fields[1]?.helpText).toMatch(/1\.200,5/);
      expect(fields[1]?.helpText).toMatch(/like 1\.200, is refused as ambiguous/);
      expect(fields[2]?.helpText).toMatch(/2026-03-01T09:00:00\+01:00/);
      expect(fields[2]?.helpText).toMatch(
        /A time without a zone and words like "next month" are refused/,
      );
      expect(fields[3]?.helpText).toMatch(/true, false, yes, no, 1 or 0/);
      for (const field of fields) expect(field.helpText).not.toBe(field.label);
      // Dynamic fields come after every static one; no key is shared.
      expect(staticKeys(definition).filter((k) => k.startsWith('property__'))).toEqual([]);
      expect(staticKeys(definition)).toContain('properties');
    },
  );

  it('treats a type it does not know as text; a property without a description still has help', async () => {
    nock(BASE_URL)
      .get('/contact-properties')
      .reply(200, {
        data: [{ key: 'csm', label: 'CSM', type: 'person', options: null, description: null }],
      });
    const [field] = await loadFields(upsertContact as unknown as Definition);
    expect(field).toMatchObject({ key: 'property__csm', label: 'CSM', type: 'string' });
    expect(field?.helpText).toMatch(/Text, up to 1,000 characters/);
  });

  it.each([
    ['a server error (500)', 500, { error: { type: 'api_error', message: 'Boom.' } }],
    [
      'a key without contacts:read (403)',
      403,
      {
        error: {
          type: 'permission_error',
          message: 'This key lacks contacts:read.',
          required_scope: 'contacts:read',
        },
      },
    ],
  ])('falls back to the static fields on %s', async (_name, status, body) => {
    for (const [, definition] of ACTIONS) {
      const scope = nock(BASE_URL).get('/contact-properties').reply(status, body);
      expect(await loadFields(definition)).toEqual([]);
      scope.done();
    }
    // ...and the step still works with the static fields.
    serveContactProperties(body, status);
    const put = nock(BASE_URL)
      .put('/contacts', { email: 'maria.garcia@acme.com', properties: { plan: 'enterprise' } })
      .query({ match_on: 'email' })
      .reply(200, contactFixture);
    await runAsZapier(upsertContact, {
      identity_key: 'email',
      identity_value: 'maria.garcia@acme.com',
      properties: { plan: 'enterprise' },
    });
    put.done();
  });

  it('says in the help of properties that typed fields need contacts:read and the step works without', () => {
    for (const [, definition] of ACTIONS) {
      const field = definition.operation.inputFields.find(
        (f): f is { key: string; helpText: string } =>
          typeof f !== 'function' && (f as { key: string }).key === 'properties',
      );
      expect(field?.helpText).toMatch(/contacts:read/);
      expect(field?.helpText).toMatch(/still works/);
    }
  });
});

describe('typed values: sent as their type', () => {
  beforeEach(() => {
    serveContactProperties();
  });

  const typedInput = {
    property__plan: 'Enterprise',
    property__seats: ' 40 ',
    property__renewal_date: '2026-03-01T00:00:00+01:00',
    property__churn_risk: 'yes',
    property__region: 'emea',
  };
  const typedBody = {
    plan: 'enterprise',
    seats: 40,
    renewal_date: '2026-03-01',
    churn_risk: true,
    region: 'emea',
  };

  it('upsert_contact: typed values join the properties dict; a key given both ways uses the typed field', async () => {
    const scope = nock(BASE_URL)
      .put('/contacts', {
        email: 'maria.garcia@acme.com',
        properties: { ...typedBody, legacy_code: 'A7' },
      })
      .query({ match_on: 'email' })
      .reply(200, contactFixture);
    await runAsZapier(upsertContact, {
      identity_key: 'email',
      identity_value: 'maria.garcia@acme.com',
      properties: { plan: 'free', legacy_code: 'A7' },
      ...typedInput,
    });
    scope.done();
  });

  it('send_survey and record_response: typed values go to the contact', async () => {
    const invite = nock(BASE_URL)
      .post('/surveys/srv_q3nps/invitations', {
        contact: { email: 'maria.garcia@acme.com', properties: typedBody },
        channel: 'email',
        respect_throttle: true,
      })
      .reply(201, invitationSample);
    await runAsZapier(sendSurvey, {
      survey_id: 'srv_q3nps',
      email: 'maria.garcia@acme.com',
      ...typedInput,
    });
    invite.done();

    const post = nock(BASE_URL)
      .post('/responses', {
        survey_id: 'srv_q3nps',
        score: 3,
        contact: { email: 'maria.garcia@acme.com', properties: { seats: 2.5, churn_risk: false } },
      })
      .reply(201, responseFixture);
    await runAsZapier(recordResponse, {
      survey_id: 'srv_q3nps',
      score: '3',
      email: 'maria.garcia@acme.com',
      property__seats: '2.5',
      property__churn_risk: 'false',
      property__region: '  ',
    });
    post.done();
  });

  it('a date-only value is sent as given; an enum value as its option value', async () => {
    const scope = nock(BASE_URL)
      .put('/contacts', {
        email: 'maria.garcia@acme.com',
        properties: { renewal_date: '2027-01-31', plan: 'growth' },
      })
      .query({ match_on: 'email' })
      .reply(200, contactFixture);
    await runAsZapier(upsertContact, {
      identity_key: 'email',
      identity_value: 'maria.garcia@acme.com',
      property__renewal_date: '2027-01-31',
      property__plan: 'growth',
    });
    scope.done();
  });

  // Issue 16, item 1: the forms the help promises, read exactly (docs/crm-mapping.md).
  it.each<[string, ZapierInput, Record<string, string | number | boolean>]>([
    ['1,200 (commas group thousands)', { property__seats: '1,200' }, { seats: 1200 }],
    ['1,200.5', { property__seats: '1,200.5' }, { seats: 1200.5 }],
    ['1.200,5 (European)', { property__seats: '1.200,5' }, { seats: 1200.5 }],
    ['1 200,5 (spaces group thousands)', { property__seats: '1\u00a0200,5' }, { seats: 1200.5 }],
    ['2,5 (decimal comma)', { property__seats: '2,5' }, { seats: 2.5 }],
    ['0.125', { property__seats: '0.125' }, { seats: 0.125 }],
    ['-3', { property__seats: '-3' }, { seats: -3 }],
    ['YES', { property__churn_risk: 'YES' }, { churn_risk: true }],
    ['0', { property__churn_risk: '0' }, { churn_risk: false }],
    ['no', { property__churn_risk: 'no' }, { churn_risk: false }],
    [
      'a date-time with its zone: the day as written',
      { property__renewal_date: '2027-03-01T23:30:00-05:00' },
      { renewal_date: '2027-03-01' },
    ],
    [
      'a date-time in UTC',
      { property__renewal_date: '2027-03-01T08:00:00Z' },
      { renewal_date: '2027-03-01' },
    ],
  ])('reads %s', async (_name, input, properties) => {
    const scope = nock(BASE_URL)
      .put('/contacts', { email: 'maria.garcia@acme.com', properties })
      .query({ match_on: 'email' })
      .reply(200, contactFixture);
    await runAsZapier(upsertContact, {
      identity_key: 'email',
      identity_value: 'maria.garcia@acme.com',
      ...input,
    });
    scope.done();
  });
});

describe('typed values: a bad one is refused before any request, naming the field', () => {
  beforeEach(() => {
    serveContactProperties();
  });

  const bad: Array<[string, ZapierInput, RegExp]> = [
    // Issue 16's table: Zapier's own parsing would write seats 0, churn_risk true and today.
    [
      'a number field with "ten"',
      { property__seats: 'ten' },
      /^Seats \(property__seats\) must be a number like 40/,
    ],
    [
      'a boolean that is not one ("maybe")',
      { property__churn_risk: 'maybe' },
      /^Churn Risk \(property__churn_risk\) must be true or false/,
    ],
    [
      'a date in words ("next renewal")',
      { property__renewal_date: 'next renewal' },
      /^Renewal Date \(property__renewal_date\) must be a date like 2026-03-01/,
    ],
    [
      'a number field with "4O"',
      { property__seats: '4O' },
      /^Seats \(property__seats\) must be a number/,
    ],
    [
      'a number with a currency sign',
      { property__seats: '$40' },
      /^Seats \(property__seats\) must be a number/,
    ],
    [
      'an ambiguous 1.200',
      { property__seats: '1.200' },
      /^Seats \(property__seats\) is ambiguous: 1200 if its dot separates thousands, 1\.2 if it is a decimal point\. Write 1200 or 1,200 for the first, 1\.2 for the second\./,
    ],
    [
      'a number with two decimal marks',
      { property__seats: '1.200.5' },
      /^Seats \(property__seats\) must be a number/,
    ],
    [
      'a boolean in words ("nope")',
      { property__churn_risk: 'nope' },
      /^Churn Risk \(property__churn_risk\) must be true or false/,
    ],
    [
      'a date in words ("tomorrow")',
      { property__renewal_date: 'tomorrow' },
      /^Renewal Date \(property__renewal_date\) must be a date/,
    ],
    [
      'a date-time without a zone',
      { property__renewal_date: '2026-03-01T09:00:00' },
      /^Renewal Date \(property__renewal_date\) must be a date like 2026-03-01, or a date and time with its time zone/,
    ],
    [
      'a date in another order',
      { property__renewal_date: '03/01/2026' },
      /^Renewal Date \(property__renewal_date\) must be a date/,
    ],
    [
      'a date that is not a date (30 February)',
      { property__renewal_date: '2026-02-30' },
      /^Renewal Date \(property__renewal_date\) must be a date/,
    ],
    [
      'a date-time on a day that does not exist',
      { property__renewal_date: '2026-02-30T00:00:00Z' },
      /^Renewal Date \(property__renewal_date\) must be a date/,
    ],
    [
      'an enum value not in its options',
      { property__plan: 'platinum' },
      /^Plan \(property__plan\) must be one of its options: free, starter, growth, pro, enterprise; got "platinum"/,
    ],
    [
      'a text over 1,000 characters',
      { property__region: 'x'.repeat(1001) },
      /^Region \(property__region\) is too long/,
    ],
  ];

  it.each(bad)('upsert_contact: %s', async (_name, input, message) => {
    const step = await zapierStep(upsertContact, {
      identity_key: 'email',
      identity_value: 'maria.garcia@acme.com',
      ...input,
    });
    const error = await failsBeforeAnyRequest(() => step.perform());
    expect(error.name).toBe('HaltedError');
    expect(error.message).toMatch(message);
  });

  it.each([
    ['send_survey', sendSurvey, { survey_id: 'srv_q3nps', email: 'a@b.co' }],
    ['record_response', recordResponse, { survey_id: 'srv_q3nps', score: '5', email: 'a@b.co' }],
  ])('%s: refuses the same way', async (_key, definition, input) => {
    for (const [, extra, message] of bad.slice(0, 3)) {
      serveContactProperties();
      const step = await zapierStep(definition, { ...input, ...extra });
      const error = await failsBeforeAnyRequest(() => step.perform());
      expect(error.message).toMatch(message);
    }
  });
});

describe('typed values without meta (invoke, a zap saved before fields carried their type): issue 16, item 4', () => {
  const IDENTITY = { identity_key: 'email', identity_value: 'maria.garcia@acme.com' };
  const OTHER_KEY = { api_key: 'nps_live_other_workspace_1234', region: 'us' };

  /** Serves the next field load only (the step's form), not perform. */
  const serveFieldLoad = () => nock(BASE_URL).get('/contact-properties').reply(200, DEMO);

  it('looks the types up once with GET /contact-properties, sends each value typed, and reuses them from z.cache', async () => {
    const input = {
      ...IDENTITY,
      property__seats: '1,200',
      property__churn_risk: 'yes',
      property__renewal_date: '2027-01-31T10:00:00Z',
      property__plan: 'Pro',
      property__nps_owner: 'ana',
    };
    const typed = {
      seats: 1200,
      churn_risk: true,
      renewal_date: '2027-01-31',
      plan: 'pro',
      // Not a property of the workspace: sent as text, as the properties dict sends it.
      nps_owner: 'ana',
    };
    serveFieldLoad();
    const first = await zapierStep(upsertContact, input, {
      withoutFieldMeta: true,
      clearCache: true,
    });
    expect(first.bundle.meta.inputFields).toBeUndefined();
    const lookup = nock(BASE_URL).get('/contact-properties').reply(200, DEMO);
    const put = () =>
      nock(BASE_URL)
        .put('/contacts', { email: 'maria.garcia@acme.com', properties: typed })
        .query({ match_on: 'email' })
        .reply(200, contactFixture);
    const firstPut = put();
    await first.perform();
    lookup.done();
    firstPut.done();

    // The next run of the same connection: no look-up (an unexpected request would fail).
    serveFieldLoad();
    const second = await zapierStep(upsertContact, input, { withoutFieldMeta: true });
    const secondPut = put();
    await second.perform();
    secondPut.done();

    // Another connection (another workspace's key) never reads those types.
    serveFieldLoad();
    const other = await zapierStep(upsertContact, input, {
      withoutFieldMeta: true,
      authData: OTHER_KEY,
    });
    const otherLookup = nock(BASE_URL).get('/contact-properties').reply(200, DEMO);
    const otherPut = put();
    await other.perform();
    otherLookup.done();
    otherPut.done();
  });

  it.each([
    [
      'send_survey',
      sendSurvey,
      '/surveys/srv_q3nps/invitations',
      { survey_id: 'srv_q3nps', email: 'a@b.co' },
      invitationSample,
    ],
    [
      'record_response',
      recordResponse,
      '/responses',
      { survey_id: 'srv_q3nps', score: '5', email: 'a@b.co' },
      responseFixture,
    ],
  ])(
    '%s: a number is sent as a number, never as "40"',
    async (_key, definition, path, input, reply) => {
      serveFieldLoad();
      const step = await zapierStep(
        definition,
        { ...input, property__seats: '40' },
        { withoutFieldMeta: true, clearCache: true },
      );
      nock(BASE_URL).get('/contact-properties').reply(200, DEMO);
      let properties: unknown;
      const scope = nock(BASE_URL)
        .post(path, (body: { contact?: { properties?: unknown } }) => {
          properties = body.contact?.properties;
          return true;
        })
        .reply(201, reply);
      await step.perform();
      scope.done();
      expect(properties).toEqual({ seats: 40 });
    },
  );

  it('refuses a bad value naming the field by its label, after the look-up and before any write', async () => {
    serveFieldLoad();
    const step = await zapierStep(
      upsertContact,
      { ...IDENTITY, property__seats: 'ten' },
      { withoutFieldMeta: true, clearCache: true },
    );
    nock(BASE_URL).get('/contact-properties').reply(200, DEMO);
    const write = nock(BASE_URL).put('/contacts').query(true).reply(200, contactFixture);
    const error = await errorOf(() => step.perform());
    expect(error.name).toBe('HaltedError');
    expect(error.message).toMatch(/^Seats \(property__seats\) must be a number/);
    expect(write.isDone()).toBe(false);
  });

  it('a key that cannot list the properties (403): an error naming the field and the scope, nothing written', async () => {
    serveFieldLoad();
    const step = await zapierStep(
      upsertContact,
      { ...IDENTITY, property__seats: '40' },
      { withoutFieldMeta: true, clearCache: true },
    );
    nock(BASE_URL)
      .get('/contact-properties')
      .reply(403, {
        error: { type: 'permission_error', message: 'No.', required_scope: 'contacts:read' },
      });
    const write = nock(BASE_URL).put('/contacts').query(true).reply(200, contactFixture);
    const error = await errorOf(() => step.perform());
    expect(error.message).toMatch(/seats \(property__seats\)/);
    expect(error.message).toMatch(/contacts:read/);
    expect(write.isDone()).toBe(false);
  });

  it('with meta, perform makes no look-up', async () => {
    serveFieldLoad();
    const step = await zapierStep(
      upsertContact,
      { ...IDENTITY, property__seats: '40' },
      { clearCache: true },
    );
    const scope = nock(BASE_URL)
      .put('/contacts', { email: 'maria.garcia@acme.com', properties: { seats: 40 } })
      .query({ match_on: 'email' })
      .reply(200, contactFixture);
    await step.perform();
    scope.done();
  });
});

describe('a property labelled like a static field is told apart (issue 16, item 7)', () => {
  const CLASHING = {
    data: [
      { key: 'company', label: 'Company', type: 'string', options: null, description: null },
      { key: 'work_email', label: 'email ', type: 'string', options: null, description: null },
      { key: 'nps_score', label: 'Score', type: 'number', options: null, description: null },
      { key: 'tier', label: 'Tier', type: 'string', options: null, description: null },
      { key: 'tier_2025', label: 'Tier', type: 'string', options: null, description: null },
      { key: 'seats', label: 'Seats', type: 'number', options: null, description: null },
    ],
  };

  it('lists every static label of the three forms with typed fields', () => {
    for (const [, definition] of ACTIONS) {
      for (const field of definition.operation.inputFields) {
        if (typeof field === 'function') continue;
        expect(ACTION_FORM_LABELS).toContain((field as { label: string }).label);
      }
    }
  });

  it.each(ACTIONS)(
    '%s: "Company (Contact Property)" beside Company; two properties of one label by key',
    async (_key, definition) => {
      nock(BASE_URL).get('/contact-properties').reply(200, CLASHING);
      const fields = await loadFields(definition);
      const labels = fields.map((f) => f.label);
      expect(labels).toEqual([
        'Company (Contact Property)',
        'email (Contact Property)',
        'Score (Contact Property)',
        'Tier (tier)',
        'Tier (tier_2025)',
        'Seats',
      ]);
      const statics = definition.operation.inputFields
        .filter((f): f is { label: string } => typeof f !== 'function')
        .map((f) => f.label.toLowerCase());
      for (const label of labels) expect(statics).not.toContain(label.toLowerCase());
      // Errors name the field by the workspace's label and the key: never ambiguous.
      expect(fields[0]?.meta?.property_label).toBe('Company');
    },
  );

  it('output fields: "Email (Property)" on contact records, "Contact Email (Property)" on response records', async () => {
    const dynamic = (fields: unknown[]): Fn => fields.find((f) => typeof f === 'function') as Fn;
    const data = {
      data: [
        { key: 'work_email', label: 'Email', type: 'string', options: null, description: null },
        { key: 'seats', label: 'Seats', type: 'number', options: null, description: null },
      ],
    };
    nock(BASE_URL).get('/contact-properties').times(2).reply(200, data);
    const contact = (await appTester(dynamic(contactOutputFieldsWithProperties()), {
      authData,
    })) as LoadedField[];
    expect(contact.map((f) => f.label)).toEqual(['Email (Property)', 'Seats']);
    const response = (await appTester(dynamic(responseOutputFields()), {
      authData,
    })) as LoadedField[];
    expect(response.map((f) => f.label)).toEqual(['Contact Email (Property)', 'Contact Seats']);
  });
});

describe('property output fields, labelled with the workspace labels', () => {
  const dynamic = (fields: unknown[]): Fn => {
    const fn = fields.find((f) => typeof f === 'function');
    if (!fn) throw new Error('no dynamic output fields');
    return fn as Fn;
  };

  it('contact records: properties__<key> labelled as the workspace names it; response records: Contact <label>', async () => {
    nock(BASE_URL).get('/contact-properties').times(2).reply(200, DEMO);
    const contact = (await appTester(dynamic(contactOutputFieldsWithProperties()), {
      authData,
    })) as LoadedField[];
    expect(contact.map((f) => [f.key, f.label, f.type])).toEqual([
      ['properties__plan', 'Plan', 'string'],
      ['properties__seats', 'Seats', 'number'],
      ['properties__renewal_date', 'Renewal Date', 'string'],
      ['properties__churn_risk', 'Churn Risk', 'boolean'],
      ['properties__region', 'Region', 'string'],
    ]);
    const response = (await appTester(dynamic(responseOutputFields()), {
      authData,
    })) as LoadedField[];
    expect(response[0]).toMatchObject({ key: 'contact_properties__plan', label: 'Contact Plan' });
  });

  it('shortens a long label to 40 characters and shows no property fields on 403', async () => {
    nock(BASE_URL)
      .get('/contact-properties')
      .reply(200, {
        data: [
          {
            key: 'long_one',
            label: 'The number of seats the customer bought last year',
            type: 'number',
            options: null,
            description: null,
          },
        ],
      });
    const [field] = (await appTester(dynamic(responseOutputFields()), {
      authData,
    })) as LoadedField[];
    expect(field?.label.length).toBeLessThanOrEqual(40);
    expect(field?.label).toMatch(/^Contact The number of seats.*…$/);
    nock(BASE_URL)
      .get('/contact-properties')
      .reply(403, {
        error: { type: 'permission_error', message: 'No.', required_scope: 'contacts:read' },
      });
    expect(await appTester(dynamic(responseOutputFields()), { authData })).toEqual([]);
  });
});
