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
import { contactOutputFieldsWithProperties } from '../../records/contact.js';
import { responseOutputFields } from '../../records/response.js';
import { contactPropertyJson, demoContactProperties } from '../../sandbox/properties.js';
import { invitationSample } from '../../creates/send_survey.js';
import { contactFixture, responseFixture } from '../fixtures/actions.js';
import { BASE_URL, appTester, authData } from '../helpers/app.js';
import { failsBeforeAnyRequest, run } from '../creates/run.js';

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

/** What the sandbox's GET /contact-properties answers (archived ones are not listed). */
const DEMO = {
  data: demoContactProperties()
    .filter((p) => !p.archived)
    .map(contactPropertyJson),
};

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

/** `bundle.meta.inputFields`, as Zapier gives perform the loaded fields' `meta`. */
const metaOf = (fields: LoadedField[]) => ({
  inputFields: Object.fromEntries(fields.map((field) => [field.key, field.meta ?? {}])),
});

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
    '%s: one typed field per property after the static fields, in one request',
    async (_key, definition) => {
      const fields = await demoFields(definition);
      expect(fields.map((f) => [f.key, f.label, f.type])).toEqual([
        ['property__plan', 'Plan', 'string'],
        ['property__seats', 'Seats', 'number'],
        ['property__renewal_date', 'Renewal Date', 'datetime'],
        ['property__churn_risk', 'Churn Risk', 'boolean'],
        ['property__region', 'Region', 'string'],
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
      expect(fields[1]?.helpText).toMatch(/^Licensed seats on the account\. A number/);
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
    const put = nock(BASE_URL)
      .put('/contacts', { email: 'maria.garcia@acme.com', properties: { plan: 'enterprise' } })
      .query({ match_on: 'email' })
      .reply(200, contactFixture);
    await run(upsertContact, {
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
    const fields = await demoFields(upsertContact as unknown as Definition);
    const scope = nock(BASE_URL)
      .put('/contacts', {
        email: 'maria.garcia@acme.com',
        properties: { ...typedBody, legacy_code: 'A7' },
      })
      .query({ match_on: 'email' })
      .reply(200, contactFixture);
    await run(
      upsertContact,
      {
        identity_key: 'email',
        identity_value: 'maria.garcia@acme.com',
        properties: { plan: 'free', legacy_code: 'A7' },
        ...typedInput,
      },
      metaOf(fields),
    );
    scope.done();
  });

  it('send_survey and record_response: typed values go to the contact', async () => {
    const survey = await demoFields(sendSurvey as unknown as Definition);
    const invite = nock(BASE_URL)
      .post('/surveys/srv_q3nps/invitations', {
        contact: { email: 'maria.garcia@acme.com', properties: typedBody },
      })
      .reply(201, invitationSample);
    await run(
      sendSurvey,
      { survey_id: 'srv_q3nps', email: 'maria.garcia@acme.com', ...typedInput },
      metaOf(survey),
    );
    invite.done();

    const record = await demoFields(recordResponse as unknown as Definition);
    const post = nock(BASE_URL)
      .post('/responses', {
        survey_id: 'srv_q3nps',
        score: 3,
        contact: { email: 'maria.garcia@acme.com', properties: { seats: 2.5, churn_risk: false } },
      })
      .reply(201, responseFixture);
    await run(
      recordResponse,
      {
        survey_id: 'srv_q3nps',
        score: '3',
        email: 'maria.garcia@acme.com',
        property__seats: '2.5',
        property__churn_risk: 'false',
        property__region: '  ',
      },
      metaOf(record),
    );
    post.done();
  });

  it('a date-only value is sent as given; an enum value as its option value', async () => {
    const fields = await demoFields(upsertContact as unknown as Definition);
    const scope = nock(BASE_URL)
      .put('/contacts', {
        email: 'maria.garcia@acme.com',
        properties: { renewal_date: '2027-01-31', plan: 'growth' },
      })
      .query({ match_on: 'email' })
      .reply(200, contactFixture);
    await run(
      upsertContact,
      {
        identity_key: 'email',
        identity_value: 'maria.garcia@acme.com',
        property__renewal_date: '2027-01-31',
        property__plan: 'growth',
      },
      metaOf(fields),
    );
    scope.done();
  });
});

describe('typed values: a bad one is refused before any request, naming the field', () => {
  const bad: Array<[string, Record<string, unknown>, RegExp]> = [
    [
      'a number field with "ten"',
      { property__seats: 'ten' },
      /^Seats \(property__seats\) must be a number/,
    ],
    [
      'a number field with "4O"',
      { property__seats: '4O' },
      /^Seats \(property__seats\) must be a number/,
    ],
    [
      'a date that is not a date (30 February)',
      { property__renewal_date: '2026-02-30' },
      /^Renewal Date \(property__renewal_date\) must be a date/,
    ],
    [
      'a date-time on a day that does not exist (as a Zapier datetime field sends it)',
      { property__renewal_date: '2026-02-30T00:00:00Z' },
      /^Renewal Date \(property__renewal_date\) must be a date/,
    ],
    [
      'a date in words',
      { property__renewal_date: 'next renewal' },
      /^Renewal Date \(property__renewal_date\) must be a date/,
    ],
    [
      'an enum value not in its options',
      { property__plan: 'platinum' },
      /^Plan \(property__plan\) must be one of its options: free, starter, growth, pro, enterprise; got "platinum"/,
    ],
    [
      'a boolean that is not one',
      { property__churn_risk: 'maybe' },
      /^Churn Risk \(property__churn_risk\) must be true or false/,
    ],
    [
      'a text over 1,000 characters',
      { property__region: 'x'.repeat(1001) },
      /^Region \(property__region\) is too long/,
    ],
  ];

  it.each(bad)('upsert_contact: %s', async (_name, input, message) => {
    const fields = await demoFields(upsertContact as unknown as Definition);
    const error = await failsBeforeAnyRequest(() =>
      run(
        upsertContact,
        { identity_key: 'email', identity_value: 'maria.garcia@acme.com', ...input },
        metaOf(fields),
      ),
    );
    expect(error.name).toBe('HaltedError');
    expect(error.message).toMatch(message);
  });

  it.each([
    ['send_survey', sendSurvey, { survey_id: 'srv_q3nps', email: 'a@b.co' }],
    ['record_response', recordResponse, { survey_id: 'srv_q3nps', score: 5, email: 'a@b.co' }],
  ])('%s: refuses the same way', async (_key, definition, input) => {
    const fields = await demoFields(definition as unknown as Definition);
    const error = await failsBeforeAnyRequest(() =>
      run(definition, { ...input, property__seats: 'ten' }, metaOf(fields)),
    );
    expect(error.message).toMatch(/^Seats \(property__seats\) must be a number/);
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
