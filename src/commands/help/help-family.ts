import { helpView } from '../../views/help-view.ts';
import type { CommandFamily } from '../family.ts';
import type { SharedKeyName } from '../../grammar/keys.ts';

export type HelpCommand = { kind: 'help'; topic: string | null };

/**
 * `/help` and `/help <command>`. Help knows the other commands only through
 * what the registry hands it (their names in order, and the word lookup), so
 * the registry can list this family without an import cycle.
 */
export const helpFamily = (commands: () => readonly string[], commandByWord: (word: string) => string | undefined) =>
  ({
    name: 'help',
    commands: {
      help: {
        words: { en: ['help', '?'], 'zh-CN': ['帮助', '？'] },
        keys: [],
        read: ({ words }) => ({ ok: true, value: { kind: 'help', topic: words ? (commandByWord(words.split(/\s+/)[0] ?? '') ?? null) : null } }),
      },
    },
    kinds: ['help'],
    run: async (command, { deps, view: { t } }) => helpView(t, deps.policy, command.topic, commands()),
  }) satisfies CommandFamily<HelpCommand, SharedKeyName>;
