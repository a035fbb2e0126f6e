import { createHmac } from 'node:crypto';

/** Headers of a request signed exactly as Slack signs it: v0=HMAC-SHA256(secret, "v0:{ts}:{body}"). */
export function slackSignature(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)) {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'x-slack-signature': signature, 'x-slack-request-timestamp': String(timestamp) };
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
    trigger_id: fields.trigger_id ?? `trigger-${Math.random()}`,
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
