/**
 * Issue 10, item 8: a status the contract may add later counts as scheduled; skipped, and since
 * 1.3 canceled and failed, mean no survey goes out through the invitation.
 */
import { invitationSample, toInvitationRecord } from '../../records/invitation.js';

describe('send_survey Scheduled output', () => {
  it.each([
    ['scheduled', true],
    ['sent', true],
    ['queued', true],
    ['skipped', false],
    ['canceled', false],
    ['failed', false],
  ])('status %s gives scheduled %s', (status, scheduled) => {
    expect(toInvitationRecord({ ...invitationSample, status }).scheduled).toBe(scheduled);
  });
});
