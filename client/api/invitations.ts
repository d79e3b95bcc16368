/** Invitations (1.3): send a survey, read one, cancel a scheduled one. */
import type { ZObject } from 'zapier-platform-core';
import type { Invitation } from '../schemas.js';
import { apiPath, callApi, contract, endpointOf, parsePayload, sendApiCall } from '../request.js';
import type { ApiCall } from '../request.js';
import type { ContactWrite } from './contacts.js';

export interface InvitationRequest {
  contact: ContactWrite;
  channel?: string;
  send_at?: string;
  respect_throttle?: boolean;
  properties?: Record<string, string | number | boolean | null>;
}

export const createInvitation = async (
  z: ZObject,
  surveyId: string,
  body: InvitationRequest,
  idempotencyKey?: string,
  replayMismatch?: string,
): Promise<Invitation> =>
  (
    await callApi(
      z,
      {
        method: 'POST',
        path: apiPath`/surveys/${surveyId}/invitations`,
        body,
        idempotencyKey,
        replayMismatch,
      },
      (s) => s.invitationSchema,
    )
  ).data;

/** One invitation and where it stands (1.3), or null when the id is unknown (404). */
export const getInvitation = async (
  z: ZObject,
  invitationId: string,
): Promise<Invitation | null> => {
  const call: ApiCall = {
    method: 'GET',
    path: apiPath`/invitations/${invitationId}`,
    handledStatuses: [404],
  };
  const response = await sendApiCall(z, call);
  if (response.status === 404) return null;
  return parsePayload(z, endpointOf(call), response, (await contract()).invitationSchema);
};

/**
 * The answer to POST /invitations/{id}/cancel (1.3): the canceled invitation (also when it was
 * canceled before: a retry is safe); `not_cancelable` when it is sent, failed or skipped (409
 * `invitation_not_cancelable`, with the platform's message); `not_found` for an unknown id.
 */
export type CancelResult =
  | { outcome: 'canceled'; invitation: Invitation }
  | { outcome: 'not_cancelable'; message: string }
  | { outcome: 'not_found' };

export const cancelInvitation = async (z: ZObject, invitationId: string): Promise<CancelResult> => {
  const call: ApiCall = {
    method: 'POST',
    path: apiPath`/invitations/${invitationId}/cancel`,
    handledStatuses: [404, 409],
  };
  const [response, { errorBodySchema, invitationSchema }] = await Promise.all([
    sendApiCall(z, call),
    contract(),
  ]);
  if (response.status === 404) return { outcome: 'not_found' };
  if (response.status === 409) {
    const error = errorBodySchema.safeParse(response.data);
    return {
      outcome: 'not_cancelable',
      message: error.success ? error.data.error.message : 'HTTP 409',
    };
  }
  return {
    outcome: 'canceled',
    invitation: parsePayload(z, endpointOf(call), response, invitationSchema),
  };
};
