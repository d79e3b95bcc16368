/**
 * The app's Base (base URL by region, Authorization header, error messages, log sanitization)
 * and the connection (API key + region, verified with GET /me).
 *
 * Make: base and connection "have sanitization of sensitive data" and "error handling", and the
 * connection's URL refuses wrong credentials (app-review/prerequisites); error messages show the
 * status code (best-practices/base: "It is also important to show the status code of the error").
 */
import { REGIONS, USER_AGENT } from '../client/http.js';
import { s, x } from './iml.js';

/** The region's base URL from the contract's servers (client/http.ts REGIONS); `common.api_base_url` overrides it (tests, sandbox). */
export const baseUrlExpr = (region: string): string =>
  x(
    `ifempty(common.api_base_url; if(${region} = ${s('eu')}; ${s(REGIONS.eu.baseUrl)}; ${s(REGIONS.us.baseUrl)}))`,
  );

/** A Make User-Agent carrying the same version as the Zapier app's. */
export const MAKE_USER_AGENT = USER_AGENT.replace('Zapier', 'Make');

const status = `[${x('statusCode')}] `;

/**
 * Error messages that say what to do, worded as client/http.ts mapApiErrors (Zapier's "reconnect
 * your account" becomes Make's "connection"), each starting with the status code. IML templates
 * only, no string concatenation.
 */
export const errorDirective = (region: string) => {
  const wrong = `body.error.type = ${s('wrong_region')}`;
  const msgFor = (keyRegion: 'us' | 'eu', connRegion: 'us' | 'eu') =>
    `This NPS API key belongs to the ${REGIONS[keyRegion].label} region, but the connection is set to the ${REGIONS[connRegion].label} region. Reconnect (or create a new connection) and pick the ${REGIONS[keyRegion].label} region.`;
  const field = `${x(`if(body.error.param; ${s(' (field: ')}; ${s('')})`)}${x('body.error.param')}${x(`if(body.error.param; ${s(')')}; ${s('')})`)}`;
  const refused = {
    message: `${status}The NPS platform refused the request: ${x('body.error.message')}${field}`,
    type: 'DataError',
  };
  const temporary = {
    message: `${status}The NPS platform had a temporary problem: ${x('body.error.message')} It is safe to retry.`,
    type: 'ConnectionError',
  };
  return {
    message: `${status}The NPS platform answered: ${x('body.error.message')}${field}`,
    type: 'RuntimeError',
    '400': refused,
    '401': {
      message:
        status +
        x(
          `if(${wrong}; if(${region} = ${s('eu')}; ${s(msgFor('us', 'eu'))}; ${s(msgFor('eu', 'us'))}); ${s('The NPS Feedback platform did not accept the API key of this connection (')})`,
        ) +
        x(`if(${wrong}; ${s('')}; body.error.message)`) +
        x(
          `if(${wrong}; ${s('')}; ${s('). Reconnect your NPS Feedback account with a valid API key (Settings → API keys).')})`,
        ),
      type: 'InvalidAccessTokenError',
    },
    '403': {
      message:
        status +
        x(
          `if(body.error.required_scope; ${s('The API key of this connection lacks the scope ')}; ${s('The API key of this connection is not allowed to make this call: ')})`,
        ) +
        x(`if(body.error.required_scope; body.error.required_scope; body.error.message)`) +
        x(
          `if(body.error.required_scope; ${s(' needed for this module. Create a key with that scope in the NPS platform and reconnect. (')}; ${s('')})`,
        ) +
        x(`if(body.error.required_scope; body.error.message; ${s('')})`) +
        x(`if(body.error.required_scope; ${s(')')}; ${s('')})`),
      type: 'InvalidConfigurationError',
    },
    '404': refused,
    '409': {
      message:
        status +
        x(
          `switch(body.error.type; ${s('idempotency_mismatch')}; ${s('This step already ran in the last 24 hours for the same inputs, with a different time. The NPS platform kept the first run, so nothing was sent twice. (The platform said: ')}; ${s('idempotency_in_progress')}; ${s('The same step is still being processed by the NPS platform; run it again in a few seconds. (')}; ${s('The NPS platform refused the request: ')})`,
        ) +
        x('body.error.message') +
        field +
        x(
          `if(body.error.type = ${s('idempotency_mismatch')} || body.error.type = ${s('idempotency_in_progress')}; ${s(')')}; ${s('')})`,
        ),
      type: 'DuplicateDataError',
    },
    '422': refused,
    '429': {
      message: `${status}The NPS platform is rate limiting this key; Make retries later. (${x('body.error.message')})`,
      type: 'RateLimitError',
    },
    '500': temporary,
    '503': temporary,
  };
};

/** The base's general error message (an error directive object needs its own). */
export const BASE_ERROR_MESSAGE = errorDirective('connection.region').message;

const SANITIZE = ['request.headers.authorization'];

export const base = {
  baseUrl: baseUrlExpr('connection.region'),
  headers: {
    Authorization: `Bearer ${x('connection.api_key')}`,
    Accept: 'application/json',
    'User-Agent': MAKE_USER_AGENT,
  },
  response: { error: errorDirective('connection.region') },
  log: { sanitize: SANITIZE },
};

export const connectionCommunication = {
  url: `${baseUrlExpr('parameters.region')}/me`,
  method: 'GET',
  headers: {
    Authorization: `Bearer ${x('parameters.api_key')}`,
    Accept: 'application/json',
    'User-Agent': MAKE_USER_AGENT,
  },
  response: {
    metadata: { type: 'text', value: `${x('body.workspace.name')} (${x('body.key.mode')})` },
    error: errorDirective('parameters.region'),
  },
  log: { sanitize: SANITIZE },
};
