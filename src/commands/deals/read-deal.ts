import type { AdvanceDealCommand } from '../../core/deals/advance-deal.ts';
import type { OpenDealCommand } from '../../core/deals/open-deal.ts';
import type { RecordNeedsCommand } from '../../core/deals/record-needs.ts';
import type { RecordProposalCommand } from '../../core/deals/record-proposal.ts';
import type { DealStage, NeedsMethod, ProposalPart } from '../../core/deals/types.ts';
import { issue, type InputIssue, type Parsed } from '../../grammar/issues.ts';
import { DEAL_SPELLINGS, type DealKey } from './deal-keys.ts';
import type { RawCommand } from '../../grammar/read-command.ts';
import { parseAmount } from '../../grammar/values/amount.ts';
import { choice, optionalText, optionalValue, parsed, requiredText } from '../../grammar/fields.ts';
import { pageNumber } from '../../grammar/page.ts';

/** What `/deal …` asks for; `needs` with no answers, `proposal` with no part and `lost` with no reason open their forms. */
export type DealAction =
  | ({ action: 'open' } & OpenDealCommand)
  | { action: 'show'; dealId: number }
  | ({ action: 'next' } & AdvanceDealCommand)
  | ({ action: 'needs' } & RecordNeedsCommand)
  | ({ action: 'proposal' } & RecordProposalCommand)
  | { action: 'lost'; dealId: number; reason: string | null };

type Verb = Exclude<DealAction['action'], 'open' | 'show'>;

const VERBS: Record<string, Verb> = {
  next: 'next',
  下一步: 'next',
  推进: 'next',
  needs: 'needs',
  需求: 'needs',
  需求调研: 'needs',
  proposal: 'proposal',
  方案: 'proposal',
  方案制定: 'proposal',
  lost: 'lost',
  输单: 'lost',
};

const NEW_WORDS = new Set(['new', '新建', '新增', '创建']);

const METHOD_WORDS: Record<string, NeedsMethod> = {
  phone: 'phone',
  call: 'phone',
  电话: 'phone',
  questionnaire: 'questionnaire',
  survey: 'questionnaire',
  问卷: 'questionnaire',
  onsite: 'onsite',
  visit: 'onsite',
  现场: 'onsite',
  上门: 'onsite',
};

export const QUESTION_KEYS = ['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8', 'q9', 'q10'] as const satisfies readonly DealKey[];
const PART_KEYS: readonly ProposalPart[] = ['products', 'pricing', 'service'];

/** The keys each action takes; any other key given is named as a mistake, not silently dropped. */
const KEYS_OF: Record<DealAction['action'], readonly DealKey[]> = {
  open: ['amount'],
  show: [],
  next: [],
  needs: [...QUESTION_KEYS, 'method'],
  proposal: PART_KEYS,
  lost: ['reason'],
};

const DEAL_ID = /^[#＃]?(\d{1,9})$/u;
const ANSWER_MAX = 500;

/**
 * `/deal new <company> [amount:…]`, `/deal <id> [next [<stage>]|needs …|proposal …|lost reason:…]`.
 * A card's Next button adds the stage it showed, so a second press moves nothing.
 */
export function buildDeal({ words, pairs, fields }: RawCommand<DealKey>): Parsed<DealAction> {
  const issues: InputIssue[] = [];
  const [first = '', second, ...rest] = words.split(/\s+/).filter(Boolean);
  if (!first) return { ok: false, issues: [issue('missing_field', 'deal_id')] };

  if (NEW_WORDS.has(first.toLowerCase())) {
    const company = requiredText(fields?.company ?? [second, ...rest].filter(Boolean).join(' '), 'company', { max: 1000 }, issues);
    const amountFen = optionalValue(pairs.amount, 'amount', parseAmount, issues);
    if (amountFen === 0) issues.push(issue('amount_invalid', 'amount', { value: pairs.amount ?? '' }));
    strayKeys(pairs, 'open', issues);
    return parsed({ action: 'open', company, amountFen }, issues);
  }

  const idMatch = DEAL_ID.exec(first);
  if (!idMatch) issues.push(issue('choice_invalid', 'deal_id', { value: first.slice(0, 20), options: 'new/新建, 12, #12' }));
  const dealId = Number(idMatch?.[1] ?? 0);
  const verb = second === undefined ? 'show' : choice(second, 'action', VERBS, issues);
  if (!verb) return { ok: false, issues };
  strayKeys(pairs, verb, issues);

  switch (verb) {
    case 'show':
      return parsed({ action: 'show', dealId }, issues);
    case 'next': {
      const [stageWord, ...extra] = rest;
      const fromStage = stageWord === undefined ? null : /^[1-5]$/.test(stageWord) ? (Number(stageWord) as DealStage) : null;
      if (stageWord !== undefined && fromStage === null) issues.push(issue('choice_invalid', 'stage', { value: stageWord.slice(0, 20), options: '1-5' }));
      extraWords(extra, issues);
      return parsed({ action: 'next', dealId, fromStage }, issues);
    }
    case 'needs': {
      extraWords(rest, issues);
      const answers: Record<number, string> = {};
      QUESTION_KEYS.forEach((key, i) => {
        const text = optionalText(pairs[key], key, { max: ANSWER_MAX, allowEmoji: true }, issues);
        if (text) answers[i + 1] = text;
      });
      const method = choice(pairs.method, 'method', METHOD_WORDS, issues);
      // A submitted form with nothing in it is a mistake; typed `/deal 7 needs` alone opens the form.
      if (fields && Object.keys(answers).length === 0 && method === null) issues.push(issue('missing_field', 'q1'));
      return parsed({ action: 'needs', dealId, answers, method }, issues);
    }
    case 'proposal': {
      extraWords(rest, issues);
      const parts: Partial<Record<ProposalPart, string>> = {};
      for (const key of PART_KEYS) {
        const text = optionalText(pairs[key], key, { max: ANSWER_MAX, allowEmoji: true }, issues);
        if (text) parts[key] = text;
      }
      // Typed `/deal 7 proposal` alone opens the form; a form submitted empty is a mistake.
      if (fields && Object.keys(parts).length === 0) issues.push(issue('missing_field', 'products'));
      return parsed({ action: 'proposal', dealId, parts }, issues);
    }
    case 'lost': {
      extraWords(rest, issues);
      const reason = optionalText(pairs.reason, 'reason', { max: 200, allowEmoji: true }, issues);
      return parsed({ action: 'lost', dealId, reason }, issues);
    }
  }
}

/** `/deals [page:n]`. */
export function buildDeals({ words, pairs }: RawCommand<DealKey>): Parsed<{ page?: number }> {
  const issues: InputIssue[] = [];
  extraWords(words.split(/\s+/).filter(Boolean), issues);
  const page = pairs.page === undefined ? undefined : pageNumber(pairs.page, issues);
  return parsed(page === undefined ? {} : { page }, issues);
}

function strayKeys(pairs: RawCommand<DealKey>['pairs'], action: DealAction['action'], issues: InputIssue[]) {
  const allowed = KEYS_OF[action];
  for (const key of Object.keys(pairs) as DealKey[]) {
    if (allowed.includes(key)) continue;
    issues.push(issue('unknown_key', null, { key: DEAL_SPELLINGS[key][0] ?? key, keys: allowed.map((k) => `${DEAL_SPELLINGS[k][0]}/${DEAL_SPELLINGS[k][1]}`).join(', ') || '-' }));
  }
}

function extraWords(extra: string[], issues: InputIssue[]) {
  if (extra.length) issues.push(issue('unknown_key', null, { key: extra[0]!.slice(0, 20), keys: '-' }));
}
