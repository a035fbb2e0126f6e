import type { Policy } from '../core/policy.ts';
import { hasMessage, type MessageKey, type Translate } from '../i18n/translate.ts';
import type { View } from './view.ts';

/** `/help` lists what works (`commands`, in the registry's order); `/help <command>` shows that command and an example. */
export function helpView(t: Translate, policy: Policy, topic: string | null, commands: readonly string[]): View {
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
      { type: 'list', items: commands.map((c) => t(`help.${c}` as MessageKey, params)) },
    ],
  };
}
