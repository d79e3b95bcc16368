/**
 * What Make hands a module as `parameters` (iml-runtime/handover.ts): empty values and the erase
 * pill, values converted to their parameter's type or refused with Make's validation error.
 */
import { ERASE, runModule, type App } from '../../iml-runtime/runner.js';
import { app, connection, mini, useMiniApi } from './mini-api.js';

useMiniApi();

describe('what Make hands a module: empty values and the erase pill', () => {
  const params = [
    { name: 'name', type: 'text' },
    { name: 'owner', type: 'email' },
    { name: 'tags', type: 'array', spec: { type: 'text' } },
    { name: 'count', type: 'number' },
    { name: 'ok', type: 'boolean' },
    {
      name: 'props',
      type: 'collection',
      spec: [
        { name: 'plan', type: 'text' },
        { name: 'seats', type: 'number' },
      ],
    },
  ];
  const body = Object.fromEntries(params.map((p) => [p.name, `{{parameters.${p.name}}}`]));
  const echoApp = (actionCrud: string): App => ({
    ...app,
    modules: {
      m: {
        moduleType: 'action',
        actionCrud,
        mappableParams: params,
        communication: { url: '/echo', method: 'PATCH', body, response: { output: '{{body}}' } },
      },
    },
  });
  const sent = async (actionCrud: string, parameters: Record<string, unknown>) => {
    mini.route = (req) => ({ status: 200, body: JSON.parse(req.body || '{}') as unknown });
    const r = await runModule(echoApp(actionCrud), 'm', { parameters, connection: connection() });
    return r.requests[0]?.json;
  };

  it('a field left empty (no value, "", null, []) is not sent; 0 and false are values', async () => {
    expect(
      await sent('update', {
        name: '',
        owner: null,
        tags: [],
        count: 0,
        ok: false,
        props: { plan: '' },
      }),
    ).toEqual({ count: 0, ok: false, props: {} });
  });

  it('erase is null (an empty list for an array), also inside a collection', async () => {
    expect(
      await sent('update', { owner: ERASE, tags: ERASE, props: { plan: 'pro', seats: ERASE } }),
    ).toEqual({ owner: null, tags: [], props: { plan: 'pro', seats: null } });
  });

  it('erase exists only in update and universal modules, and an undeclared parameter is a typo', async () => {
    await expect(sent('create', { owner: ERASE })).rejects.toThrow(/erase pill only in update/);
    await expect(sent('update', { ownr: 'x@example.com' })).rejects.toThrow(
      /declares no parameter "ownr"/,
    );
  });
});

describe('what Make hands a module: values converted to their type, or a validation error', () => {
  const params = [
    { name: 'score', type: 'integer', validate: { min: 0, max: 10 } },
    { name: 'ratio', type: 'number' },
    { name: 'limit', type: 'uinteger' },
    { name: 'flag', type: 'boolean' },
    { name: 'when', type: 'date' },
    { name: 'day', type: 'text', validate: { pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' } },
    { name: 'label', type: 'text' },
    { name: 'choice', type: 'select', options: [{ label: 'Yes', value: true }] },
    { name: 'typed', type: 'collection', spec: ['rpc://fields'] },
  ];
  const body = Object.fromEntries(params.map((p) => [p.name, `{{parameters.${p.name}}}`]));
  const echo = (): App => ({
    ...app,
    modules: {
      m: {
        moduleType: 'action',
        actionCrud: 'create',
        mappableParams: params,
        communication: { url: '/echo', method: 'POST', body, response: { output: '{{body}}' } },
      },
    },
  });
  /** What listContactPropertyFields-like RPC answered: the collection's fields. */
  const rpcFields = {
    'rpc://fields': [
      { name: 'seats', type: 'number' },
      { name: 'renewal', type: 'text', validate: { pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' } },
    ],
  };
  const sent = async (parameters: Record<string, unknown>, options = {}) => {
    mini.route = (req) => ({ status: 200, body: JSON.parse(req.body || '{}') as unknown });
    const r = await runModule(echo(), 'm', {
      parameters,
      connection: connection(),
      rpcFields,
      ...options,
    });
    return r.requests[0]?.json;
  };
  const refused = async (parameters: Record<string, unknown>, what: RegExp) => {
    const before = mini.seen.length;
    await expect(sent(parameters)).rejects.toMatchObject({
      type: 'BundleValidationError',
      message: expect.stringMatching(what),
    });
    expect(mini.seen.length).toBe(before);
  };

  it('numbers: a plain text number is read; words, units and grouped numbers are refused; bounds and whole numbers checked', async () => {
    expect(await sent({ score: ' 7 ', ratio: '2.5', limit: 100 })).toEqual({
      score: 7,
      ratio: 2.5,
      limit: 100,
    });
    await refused({ score: 'ten' }, /Invalid number in parameter 'score'/);
    await refused({ ratio: '100 units' }, /Invalid number in parameter 'ratio'/);
    await refused({ ratio: '1,200' }, /Invalid number/);
    await refused({ score: '7.5' }, /Invalid integer in parameter 'score'/);
    await refused({ score: 11 }, /at most 10 in parameter 'score'/);
    await refused({ score: -1 }, /at least 0/);
    await refused({ limit: -3 }, /Invalid unsigned integer/);
  });

  it('booleans as Make converts them: only "false" (or empty) is no; any other text, and any number, is yes', async () => {
    expect(await sent({ flag: 'false' })).toEqual({ flag: false });
    for (const value of ['no', '0', 'maybe', 0, 1, true]) {
      expect([value, await sent({ flag: value })]).toEqual([value, { flag: true }]);
    }
    expect(await sent({ flag: false })).toEqual({ flag: false });
  });

  it('dates: a text with day, month and year is read (in the user zone without one), a number is milliseconds; other text is refused', async () => {
    expect(await sent({ when: '2026-03-01T09:30:00+01:00' })).toEqual({
      when: '2026-03-01T08:30:00.000Z',
    });
    expect(await sent({ when: '2026-03-01' }, { timezone: 'Europe/Madrid' })).toEqual({
      when: '2026-02-28T23:00:00.000Z',
    });
    expect(await sent({ when: Date.UTC(2026, 0, 2) })).toEqual({
      when: '2026-01-02T00:00:00.000Z',
    });
    await refused({ when: 'next renewal' }, /Invalid date in parameter 'when'/);
  });

  it('text: numbers and booleans become text; validate.pattern is checked; selects are handed over as they are', async () => {
    expect(await sent({ label: 12, day: '2026-03-01', choice: 'no' })).toEqual({
      label: '12',
      day: '2026-03-01',
      choice: 'no',
    });
    await refused({ day: 'next renewal' }, /does not match the pattern .* in parameter 'day'/);
  });

  it('a collection built by an RPC is checked with the fields the RPC gave', async () => {
    expect(await sent({ typed: { seats: '40', renewal: '2027-01-31' } })).toEqual({
      typed: { seats: 40, renewal: '2027-01-31' },
    });
    await refused({ typed: { seats: 'ten' } }, /Invalid number in parameter 'seats'/);
    await refused({ typed: { renewal: 'soon' } }, /pattern/);
    await expect(sent({ typed: { seets: 1 } })).rejects.toThrow(/declares no field "seets"/);
    // Without the RPC's answer the fields are not known: handed over as they are.
    expect(await sent({ typed: { seats: 'ten' } }, { rpcFields: {} })).toEqual({
      typed: { seats: 'ten' },
    });
  });
});
