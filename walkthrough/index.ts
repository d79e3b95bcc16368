/**
 * `npm start`: the whole integration, end to end, on this machine.
 *
 * Starts the sandbox platform in-process on a free port, then runs the real app through
 * zapier-platform-core as Zapier does: connection test, two instant zaps subscribed, three
 * customers answer, the signed webhooks arrive at a local receiver and go through the triggers'
 * `perform`, then the searches and actions, a bounced survey firing Survey Not Delivered and a
 * scheduled one canceled, and the zaps are turned off again. Last, one module of the generated
 * Make app (make/) runs against the same sandbox through the local IML interpreter
 * (iml-runtime/), labelled as such, and the demo workspace is loaded into DuckDB (warehouse/).
 * One file per step or pair of steps, in the order they run: zaps.ts (1, 2, 8), answers.ts (3),
 * deliveries.ts (4, 5), actions.ts (6), invitations.ts (7), make.ts (9), warehouse.ts (10).
 *
 * `npm start -- --serve` keeps the sandbox running afterwards and prints the `.env` lines that
 * make `zapier-platform invoke` work against it.
 */
import { startSandbox, type Sandbox } from '../sandbox/server.js';
import { startReceiver } from '../sandbox/zapier-side.js';
import { runActions } from './actions.js';
import { customersAnswer } from './answers.js';
import { createWalk } from './context.js';
import { receiveDeliveries, showCrmSteps } from './deliveries.js';
import { bounceAndCancel } from './invitations.js';
import { runInMake } from './make.js';
import { bold, dim, say } from './output.js';
import { loadWarehouse } from './warehouse.js';
import { connect, turnOffZaps, turnOnZaps } from './zaps.js';

const serve = process.argv.includes('--serve');
const started = Date.now();

// With --serve the sandbox listens on a fixed port (PORT, default 4010) so the .env lines stay valid.
const sandbox: Sandbox = await startSandbox({
  analysisDelayMs: 250,
  port: serve ? Number(process.env.PORT ?? 4010) : 0,
});
process.env.NPS_API_BASE_URL = sandbox.baseUrl;
// Core prints memory statistics for Zapier's own logs on every run unless it knows it is not in
// production; it also then fails loudly on an operation that returns a malformed result.
process.env.NODE_ENV ??= 'test';
const receiver = await startReceiver();
// Loaded after the environment is set, as Zapier loads the app with its environment in place.
const walk = await createWalk(sandbox, receiver);
let exitCode = 0;

try {
  say(bold('NPS Feedback × Zapier: the integration, end to end, on your machine'));
  say(
    `A local copy of the NPS platform (the sandbox) runs at ${sandbox.baseUrl} with a demo\n` +
      `workspace, "${sandbox.workspace.name}". What follows is the real integration code, run by\n` +
      `zapier-platform-core as Zapier runs it, over real HTTP with real webhook signatures.`,
  );
  await connect(walk);
  const zaps = await turnOnZaps(walk);
  const surveyId = String(zaps.survey.id);
  const answers = await customersAnswer(walk, surveyId);
  const detractor = await receiveDeliveries(walk, zaps);
  showCrmSteps(detractor);
  const sent = await runActions(walk, surveyId, detractor);
  await bounceAndCancel(walk, zaps.survey, answers, sent);
  await turnOffZaps(walk, zaps);
  await runInMake(walk, detractor);
  await loadWarehouse(walk);

  say();
  say(
    bold(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s.`) +
      ' Steps 1-8 ran the code Zapier runs; step 9 ran the Make app with the local IML interpreter; step 10 loaded the warehouse.',
  );
} catch (error) {
  exitCode = 1;
  console.error('\nThe walkthrough failed:', error);
} finally {
  await receiver.close();
  if (serve && exitCode === 0) {
    say();
    say(bold('The sandbox keeps running (--serve). Press Ctrl-C to stop.'));
    say('Put these lines in .env to run `npx zapier-platform invoke` against it:');
    say(`  NPS_API_BASE_URL=${sandbox.baseUrl}`);
    say(`  authData_api_key=${sandbox.keys.live}`);
    say('  authData_region=us');
    say(
      dim(
        'e.g. npx zapier-platform invoke trigger new_response   ·   npx zapier-platform invoke search nps_report',
      ),
    );
    process.on('SIGINT', () => void sandbox.close().then(() => process.exit(0)));
  } else {
    await sandbox.close();
    process.exit(exitCode);
  }
}
