import type { IsoDate } from '../time.ts';
import type { ApprovalRequest, ApprovalTransition, NewApproval } from './types.ts';

/** What approvals (EXP-1, PROMO-1, CON-2) need from the store: the requests, and who stands in for whom. */

export interface ApprovalsPort {
  create(request: NewApproval): Promise<ApprovalRequest>;
  byId(id: number): Promise<ApprovalRequest | null>;
  /** False when the request has moved on since `expectedVersion` (another decision won). */
  transition(id: number, expectedVersion: number, change: ApprovalTransition): Promise<boolean>;
  /** Pending requests whose current step waits on this person. */
  waitingOn(personId: string): Promise<ApprovalRequest[]>;
  /** This person's own requests still pending. */
  openBy(personId: string): Promise<ApprovalRequest[]>;
  /** Every pending request, oldest first (for escalation). */
  pending(): Promise<ApprovalRequest[]>;
  /** EXP-1: the amounts of expenses for one event (by its key), by anyone, pending or approved. */
  eventTotal(eventKey: string): Promise<number>;
}

/** Approvals in a transaction: a request and an event's key can also be held until it ends. */
export interface ApprovalsTxPort extends ApprovalsPort {
  /** `for update` holds the row until the transaction ends: decisions on one request queue up. */
  byId(id: number, lock?: 'for update'): Promise<ApprovalRequest | null>;
  /** Holds an event's key until the transaction ends, so two requests for one event are judged one after the other. */
  holdEvent(eventKey: string): Promise<void>;
}

export interface DelegationsPort {
  set(personId: string, delegateId: string, until: IsoDate, at: Date): Promise<void>;
  /** The person's delegate on `date`, the latest named, or null. */
  activeFor(personId: string, date: IsoDate): Promise<string | null>;
  /** Those whose delegate on `date` (their latest delegation) is this person. */
  delegatorsOf(delegateId: string, date: IsoDate): Promise<string[]>;
  /** Delegations not yet handed back that ended before `date`, or that a later one of the same person replaced. */
  toReturn(date: IsoDate): Promise<{ id: number; personId: string; delegateId: string }[]>;
  markReturned(ids: number[], at: Date): Promise<void>;
}
