/**
 * The trigger's record of a recipe, taken from the sandbox through the app's own trigger code:
 * a real signed delivery to a subscription made with the recipe's trigger inputs (as a live
 * zap gets it), or performList pages (as the editor's test and Zapier Transfer get them).
 */
import type { SubmitResponseInput } from '../../sandbox/server.js';
import { renderMap, type Output } from '../../recipes/mapping.js';
import type { NpsStep, Recipe } from '../../recipes/types.js';
import { deliveriesTo, hookBundle, installCursor, op, type E2E, type Rec } from '../e2e/helpers.js';
import { requireOperation } from './runner.js';

/** The recipe's NPS trigger step (step 1). */
export const npsTrigger = (recipe: Recipe): NpsStep => {
  const step = recipe.steps[0];
  if (!step || step.app !== 'nps' || step.kind !== 'trigger')
    throw new Error(`${recipe.id} does not start with an NPS trigger`);
  requireOperation(recipe, step);
  return step;
};

/** The trigger's inputs as the zap stores them (no placeholders in a trigger). */
export const triggerInputs = (recipe: Recipe): Rec =>
  renderMap(npsTrigger(recipe).inputs, []) as Rec;

let hooks = 0;

/**
 * Subscribes the recipe's trigger, lets `act` make something happen in the sandbox, and returns
 * what the trigger's perform outputs for each signed delivery the subscription received.
 */
export const deliveredRecords = async (
  e2e: E2E,
  recipe: Recipe,
  act: () => unknown,
): Promise<Output[]> => {
  const step = npsTrigger(recipe);
  const trigger = op('triggers', step.key);
  const inputData = triggerInputs(recipe);
  const targetUrl = e2e.receiver.url(`recipe-${recipe.id}-${(hooks += 1)}`);
  const subscription = await e2e.run<Rec>(trigger.performSubscribe, { targetUrl, inputData });
  try {
    await act();
    await e2e.sandbox.settle();
    const records: Output[] = [];
    for (const delivery of deliveriesTo(e2e, targetUrl)) {
      records.push(
        ...(await e2e.run<Output[]>(
          trigger.perform,
          hookBundle(delivery, subscription, inputData),
        )),
      );
    }
    return records;
  } finally {
    await e2e.run(trigger.performUnsubscribe, { subscribeData: subscription, inputData });
  }
};

/** The one record a single response makes the recipe's trigger output (fails otherwise). */
export const deliveredRecord = async (
  e2e: E2E,
  recipe: Recipe,
  response: SubmitResponseInput,
): Promise<Output> => {
  let id = '';
  const records = await deliveredRecords(e2e, recipe, () => {
    id = String(e2e.sandbox.submitResponse(response).id);
  });
  const mine = records.filter((record) => record.response_id === id);
  if (mine.length !== 1)
    throw new Error(`expected one record for ${id}, the trigger output ${records.length}`);
  return mine[0] as Output;
};

/**
 * performList's first pages, as the editor's test and a Zapier Transfer read them (page 0, 1, …
 * with the cursor in z.cursor), until `count` records or the end.
 */
export const listedRecords = async (
  e2e: E2E,
  recipe: Recipe,
  count: number,
  authData?: { api_key: string; region: string },
): Promise<Output[]> => {
  const step = npsTrigger(recipe);
  installCursor();
  const records: Output[] = [];
  for (let page = 0; records.length < count; page += 1) {
    const items = await e2e.run<Output[]>(op('triggers', step.key).performList, {
      inputData: triggerInputs(recipe),
      meta: { page, isLoadingSample: false },
      ...(authData ? { authData } : {}),
    });
    if (!items.length) break;
    records.push(...items);
  }
  return records.slice(0, count);
};
