import type { FormSpec } from '../family.ts';
import { companyField, multilineField, textField, wordsField } from '../../grammar/form-field.ts';
import type { DealKey } from './deal-keys.ts';
import { QUESTION_KEYS } from './read-deal.ts';

/** `/deal <id> needs|proposal|lost …` filled in: the deal's number first, then the verb the form stands for. */
const onDeal =
  (verb: string) =>
  (_positional: string, fields: Partial<Record<DealKey, string>>): string =>
    `${fields.deal_id ?? ''} ${verb}`.trim();

export const DEAL_FORMS = {
  /** `/deal` alone: open a deal (PIPE-1), mapped back as `/deal new <company> amount:…`. */
  deal: { command: 'deal', fields: [companyField('company'), textField('amount')], words: (positional) => `new ${positional}`.trim() },
  /** PIPE-2: the needs checklist of one deal, its number filled in; the labels are the questions. */
  needs: {
    command: 'deal',
    fields: [
      wordsField('deal_id'),
      ...QUESTION_KEYS.map((key) => multilineField(key)),
      { key: 'method', required: false, kind: 'choice', options: ['phone', 'questionnaire', 'onsite'] },
    ],
    words: onDeal('needs'),
  },
  /** PIPE-3: the proposal of one deal; parts may come one at a time. */
  proposal: { command: 'deal', fields: [wordsField('deal_id'), multilineField('products'), multilineField('pricing'), multilineField('service')], words: onDeal('proposal') },
  /** Opened by a deal's Lost button: its number filled in, the reason asked for. */
  lost: { command: 'deal', fields: [wordsField('deal_id'), multilineField('reason', true)], words: onDeal('lost') },
} as const satisfies Record<string, FormSpec<DealKey>>;
