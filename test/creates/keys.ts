/** Records the Idempotency-Key each intercepted request carried. */
import type nock from 'nock';

export const recordKeys = (interceptor: nock.Interceptor, keys: string[]): nock.Interceptor =>
  interceptor.matchHeader('idempotency-key', (value: string | null) => {
    keys.push(String(value));
    return true;
  });
