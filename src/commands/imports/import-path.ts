import { commandByWord } from '../registry.ts';

/**
 * The console's `/import leads <path>`: the command and the path of the
 * file on this machine, or null for any other text. Only the console reads
 * a path (a chat platform sends the file itself): a path typed in Slack or
 * Feishu is no file of theirs to read.
 */
export function importPath(text: string): { command: string; path: string } | null {
  const match = /^(\S+)\s+(\S+)\s+(\S.*)$/u.exec(text.trim());
  if (!match) return null;
  const [, word = '', target = '', path = ''] = match;
  if (commandByWord(word) !== 'import') return null;
  return { command: `${word} ${target}`, path: path.replace(/^["']|["']$/gu, '') };
}
