import { clientCard, type ClientCard } from './show-client.ts';
import { findClient } from './find-client.ts';
import { gradeForPurchase } from './grade.ts';
import { isClientInsider, isManagerOfOwner, notInsider } from './contact-access.ts';
import { askForAccountManager, closeAccountManagerRequest } from './account-manager-request.ts';
import { today } from '../leads/progress.ts';
import { closeGradeConfirmation, raisesGrade, raiseTakesEffect, requestGradeConfirmation } from './grade-confirmation.ts';
import type { Actor, CoreDeps, CoreResult, Tx } from '../ports.ts';
import type { Company, Grade } from './types.ts';
import { ok, refuse } from '../result.ts';

export interface UpdateClientCommand {
  company: string;
  /** CLI-1: annual purchase in fen. */
  annualPurchaseFen: number | null;
  /** CLI-1 override by a manager; needs a reason (demand potential). */
  grade: Grade | null;
  reason: string | null;
  /** CLI-2: the dedicated account manager's person id. */
  accountManagerId: string | null;
}

/**
 * `/client <company> purchase:… grade:… reason:… manager:@id`, all or nothing.
 * A new purchase amount regrades the client by CLI-1, except while a
 * manager's override is in force: the override reflects demand potential,
 * which a purchase figure does not change. A change that raises the grade
 * takes effect at once only when a regional or department manager makes it
 * on a client they do not own; anyone else's raise is kept pending and the
 * region's regional manager gets a card to confirm it or keep the old grade
 * (grade-confirmation.ts). A newer figure or override replaces a change
 * still pending. Every change is kept in history, with its status. A
 * client that is A at the end and was not before, with no account manager
 * (none given in the same command), asks its regional manager for one (CLI-2).
 */
export async function updateClient(deps: CoreDeps, actor: Actor, cmd: UpdateClientCommand): Promise<CoreResult<ClientCard>> {
  if (cmd.grade !== null && !cmd.reason?.trim()) return refuse('reason_required');
  return deps.store.transaction(async (tx) => {
    // Locked: a manager's override, a new purchase amount and a confirmation must not interleave (CLI-1).
    const found = await findClient(tx, cmd.company, 'for update');
    if (!found.ok) return found;
    let company = found.value;
    const gradeBefore = company.grade;
    if (!(await isClientInsider(tx, actor.person, company))) return notInsider(tx, company);
    const managerOnly = cmd.grade !== null || cmd.accountManagerId !== null;
    if (managerOnly && !(await isManagerOfOwner(tx, actor.person, company))) return refuse('managers_only');
    const now = deps.clock.now();

    if (cmd.annualPurchaseFen !== null) {
      const computed = gradeForPurchase(deps.policy, cmd.annualPurchaseFen);
      const target = company.gradeOverridden ? company.grade : computed;
      const pending = target !== null && raisesGrade(target, company.grade) && !raiseTakesEffect(actor.person, company);
      await supersedePending(tx, company, actor, now);
      const previousGrade = company.grade;
      company = await tx.companies.update(company.id, {
        annualPurchaseFen: cmd.annualPurchaseFen,
        ...(!pending && { grade: target }),
        // A client with an annual purchase amount is a customer (CLI-3 follow-ups start).
        customerSince: company.customerSince ?? (cmd.annualPurchaseFen > 0 ? now : null),
      });
      const change = {
        grade: computed,
        source: 'purchase' as const,
        annualPurchaseFen: cmd.annualPurchaseFen,
        reason: null,
        changedBy: actor.person.id,
        changedAt: now,
        status: pending ? ('pending' as const) : ('effective' as const),
        previousGrade,
      };
      const id = await tx.companies.addGradeChange(company.id, change);
      if (pending) await requestGradeConfirmation(tx, company, { ...change, id, decidedBy: null, decidedAt: null }, actor.person.name, now);
    }
    if (cmd.grade !== null) {
      const pending = raisesGrade(cmd.grade, company.grade) && !raiseTakesEffect(actor.person, company);
      await supersedePending(tx, company, actor, now);
      const previousGrade = company.grade;
      if (!pending) company = await tx.companies.update(company.id, { grade: cmd.grade, gradeOverridden: true });
      const change = {
        grade: cmd.grade,
        source: 'override' as const,
        annualPurchaseFen: null,
        reason: cmd.reason?.trim() ?? null,
        changedBy: actor.person.id,
        changedAt: now,
        status: pending ? ('pending' as const) : ('effective' as const),
        previousGrade,
      };
      const id = await tx.companies.addGradeChange(company.id, change);
      if (pending) await requestGradeConfirmation(tx, company, { ...change, id, decidedBy: null, decidedAt: null }, actor.person.name, now);
      await audit(tx, actor, now, pending ? 'client.grade_override_pending' : 'client.grade_override', company, { grade: cmd.grade });
    }
    if (cmd.accountManagerId !== null) {
      const manager = await tx.directory.personById(cmd.accountManagerId);
      if (!manager) return refuse('person_not_found', { person: cmd.accountManagerId });
      if (manager.role !== 'account_manager') return refuse('not_account_manager', { person: manager.name });
      // LEAD-3 through the back door: an account manager becomes one of the client's insiders, so only
      // one of the client's own region may be assigned; the department manager's word does not change a region.
      if (manager.region !== company.region) {
        const managers = await tx.directory.withRole('regional_manager', company.region);
        return refuse('wrong_region', { region: company.region, manager: managers.map((m) => m.name).join(', ') || '-' });
      }
      company = await tx.companies.update(company.id, { accountManagerId: manager.id });
      await audit(tx, actor, now, 'client.account_manager', company, { person: manager.id });
      await closeAccountManagerRequest(tx, company, manager.name, actor.person.name, now);
      // Told in the same transaction: if the assignment rolls back, so does the message.
      if (manager.id !== actor.person.id) {
        await tx.outbox.enqueue(
          {
            dedupeKey: `account_manager_assigned:${company.id}:${manager.id}:${now.toISOString()}`,
            personId: manager.id,
            notice: { kind: 'account_manager_assigned', company: company.name, by: actor.person.name },
          },
          now,
        );
      }
    }
    if (gradeBefore !== 'A') await askForAccountManager(tx, company, today(deps), now, false);
    return ok(await clientCard(deps, tx, actor, company));
  });
}

/** A change still pending is replaced by a newer one: its cards close, saying so. */
async function supersedePending(tx: Tx, company: Company, actor: Actor, at: Date): Promise<void> {
  const pending = await tx.companies.pendingGradeChange(company.id);
  if (!pending || !(await tx.companies.decideGradeChange(pending.id, 'superseded', null, at))) return;
  await closeGradeConfirmation(tx, company, pending, 'superseded', actor.person.name, at);
}

function audit(tx: Tx, actor: Actor, at: Date, action: string, company: Company, details: Record<string, string>) {
  return tx.audit.record({
    at,
    actorId: actor.person.id,
    action,
    subjectType: 'company',
    subjectId: String(company.id),
    platform: actor.platform,
    details,
  });
}
