/**
 * Invitations and their lifecycle (contract 1.3). An invitation is created `scheduled` (or
 * `skipped` by the throttle or an opt-out) and, once due, becomes `sent` or `failed`; until then
 * it can be `canceled`. Test-mode invitations progress the same way with `test: true`, but never
 * reach anyone (nothing in the outbox) and never count for the throttle.
 *
 * "Due" is decided by the sandbox's clock: a timer fires at `send_at`, and every API request and
 * the controls that read state (`settle`, deliveries, requests, `POST /_sandbox/invitations/send-due`)
 * first send whatever is due, so a test that drives the clock (`now` option) needs no timer.
 *
 * Sandbox delivery rules (shared/app-surface.md): an email at `bounce.example` bounces, one at
 * `invalid.example` is an invalid address, and a phone number ending in `0000` is unreachable by
 * SMS. A failed invitation fires `invitation.failed`.
 */
import { formatTime } from './metrics.js';
import { ApiError } from './store.js';
import type {
  ContactRec,
  ContactWrite,
  InvitationRec,
  JsonObject,
  PropValue,
  Store,
  SurveyRec,
} from './store.js';

export const THROTTLE_DAYS = 90;
const DAY = 86_400_000;
/** setTimeout's longest delay (about 24.8 days); a later send_at re-arms the timer. */
const MAX_TIMER_MS = 2_147_483_647;

export type FailureReason = 'bounced' | 'invalid_address' | 'unreachable';

/** A survey that reached a person: what a live invitation leaves behind when it is sent. */
export interface OutboxMessage {
  invitationId: string;
  surveyId: string;
  contactId: string;
  channel: string;
  /** The address used: the email, the phone, or null for in-app. */
  to: string | null;
  at: number;
}

/** The contact field each channel sends to (in-app needs none), and how a missing one is named. */
const CHANNEL_ADDRESSES: Readonly<Record<string, { field: 'email' | 'phone'; needs: string }>> = {
  email: { field: 'email', needs: 'an email' },
  sms: { field: 'phone', needs: 'a phone (E.164)' },
};

/** Why sending to this contact on this channel fails in the sandbox, or null when it works. */
export function failureOf(channel: string, contact: ContactRec): FailureReason | null {
  if (channel === 'email') {
    const domain = contact.email?.split('@')[1]?.toLowerCase();
    if (domain === 'bounce.example') return 'bounced';
    if (domain === 'invalid.example') return 'invalid_address';
  }
  if (channel === 'sms' && contact.phone?.endsWith('0000')) return 'unreachable';
  return null;
}

export interface InviteInput {
  survey: SurveyRec;
  contact: ContactWrite;
  channel: string;
  sendAt: number | null;
  respectThrottle: boolean;
  properties: Record<string, PropValue | null>;
  /** Made with a test-mode key. */
  test: boolean;
  keyId: string | null;
}

export class Invitations {
  /** Surveys that reached someone (live invitations only), oldest first. */
  readonly outbox: OutboxMessage[] = [];
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private closed = false;

  constructor(readonly store: Store) {}

  /** When the contact was last surveyed: a live invitation still on its way or sent, or a live answer. */
  lastSurveyedAt(c: ContactRec): number | null {
    const latest = this.store.contactResponses(c).at(-1);
    const times = [c.lastInvitedAt, latest ? latest.submittedAt : null].filter(
      (t): t is number => t !== null,
    );
    return times.length ? Math.max(...times) : null;
  }

  /** POST /surveys/{survey_id}/invitations: matches (or creates) the contact and schedules. */
  create(input: InviteInput): InvitationRec {
    const { store } = this;
    const at = store.now();
    const contact = store.resolveContact(input.contact, 'contact.', (_existing, merged) => {
      const address = CHANNEL_ADDRESSES[input.channel];
      if (address && !merged[address.field])
        throw new ApiError(
          422,
          'invalid_request',
          `The ${input.channel} channel needs ${address.needs} for the contact.`,
          `contact.${address.field}`,
        );
    });
    let skipReason: string | null = null;
    if (contact.unsubscribed) skipReason = 'unsubscribed';
    else if (input.respectThrottle) {
      const last = this.lastSurveyedAt(contact);
      if (last !== null && at - last < THROTTLE_DAYS * DAY) skipReason = 'recently_surveyed';
    }
    const sendAt = Math.max(input.sendAt ?? at, at);
    const props: Record<string, PropValue> = {};
    for (const [k, v] of Object.entries(input.properties)) if (v !== null) props[k] = v;
    const inv: InvitationRec = {
      id: store.nextId('inv'),
      surveyId: input.survey.id,
      contactId: contact.id,
      channel: input.channel,
      status: skipReason ? 'skipped' : 'scheduled',
      skipReason,
      sendAt: skipReason ? null : sendAt,
      createdAt: at,
      properties: props,
      sentAt: null,
      failedAt: null,
      failureReason: null,
      canceledAt: null,
      test: input.test,
      keyId: input.keyId,
    };
    store.invitations.set(inv.id, inv);
    if (!skipReason) {
      // A test invitation never reaches anyone, so it never holds back a live one.
      if (!inv.test) contact.lastInvitedAt = Math.max(contact.lastInvitedAt ?? sendAt, sendAt);
      this.arm(inv);
    }
    return inv;
  }

