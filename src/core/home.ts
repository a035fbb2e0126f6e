import { waitingOnPerson } from './approvals/waiting.ts';
import { followUpStatus, type FollowUpStatus } from './clients/follow-up.ts';
import { dealCard, type DealCard } from './deals/deal-card.ts';
import { gateMet } from './deals/gates.ts';
import { dailyProgress, today, type DailyProgress } from './leads/progress.ts';
import type { Actor, CoreDeps, CoreResult } from './ports.ts';
import { ok } from './result.ts';
import { addDays } from './time.ts';

export interface DueClient {
  company: string;
  followUp: FollowUpStatus;
}

export interface HomeSummary {
  progress: DailyProgress;
  /** Approvals whose current step I may decide (mine, or as a delegate), and my own requests still pending. */
  approvals: { waitingOnMe: { id: number; subject: string }[]; mine: { id: number; subject: string }[] };
  /** My customers whose follow-up is overdue or due within a week, or A-class clients behind on visits; most urgent first. */
  dueClients: DueClient[];
  /** CLI-4: open after-sales tickets assigned to me (owner or account manager), nearest deadline first. */
  tickets: { id: number; company: string; problem: string }[];
  /** My open deals (as on `/deals`) whose next stage still needs something: the checklist, the proposal, a signed contract (PIPE-2..4). */
  deals: DealCard[];
}

const DUE_WITHIN_DAYS = 7;

/** What a person sees on opening the bot (Slack App Home, Feishu menu). */
export async function homeSummary(deps: CoreDeps, actor: Actor): Promise<CoreResult<HomeSummary>> {
  return deps.store.transaction(async (tx) => {
    const date = today(deps);
    const progress = await dailyProgress(deps, tx, actor.person, date);
    const soon = addDays(date, DUE_WITHIN_DAYS);
    const dueClients: DueClient[] = [];
    for (const company of await tx.companies.customersOf(actor.person.id)) {
      const followUp = await followUpStatus(deps, tx, company, date);
      const behind = followUp.quarterVisits !== null && followUp.quarterVisits.count < followUp.quarterVisits.required;
      if ((followUp.nextVisitDue !== null && followUp.nextVisitDue <= soon) || behind) {
        dueClients.push({ company: company.name, followUp });
      }
    }
    dueClients.sort((a, b) => (a.followUp.nextVisitDue ?? '9999').localeCompare(b.followUp.nextVisitDue ?? '9999'));
    const brief = (r: { id: number; subject: string }) => ({ id: r.id, subject: r.subject });
    const approvals = {
      waitingOnMe: (await waitingOnPerson(tx, actor.person.id, date)).map(brief),
      mine: (await tx.approvals.openBy(actor.person.id)).map(brief),
    };
    const tickets = (await tx.tickets.openFor(actor.person.id)).map((k) => ({ id: k.id, company: k.companyName, problem: k.problem }));
    const deals: DealCard[] = [];
    // One after another: a transaction has one connection.
    for (const deal of await tx.deals.listOpen({ kind: 'mine', personId: actor.person.id })) {
      const card = await dealCard(deps, tx, deal);
      if (!gateMet(card.gate)) deals.push(card);
    }
    return ok({ progress, dueClients, approvals, tickets, deals });
  });
}
