import nock from 'nock';
import updateResponse from '../../creates/update_response.js';
import { toResponseRecord } from '../../records/response.js';
import { BASE_URL, errorOf, inputFieldOf } from '../helpers/app.js';
import { notFoundFixture, updatedResponseFixture } from '../fixtures/actions.js';
import { runAsZapier, type ZapierInput } from '../helpers/zapier-run.js';
import { refusedBeforeAnyRequest } from './run.js';

describe('update_response', () => {
  it('PATCHes only the filled changes and outputs the response record in the chosen language', async () => {
    const scope = nock(BASE_URL)
      .patch('/responses/rsp_2b9x', {
        tags: { add: ['escalated'] },
        themes: { add: ['Onboarding'], remove: ['Billing'] },
        follow_up: { status: 'in_progress', owner_email: 'am@acme.com' },
      })
      .reply(200, updatedResponseFixture);
    const result = await runAsZapier(updateResponse, {
      response_id: 'rsp_2b9x',
      follow_up_status: 'in_progress',
      follow_up_owner_email: 'AM@acme.com',
      add_tags: ['escalated', ''],
      remove_tags: [],
      add_themes: ['Onboarding'],
      remove_themes: ['Billing'],
      label_language: 'de',
    });
    expect(result).toEqual(toResponseRecord(updatedResponseFixture, 'de'));
    expect(result.segment_label).toBe('Kritiker');
    scope.done();
  });

  it('sends a tag removal alone', async () => {
    const scope = nock(BASE_URL)
      .patch('/responses/rsp_2b9x', { tags: { remove: ['renewal-q1'] } })
      .reply(200, updatedResponseFixture);
    await runAsZapier(updateResponse, { response_id: 'rsp_2b9x', remove_tags: ['renewal-q1'] });
    scope.done();
  });

  it('splits a mapped Themes (Picklist Format) value at ; and line breaks, never at commas (issue 16, item 5)', async () => {
    const scope = nock(BASE_URL)
      .patch('/responses/rsp_2b9x', {
        themes: {
          add: ['Pricing', 'Customer support', 'Price, value for money'],
          remove: ['Billing', 'Onboarding'],
        },
      })
      .reply(200, updatedResponseFixture);
    // As a zap delivers a value mapped from the trigger's themes_picklist: one item, A;B.
    await runAsZapier(updateResponse, {
      response_id: 'rsp_2b9x',
      add_themes: ['Pricing;Customer support', 'Price, value for money'],
      remove_themes: ['Billing\nOnboarding'],
    });
    scope.done();
    for (const key of ['add_themes', 'remove_themes']) {
      const help = inputFieldOf(updateResponse, key)?.helpText ?? '';
      expect(help).toMatch(/split at ; and at line breaks/);
      expect(help).toMatch(/never (split )?at commas/);
    }
  });

  it('passes a 404 on as a halted run', async () => {
    nock(BASE_URL).patch('/responses/rsp_gone').reply(404, notFoundFixture);
    const error = await errorOf(() =>
      runAsZapier(updateResponse, { response_id: 'rsp_gone', follow_up_status: 'closed' }),
    );
    expect(error.name).toBe('HaltedError');
    expect(error.message).toMatch(/No such response/);
  });

  it.each<[ZapierInput, RegExp]>([
    [{ response_id: 'rsp_2b9x' }, /Changes \(follow_up_status, .*\) are all empty/],
    [{ response_id: 'rsp_2b9x', add_tags: ['', ' '] }, /are all empty/],
    [{ response_id: '', follow_up_status: 'open' }, /Response ID \(response_id\) is required/],
    [
      { response_id: 'rsp_2b9x', follow_up_status: 'done' },
      /Follow-up Status \(follow_up_status\) must be one of: none, open, in_progress, closed/,
    ],
    [
      { response_id: 'rsp_2b9x', follow_up_owner_email: 'bob' },
      /Follow-up Owner Email \(follow_up_owner_email\) must be a valid email/,
    ],
    [
      { response_id: 'rsp_2b9x', add_tags: ['t'.repeat(65)] },
      /Add Tags \(add_tags\) has a value longer than 64/,
    ],
  ])('rejects %j before any request', async (input, message) => {
    const error = await refusedBeforeAnyRequest(updateResponse, input);
    expect(error.name).toBe('HaltedError');
    expect(error.message).toMatch(message);
  });
});
