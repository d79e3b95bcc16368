/**
 * The Zapier side of the sandbox: a local HTTP receiver standing in for Zapier's hook URLs, and
 * the conversion of a received delivery into the bundle Zapier hands a REST hook's `perform`
 * (`rawRequest` with Zapier's `Http-` header names and the raw body, `cleanedRequest` parsed).
 * Used by `npm start`, the end-to-end tests, the load test and the benchmarks; never by the app.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedDelivery {
  /** The receiver path the delivery was posted to (one per subscription). */
  path: string;
  /** Header names as sent (lower case). */
  headers: Record<string, string>;
  /** The body exactly as received. */
  content: string;
  receivedAt: number;
}

export interface Receiver {
  /** A hook URL for one subscription, e.g. url('detractor-alerts'). */
  url(name: string): string;
  deliveries: ReceivedDelivery[];
  /** Resolves once `count` deliveries (optionally to one path) have arrived. */
  waitFor(
    count: number,
    options?: { path?: string; timeoutMs?: number },
  ): Promise<ReceivedDelivery[]>;
  /** Calls `listener` for each delivery as it arrives (after the receiver has answered). */
  onDelivery(listener: (delivery: ReceivedDelivery) => void): void;
  close(): Promise<void>;
}

const readBody = (request: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });

/**
 * Starts the receiver on loopback. `answer` picks the HTTP status per delivery (default 200), so
 * tests can make Zapier's side fail, or answer 410 to delete the subscription.
 */
export const startReceiver = async (
  answer: (delivery: ReceivedDelivery) => number = () => 200,
): Promise<Receiver> => {
  const deliveries: ReceivedDelivery[] = [];
  const listeners: Array<(delivery: ReceivedDelivery) => void> = [];
  const waiters: Array<() => void> = [];
  const server: Server = createServer((request, response) => {
    void readBody(request).then((content) => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) {
        if (typeof value === 'string') headers[name] = value;
      }
      const delivery: ReceivedDelivery = {
        path: (request.url ?? '/').split('?')[0] ?? '/',
        headers,
        content,
        receivedAt: Date.now(),
      };
      const status = answer(delivery);
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ status: status < 300 ? 'success' : 'rejected' }));
      if (status < 300) {
        deliveries.push(delivery);
        listeners.forEach((listener) => listener(delivery));
        waiters.splice(0).forEach((wake) => wake());
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const waitFor: Receiver['waitFor'] = async (count, { path, timeoutMs = 10_000 } = {}) => {
    const deadline = Date.now() + timeoutMs;
    const matching = () => deliveries.filter((d) => !path || d.path === path);
    while (matching().length < count) {
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(`waited ${timeoutMs} ms for ${count} deliveries, got ${matching().length}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 250));
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return matching();
  };

  return {
    url: (name) => `http://127.0.0.1:${port}/hooks/${encodeURIComponent(name)}`,
    deliveries,
    waitFor,
    onDelivery: (listener) => listeners.push(listener),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

/** Zapier's name for a request header in `rawRequest.headers`: `webhook-id` → `Http-Webhook-Id`. */
export const zapierHeaderName = (name: string): string =>
  `Http-${name
    .split('-')
    .map((part) => (part ? part[0]!.toUpperCase() + part.slice(1).toLowerCase() : part))
    .join('-')}`;

/** The request part of the bundle Zapier gives a REST hook's `perform` for this delivery. */
export const hookRequest = (delivery: Pick<ReceivedDelivery, 'headers' | 'content'>) => {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(delivery.headers)) {
    headers[zapierHeaderName(name)] = value;
  }
  let cleaned: unknown = {};
  try {
    cleaned = JSON.parse(delivery.content);
  } catch {
    cleaned = {};
  }
  return {
    rawRequest: { method: 'POST' as const, querystring: '', headers, content: delivery.content },
    cleanedRequest: cleaned,
  };
};
