/**
 * `npm run sandbox`: starts the sandbox platform on loopback and prints what you need to use it.
 * Options: --port <n> (or PORT; default 4010), --seed <n>, --log.
 */
import { startSandbox } from './server.js';

function arg(name: string): string | undefined {
  const args = process.argv.slice(2);
  const i = args.indexOf(`--${name}`);
  if (i >= 0) return args[i + 1];
  const inline = args.find((a) => a.startsWith(`--${name}=`));
  return inline?.slice(name.length + 3);
}

const port = Number(arg('port') ?? process.env.PORT ?? 4010);
const seed = Number(arg('seed') ?? 42);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Invalid port: ${String(arg('port') ?? process.env.PORT)}`);
  process.exit(2);
}

const sandbox = await startSandbox({ port, seed, log: process.argv.includes('--log') });
const { keys } = sandbox;
const origin = sandbox.baseUrl.replace(/\/v1$/, '');

console.log(`NPS feedback platform sandbox: ${sandbox.workspace.name} (${sandbox.workspace.id})
Base URL: ${sandbox.baseUrl}

Demo API keys
  ${keys.live}   live key, every scope (read, write, send surveys, manage webhooks)
  ${keys.readOnly}   read-only: responses:read, contacts:read, surveys:read (writes get 403)
  ${keys.test}   test mode, every scope: its surveys are never delivered, its records are test
  ${keys.otherRegion}   an EU-region key: 401 wrong_region on this (US) server

.env for zapier-platform invoke / the app:
  NPS_API_BASE_URL=${sandbox.baseUrl}
  authData_api_key=${keys.live}
  authData_region=us

Sandbox controls (no auth): POST ${origin}/_sandbox/reset, POST ${origin}/_sandbox/faults,
  POST ${origin}/_sandbox/responses (submit a survey answer), GET ${origin}/_sandbox/deliveries,
  GET ${origin}/_sandbox/requests, GET/PUT ${origin}/_sandbox/contact-properties (definitions),
  POST ${origin}/_sandbox/history (load past answers), POST ${origin}/_sandbox/invitations/send-due,
  GET ${origin}/_sandbox/outbox (surveys that reached someone)
Delivery rules: an email at bounce.example bounces, one at invalid.example is invalid, an SMS to a
  phone ending in 0000 is unreachable (each fires invitation.failed when due)

Press Ctrl-C to stop.`);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void sandbox.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
