/**
 * The command in a Feishu text message: the text of its JSON content, with
 * @-mentions (`@_user_1`) taken out. Null for any other kind of message.
 */
export function commandText(message: { message_type: string; content: string; mentions?: { key: string }[] }): string | null {
  if (message.message_type !== 'text') return null;
  let text: string;
  try {
    text = String((JSON.parse(message.content) as { text?: unknown }).text ?? '');
  } catch {
    return null;
  }
  for (const mention of message.mentions ?? []) text = text.split(mention.key).join(' ');
  return text.trim();
}
