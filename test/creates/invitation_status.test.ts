/** Issue 10, item 8: a status the contract may add later counts as scheduled unless it is skipped. */
import { invitationSample, toInvitationRecord } from '../../creates/send_survey.js';

describe('send_survey Scheduled output', () => {
  it.each([
    ['scheduled', true],
    ['sent', true],
    ['queued', true],
    ['skipped', false],
  ])('status %s gives scheduled %s', (status, scheduled) => {
    expect(toInvitationRecord({ ...invitationSample, status }).scheduled).toBe(scheduled);
  });
});
