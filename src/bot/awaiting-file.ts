import type { Clock } from '../core/time.ts';

/** How long a command that takes a file waits for it (README "Bulk import"). */
export const AWAIT_FILE_MS = 10 * 60 * 1000;

/**
 * The command each person sent last that takes a file (`/import leads`),
 * for a file sent alone right after it: a Slack slash command carries no
 * file, and a Feishu file message carries no text. Kept in memory: a
 * restart forgets it, and the person sends the command again (the reply
 * says how). One a person; the newest wins; used once.
 */
export function awaitingFiles(clock: Clock) {
  const waiting = new Map<string, { text: string; until: number }>();
  return {
    remember(personId: string, text: string): void {
      waiting.set(personId, { text, until: clock.now().getTime() + AWAIT_FILE_MS });
    },
    /** The command the file is for, if one waits and is not stale; it is taken, so a second file needs the command again. */
    take(personId: string): string | null {
      const entry = waiting.get(personId);
      waiting.delete(personId);
      return entry && entry.until >= clock.now().getTime() ? entry.text : null;
    },
  };
}
