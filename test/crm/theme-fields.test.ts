/**
 * The CRM theme inputs (fields/crm.ts) on the triggers and Find Latest Response: themes_crm and
 * themes_unmapped on every record, inputs refused before any request naming the field, and
 * mapped lists read as Zapier hands them over (issue 16, item 5).
 */
import nock from 'nock';
import type { Bundle } from 'zapier-platform-core';
import type { NpsResponse } from '../../client/schemas.js';
import findResponse from '../../searches/find_response.js';
import newResponse from '../../triggers/new_response.js';
import responseUpdated from '../../triggers/response_updated.js';
import segmentChanged from '../../triggers/segment_changed.js';
import {
  TARGET_URL,
  englishPromoter,
  responseEvent,
  responseWith,
  segmentChangedEvent,
  updatedEvent,
} from '../fixtures/triggers.js';
import { BASE_URL, appTester, authData, inputFieldOf } from '../helpers/app.js';
import { runAsZapier, type ZapierInput } from '../helpers/zapier-run.js';
import { failsBeforeAnyRequest } from '../creates/run.js';
import { deliverTo, operationOf, useSeams } from '../triggers/helpers.js';

const CRM_INPUT = {
  crm_theme_values: ['Billing', 'Customer Support', 'Other'],
  theme_mapping: { 'Support response time': 'customer support' },
  other_theme_value: 'Other',
};
const themed: NpsResponse = responseWith({
  id: 'rsp_crm1',
  themes: [
    { id: 'thm_a', name: 'Support response time', sentiment: 'negative' },
    { id: 'thm_b', name: 'Dark mode', sentiment: 'negative' },
    { id: 'thm_c', name: 'billing', sentiment: 'negative' },
  ],
});
const EXPECTED = {
  themes_crm: 'Customer Support;Other;Billing',
  themes_unmapped: 'Dark mode',
};

useSeams();

/** Find Latest Response by the themed response's id with `input`: the record it outputs. */
const findThemed = async (input: ZapierInput) => {
  const scope = nock(BASE_URL).get('/responses/rsp_crm1').reply(200, themed);
  const [found] = await runAsZapier<Array<Record<string, unknown>>>(findResponse, {
    response_id: 'rsp_crm1',
    ...input,
  });
  scope.done();
  return found;
};

/** Runs a hook perform with no API reachable: any request fails the test. */
const deliverOffline = async (
  trigger: { operation: unknown },
  inputData: Record<string, unknown>,
  event: { id: string },
) => {
  nock.cleanAll();
  const items = await deliverTo(operationOf(trigger), inputData, event);
  expect(nock.pendingMocks()).toEqual([]);
  return items;
};

describe('themes_crm on the triggers and find_response', () => {
  it('new_response: a delivery carries the mapped values; the perform makes no request', async () => {
    const items = await deliverOffline(
      newResponse,
      CRM_INPUT,
      responseEvent('response.analyzed', themed),
    );
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject(EXPECTED);
  });

  it('segment_changed and response_updated map the same way', async () => {
    const changed = await deliverOffline(
      segmentChanged,
      CRM_INPUT,
      segmentChangedEvent('promoter', { ...themed, score: 3, segment: 'detractor' }),
    );
    expect(changed[0]).toMatchObject(EXPECTED);
    const updated = await deliverOffline(
      responseUpdated,
      { ...CRM_INPUT, ignore_own_changes: false },
      updatedEvent(themed, { tags: [] }),
    );
    expect(updated[0]).toMatchObject(EXPECTED);
  });

  it('without CRM inputs themes_crm equals themes_picklist and nothing is unmapped', async () => {
    const items = await deliverOffline(newResponse, {}, responseEvent('response.analyzed', themed));
    expect(items[0]?.themes_crm).toBe(items[0]?.themes_picklist);
    expect(items[0]?.themes_unmapped).toBe('');
  });

  it('find_response maps the found response', async () => {
    expect(await findThemed(CRM_INPUT)).toMatchObject(EXPECTED);
  });

  it('performList (samples) maps like the live hook', async () => {
    const scope = nock(BASE_URL)
      .get('/responses')
      .query(true)
      .reply(200, { data: [themed, englishPromoter], next_cursor: null });
    const items = (await appTester(operationOf(newResponse).performList, {
      authData,
      inputData: CRM_INPUT,
      meta: { page: 0 } as Bundle['meta'],
    } as Partial<Bundle>)) as Array<Record<string, unknown>>;
    expect(items[0]).toMatchObject(EXPECTED);
    scope.done();
  });
});

