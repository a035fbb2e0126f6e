import { COMMANDS, type CommandName } from '../commands/catalog.ts';
import type { Policy } from '../core/policy.ts';
import { hasMessage, type MessageKey, type Translate } from '../i18n/translate.ts';
import type { View } from './view.ts';

/** Every command, in the catalog's order, /help last. */
export const AVAILABLE: CommandName[] = [...(Object.keys(COMMANDS) as CommandName[]).filter((name) => name !== 'help'), 'help'];

/** `/help` lists what works; `/help <command>` shows that command and an example. */
export function helpView(t: Translate, policy: Policy, topic: CommandName | null): View {
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
  return {
    tone: 'info',
    title: t('help.title'),
    blocks: [
      { type: 'text', text: t('help.intro') },
      { type: 'list', items: AVAILABLE.map((c) => t(`help.${c}` as MessageKey, params)) },
    ],
  };
}
