/**
 * CRM-safe values end to end against the sandbox (issue 12): a response with a theme outside the
 * CRM values reaches the trigger's record with themes_crm holding only accepted values and
 * themes_unmapped naming the rest; typed contact properties loaded from the sandbox's
 * GET /contact-properties, written and read back.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { KEYS } from '../../fields/keys.js';
import { matchKey } from '../../lib/crm.js';
import { app, hookBundle, op, startE2E, type E2E, type Rec } from './helpers.js';

const T = KEYS.triggers;
const ACCEPTED = ['Customer Support', 'Onboarding', 'Other'];
const CRM_INPUT = {
  crm_theme_values: ACCEPTED,
  theme_mapping: { 'Ease of use': 'onboarding' },
  other_theme_value: 'Other',
};

let e2e: E2E;
let surveyId = '';

beforeAll(async () => {
  e2e = await startE2E();
  const surveys = await e2e.run<Rec[]>(op('triggers', T.survey).perform);
  surveyId = String(surveys[0]?.id);
});

afterAll(async () => {
  await e2e.close();
});

const requestsDuring = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  const before = e2e.sandbox.requestLog().length;
  const result = await fn();
  return [result, e2e.sandbox.requestLog().length - before];
};

describe('themes a restricted CRM picklist accepts', () => {
  test('a detractor whose new theme is not a CRM value: Other, and the theme named as unmapped', async () => {
    const url = e2e.receiver.url('crm-themes');
    const inputData = { ...CRM_INPUT, segments: ['detractor'], wait_for_themes: true };
    const subscription = await e2e.run<Rec>(op('triggers', T.newResponse).performSubscribe, {
      targetUrl: url,
      inputData,
    });
    const submitted = e2e.sandbox.submitResponse({
      survey_id: surveyId,
      score: 2,
      comment: 'The pricing is too expensive and support never answers.',
      contact: { email: 'crm.themes@example.com' },
    });
    await e2e.sandbox.settle();
    const deliveries = e2e.receiver.deliveries.filter((d) => d.path === new URL(url).pathname);
    expect(deliveries).toHaveLength(1);

    const [records, requests] = await requestsDuring(() =>
      e2e.run<Rec[]>(
        op('triggers', T.newResponse).perform,
        hookBundle(deliveries[0]!, subscription, inputData),
      ),
    );
    expect(requests).toBe(0);
    const [record] = records as [Rec];
    expect(record.response_id).toBe(submitted.id);
    const themes = record.themes as string[];
    expect(themes).toEqual(expect.arrayContaining(['Pricing', 'Customer support']));

    const crm = String(record.themes_crm).split(';');
    for (const value of crm) expect(ACCEPTED).toContain(value);
    expect(crm).toEqual(expect.arrayContaining(['Customer Support', 'Other']));
    const unmapped = themes.filter(
      (name) => !['customer support', 'onboarding', 'ease of use'].includes(matchKey(name)),
    );
    expect(record.themes_unmapped).toBe(unmapped.join(', '));
    expect(String(record.themes_unmapped)).toContain('Pricing');

    // The search maps the same response the same way.
    const [found] = await e2e.run<Rec[]>(op('searches', KEYS.searches.findResponse).perform, {
      inputData: { response_id: submitted.id, ...CRM_INPUT },
    });
    expect(found).toMatchObject({
      themes_crm: record.themes_crm,
      themes_unmapped: record.themes_unmapped,
    });
  });
});

type Fn = (z: ZObject, bundle: Bundle) => Promise<unknown>;
interface LoadedField {
  key: string;
  label: string;
  type?: string;
  meta?: Record<string, unknown>;
}

const creates = app.creates as unknown as Record<string, { operation: { inputFields: unknown[] } }>;

/** The dynamic input fields of a create, loaded from the sandbox as Zapier loads them. */
const loadFields = async (key: string, authData?: Rec): Promise<LoadedField[]> => {
  const fn = creates[key]?.operation.inputFields.at(-1);
  if (typeof fn !== 'function') throw new Error(`${key} has no dynamic input fields`);
  return e2e.run<LoadedField[]>(fn as Fn, authData ? { authData } : {});
};

const metaOf = (fields: LoadedField[]) => ({
  inputFields: Object.fromEntries(fields.map((field) => [field.key, field.meta ?? {}])),
});

describe('typed workspace properties', () => {
  test('fields load in one request; typed values are written as their types and read back', async () => {
    const [fields, requests] = await requestsDuring(() => loadFields(KEYS.creates.upsertContact));
    expect(requests).toBe(1);
    expect(fields.map((field) => field.key)).toEqual([
      'property__plan',
      'property__seats',
      'property__renewal_date',
      'property__churn_risk',
      'property__region',
    ]);
    const email = 'typed.properties@example.com';
    const written = await e2e.run<Rec>(op('creates', KEYS.creates.upsertContact).perform, {
      inputData: {
        identity_key: 'email',
        identity_value: email,
        properties: { plan: 'free', nps_owner: 'ana' },
        property__plan: 'Pro',
        property__seats: '12',
        property__renewal_date: '2027-05-01T09:00:00+02:00',
        property__churn_risk: 'yes',
        property__region: 'emea',
      },
      meta: metaOf(fields),
    });
    const expected = {
      plan: 'pro',
      seats: 12,
      renewal_date: '2027-05-01',
      churn_risk: true,
      region: 'emea',
      nps_owner: 'ana',
    };
    expect(written.properties).toEqual(expected);
    // Read back from the platform, not from the write's own answer.
    const [found] = await e2e.run<Rec[]>(op('searches', KEYS.searches.findContact).perform, {
      inputData: { identity_key: 'email', identity_value: email },
    });
    expect(found?.properties).toEqual(expected);
  });

  test('a bad typed value is refused before any request to the platform', async () => {
    const fields = await loadFields(KEYS.creates.upsertContact);
    const [error, requests] = await requestsDuring(async () => {
      try {
        await e2e.run(op('creates', KEYS.creates.upsertContact).perform, {
          inputData: {
            identity_key: 'email',
            identity_value: 'typed.bad@example.com',
            property__seats: 'ten',
          },
          meta: metaOf(fields),
        });
      } catch (caught) {
        return caught as Error;
      }
      throw new Error('expected a refusal');
    });
    expect(requests).toBe(0);
    expect(error.message).toMatch(/^Seats \(property__seats\) must be a number/);
  });

  test('a key without contacts:read gets no typed fields, and the step still works', async () => {
    const key = e2e.sandbox.createKey(['contacts:write', 'responses:read']);
    const authData = { api_key: key, region: 'us' };
    expect(await loadFields(KEYS.creates.upsertContact, authData)).toEqual([]);
    const written = await e2e.run<Rec>(op('creates', KEYS.creates.upsertContact).perform, {
      authData,
      inputData: {
        identity_key: 'email',
        identity_value: 'no.scope@example.com',
        properties: { region: 'latam' },
      },
    });
    expect(written.properties).toEqual({ region: 'latam' });
  });
});
