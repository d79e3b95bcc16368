/**
 * The instant triggers: webhooks attached and detached, and every Watch module run from real
 * signed sandbox deliveries by the local IML runtime.
 */
import { attachWebhook, detachWebhook, MAKE_DATE_TIME } from '../../iml-runtime/runner.js';
import type { Rec } from '../../iml-runtime/runner.js';
import {
  api,
  apiAll,
  app,
  attach,
  connection,
  daysAhead,
  delivered,
  EMAIL,
  errorOf,
  expectInterface,
  fire,
  fireOne,
  invite,
  receiver,
  run,
  sandbox,
  seen,
  submit,
  surveyId,
  trigger,
  useMakeApp,
} from './make-app.js';
import type { Attached } from './make-app.js';

useMakeApp(async () => {
  // The contact Unsubscribe a Contact unsubscribes, known before any hook is attached.
  submit(8, 'Good.');
  await sandbox.settle();
});

describe('attached webhooks and instant triggers, from real signed sandbox deliveries', () => {
  const hooks: Record<string, Attached> = {};

  it('attach: POST /webhooks with the filters the parameters express; the id and secret are kept', async () => {
    const result = await attachWebhook(app, 'newResponse', {
      parameters: {
        segments: ['detractor'],
        min_score: 0,
        max_score: 6,
        themes: [],
        label_language: 'de',
      },
      connection,
      webhookUrl: receiver.url('make-detractors'),
    });
    expect(seen(result.requests[0])).toMatchObject({
      method: 'POST',
      path: '/webhooks',
      body: {
        url: receiver.url('make-detractors'),
        events: ['response.analyzed'],
        filters: { segments: ['detractor'], min_score: 0, max_score: 6 },
        description: 'Make: New NPS Response',
      },
    });
    // The remote id as Make's attach example names it; the signing secret (unused) is not kept.
    expect(result.data).toEqual({ externalHookId: expect.stringMatching(/^wh/) });
    const secret = String((result.log[0]?.response?.body as Rec | undefined)?.secret);
    expect(secret).toBe('[sanitized]');
    hooks.detractors = {
      module: 'watchNewResponses',
      webhook: 'newResponse',
      url: receiver.url('make-detractors'),
      parameters: { segments: ['detractor'], min_score: 0, max_score: 6, label_language: 'de' },
      data: result.data ?? {},
    };
    hooks.created = await attach('watchNewResponses', 'newResponse', 'make-created', {
      wait_for_themes: false,
    });
    hooks.segment = await attach('watchSegmentChanges', 'segmentChanged', 'make-segment', {
      from_segments: ['passive'],
    });
    hooks.updated = await attach('watchUpdatedResponses', 'responseUpdated', 'make-updated', {
      ignore_own_changes: false,
      follow_up_statuses: ['closed'],
    });
    hooks.unsub = await attach('watchUnsubscribes', 'contactUnsubscribed', 'make-unsub');
    hooks.failed = await attach('watchFailedInvitations', 'invitationFailed', 'make-failed', {
      survey_id: surveyId,
    });
    const created = sandbox
      .requestLog()
      .filter((r) => r.method === 'POST' && r.path.endsWith('/webhooks'));
    expect(created.length).toBeGreaterThanOrEqual(5);
  });

  it('attach: empty filters (null, [], "") are left out, never sent as null or []', async () => {
    const attached = await attachWebhook(app, 'newResponse', {
      parameters: { survey_id: '', segments: [], min_score: null, max_score: null, themes: null },
      connection,
      webhookUrl: receiver.url('make-empty-filters'),
    });
    expect(seen(attached.requests[0]).body).toMatchObject({ filters: {} });
    const segment = await attachWebhook(app, 'segmentChanged', {
      parameters: { survey_id: null, to_segments: null, from_segments: [] },
      connection,
      webhookUrl: receiver.url('make-empty-segment'),
    });
    expect(seen(segment.requests[0]).body).toMatchObject({ filters: {} });
    for (const [webhook, result] of [
      ['newResponse', attached],
      ['segmentChanged', segment],
    ] as const) {
      await detachWebhook(app, webhook, { parameters: {}, connection, webhook: result.data ?? {} });
    }
  });

  it('watchNewResponses: the response record, segment label in the chosen language', async () => {
    const email = 'make.hooks@example.com';
    submit(9, 'Love the reporting.', { contact: { email } });
    submit(7, 'Fine; pricing could be better.', { contact: { email } });
    const detractor = submit(2, 'Support never answers and pricing is too high.', {
      contact: { email },
    });
    const record = await fireOne(hooks.detractors!);
    expect(record).toMatchObject({
      id: detractor.id,
      response_id: detractor.id,
      score: 2,
      segment: 'detractor',
      segment_label: 'Kritiker',
      is_detractor: true,
      analysis_status: 'complete',
      email,
      identity_key: 'email',
      identity_value: email,
      previous_score: 7,
      previous_segment: 'passive',
      score_change: -5,
    });
    const picklist = String(record.themes_picklist);
    expect(picklist.length).toBeGreaterThan(0);
    expect(record.themes_text).toBe(picklist.split(';').join(', '));

    const created = await fire(hooks.created!);
    expect(created.map((r) => [r.score, r.segment_label])).toEqual([
      [9, 'Promoter'],
      [7, 'Passive'],
      [2, 'Detractor'],
    ]);
  });

  it('watchSegmentChanges: only changes from the chosen previous segment, with the direction', async () => {
    const records = await fire(hooks.segment!);
    expect(records.map((r) => [r.segment_change, r.direction, r.previous_segment_label])).toEqual([
      ['passive → detractor', 'declined', 'Passive'],
    ]);
    expect(String(records[0]?.id)).toMatch(/^evt/);
  });

  it('watchUpdatedResponses: fires when the follow-up status changes to Closed', async () => {
    const [target] = (
      await run('findResponse', { identity_key: 'email', identity_value: 'make.hooks@example.com' })
    ).outputs as [Rec];
    await run('updateResponse', { response_id: target.response_id, follow_up_status: 'open' });
    await run('updateResponse', { response_id: target.response_id, follow_up_status: 'closed' });
    const record = await fireOne(hooks.updated!);
    expect(record).toMatchObject({
      response_id: target.response_id,
      follow_up_status: 'closed',
      previous_follow_up_status: 'open',
      changed: ['follow_up'],
    });
    expect(String(record.id)).toMatch(new RegExp(`^${String(target.response_id)}:`));
  });

  it('watchUnsubscribes: the unsubscribeContact action fires it', async () => {
    // An empty Identity Value unsubscribes nobody.
    const empty = await errorOf(
      run('unsubscribeContact', { identity_key: 'email', identity_value: '' }),
    );
    expect(empty.message).toMatch(/Identity Value \(identity_value\) is empty/);
    expect(sandbox.requestLog().filter((r) => r.path.endsWith('/unsubscribe'))).toHaveLength(0);
    const result = await run('unsubscribeContact', {
      identity_key: 'email',
      identity_value: EMAIL,
    });
    expect(result.requests.map((r) => [seen(r).method, seen(r).path])).toEqual([
      ['GET', '/contacts'],
      ['POST', `/contacts/${String((result.outputs[0] as Rec).id)}/unsubscribe`],
    ]);
    expect(result.outputs[0]).toMatchObject({ email: EMAIL, unsubscribed: true });
    const record = await fireOne(hooks.unsub!);
    expect(record).toMatchObject({
      id: expect.stringMatching(/^evt/),
      contact_id: (result.outputs[0] as Rec).id,
      email: EMAIL,
      unsubscribed: true,
    });
  });

  it('watchFailedInvitations: a bounced survey fires it once, with the contact to fix in the CRM; a delivered one never does', async () => {
    const bounced = await invite('make.bounce@bounce.example', {
      name: 'Rebote',
      customer_id: 'cus_make_bounce',
      salesforce_contact_id: '003MAKEBOUNCE1',
    });
    expect(bounced).toMatchObject({ status: 'scheduled', scheduled: true, test: false });
    const delivered = await invite('make.fine@example.com');
    const record = await fireOne(hooks.failed!);
    expect(record).toMatchObject({
      id: bounced.id,
      invitation_id: bounced.id,
      survey_id: surveyId,
      channel: 'email',
      status: 'failed',
      failure_reason: 'bounced',
      failure_reason_label: 'Email bounced',
      failed_at: expect.stringMatching(MAKE_DATE_TIME),
      test: false,
      contact_id: bounced.contact_id,
      email: 'make.bounce@bounce.example',
      contact_name: 'Rebote',
      customer_id: 'cus_make_bounce',
      salesforce_contact_id: '003MAKEBOUNCE1',
      identity_key: 'email',
      identity_value: 'make.bounce@bounce.example',
    });
    // The survey that reached its contact: sent, and no delivery to the hook.
    const status = await api<Rec>(`/invitations/${String(delivered.id)}`);
    expect(status).toMatchObject({ status: 'sent', sent_at: expect.any(String) });
    // Attach subscribed to invitation.failed with the survey filter the platform applies.
    const subscription = (await apiAll<Rec>('/webhooks')).find(
      (w) => w.id === hooks.failed!.data.externalHookId,
    );
    expect(subscription).toMatchObject({
      events: ['invitation.failed'],
      filters: { survey_id: surveyId },
    });
  });

  it("a delivery that does not match the trigger's settings outputs nothing, and the run does not fail", async () => {
    // A promoter's delivery (from the hook without filters) reaching the detractors' hook.
    const promoter = delivered(
      hooks.created!,
      (e) => ((e.data as Rec).response as Rec).score === 9,
    );
    const before = sandbox.requestLog().length;
    const result = await trigger(hooks.detractors!, { ...promoter, type: 'response.analyzed' });
    expect(result.outputs).toEqual([]);
    // Decided by the webhook on the delivery: no request was made.
    expect(result.requests).toEqual([]);
    expect(sandbox.requestLog().length).toBe(before);
    // Another event type for the same hook: nothing either.
    expect((await trigger(hooks.updated!, promoter)).outputs).toEqual([]);
    // An undelivered survey of another survey than the one watched: nothing, no request.
    const failed = delivered(hooks.failed!);
    const failedData = failed.data as Rec;
    const elsewhere = await trigger(hooks.failed!, {
      ...failed,
      data: {
        ...failedData,
        invitation: { ...(failedData.invitation as Rec), survey_id: 'srv_other' },
      },
    });
    expect(elsewhere).toMatchObject({ outputs: [], requests: [] });
  });

  it('a record that changed since its delivery never fails the run: it is output as it is now', async () => {
    // The follow-up status went to Closed (the delivery), then back to Open before the run.
    const closed = delivered(
      hooks.updated!,
      (e) => (((e.data as Rec).response as Rec).follow_up as Rec).status === 'closed',
    );
    const responseId = String(((closed.data as Rec).response as Rec).id);
    await run('updateResponse', { response_id: responseId, follow_up_status: 'open' });
    const result = await trigger(hooks.updated!, closed);
    expect(result.outputs).toHaveLength(1);
    expect(result.outputs[0]).toMatchObject({
      response_id: responseId,
      follow_up_status: 'open',
      previous_follow_up_status: 'open',
    });
    expectInterface('watchUpdatedResponses', result.outputs);

    // A delivery naming another response than the one it describes (someone who has the hook's
    // address): the record is read from the platform, never taken from the request.
    const promoter = submit(10, 'Great.', { contact: { email: 'make.forged@example.com' } });
    const detractor = submit(1, 'Bad.', { contact: { email: 'make.forged@example.com' } });
    await sandbox.settle();
    const event = delivered(hooks.detractors!);
    const data = event.data as Rec;
    const forged = {
      ...event,
      data: { ...data, response: { ...(data.response as Rec), id: promoter.id } },
    };
    const [output] = (await trigger(hooks.detractors!, forged)).outputs as [Rec];
    expect(output).toMatchObject({ response_id: promoter.id, score: 10, segment: 'promoter' });

    // Segment changed: segment_change and direction come from the re-read response's segment.
    const change = delivered(hooks.segment!, (e) => (e.data as Rec).previous_segment === 'passive');
    const changeData = change.data as Rec;
    const claimed = await trigger(hooks.segment!, {
      ...change,
      data: { ...changeData, response: { ...(changeData.response as Rec), id: detractor.id } },
    });
    expect(claimed.outputs[0]).toMatchObject({
      response_id: detractor.id,
      segment_change: 'passive → detractor',
      direction: 'declined',
    });

    // Unsubscribes: a delivery naming a contact that is not unsubscribed outputs it as it is.
    const unsub = delivered(hooks.unsub!);
    const [subscribed] = (
      await run('findContact', { identity_key: 'email', identity_value: 'make.forged@example.com' })
    ).outputs as [Rec];
    const notUnsubscribed = await trigger(hooks.unsub!, {
      ...unsub,
      data: { ...(unsub.data as Rec), contact: { id: subscribed.id } },
    });
    expect(notUnsubscribed.outputs).toEqual([
      expect.objectContaining({ contact_id: subscribed.id, unsubscribed: false }),
    ]);

    // Undelivered surveys: a delivery naming an invitation that is still scheduled outputs the
    // invitation as the platform has it (not failed), and the run succeeds.
    const scheduled = await invite('make.later@example.com', { send_at: daysAhead(3) });
    const failed = delivered(hooks.failed!);
    const failedData = failed.data as Rec;
    const stillScheduled = await trigger(hooks.failed!, {
      ...failed,
      data: { ...failedData, invitation: { ...(failedData.invitation as Rec), id: scheduled.id } },
    });
    expect(stillScheduled.outputs).toEqual([
      expect.objectContaining({
        invitation_id: scheduled.id,
        status: 'scheduled',
        failure_reason: null,
        contact_id: scheduled.contact_id,
      }),
    ]);
    expectInterface('watchFailedInvitations', stillScheduled.outputs);
  });

  it('detach: GET /webhooks, then DELETE /webhooks/{id}; nothing more arrives; detaching again sends no DELETE', async () => {
    for (const hook of Object.values(hooks)) {
      const result = await detachWebhook(app, hook.webhook, {
        parameters: hook.parameters,
        connection,
        webhook: hook.data,
      });
      expect(result.requests.map((r) => [seen(r).method, seen(r).path])).toEqual([
        ['GET', '/webhooks'],
        ['DELETE', `/webhooks/${String(hook.data.externalHookId)}`],
      ]);
    }
    const again = await detachWebhook(app, 'newResponse', {
      parameters: {},
      connection,
      webhook: hooks.detractors!.data,
    });
    // Already gone: not on the (complete) list, so no DELETE and no 404.
    expect(again.requests.map((r) => seen(r).method)).toEqual(['GET']);
    const before = receiver.deliveries.length;
    submit(1, 'After detach.', { contact: { email: 'after.detach@example.com' } });
    await sandbox.settle();
    expect(receiver.deliveries.length).toBe(before);
  });
});