describe('CRM theme inputs refused before any request, naming the field', () => {
  const bad: Array<[string, Record<string, unknown>, RegExp]> = [
    [
      'a ; in a mapped AI name',
      { crm_theme_values: ['Billing'], theme_mapping: { 'A;B': 'Billing' } },
      /Theme Mapping \(theme_mapping\) must not contain ";"/,
    ],
    [
      'a ; in a mapped CRM value',
      { crm_theme_values: ['Billing'], theme_mapping: { Invoices: 'Billing;x' } },
      /Theme Mapping \(theme_mapping\) must not contain ";"/,
    ],
    [
      'a ; in the unmapped value',
      { crm_theme_values: ['Other'], other_theme_value: 'Other;Misc' },
      /Value for Unmapped Themes \(other_theme_value\) must not contain ";"/,
    ],
    [
      'a mapping to a value the CRM does not accept',
      { crm_theme_values: ['Billing'], theme_mapping: { Invoices: 'Invoicing' } },
      /Theme Mapping \(theme_mapping\) maps "Invoices" to "Invoicing", which is not one of the CRM Theme Values/,
    ],
    [
      'an unmapped value the CRM does not accept',
      { crm_theme_values: ['Billing'], other_theme_value: 'Other' },
      /Value for Unmapped Themes \(other_theme_value\) "Other" is not one of the CRM Theme Values/,
    ],
    [
      'a mapping without CRM values',
      { theme_mapping: { Invoices: 'Billing' } },
      /Theme Mapping \(theme_mapping\) needs CRM Theme Values/,
    ],
  ];

  it.each(bad)('find_response: %s', async (_name, input, message) => {
    const error = await failsBeforeAnyRequest(() =>
      runAsZapier(findResponse, { response_id: 'rsp_crm1', ...input }),
    );
    expect(error.name).toBe('HaltedError');
    expect(error.message).toMatch(message);
  });

  it.each([
    ['new_response', newResponse],
    ['segment_changed', segmentChanged],
    ['response_updated', responseUpdated],
  ])(
    '%s: subscribe and performList refuse a ; in the mapping before any request',
    async (_key, trigger) => {
      const operation = operationOf(trigger);
      const input = { crm_theme_values: ['Billing'], theme_mapping: { Invoices: 'Billing;x' } };
      for (const fn of [operation.performSubscribe, operation.performList]) {
        const error = await failsBeforeAnyRequest(() =>
          appTester(fn, {
            authData,
            inputData: input,
            targetUrl: TARGET_URL,
            meta: { page: 0 } as Bundle['meta'],
          } as Partial<Bundle>),
        );
        expect(error.message).toMatch(/Theme Mapping \(theme_mapping\) must not contain ";"/);
      }
    },
  );
});

describe('mapped lists: one mapped value A;B is the list A, B (issue 16, item 5)', () => {
  // A Salesforce multi-select picklist value, mapped as one value: Zapier delivers ["A;B;C"].
  const MAPPED = { ...CRM_INPUT, crm_theme_values: ['Billing;Customer Support\nOther'] };

  it('CRM Theme Values: find_response splits the mapped value at ; and line breaks', async () => {
    expect(await findThemed(MAPPED)).toMatchObject(EXPECTED);
  });

  it('CRM Theme Values: a trigger delivery maps the same way, and the help names the separators', async () => {
    const items = await deliverOffline(
      newResponse,
      MAPPED,
      responseEvent('response.analyzed', themed),
    );
    expect(items[0]).toMatchObject(EXPECTED);
    const field = inputFieldOf(findResponse, 'crm_theme_values');
    expect(field?.helpText).toMatch(/split at ; and at line breaks/);
    expect(field?.helpText).toMatch(/never at commas/);
  });

  it('a value with a comma stays one value', async () => {
    const scope = nock(BASE_URL)
      .get('/responses/rsp_crm1')
      .reply(
        200,
        responseWith({
          id: 'rsp_crm1',
          themes: [{ id: 'thm_p', name: 'Price, value for money', sentiment: 'negative' }],
        }),
      );
    const [found] = await runAsZapier<Array<Record<string, unknown>>>(findResponse, {
      response_id: 'rsp_crm1',
      crm_theme_values: ['Price, value for money;Other'],
    });
    expect(found).toMatchObject({ themes_crm: 'Price, value for money', themes_unmapped: '' });
    scope.done();
  });
});
