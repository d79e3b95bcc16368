/**
 * A sandbox in its own process, for the 100,000-response backfill (backfill.ts): prints
 * `SANDBOX {"baseUrl", "origin", "liveKey"}` once it listens, then serves until the parent stops
 * it (SIGTERM) or goes away (its stdin closes). History is loaded through POST /_sandbox/history.
 */
import { startSandbox } from '../sandbox/server.js';

const sandbox = await startSandbox({ rateLimitPerMinute: 10_000_000, analysisDelayMs: 0 });
process.stdout.write(
  `SANDBOX ${JSON.stringify({ baseUrl: sandbox.baseUrl, origin: sandbox.origin, liveKey: sandbox.keys.live })}\n`,
);
const stop = () => void sandbox.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.resume();
