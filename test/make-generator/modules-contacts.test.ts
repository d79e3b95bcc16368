/**
 * The contact modules (Find, Create or Update) and the typed contact property fields, run by the
 * local IML runtime against the sandbox over real HTTP: the exact request and the record.
 */
import { runRpc, type Rec } from '../../iml-runtime/runner.js';
import { DATE_PATTERN } from '../../make-generator/iml.js';
import {
  app,
  connection,
  CRM,
  EMAIL,
  errorOf,
  run,
  sandbox,
  seen,
  submit,
  useMakeApp,
} from './make-app.js';

useMakeApp(async () => {
  // The contact the searches find, with its CRM ids.
  submit(3, 'Support took a week to answer.');
  await sandbox.settle();
});

describe('contact modules: the exact request and the record', () => {
  it('findContact: GET /contacts?<identity key>=<value>&limit=1 and the contact record', async () => {
    const result = await run('findContact', {
      identity_key: 'salesforce_contact_id',
      identity_value: CRM.salesforce_contact_id,
    });
    expect(seen(result.requests[0])).toMatchObject({
      method: 'GET',
      path: '/contacts',
      query: { salesforce_contact_id: CRM.salesforce_contact_id, limit: '1' },
    });
    expect(result.outputs).toEqual([
      expect.objectContaining({
        email: EMAIL,
        salesforce_contact_id: CRM.salesforce_contact_id,
        unsubscribed: false,
      }),
    ]);
    const byEmail = await run('findContact', { identity_value: EMAIL });
    expect(seen(byEmail.requests[0]).query).toEqual({ email: EMAIL, limit: '1' });
    expect(byEmail.outputs).toHaveLength(1);
    // A value mapped from an empty field matches nobody: refused, never "the first contact".
    const empty = await errorOf(run('findContact', { identity_key: 'email', identity_value: '' }));
    expect(empty.message).toMatch(/Identity Value \(identity_value\) is empty/);
    const none = await run('findContact', {
      identity_key: 'email',
      identity_value: 'nobody@example.com',
    });
    expect(none.outputs).toEqual([]);
  });

  it('upsertContact: PUT /contacts?match_on=<key> with the identity value in its field', async () => {
    const result = await run('upsertContact', {
      identity_key: 'pipedrive_person_id',
      identity_value: '6161',
      email: 'new.contact@example.com',
      name: 'New Contact',
      // Mapped from an empty field of an earlier module: left out, never clears the company.
      company: '',
      properties: [{ key: 'plan', value: 'growth' }],
    });
    expect(seen(result.requests[0]).body).not.toHaveProperty('company');
    expect(seen(result.requests[0])).toMatchObject({
      method: 'PUT',
      path: '/contacts',
      query: { match_on: 'pipedrive_person_id' },
      body: {
        email: 'new.contact@example.com',
        name: 'New Contact',
        crm_ids: { pipedrive_person_id: 6161 },
        properties: { plan: 'growth' },
      },
    });
    expect(result.outputs[0]).toMatchObject({
      created: true,
      pipedrive_person_id: 6161,
      email: 'new.contact@example.com',
    });
  });

  it('listContactPropertyFields: one typed field per workspace property, as the Zapier app types them', async () => {
    const result = await runRpc(app, 'listContactPropertyFields', { parameters: {}, connection });
    expect(seen(result.requests[0])).toMatchObject({ method: 'GET', path: '/contact-properties' });
    const byName = Object.fromEntries(
      (result.outputs as Rec[]).map((field) => [String(field.name), field]),
    );
    expect(byName.plan).toMatchObject({
      label: 'Plan',
      type: 'select',
      options: expect.arrayContaining([{ value: 'enterprise', label: 'Enterprise' }]),
      help: expect.stringContaining('One of its options.'),
    });
    expect(byName.seats).toMatchObject({ label: 'Seats', type: 'number' });
    expect(byName.seats).not.toHaveProperty('options');
    // Yes / No, not Make's boolean (which reads any mapped text but "false" as yes), named apart
    // so the module reads a mapped text strictly.
    expect(byName.churn_risk__yesno).toMatchObject({
      label: 'Churn Risk',
      type: 'select',
      options: [
        { label: 'Yes', value: true },
        { label: 'No', value: false },
      ],
      help: expect.stringContaining('never read as yes'),
    });
    expect(byName.region).toMatchObject({ label: 'Region', type: 'text' });
    expect(byName.region).not.toHaveProperty('validate');
    // A date is a text field (the day as written) with the pattern Make checks before the module
    // runs, named apart so the module can cut it to the day.
    expect(byName.renewal_date__date).toMatchObject({
      label: 'Renewal Date',
      type: 'text',
      validate: { pattern: DATE_PATTERN },
      help: expect.stringContaining('2026-03-01'),
    });
    expect(byName).not.toHaveProperty('renewal_date');
    expect(byName).not.toHaveProperty('churn_risk');
  });

  it('upsertContact: typed properties merge over Properties, dates as YYYY-MM-DD, empty fields left out', async () => {
    const result = await run('upsertContact', {
      identity_key: 'email',
      identity_value: 'typed.props@example.com',
      properties: [
        { key: 'plan', value: 'free' },
        { key: 'nickname', value: 'tp' },
      ],
      typed_properties: {
        plan: 'enterprise',
        seats: 40,
        renewal_date__date: '2027-03-01T10:00:00Z',
        churn_risk__yesno: true,
        // Mapped from an empty field: kept as it is, never cleared.
        region: '',
      },
    });
    const sent = seen(result.requests[0]).body as Rec;
    expect(sent.properties).toEqual({
      plan: 'enterprise',
      nickname: 'tp',
      seats: 40,
      renewal_date: '2027-03-01',
      churn_risk: true,
    });
    expect(result.outputs[0]).toMatchObject({
      email: 'typed.props@example.com',
      properties: { plan: 'enterprise', seats: 40, renewal_date: '2027-03-01', churn_risk: true },
    });
  });
});
