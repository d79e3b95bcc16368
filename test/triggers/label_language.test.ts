/**
 * Issue 10, item 15: one reader of Segment Label Language for triggers and actions alike; an
 * unknown value is an error naming the field (triggers used to fall back to English silently).
 */
import type { Bundle } from 'zapier-platform-core';
import recordResponse from '../../creates/record_response.js';
import updateResponse from '../../creates/update_response.js';
import findResponse from '../../searches/find_response.js';
import newResponse from '../../triggers/new_response.js';
import responseUpdated from '../../triggers/response_updated.js';
import segmentChanged from '../../triggers/segment_changed.js';
import { appTester, authData } from '../helpers/app.js';
import { failsBeforeAnyRequest } from '../creates/run.js';
import { operationOf } from './helpers.js';

const FIELD =
  /Segment Label Language \(label_language\) must be one of: en, es, pt, fr, de, it, nl/;

describe('label_language', () => {
  it.each([
    ['new_response', newResponse],
    ['segment_changed', segmentChanged],
    ['response_updated', responseUpdated],
  ])('%s refuses an unknown language before any request, naming the field', async (_, trigger) => {
    const error = await failsBeforeAnyRequest(() =>
      appTester(operationOf(trigger).performList, {
        authData,
        inputData: { label_language: 'xx' },
      } as Partial<Bundle>),
    );
    expect(error.name).toBe('HaltedError');
    expect(error.message).toMatch(FIELD);
  });

  it.each([
    ['record_response', recordResponse, { survey_id: 'srv_q3nps', score: 5, email: 'a@b.co' }],
    ['update_response', updateResponse, { response_id: 'rsp_2b9x', tags_add: ['x'] }],
    ['find_response', findResponse, { response_id: 'rsp_2b9x' }],
  ])('%s refuses it the same way', async (_, operation, input) => {
    const error = await failsBeforeAnyRequest(() =>
      appTester(
        operation.operation.perform as never,
        {
          authData,
          inputData: { ...input, label_language: 'xx' },
        } as Partial<Bundle>,
      ),
    );
    expect(error.message).toMatch(FIELD);
  });

  it('accepts any case and defaults to English', async () => {
    const error = await failsBeforeAnyRequest(() =>
      appTester(operationOf(newResponse).performList, {
        authData,
        inputData: { label_language: 'ES', min_score: 11 },
      } as Partial<Bundle>),
    );
    // The language passed; the next check (min_score) is what stopped the run.
    expect(error.message).toMatch(/min_score/);
  });
});
