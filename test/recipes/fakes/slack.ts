/** Slack, as the recipes write to it. */
import { SLACK_CHANNELS } from '../../../recipes/apps.js';
import type { Rendered } from '../../../recipes/mapping.js';
import { Refused, text, type Rec } from './common.js';

// ================================================================== Slack
//
// chat.postMessage (https://api.slack.com/methods/chat.postMessage): `channel` must exist and
// `text` is required; Slack truncates a text over 40,000 characters, which a recipe must never
// rely on, so the fake refuses it (msg_too_long).

export class FakeSlack {
  readonly messages: Array<{ channel: string; text: string }> = [];

  post(fields: Rendered): Rec {
    const channel = text(fields, 'channel');
    const body = text(fields, 'text');
    if (!SLACK_CHANNELS.includes(channel)) throw new Refused('Slack', 'channel_not_found', channel);
    if (!body.trim()) throw new Refused('Slack', 'no_text', 'text is required');
    if (body.length > 40_000)
      throw new Refused('Slack', 'msg_too_long', `${body.length} characters`);
    this.messages.push({ channel, text: body });
    return { ok: true, channel, ts: `${Date.now() / 1000}`, text: body };
  }
}
