/**
 * Issue 10, item 15: one reader of Segment Label Language for triggers and actions alike; an
 * unknown value is an error naming the field (triggers used to fall back to English silently).
 */
import { jest } from '@jest/globals';
import type { Bundle } from 'zapier-platform-core';
import recordResponse from '../../creates/record_response.js';
import updateResponse from '../../creates/update_response.js';
import findResponse from '../../searches/find_response.js';
import newResponse from '../../triggers/new_response.js';
import responseUpdated from '../../triggers/response_updated.js';
import segmentChanged from '../../triggers/segment_changed.js';
import { appTester, authData } from '../helpers/app.js';
import { failsBeforeAnyRequest } from '../creates/run.js';
import { englishPromoter, responseEvent } from '../fixtures/triggers.js';
import { deliverTo, installCache, operationOf, resetSeams } from './helpers.js';

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

describe('label_language on a delivery', () => {
  afterEach(resetSeams);

  it('a zap whose language predates the check keeps its deliveries, in English, with a warning', async () => {
    installCache();
    const event = responseEvent('response.analyzed', englishPromoter);
    const warnings: string[] = [];
    const spies = (['log', 'info', 'warn', 'error'] as const).map((level) =>
      jest.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        warnings.push(args.map(String).join(' '));
      }),
    );
    try {
      const items = await deliverTo(operationOf(newResponse), { label_language: 'english' }, event);
      expect(items).toHaveLength(1);
      expect(items[0]?.segment_label).toBe('Promoter');
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(warnings.join('\n')).toMatch(/label_language\) is not one of .*English was used/);
  });
});
