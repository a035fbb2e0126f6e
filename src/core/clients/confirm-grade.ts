import { clientCard, type ClientCard } from './show-client.ts';
import { findClient } from './find-client.ts';
import { closeGradeConfirmation, mayConfirmGrade } from './grade-confirmation.ts';
import { askForAccountManager } from './account-manager-request.ts';
import { announceTravelFund } from '../contracts/incentives.ts';
import { instants, quarterOfDate, quarterRange } from '../performance/periods.ts';
import type { Actor, CoreDeps, CoreResult, Tx } from '../ports.ts';
import type { Company } from './types.ts';
import { ok, refuse } from '../result.ts';
import { localDate } from '../time.ts';

export interface GradeDecisionCommand {
  company: string;
  /** The pending change the card showed: a card of a change replaced since decides nothing. */
  changeId: number;
  confirm: boolean;
}

/**
 * `/client <company> confirm:<change>` or `keep:<change>` (the card's
 * buttons, CLI-1): the region's regional manager, or the department manager,
 * confirms a raised grade or keeps the old one. Never the client's owner nor
 * whoever made the change. Under the client's row lock, as a new purchase
 * figure and a signing take it, so a decision, a newer figure and a signing
 * happen one after the other. A confirmed raise to A that makes the region's
 * new A-class signings of this quarter reach the travel-fund number is
 * announced as a signing would (INC-2), and, without an account manager,
 * asks the regional manager to assign one (CLI-2). Each card is updated in place; the
 * person who made the change, and the owner, are told; audited.
 */
export async function decideGrade(deps: CoreDeps, actor: Actor, cmd: GradeDecisionCommand): Promise<CoreResult<ClientCard>> {
  // SEC-2: partners see no client records; a refusal naming a client, its grade or its region would show one.
  if (actor.person.role === 'partner') return refuse('not_allowed', { role: actor.person.role });
  return deps.store.transaction(async (tx) => {
    const found = await findClient(tx, cmd.company, 'for update');
    if (!found.ok) return found;
    let company = found.value;
    const pending = await tx.companies.pendingGradeChange(company.id);
    if (!pending || pending.id !== cmd.changeId) return refuse('grade_change_not_pending', { company: company.name, grade: company.grade ?? '-' });
    if (actor.person.id === company.ownerId || actor.person.id === pending.changedBy) return refuse('grade_confirm_own', { company: company.name });
    if (!mayConfirmGrade(actor.person, company, pending)) return refuse('grade_confirmers_only', { company: company.name, region: company.region });
    const now = deps.clock.now();
    const outcome = cmd.confirm ? 'confirmed' : 'kept';
    if (!(await tx.companies.decideGradeChange(pending.id, outcome, actor.person.id, now))) {
      throw new Error(`grade change ${pending.id} moved while its client was held`);
    }
    const before = company.grade;
    if (cmd.confirm) {
      company = await tx.companies.update(company.id, { grade: pending.grade, ...(pending.source === 'override' && { gradeOverridden: true }) });
      if (company.grade === 'A' && before !== 'A') {
        await announceFundIfSigned(deps, tx, company, now);
        // CLI-2: A without an account manager: the regional manager is asked to assign one.
        await askForAccountManager(tx, company, localDate(now, deps.timezone), now, false);
      }
    }
    await closeGradeConfirmation(tx, company, pending, outcome, actor.person.name, now);
    for (const personId of new Set([pending.changedBy, company.ownerId])) {
      if (personId === actor.person.id) continue;
      await tx.outbox.enqueue(
        {
          dedupeKey: `grade_decided:${pending.id}:to:${personId}`,
          personId,
          notice: { kind: 'grade_decided', company: company.name, grade: pending.grade, previousGrade: before, outcome, by: actor.person.name },
        },
        now,
      );
    }
    await tx.audit.record({
      at: now,
      actorId: actor.person.id,
      action: cmd.confirm ? 'client.grade_confirm' : 'client.grade_keep',
      subjectType: 'company',
      subjectId: String(company.id),
      platform: actor.platform,
      details: { change: pending.id, grade: pending.grade, previous: before, by: pending.changedBy },
    });
    return ok(await clientCard(deps, tx, actor, company));
  });
}

/**
 * INC-2 after a confirmed raise to A: the client's new-client signing of this
 * quarter (if any) now counts as a new A-class client for its deal's region,
 * so the travel fund is announced when that makes the number, once per person
 * and quarter as at signing.
 */
async function announceFundIfSigned(deps: CoreDeps, tx: Tx, company: Company, at: Date): Promise<void> {
  const bounds = instants(quarterRange(quarterOfDate(localDate(at, deps.timezone))), deps.timezone);
  const signed = (await tx.performance.signedBetween(bounds.from, bounds.to)).filter((c) => c.companyId === company.id && c.newClient);
  for (const region of new Set(signed.map((c) => c.region))) await announceTravelFund(deps, tx, company, region, at);
}
