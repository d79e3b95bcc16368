/**
 * Typed property values without the fields' meta (fields/property-types.ts, issue 16, item 4):
 * the types looked up once per connection and cached, a 403 named, no look-up with meta.
 */
import nock from 'nock';
import recordResponse from '../../creates/record_response.js';
import sendSurvey from '../../creates/send_survey.js';
import upsertContact from '../../creates/upsert_contact.js';
import { invitationSample } from '../../creates/send_survey.js';
import { contactFixture, responseFixture } from '../fixtures/actions.js';
import { BASE_URL, errorOf } from '../helpers/app.js';
import { zapierStep, type ZapierInput } from '../helpers/zapier-run.js';
import { DEMO_PROPERTIES as DEMO } from '../creates/run.js';

afterEach(() => nock.cleanAll());

describe('typed values without meta (invoke, a zap saved before fields carried their type): issue 16, item 4', () => {
  const IDENTITY = { identity_key: 'email', identity_value: 'maria.garcia@acme.com' };
  const OTHER_KEY = { api_key: 'nps_live_other_workspace_1234', region: 'us' };

  /** Serves the next field load only (the step's form), not perform. */
  const serveFieldLoad = () => nock(BASE_URL).get('/contact-properties').reply(200, DEMO);

  /** The step as `invoke` runs it: its form loaded (that GET served), no meta, an empty cache. */
  const stepWithoutMeta = async (
    definition: Parameters<typeof zapierStep>[0],
    input: ZapierInput,
  ) => {
    serveFieldLoad();
    return zapierStep(definition, input, { withoutFieldMeta: true, clearCache: true });
  };

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
    const first = await stepWithoutMeta(upsertContact, input);
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
      const step = await stepWithoutMeta(definition, { ...input, property__seats: '40' });
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
    const step = await stepWithoutMeta(upsertContact, { ...IDENTITY, property__seats: 'ten' });
    nock(BASE_URL).get('/contact-properties').reply(200, DEMO);
    const write = nock(BASE_URL).put('/contacts').query(true).reply(200, contactFixture);
    const error = await errorOf(() => step.perform());
    expect(error.name).toBe('HaltedError');
    expect(error.message).toMatch(/^Seats \(property__seats\) must be a number/);
    expect(write.isDone()).toBe(false);
  });

  it('a key that cannot list the properties (403): an error naming the field and the scope, nothing written', async () => {
    const step = await stepWithoutMeta(upsertContact, { ...IDENTITY, property__seats: '40' });
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
