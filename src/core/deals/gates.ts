import type { Policy } from '../policy.ts';
import type { CoreRefusal } from '../ports.ts';
import { refuse } from '../result.ts';
import { NEEDS_STAGE, NEGOTIATION_STAGE, PROPOSAL_PARTS, PROPOSAL_STAGE, type Deal, type DealContract, type ProposalPart } from './types.ts';

/**
 * What stands between a deal and its next stage (PIPE-1..4), as data: the
 * `next` refusal and the `/deals` list both say it, in the reader's words.
 */
export type Gate =
  /** 1 → 2: nothing to show yet. */
  | { kind: 'open' }
  /** 2 → 3 (PIPE-2): unanswered questions by number, and whether the method is missing. */
  | { kind: 'needs'; missingQuestions: number[]; methodMissing: boolean; answered: number; total: number }
  /** 3 → 4 (PIPE-3): the parts of the proposal not written yet. */
  | { kind: 'proposal'; missingParts: ProposalPart[] }
  /** 4 → 5 (PIPE-4): a signed contract, or the one in progress. */
  | { kind: 'contract'; signed: DealContract | null; inProgress: DealContract | null }
  /** Won or lost: nothing comes next. */
  | { kind: 'closed' };

/** The needs checklist's unanswered question numbers (1-based), up to the policy's count. */
export function needsProgress(deal: Deal, policy: Policy) {
  const total = policy.pipeline.needsQuestions;
  const missing: number[] = [];
  for (let n = 1; n <= total; n++) if (!deal.needsAnswers[n - 1]?.trim()) missing.push(n);
  return { total, answered: total - missing.length, missing };
}

export function gateOf(deal: Deal, policy: Policy, contracts: DealContract[]): Gate {
  if (deal.status !== 'open') return { kind: 'closed' };
  if (deal.stage === NEEDS_STAGE) {
    const { total, answered, missing } = needsProgress(deal, policy);
    return { kind: 'needs', missingQuestions: missing, methodMissing: deal.needsMethod === null, answered, total };
  }
  if (deal.stage === PROPOSAL_STAGE) {
    return { kind: 'proposal', missingParts: PROPOSAL_PARTS.filter((p) => !deal.proposal[p]?.trim()) };
  }
  if (deal.stage === NEGOTIATION_STAGE) {
    const signed = contracts.find((c) => c.status === 'signed') ?? null;
    // The newest contract still on its way (draft, in review, approved, returned); a cancelled one is none.
    const inProgress = [...contracts].reverse().find((c) => c.status !== 'signed' && c.status !== 'cancelled') ?? null;
    return { kind: 'contract', signed, inProgress };
  }
  return { kind: 'open' };
}

export function gateMet(gate: Gate): boolean {
  switch (gate.kind) {
    case 'open':
      return true;
    case 'needs':
      return gate.missingQuestions.length === 0 && !gate.methodMissing;
    case 'proposal':
      return gate.missingParts.length === 0;
    case 'contract':
      return gate.signed !== null;
    case 'closed':
      return false;
  }
}

/** The refusal that names exactly what is missing; details stay language-neutral (numbers, part names, statuses). */
export function gateRefusal(deal: Deal, gate: Gate): CoreRefusal {
  switch (gate.kind) {
    case 'needs':
      return refuse('deal_needs_incomplete', {
        id: deal.id,
        questions: gate.missingQuestions.join(', '),
        method: gate.methodMissing ? 'missing' : 'given',
        answered: gate.answered,
        total: gate.total,
      });
    case 'proposal':
      return refuse('deal_proposal_incomplete', { id: deal.id, parts: gate.missingParts.join(',') });
    case 'contract':
      return gate.inProgress
        ? refuse('deal_contract_in_progress', { id: deal.id, contract: gate.inProgress.id, status: gate.inProgress.status })
        : refuse('deal_contract_unsigned', { id: deal.id });
    case 'closed':
      return refuse('deal_closed', { id: deal.id, status: deal.status });
    case 'open':
      throw new Error(`deal ${deal.id}: an open gate has nothing to refuse`);
  }
}
