/**
 * Typed workspace properties (issue 12), the fields (fields/properties.ts): the dynamic input
 * fields built from the sandbox's demo properties (served by nock in the contract's shape), the
 * fallback when GET /contact-properties fails (500) or the key lacks contacts:read (403), labels
 * told apart from the static fields, and the labelled property output fields.
 */
import nock from 'nock';
import upsertContact from '../../creates/upsert_contact.js';
import { ACTION_FORM_LABELS } from '../../fields/properties.js';
import { contactOutputFieldsWithProperties } from '../../records/contact.js';
import { responseOutputFields } from '../../records/response.js';
import { contactFixture } from '../fixtures/actions.js';
import { BASE_URL, appTester, authData } from '../helpers/app.js';
import { runAsZapier } from '../helpers/zapier-run.js';
import { DEMO_PROPERTIES as DEMO, serveContactProperties } from '../creates/run.js';
import { ACTIONS, demoFields, loadFields, staticKeys } from './property-fields.js';
import type { Definition, Fn, LoadedField } from './property-fields.js';

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
