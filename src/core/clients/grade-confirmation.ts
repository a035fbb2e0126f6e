import { isManagerRole, type Person } from '../people.ts';
import type { Tx } from '../ports.ts';
import type { Company, Grade, GradeChange } from './types.ts';

/**
 * CLI-1 with INC-1: the grade sets the owner's reward, so whoever gains by a
 * higher grade must not decide it alone. A raise takes effect at once only
 * when a regional or department manager makes it on a client they do not own;
 * anyone else's raise (the owner typing a purchase figure, an account
 * manager, a regional manager on their own client) waits, as a pending
 * change, for a confirmer. Until then every reward and count by grade
 * (INC-1, INC-2, CLI-2) uses the confirmed grade, the one in companies.grade.
 */

const RANK: Record<Grade, number> = { C: 1, B: 2, A: 3 };

/** An ungraded client counts as C (INC-1), so C on an ungraded client raises nothing. */
export const raisesGrade = (to: Grade, from: Grade | null): boolean => RANK[to] > RANK[from ?? 'C'];

/** May `actor`'s raise on `company` take effect without a confirmation? */
export const raiseTakesEffect = (actor: Person, company: Company): boolean => isManagerRole(actor.role) && actor.id !== company.ownerId;

/**
 * Who may confirm a pending change: the regional manager(s) of the client's
 * region and the department manager(s), never the client's owner nor the
 * person who made the change.
 */
export function mayConfirmGrade(actor: Person, company: Company, change: GradeChange): boolean {
  if (actor.id === company.ownerId || actor.id === change.changedBy) return false;
  return actor.role === 'department_manager' || (actor.role === 'regional_manager' && actor.region === company.region);
}

/**
 * Who gets the confirmation card: the region's regional managers who may
 * confirm it; when there is none (the owner is the region's only regional
 * manager, or the region has none), the department managers.
 */
export async function gradeConfirmers(tx: Tx, company: Company, change: GradeChange): Promise<Person[]> {
  const regional = (await tx.directory.withRole('regional_manager', company.region)).filter((p) => mayConfirmGrade(p, company, change));
  if (regional.length) return regional;
  return (await tx.directory.withRole('department_manager')).filter((p) => mayConfirmGrade(p, company, change));
}

/** The dedupe key of a confirmation card: its in-place update names it. */
export const confirmationCardKey = (changeId: number, personId: string): string => `grade_confirm:${changeId}:to:${personId}`;

/** Sends the card (Confirm / Keep the old grade) to each confirmer, in the transaction that made the change. */
export async function requestGradeConfirmation(tx: Tx, company: Company, change: GradeChange, byName: string, at: Date): Promise<void> {
  for (const confirmer of await gradeConfirmers(tx, company, change)) {
    await tx.outbox.enqueue(
      {
        dedupeKey: confirmationCardKey(change.id, confirmer.id),
        personId: confirmer.id,
        notice: {
          kind: 'grade_confirmation',
          changeId: change.id,
          company: company.name,
          confirmedGrade: company.grade,
          pendingGrade: change.grade,
          source: change.source,
          annualPurchaseFen: change.annualPurchaseFen,
          reason: change.reason,
          by: byName,
        },
      },
      at,
    );
  }
}

/** Every card of a change shown again, decided or superseded, with no buttons left. */
export async function closeGradeConfirmation(
  tx: Tx,
  company: Company,
  change: GradeChange,
  outcome: 'confirmed' | 'kept' | 'superseded',
  byName: string | null,
  at: Date,
): Promise<void> {
  for (const confirmer of await gradeConfirmers(tx, company, change)) {
    const key = confirmationCardKey(change.id, confirmer.id);
    await tx.outbox.enqueue(
      {
        dedupeKey: `${key}:closed`,
        personId: confirmer.id,
        updates: key,
        notice: { kind: 'grade_confirmation_closed', changeId: change.id, company: company.name, pendingGrade: change.grade, confirmedGrade: change.previousGrade, outcome, by: byName },
      },
      at,
    );
  }
}
