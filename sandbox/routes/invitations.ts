/**
 * Invitations: send (or schedule) a survey to one contact, read one, cancel a scheduled one
 * (contract 1.3). The lifecycle itself lives in ../invitations.ts.
 */
import { checkPropertyWrite } from '../properties.js';
import { ApiError, type ContactWrite, type PropValue } from '../store.js';
import { DAY, findSurvey, type Routes } from './common.js';

export const invitationRoutes: Routes = {
  createInvitation: (ctx) => {
    const { store } = ctx.state;
    const survey = findSurvey(ctx.state, ctx.params.survey_id);
    const body = ctx.body as {
      contact: ContactWrite;
      channel?: string;
      send_at?: string;
      respect_throttle?: boolean;
      properties?: Record<string, PropValue | null>;
    };
    const now = ctx.state.nowMs();
    let sendAt: number | null = null;
    if (body.send_at !== undefined) {
      sendAt = Date.parse(body.send_at);
      if (sendAt > now + 30 * DAY)
        throw new ApiError(
          422,
          'invalid_request',
          'send_at must be at most 30 days ahead.',
          'send_at',
        );
    }
    checkPropertyWrite(store.contactProperties, body.contact.properties, 'contact.');
    checkPropertyWrite(store.contactProperties, body.properties);
    const { invitations } = ctx.state;
    const inv = invitations.create({
      survey,
      contact: body.contact,
      channel: body.channel ?? 'email',
      sendAt,
      respectThrottle: body.respect_throttle ?? true,
      properties: body.properties ?? {},
      test: ctx.key.mode === 'test',
      keyId: ctx.key.id,
    });
    return { status: 202, body: invitations.json(inv) };
  },

  getInvitation: (ctx) => {
    const { invitations } = ctx.state;
    return { status: 200, body: invitations.json(invitations.find(ctx.params.invitation_id)) };
  },

  cancelInvitation: (ctx) => {
    const { invitations } = ctx.state;
    const inv = invitations.cancel(invitations.find(ctx.params.invitation_id));
    return { status: 200, body: invitations.json(inv) };
  },
};
