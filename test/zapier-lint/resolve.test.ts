/**
 * The lint's view of dynamic fields: functions that need no API are run for an empty form and for
 * each choice of a field that alters the form; one that calls the API is reported, not guessed.
 */
import type { AppDefinition } from '../../zapier-lint/definition.js';
import { resolveInputs } from '../../zapier-lint/resolve.js';
import { passingApp } from './fixture.js';

describe('resolveInputs', () => {
  it('adds the fields a form shows for some choice, and names functions that need the API', async () => {
    const app: AppDefinition = passingApp();
    app.creates!.create_item!.operation.inputFields = [
      { key: 'mode', label: 'Mode', altersDynamicFields: true, choices: ['simple', 'expert'] },
      (_z: unknown, bundle: { inputData: { mode?: string } }) =>
        bundle.inputData.mode === 'expert' ? [{ key: 'depth', label: 'Depth' }] : [],
      (z: { request: () => unknown }) => {
        z.request();
        return [{ key: 'property__plan', label: 'Plan' }];
      },
    ];
    const { inputs, unresolved } = await resolveInputs(app);
    expect(inputs.get('create create_item')?.map((field) => field.key)).toEqual(['mode', 'depth']);
    expect(unresolved).toEqual(['create create_item inputFields[2]']);
  });
});
