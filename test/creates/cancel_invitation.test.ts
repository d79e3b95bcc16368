/**
 * Issue 18, item 6: Cancel Scheduled Survey (POST /invitations/{id}/cancel, contract 1.3), and
 * the 1.3 fields of the invitation record it shares with Send NPS Survey.
 */
import nock from 'nock';
import cancelInvitation from '../../creates/cancel_invitation.js';
import sendSurvey from '../../creates/send_survey.js';
import { invitationSample } from '../../records/invitation.js';
import { BASE_URL } from '../helpers/app.js';
import { runAsZapier as run } from '../helpers/zapier-run.js';
import { failsBeforeAnyRequest } from './run.js';

const canceled = {
  ...invitationSample,
  id: 'inv_5t2',
  status: 'canceled',
  canceled_at: '2026-11-21T14:05:00Z',
};
const notCancelable = (status: string) => ({
  error: {
    type: 'invitation_not_cancelable',
    message: `This invitation is ${status}; only a scheduled invitation can be canceled.`,
  },
});

describe('cancel_invitation', () => {
  it('cancels a scheduled survey and outputs the invitation record with canceled_at', async () => {
    const scope = nock(BASE_URL).post('/invitations/inv_5t2/cancel').reply(200, canceled);
    const record = await run(cancelInvitation, { invitation_id: ' inv_5t2 ' });
    // The invitation as the API answered, every field, and scheduled: false (nothing will be sent).
    expect(record).toEqual({ ...canceled, scheduled: false });
    expect(record).toMatchObject({ status: 'canceled', canceled_at: '2026-11-21T14:05:00Z' });
    scope.done();
  });

  it('an invitation canceled before is a success with the same record (a replay is safe)', async () => {
    nock(BASE_URL).post('/invitations/inv_5t2/cancel').times(2).reply(200, canceled);
    const first = await run(cancelInvitation, { invitation_id: 'inv_5t2' });
    const again = await run(cancelInvitation, { invitation_id: 'inv_5t2' });
    expect(again).toEqual(first);
  });

  it.each([
    [
      'sent',
      { status: 'sent', sent_at: '2026-11-23T09:00:00Z' },
      /already sent at 2026-11-23T09:00:00Z \(status: sent\)/,
    ],
    [
      'failed',
      { status: 'failed', failed_at: '2026-11-23T09:00:00Z', failure_reason: 'bounced' },
      /could not be delivered \(status: failed, email bounced\)/,
    ],
    [
      'skipped',
      { status: 'skipped', skip_reason: 'recently_surveyed', send_at: null },
      /skipped and will never be sent \(status: skipped, recently surveyed\)/,
    ],
    ['a status added later', { status: 'queued' }, /its status is queued/],
  ])('%s: a halted run that names the status', async (_name, now, message) => {
    nock(BASE_URL)
      .post('/invitations/inv_5t2/cancel')
      .reply(409, notCancelable(String(now.status)));
    nock(BASE_URL)
      .get('/invitations/inv_5t2')
      .reply(200, { ...invitationSample, ...now });
    const error = await run(cancelInvitation, { invitation_id: 'inv_5t2' }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('HaltedError');
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toContain('inv_5t2');
  });

  it('passes the platform’s message on when the invitation cannot be read back', async () => {
    nock(BASE_URL).post('/invitations/inv_5t2/cancel').reply(409, notCancelable('sent'));
    nock(BASE_URL)
      .get('/invitations/inv_5t2')
      .reply(404, { error: { type: 'not_found', message: 'No such invitation.' } });
    const error = (await run(cancelInvitation, { invitation_id: 'inv_5t2' }).catch(
      (e: Error) => e,
    )) as Error;
    expect(error.name).toBe('HaltedError');
    expect(error.message).toContain('This invitation is sent');
  });

  it('an unknown id is a halted run naming the field', async () => {
    nock(BASE_URL)
      .post('/invitations/inv_nope/cancel')
      .reply(404, {
        error: { type: 'not_found', message: 'No such invitation in this workspace.' },
      });
    const error = (await run(cancelInvitation, { invitation_id: 'inv_nope' }).catch(
      (e: Error) => e,
    )) as Error;
    expect(error.name).toBe('HaltedError');
    expect(error.message).toMatch(/^Invitation ID \(invitation_id\) matches no invitation/);
  });

  it('encodes the id in the path', async () => {
    const scope = nock(BASE_URL).post('/invitations/inv%2F..%3Fx%3D1/cancel').reply(200, canceled);
    await run(cancelInvitation, { invitation_id: 'inv/..?x=1' });
    scope.done();
  });

  it.each([[''], ['   '], ['..']])(
    'refuses an empty or unusable id (%j) before any request',
    async (value) => {
      const error = await failsBeforeAnyRequest(() =>
        run(cancelInvitation, { invitation_id: value }),
      );
      expect(error.name).toBe('HaltedError');
      expect(error.message).toMatch(/^Invitation ID \(invitation_id\)/);
    },
  );
});

describe('send_survey: the 1.3 fields of the invitation record', () => {
  it('outputs sent_at, failed_at, failure_reason, canceled_at and test as the platform gives them', async () => {
    nock(BASE_URL)
      .post('/surveys/srv_q3nps/invitations')
      .reply(202, { ...invitationSample, test: true });
    const record = await run(sendSurvey, {
      survey_id: 'srv_q3nps',
      email: 'maria.garcia@acme.com',
    });
    expect(record).toMatchObject({
      status: 'scheduled',
      sent_at: null,
      failed_at: null,
      failure_reason: null,
      canceled_at: null,
      test: true,
      scheduled: true,
    });
  });
});
