/**
 * Cancel Scheduled Survey (contract 1.3): POST /invitations/{id}/cancel. A scheduled survey is
 * canceled; one canceled before is a success with the same record (a replayed step is safe). One
 * that was sent, could not be delivered or was skipped cannot be canceled: a halted run that
 * names its status (read with GET /invitations/{id}), so the zap stops without an error alert.
 */
import { defineCreate, defineInputFields } from 'zapier-platform-core';
import type { Bundle, InferInputData, ZObject } from 'zapier-platform-core';
import { cancelInvitation, getInvitation } from '../client/api.js';
import type { Invitation } from '../client/schemas.js';
import { refsOf } from '../fields/common.js';
import { KEYS } from '../fields/keys.js';
import { haltedError, inputError, requiredPathId } from '../lib/validate.js';
import {
  failureReasonLabel,
  invitationOutputFields,
  invitationSample,
  toInvitationRecord,
} from '../records/invitation.js';

const inputFields = defineInputFields([
  {
    key: 'invitation_id',
    label: 'Invitation ID',
    type: 'string',
    required: true,
    helpText:
      'The survey to cancel: map the Invitation ID output of the Send NPS Survey step that scheduled it (it starts with inv_). Only a survey that has not been sent yet can be canceled.',
  },
]);

const REF = refsOf(inputFields);

/** Why this invitation can no longer be canceled, in the words of its status. */
const notCancelable = (invitation: Invitation): string => {
  const id = invitation.id;
  switch (invitation.status) {
    case 'sent':
      return `The survey of invitation ${id} was already sent${invitation.sent_at ? ` at ${invitation.sent_at}` : ''} (status: sent), so it can no longer be canceled.`;
    case 'failed':
      return `The survey of invitation ${id} was already attempted and could not be delivered (status: failed${invitation.failure_reason ? `, ${failureReasonLabel(invitation.failure_reason).toLowerCase()}` : ''}), so there is nothing to cancel.`;
    case 'skipped':
      return `The survey of invitation ${id} was skipped and will never be sent (status: skipped${invitation.skip_reason ? `, ${invitation.skip_reason.replace(/_/g, ' ')}` : ''}), so there is nothing to cancel.`;
    default:
      return `Invitation ${id} cannot be canceled: its status is ${invitation.status}; only a scheduled survey can be canceled.`;
  }
};

const perform = async (z: ZObject, bundle: Bundle<InferInputData<typeof inputFields>>) => {
  const id = requiredPathId(z, REF.invitation_id, bundle.inputData.invitation_id);
  const result = await cancelInvitation(z, id);
  if (result.outcome === 'canceled') return toInvitationRecord(result.invitation);
  if (result.outcome === 'not_found') {
    return inputError(
      z,
      REF.invitation_id,
      `matches no invitation in this workspace: map the Invitation ID output of Send NPS Survey (not a Contact or Survey ID).`,
    );
  }
  // Name the status as it is now; the platform's own message if the invitation cannot be read.
  const invitation = await getInvitation(z, id);
  throw haltedError(
    z,
    invitation
      ? notCancelable(invitation)
      : `Invitation ${id} cannot be canceled: ${result.message}`,
  );
};

export default defineCreate({
  key: KEYS.creates.cancelInvitation,
  noun: 'Invitation',
  display: {
    label: 'Cancel Scheduled Survey',
    description:
      'Cancels a survey that Send NPS Survey scheduled and that has not been sent yet, e.g. when the deal is lost.',
  },
  operation: {
    inputFields,
    perform,
    sample: {
      ...toInvitationRecord({
        ...invitationSample,
        status: 'canceled',
        canceled_at: '2026-11-21T14:05:00Z',
      }),
    },
    outputFields: invitationOutputFields,
  },
});