  /** The invitation with this id (404 when there is none). */
  find(id: string | undefined): InvitationRec {
    const inv = id ? this.store.invitations.get(id) : undefined;
    if (!inv) throw new ApiError(404, 'not_found', 'No such invitation in this workspace.');
    return inv;
  }

  /**
   * Cancels a scheduled invitation; one already canceled is returned unchanged. Sent, failed
   * and skipped ones cannot be canceled: 409 `invitation_not_cancelable` naming the status.
   */
  cancel(inv: InvitationRec): InvitationRec {
    if (inv.status === 'canceled') return inv;
    if (inv.status !== 'scheduled') {
      const what: Record<string, string> = {
        sent: 'it was already sent',
        failed: 'it was already attempted and could not be delivered',
        skipped: 'it was skipped and will never be sent',
      };
      throw new ApiError(
        409,
        'invitation_not_cancelable',
        `This invitation is ${inv.status} (${what[inv.status] ?? 'it is no longer scheduled'}); only a scheduled invitation can be canceled.`,
      );
    }
    inv.status = 'canceled';
    inv.canceledAt = this.store.now();
    this.disarm(inv.id);
    this.recomputeLastInvited(inv.contactId);
    return inv;
  }

  /** Sends every scheduled invitation whose send_at has come, oldest first; returns how many. */
  sendDue(): number {
    const now = this.store.now();
    const due = [...this.store.invitations.values()]
      .filter((inv) => inv.status === 'scheduled' && inv.sendAt !== null && inv.sendAt <= now)
      .sort((a, b) => (a.sendAt ?? 0) - (b.sendAt ?? 0) || (a.id < b.id ? -1 : 1));
    for (const inv of due) this.send(inv);
    return due.length;
  }

  /** The contract's Invitation. */
  json(inv: InvitationRec): JsonObject {
    const time = (ms: number | null) => (ms === null ? null : formatTime(ms));
    return {
      id: inv.id,
      survey_id: inv.surveyId,
      contact_id: inv.contactId,
      channel: inv.channel,
      status: inv.status,
      skip_reason: inv.skipReason,
      send_at: time(inv.sendAt),
      created_at: formatTime(inv.createdAt),
      sent_at: time(inv.sentAt),
      failed_at: time(inv.failedAt),
      failure_reason: inv.failureReason,
      canceled_at: time(inv.canceledAt),
      test: inv.test,
    };
  }

  /** Stops every timer (reset, close). */
  close(): void {
    this.closed = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  private send(inv: InvitationRec): void {
    const { store } = this;
    this.disarm(inv.id);
    const contact = store.contacts.get(inv.contactId);
    const at = inv.sendAt ?? store.now();
    if (!contact || contact.unsubscribed) {
      // Opted out after it was scheduled: never sent.
      inv.status = 'skipped';
      inv.skipReason = 'unsubscribed';
      this.recomputeLastInvited(inv.contactId);
      return;
    }
    const reason = failureOf(inv.channel, contact);
    if (reason) {
      inv.status = 'failed';
      inv.failedAt = at;
      inv.failureReason = reason;
      // A survey that never arrived does not hold back the next one.
      this.recomputeLastInvited(inv.contactId);
      store.emit(
        'invitation.failed',
        { invitation: this.json(inv), contact: store.contactJson(contact) },
        {
          surveyId: inv.surveyId,
          segment: null,
          score: null,
          sourceKeyId: inv.keyId,
          test: inv.test,
        },
      );
      return;
    }
    inv.status = 'sent';
    inv.sentAt = at;
    if (inv.test) return; // test mode: progresses like a live one, reaches no one
    const address = CHANNEL_ADDRESSES[inv.channel];
    this.outbox.push({
      invitationId: inv.id,
      surveyId: inv.surveyId,
      contactId: contact.id,
      channel: inv.channel,
      to: address ? contact[address.field] : null,
      at,
    });
  }

  /** The throttle's "last invited": the latest live invitation still on its way or sent. */
  private recomputeLastInvited(contactId: string): void {
    const contact = this.store.contacts.get(contactId);
    if (!contact) return;
    let last: number | null = null;
    for (const inv of this.store.invitations.values()) {
      if (inv.contactId !== contactId || inv.test || inv.sendAt === null) continue;
      if (inv.status !== 'scheduled' && inv.status !== 'sent') continue;
      last = last === null ? inv.sendAt : Math.max(last, inv.sendAt);
    }
    contact.lastInvitedAt = last;
  }

  /** A timer at send_at (re-armed when send_at is beyond setTimeout's longest delay). */
  private arm(inv: InvitationRec): void {
    if (this.closed || inv.sendAt === null) return;
    const delay = Math.max(0, inv.sendAt - this.store.now());
    const timer = setTimeout(
      () => {
        this.timers.delete(inv.id);
        if (inv.status !== 'scheduled') return;
        if (delay > MAX_TIMER_MS) this.arm(inv);
        else this.sendDue();
      },
      Math.min(delay, MAX_TIMER_MS),
    );
    timer.unref();
    this.timers.set(inv.id, timer);
  }

  private disarm(id: string): void {
    const timer = this.timers.get(id);
    if (timer) clearTimeout(timer);
    this.timers.delete(id);
  }
}
