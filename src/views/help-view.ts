import { COMMANDS, type CommandName } from '../commands/catalog.ts';
import type { Locale } from '../core/people.ts';
import type { Policy } from '../core/policy.ts';
import { hasMessage, type MessageKey, type Translate } from '../i18n/translate.ts';
import type { View } from './view.ts';

/** Every command that works (not planned), in the catalog's order, /help last. */
export const AVAILABLE = (Object.keys(COMMANDS) as CommandName[])
  .filter((name) => !('planned' in COMMANDS[name]) && name !== 'help')
  .concat('help');

/** `/help` lists what works; `/help <command>` shows that command and an example. */
export function helpView(t: Translate, locale: Locale, policy: Policy, topic: CommandName | null): View {
  const params = { target: policy.leads.dailyTarget, hours: policy.clients.ticketResponseHours };
  const topicKey = `help.${topic}`;
  if (topic && hasMessage(topicKey)) {
    const usage = `help.usage.${topic}`;
    return {
      tone: 'info',
      title: t('help.title'),
      blocks: [
        { type: 'text', text: t(topicKey, params) },
        ...(hasMessage(usage) ? [{ type: 'note' as const, text: t('input.how', { usage: t(usage) }) }] : []),
      ],
    };
  }
  const planned = Object.entries(COMMANDS)
    .filter(([, def]) => 'planned' in def)
    .map(([name]) => commandWord(name as CommandName, locale));
  return {
    tone: 'info',
    title: t('help.title'),
    blocks: [
      { type: 'text', text: t('help.intro') },
      { type: 'list', items: AVAILABLE.map((c) => t(`help.${c}` as MessageKey, params)) },
      { type: 'note', text: t('help.planned', { commands: planned.join(' ') }) },
    ],
  };
}

export function plannedView(t: Translate, locale: Locale, command: CommandName): View {
  return { tone: 'info', blocks: [{ type: 'text', text: t('planned.body', { command: commandWord(command, locale) }) }] };
}

/** A command as the reader would type it: `/商机` in Chinese, `/deal` in English. */
const commandWord = (command: CommandName, locale: Locale): string =>
  `/${COMMANDS[command].words[locale === 'en' ? 0 : 1]}`;
