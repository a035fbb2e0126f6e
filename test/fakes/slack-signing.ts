import { createHmac, randomBytes } from 'node:crypto';

/** Headers of a request signed exactly as Slack signs it: v0=HMAC-SHA256(secret, "v0:{ts}:{body}"). */
export function slackSignature(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)) {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'x-slack-signature': signature, 'x-slack-request-timestamp': String(timestamp) };
}

/**
 * A trigger_id as Slack gives one with every slash command, shortcut and
 * button press (`4405240214052.4338317455651.e7a76f0d…`). Here its first part
 * is the time it was issued, in ms, so the fake Web API can tell a stale one
 * (test/fakes/slack-rules.ts, checkTrigger).
 */
export function slackTriggerId(issuedAt = Date.now()): string {
  return `${issuedAt}.4338317455651.${randomBytes(16).toString('hex')}`;
}

export interface SlackPost {
  body: string;
  contentType: 'application/x-www-form-urlencoded' | 'application/json';
  extraHeaders?: Record<string, string>;
}

/** A slash command as Slack posts it (form-encoded). */
export function slashCommand(fields: { command: string; text: string; user_id: string; channel_id?: string; trigger_id?: string; response_url?: string }): SlackPost {
  const body = new URLSearchParams({
    token: 'legacy',
    team_id: 'T_TEST',
    channel_id: fields.channel_id ?? 'C_GENERAL',
    user_id: fields.user_id,
    command: fields.command,
    text: fields.text,
    trigger_id: fields.trigger_id ?? slackTriggerId(),
    response_url: fields.response_url ?? 'http://127.0.0.1:9/unused',
    api_app_id: 'A_TEST',
  }).toString();
  return { body, contentType: 'application/x-www-form-urlencoded' };
}

/** An interactivity payload (button, modal submission): one form field `payload` holding JSON. */
export function interactivity(payload: Record<string, unknown>): SlackPost {
  return { body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), contentType: 'application/x-www-form-urlencoded' };
}

/** An Events API callback (JSON). */
export function eventCallback(eventId: string, event: Record<string, unknown>): SlackPost {
  return {
    body: JSON.stringify({ token: 'legacy', team_id: 'T_TEST', api_app_id: 'A_TEST', type: 'event_callback', event_id: eventId, event_time: Math.floor(Date.now() / 1000), event }),
    contentType: 'application/json',
  };
}

/** A message shortcut ("Save as lead" in a message's menu) as Slack posts it: type message_action, the whole message, a fresh trigger_id. */
export function messageShortcut(fields: { callback_id: string; user_id: string; text: string; channel_id?: string; trigger_id?: string; response_url?: string }): SlackPost {
  return interactivity({
    type: 'message_action',
    token: 'legacy',
    action_ts: String(Date.now() / 1000),
    team: { id: 'T_TEST', domain: 'test' },
    user: { id: fields.user_id, username: fields.user_id.toLowerCase(), team_id: 'T_TEST' },
    channel: { id: fields.channel_id ?? 'C_GENERAL', name: 'general' },
    callback_id: fields.callback_id,
    trigger_id: fields.trigger_id ?? slackTriggerId(),
    message_ts: '1700000000.000100',
    message: { type: 'message', user: 'U_SOMEONE', ts: '1700000000.000100', text: fields.text },
    response_url: fields.response_url ?? 'http://127.0.0.1:9/unused',
  });
}

/** A global shortcut ("New lead" in the shortcuts menu) as Slack posts it: type shortcut, no channel, a fresh trigger_id. */
export function globalShortcut(fields: { callback_id: string; user_id: string; trigger_id?: string }): SlackPost {
  return interactivity({
    type: 'shortcut',
    token: 'legacy',
    action_ts: String(Date.now() / 1000),
    team: { id: 'T_TEST', domain: 'test' },
    user: { id: fields.user_id, username: fields.user_id.toLowerCase(), team_id: 'T_TEST' },
    callback_id: fields.callback_id,
    trigger_id: fields.trigger_id ?? slackTriggerId(),
  });
}
