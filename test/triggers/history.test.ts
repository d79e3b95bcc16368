/**
 * Issue 18, item 4 (unit): new_response's performList as Zapier Transfer pages history. The
 * optional Submitted After bound (read as text, refused when unreadable: Zapier would have turned
 * it into "now"), ignored by live deliveries; test-mode responses listed only to a test-mode
 * connection, as only its webhooks deliver them.
 */
import nock from 'nock';
import type { Bundle } from 'zapier-platform-core';
import newResponse from '../../triggers/new_response.js';
import {
  englishPromoter,
  responseEvent,
  responsesPage,
  spanishDetractor,
} from '../fixtures/triggers.js';
import { BASE_URL, authData, inputFieldOf } from '../helpers/app.js';
import { failsBeforeAnyRequest } from '../creates/run.js';
import { deliverTo, listFrom, operationOf, useSeams } from './helpers.js';

const operation = operationOf(newResponse);
type Item = Record<string, unknown> & { id: string };

const list = async (
  inputData: Record<string, unknown>,
  options: { meta?: Partial<Bundle['meta']>; apiKey?: string } = {},
) =>
  listFrom<Item>(
    operation,
    inputData,
    { page: 0, ...options.meta },
    options.apiKey ? { ...authData, api_key: options.apiKey } : authData,
  );

useSeams();

describe('Only Responses Submitted After', () => {
  it('is a text input (Zapier would turn an unreadable datetime into "now") and optional', () => {
    expect(inputFieldOf(newResponse, 'submitted_after')).toMatchObject({
      label: 'Only Responses Submitted After',
      type: 'string',
      required: false,
    });
    expect(newResponse.operation.canPaginate).toBe(true);
  });

  it.each([
    ['2026-01-01T09:30:00Z', {}, '2026-01-01T09:30:00Z'],
    ['2026-01-01T10:30:00+01:00', {}, '2026-01-01T09:30:00Z'],
    // a date is the start of that day in the zap's time zone
    ['2026-01-01', { timezone: 'Europe/Madrid' }, '2025-12-31T23:00:00Z'],
    ['2026-07-01 08:00', { timezone: 'America/New_York' }, '2026-07-01T12:00:00Z'],
  ])('%s (zap meta %j) is sent as submitted_after=%s', async (value, meta, expected) => {
    const scope = nock(BASE_URL)
      .get('/responses')
      .query({ submitted_after: expected, limit: '100' })
      .reply(200, responsesPage([englishPromoter]));
    const items = await list({ submitted_after: value }, { meta });
    scope.done();
    expect(items.map((i) => i.id)).toEqual([englishPromoter.id]);
  });

  it.each([['yesterday'], ['2026-02-30'], ['01/02/2026'], ['next week']])(
    'refuses %j before any request, naming the field',
    async (value) => {
      const error = await failsBeforeAnyRequest(() => list({ submitted_after: value }));
      expect(error.name).toBe('HaltedError');
      expect(error.message).toMatch(
        /^Only Responses Submitted After \(submitted_after\) must be a date and time/,
      );
    },
  );

  it('refuses a moment in the future (it would load nothing)', async () => {
    const future = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const error = await failsBeforeAnyRequest(() => list({ submitted_after: future }));
    expect(error.message).toMatch(/submitted_after\) is in the future/);
  });

  it('live deliveries ignore it, even an unreadable one', async () => {
    const items = await deliverTo(
      operation,
      { submitted_after: 'yesterday' },
      responseEvent('response.analyzed', englishPromoter),
    );
    expect(items.map((i) => i.id)).toEqual([englishPromoter.id]);
  });
});

describe('test-mode responses in history', () => {
  const testAnswer = { ...spanishDetractor, id: 'rsp_test1', test: true };
  const page = () =>
    nock(BASE_URL)
      .get('/responses')
      .query(true)
      .reply(200, responsesPage([testAnswer, englishPromoter]));

  it('a live connection never lists them (its webhooks never deliver them)', async () => {
    page();
    const items = await list({});
    expect(items.map((i) => i.id)).toEqual([englishPromoter.id]);
    expect(items[0]?.test).toBe(false);
  });

  it('a test-mode connection lists both, flagged', async () => {
    page();
    const items = await list({}, { apiKey: 'nps_test_9f8e7d6c5b4a' });
    expect(items.map((i) => [i.id, i.test])).toEqual([
      ['rsp_test1', true],
      [englishPromoter.id, false],
    ]);
  });
});
