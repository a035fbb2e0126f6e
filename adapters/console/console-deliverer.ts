import type { Deliverer, Locale } from '../../src/bot/face.ts';
import { translator } from '../../src/i18n/translate.ts';
import { renderText } from './render-text.ts';

/**
 * In the console everyone is at the same terminal: a message the bot sends
 * to someone else is printed, addressed to them, so the demo shows it.
 */
export function consoleDeliverer(output: NodeJS.WritableStream, locale: Locale): Deliverer {
  const t = translator(locale);
  return {
    name: 'console',
    canReach: () => true,
    async send(person, view) {
      output.write(`\n${t('console.delivered', { name: person.name })}\n${renderText(view)}\n`);
      return { person: person.id };
    },
    async update(ref, view) {
      output.write(`\n${t('console.updated', { id: ref.person ?? '' })}\n${renderText(view)}\n`);
    },
    isPermanent: () => false,
  };
}
