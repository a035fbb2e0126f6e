import type { CommandFamily } from '../family.ts';
import { DEAL_FORMS } from './deal-forms.ts';
import { DEAL_KEYS, type DealKey } from './deal-keys.ts';
import { buildDeal, buildDeals, type DealAction } from './read-deal.ts';
import { runDeal, runDeals } from './run-deal.ts';

export type DealsCommand = { kind: 'deal'; input: DealAction } | { kind: 'deals'; page?: number };

/** `/deal` and `/deals` (PIPE-1..4): open a deal, move it through its stages, its needs and proposal, lose it; the list of open deals. */
export const dealsFamily = {
  name: 'deals',
  keys: DEAL_KEYS,
  commands: {
    deal: {
      words: { en: ['deal'], 'zh-CN': ['商机'] },
      keys: ['amount', 'q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8', 'q9', 'q10', 'method', 'products', 'pricing', 'service', 'reason'],
      freeText: ['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8', 'q9', 'q10', 'products', 'pricing', 'service', 'reason'],
      read: (raw) => {
        const deal = buildDeal(raw);
        return deal.ok ? { ok: true, value: { kind: 'deal', input: deal.value } } : deal;
      },
    },
    deals: {
      words: { en: ['deals'], 'zh-CN': ['商机列表'] },
      keys: ['page'],
      read: (raw) => {
        const list = buildDeals(raw);
        return list.ok ? { ok: true, value: { kind: 'deals', ...list.value } } : list;
      },
    },
  },
  forms: DEAL_FORMS,
  kinds: ['deal', 'deals'],
  run: (command, env) => (command.kind === 'deal' ? runDeal(command.input, env) : runDeals(command.page, env)),
} satisfies CommandFamily<DealsCommand, DealKey>;
