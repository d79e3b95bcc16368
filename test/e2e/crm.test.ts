/**
 * CRM-safe values end to end against the sandbox (issue 12): a response with a theme outside the
 * CRM values reaches the trigger's record with themes_crm holding only accepted values and
 * themes_unmapped naming the rest; typed contact properties loaded from the sandbox's
 * GET /contact-properties, written and read back.
 */
import { KEYS } from '../../fields/keys.js';
import { matchKey } from '../../lib/crm.js';
import { hookBundle, op, useE2E, type E2E, type Rec } from './helpers.js';

const T = KEYS.triggers;
const ACCEPTED = ['Customer Support', 'Onboarding', 'Other'];
const CRM_INPUT = {
  crm_theme_values: ACCEPTED,
  theme_mapping: { 'Ease of use': 'onboarding' },
  other_theme_value: 'Other',
};

let e2e: E2E;
let surveyId = '';

useE2E((started, firstSurvey) => {
  e2e = started;
  surveyId = firstSurvey;
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
    const [found] = await e2e.step<Rec[]>('searches', KEYS.searches.findResponse, {
      response_id: String(submitted.id),
      ...CRM_INPUT,
    });
    expect(found).toMatchObject({
      themes_crm: record.themes_crm,
      themes_unmapped: record.themes_unmapped,
    });
  });
});

interface LoadedField {
  key: string;
  meta?: Record<string, unknown>;
}

/** The typed property fields of Create or Update Contact, loaded from the sandbox as Zapier does. */
const loadFields = async (authData?: Rec): Promise<LoadedField[]> => {
  const step = await e2e.prepare(
    'creates',
    KEYS.creates.upsertContact,
    {},
    authData ? { authData: authData as Record<string, string> } : {},
  );
  return step.fields.filter((field) => field.key.startsWith('property__'));
};

describe('typed workspace properties', () => {
  test('fields load in one request; typed values are written as their types and read back', async () => {
    const [fields, requests] = await requestsDuring(() => loadFields());
    expect(requests).toBe(1);
    expect(fields.map((field) => field.key)).toEqual([
      'property__plan',
      'property__seats',
      'property__renewal_date',
      'property__churn_risk',
      'property__region',
    ]);
    const email = 'typed.properties@example.com';
    const written = await e2e.step('creates', KEYS.creates.upsertContact, {
      identity_key: 'email',
      identity_value: email,
      properties: { plan: 'free', nps_owner: 'ana' },
      property__plan: 'Pro',
      property__seats: '1,200',
      property__renewal_date: '2027-05-01T09:00:00+02:00',
      property__churn_risk: 'yes',
      property__region: 'emea',
    });
    const expected = {
      plan: 'pro',
      seats: 1200,
      renewal_date: '2027-05-01',
      churn_risk: true,
      region: 'emea',
      nps_owner: 'ana',
    };
    expect(written.properties).toEqual(expected);
    // Read back from the platform, not from the write's own answer.
    const [found] = await e2e.step<Rec[]>('searches', KEYS.searches.findContact, {
      identity_key: 'email',
      identity_value: email,
    });
    expect(found?.properties).toEqual(expected);
  });

  test.each([
    // Issue 16's table: what Zapier's own parsing would have written instead.
    [
      'seats "ten" (Zapier: 0)',
      { property__seats: 'ten' },
      /^Seats \(property__seats\) must be a number/,
    ],
    [
      'churn_risk "maybe" (Zapier: true)',
      { property__churn_risk: 'maybe' },
      /^Churn Risk \(property__churn_risk\) must be true or false/,
    ],
    [
      'renewal_date "next renewal" (Zapier: now)',
      { property__renewal_date: 'next renewal' },
      /^Renewal Date \(property__renewal_date\) must be a date/,
    ],
  ])(
    'a bad typed value, %s, is refused before any request to the platform',
    async (_name, bad, message) => {
      const email = 'typed.bad@example.com';
      const step = await e2e.prepare('creates', KEYS.creates.upsertContact, {
        identity_key: 'email',
        identity_value: email,
        ...bad,
      });
      const [error, requests] = await requestsDuring(async () => {
        try {
          await step.perform();
        } catch (caught) {
          return caught as Error;
        }
        throw new Error('expected a refusal');
      });
      expect(requests).toBe(0);
      expect(error.message).toMatch(message);
      // Nothing was written: the contact does not exist.
      expect(
        await e2e.step('searches', KEYS.searches.findContact, {
          identity_key: 'email',
          identity_value: email,
        }),
      ).toEqual([]);
    },
  );

  test('a key without contacts:read gets no typed fields, and the step still works', async () => {
    const key = e2e.sandbox.createKey(['contacts:write', 'responses:read']);
    const authData = { api_key: key, region: 'us' };
    expect(await loadFields(authData)).toEqual([]);
    const written = await e2e.step(
      'creates',
      KEYS.creates.upsertContact,
      {
        identity_key: 'email',
        identity_value: 'no.scope@example.com',
        properties: { region: 'latam' },
      },
      { authData },
    );
    expect(written.properties).toEqual({ region: 'latam' });
  });
});
