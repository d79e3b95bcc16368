/**
 * Requests per operation (BENCHMARKS.md §6), asserted: every count as expected (Cancel Scheduled
 * Survey: one request, two when it must read the status it names), the dynamic-field loads cost
 * one GET /contact-properties each, and no instant trigger's hook perform (CRM theme mapping
 * included, Survey Not Delivered too) makes a request.
 */
import nock from 'nock';
import { requestCounts, type RequestCount } from '../../benchmarks/requests.js';

let rows: RequestCount[] = [];

beforeAll(async () => {
  nock.enableNetConnect(/127\.0\.0\.1/);
  rows = await requestCounts();
}, 60_000);

test('every operation sends the expected number of requests', () => {
  expect(rows.filter((row) => !row.ok)).toEqual([]);
});

test('no trigger hook perform makes a request', () => {
  const hooks = rows.filter((row) => row.operation.includes('perform (hook'));
  expect(hooks.map((row) => row.operation)).toEqual([
    'new_response perform (hook)',
    'new_response perform (hook, CRM theme mapping)',
    'segment_changed perform (hook, CRM theme mapping)',
    'response_updated perform (hook, CRM theme mapping)',
    'invitation_failed perform (hook)',
  ]);
  for (const row of hooks) expect(row.measured).toBe(0);
});

test('each dynamic field load is one GET /contact-properties; a typed write stays one request', () => {
  const loads = rows.filter((row) => row.operation.endsWith('(load)'));
  expect(loads).toHaveLength(5);
  for (const row of loads) expect(row.requests).toBe('GET /contact-properties');
  const typed = rows.find((row) => row.operation === 'upsert_contact with typed properties');
  expect(typed?.requests).toBe('PUT /contacts');
});

test('without the fields’ meta, a typed write looks the types up once, then reads them from z.cache', () => {
  const first = rows.find(
    (row) => row.operation === 'upsert_contact with typed properties, without meta',
  );
  const again = rows.find(
    (row) => row.operation === 'upsert_contact with typed properties, without meta, again',
  );
  expect(first?.requests).toBe('GET /contact-properties, PUT /contacts');
  expect(again?.requests).toBe('PUT /contacts');
});
