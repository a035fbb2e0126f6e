/**
 * The overview card last sent to each person in their chat with the bot, so
 * that opening the chat again updates that card instead of sending another
 * (a person who opens the chat ten times in a morning gets one overview, kept
 * fresh). Kept in memory: after a restart the first opening sends a new one.
 */
export interface HomeMessages {
  /**
   * The overview to update in place of sending a new one, or null: the one
   * last sent, when it is still the chat's last message (`lastMessageId`, as
   * the chat-entered event gives it) or was sent within REUSE_WITHIN_MS.
   */
  reusable(openId: string, lastMessageId: string | undefined): string | null;
  /** This message now shows the person's overview, as of now. */
  remember(openId: string, messageId: string): void;
  /** The message can no longer be updated (deleted, too old): the next opening sends a new one. */
  forget(openId: string): void;
}

/** Within this time of the last overview, opening the chat updates it rather than adding one below other messages. */
export const REUSE_WITHIN_MS = 30 * 60_000;
/** People remembered at most: the oldest entries go first, so the map cannot grow without end. */
const MAX_PEOPLE = 10_000;

export function homeMessages(now: () => number = Date.now): HomeMessages {
  const last = new Map<string, { messageId: string; at: number }>();
  return {
    reusable(openId, lastMessageId) {
      const sent = last.get(openId);
      if (!sent) return null;
      return sent.messageId === lastMessageId || now() - sent.at < REUSE_WITHIN_MS ? sent.messageId : null;
    },
    remember(openId, messageId) {
      last.delete(openId);
      last.set(openId, { messageId, at: now() });
      if (last.size > MAX_PEOPLE) last.delete(last.keys().next().value as string);
    },
    forget(openId) {
      last.delete(openId);
    },
  };
}
