import { createCipheriv, createHash, randomBytes } from 'node:crypto';

/** Encrypts an event as Feishu does: base64(iv ‖ AES-256-CBC(key = sha256(encryptKey), JSON)). */
export function encryptEvent(encryptKey: string, payload: unknown): string {
  const key = createHash('sha256').update(encryptKey).digest();
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  return Buffer.concat([iv, cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]).toString('base64');
}

/** The body and headers of a webhook request, encrypted and signed as Feishu sends it. */
export function signedEvent(encryptKey: string, payload: unknown, opts: { signWith?: string; timestamp?: number } = {}) {
  const body = JSON.stringify({ encrypt: encryptEvent(encryptKey, payload) });
  const timestamp = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = randomBytes(8).toString('hex');
  const signature = createHash('sha256').update(timestamp + nonce + (opts.signWith ?? encryptKey) + body).digest('hex');
  return { body, headers: { 'content-type': 'application/json', 'x-lark-request-timestamp': timestamp, 'x-lark-request-nonce': nonce, 'x-lark-signature': signature } };
}

let sequence = 0;
const header = (eventType: string, token: string, eventId?: string) => ({
  event_id: eventId ?? `ev_${Date.now()}_${++sequence}`,
  event_type: eventType,
  create_time: String(Date.now()),
  token,
  app_id: 'cli_test',
  tenant_key: 'tenant_test',
});

/** im.message.receive_v1 (schema 2.0) for a text message. */
export function textMessage(opts: { token: string; openId: string; text: string; chatType?: 'p2p' | 'group'; mentions?: { key: string; name: string }[]; eventId?: string; messageType?: string }) {
  return {
    schema: '2.0',
    header: header('im.message.receive_v1', opts.token, opts.eventId),
    event: {
      sender: { sender_id: { open_id: opts.openId }, sender_type: 'user', tenant_key: 'tenant_test' },
      message: {
        message_id: `om_in_${++sequence}`,
        chat_id: opts.chatType === 'group' ? 'oc_group' : 'oc_p2p',
        chat_type: opts.chatType ?? 'p2p',
        message_type: opts.messageType ?? 'text',
        content: JSON.stringify({ text: opts.text }),
        mentions: (opts.mentions ?? []).map((m) => ({ key: m.key, id: { open_id: 'ou_bot' }, name: m.name, tenant_key: 'tenant_test' })),
        create_time: String(Date.now()),
      },
    },
  };
}

/** card.action.trigger (schema 2.0): a button press, or a form submission with its values. */
export function cardAction(opts: { token: string; openId: string; value: Record<string, unknown>; formValue?: Record<string, unknown>; eventId?: string; messageId?: string }) {
  return {
    schema: '2.0',
    header: header('card.action.trigger', opts.token, opts.eventId),
    event: {
      operator: { open_id: opts.openId, tenant_key: 'tenant_test' },
      token: 'c-card-token',
      action: { tag: 'button', value: opts.value, ...(opts.formValue && { form_value: opts.formValue, name: 'submit' }) },
      context: { open_message_id: opts.messageId ?? 'om_card_1', open_chat_id: 'oc_p2p' },
    },
  };
}

/** application.bot.menu_v6 (schema 2.0): a tap on a bot menu item whose event key the operator chose. */
export function menuEvent(opts: { token: string; openId: string; eventKey: string; eventId?: string }) {
  return {
    schema: '2.0',
    header: header('application.bot.menu_v6', opts.token, opts.eventId),
    event: {
      operator: { operator_name: 'name', operator_id: { open_id: opts.openId, union_id: `on_${opts.openId}`, user_id: `u_${opts.openId}` } },
      event_key: opts.eventKey,
      timestamp: String(Date.now()),
    },
  };
}

/** im.chat.access_event.bot_p2p_chat_entered_v1 (schema 2.0): a person opens their chat with the bot; `lastMessageId` is the chat's last message. */
export function chatEntered(opts: { token: string; openId: string; lastMessageId?: string; eventId?: string }) {
  return {
    schema: '2.0',
    header: header('im.chat.access_event.bot_p2p_chat_entered_v1', opts.token, opts.eventId),
    event: {
      chat_id: 'oc_p2p',
      operator_id: { open_id: opts.openId, union_id: `on_${opts.openId}`, user_id: `u_${opts.openId}` },
      ...(opts.lastMessageId && { last_message_id: opts.lastMessageId, last_message_create_time: String(Date.now()) }),
    },
  };
}

/** im.message.receive_v1 (schema 2.0) for a file a person sent: content `{file_key, file_name}` (no size: Feishu gives none). */
export function fileMessage(opts: { token: string; openId: string; file: { message_id: string; file_key: string; file_name: string }; chatType?: 'p2p' | 'group'; eventId?: string }) {
  return {
    schema: '2.0',
    header: header('im.message.receive_v1', opts.token, opts.eventId),
    event: {
      sender: { sender_id: { open_id: opts.openId }, sender_type: 'user', tenant_key: 'tenant_test' },
      message: {
        message_id: opts.file.message_id,
        chat_id: opts.chatType === 'group' ? 'oc_group' : 'oc_p2p',
        chat_type: opts.chatType ?? 'p2p',
        message_type: 'file',
        content: JSON.stringify({ file_key: opts.file.file_key, file_name: opts.file.file_name }),
        create_time: String(Date.now()),
      },
    },
  };
}
