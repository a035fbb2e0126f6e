import type { Role } from '../people.ts';
import type { IsoDate } from '../time.ts';

export type ApprovalKind = 'expense' | 'promotion' | 'contract';
export type ApprovalStatus = 'pending' | 'approved' | 'rejected' | 'withdrawn' | 'expired';
/** waiting: a later step not reached yet; pending: the step whose approver decides now. */
export type StepStatus = 'waiting' | 'pending' | 'approved' | 'rejected' | 'cancelled';

export interface ApprovalStep {
  seq: number;
  /** The role the policy asks for at this step (EXP-1: regional manager, department manager, finance). */
  role: Role;
  approverId: string;
  status: StepStatus;
  /** Since when it waits on its approver (null while a later step is not reached). */
  pendingSince: Date | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  reason: string | null;
}

export interface ApprovalRequest {
  id: number;
  kind: ApprovalKind;
  requesterId: string;
  subject: string;
  amountFen: number | null;
  event: string | null;
  /** EXP-1: the event's running total (requests for the same event, by anyone, pending or approved, this one included) it was judged on; null without an event. */
  eventTotalFen: number | null;
  product: string | null;
  onDate: IsoDate | null;
  /** Above the policy's benchmark cost per event: the event's total when it has one, else its own amount. */
  overBenchmark: boolean;
  status: ApprovalStatus;
  currentStep: number;
  version: number;
  reason: string | null;
  createdAt: Date;
  decidedAt: Date | null;
  steps: ApprovalStep[];
}

export type NewApproval = Omit<ApprovalRequest, 'id' | 'status' | 'currentStep' | 'version' | 'reason' | 'decidedAt' | 'steps'> & {
  /** The event's comparison key (eventKey), null without an event. */
  eventKey: string | null;
  steps: Pick<ApprovalStep, 'role' | 'approverId'>[];
};

/** One transition, applied only if the request is still at `expectedVersion`. */
export interface ApprovalTransition {
  status?: ApprovalStatus;
  currentStep?: number;
  reason?: string | null;
  decidedAt?: Date | null;
  steps: { seq: number; status: StepStatus; decidedBy?: string; decidedAt?: Date; reason?: string | null; approverId?: string; pendingSince?: Date }[];
}
