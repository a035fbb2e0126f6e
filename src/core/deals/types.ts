/**
 * The sales pipeline (PIPE-1..4) as data. A deal belongs to one company and
 * its owner, moves through five stages in order, and ends won (stage 5) or
 * lost (from any stage, with a reason).
 */
export type DealStage = 1 | 2 | 3 | 4 | 5;

/** PIPE-1: 5 签约 signed is the last stage; reaching it wins the deal. */
export const FINAL_STAGE: DealStage = 5;
/** PIPE-2: the needs checklist is recorded up to (and during) needs research. */
export const NEEDS_STAGE: DealStage = 2;
/** PIPE-2: the needs checklist has questions q1..q10 (their texts are field.q1..q10); the policy may ask fewer, never more. */
export const NEEDS_QUESTIONS_WRITTEN = 10;
/** PIPE-3: the proposal is recorded up to (and during) the proposal stage. */
export const PROPOSAL_STAGE: DealStage = 3;
/** PIPE-4: leaving negotiation needs a signed contract. */
export const NEGOTIATION_STAGE: DealStage = 4;

export type DealStatus = 'open' | 'won' | 'lost';
export type NeedsMethod = 'phone' | 'questionnaire' | 'onsite';
export const PROPOSAL_PARTS = ['products', 'pricing', 'service'] as const;
export type ProposalPart = (typeof PROPOSAL_PARTS)[number];

export interface Deal {
  id: number;
  companyId: number;
  companyName: string;
  ownerId: string;
  region: string;
  stage: DealStage;
  status: DealStatus;
  amountFen: number | null;
  /** Answers in question order; '' for a question not answered yet. */
  needsAnswers: string[];
  needsMethod: NeedsMethod | null;
  proposal: Record<ProposalPart, string | null>;
  lostReason: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
}

export interface NewDeal {
  companyId: number;
  ownerId: string;
  region: string;
  amountFen: number | null;
  at: Date;
}

/** What a change may set; `updatedAt` always moves, and the version with it. */
export interface DealPatch {
  stage?: DealStage;
  status?: DealStatus;
  needsAnswers?: string[];
  needsMethod?: NeedsMethod | null;
  needsRecordedAt?: Date;
  proposal?: Partial<Record<ProposalPart, string>>;
  proposalRecordedAt?: Date;
  lostReason?: string;
  closedAt?: Date;
  updatedAt: Date;
}

/** A contract of a deal as the pipeline sees it (PIPE-4): only its number and status. */
export interface DealContract {
  id: number;
  status: string;
}

/** Whose open deals `/deals` lists. */
export type DealScope = { kind: 'mine'; personId: string } | { kind: 'region'; region: string } | { kind: 'all' };
