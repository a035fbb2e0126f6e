import type { CoreDeps } from '../core/ports.ts';
import type { Policy } from '../core/policy.ts';
import type { JobOutcome } from '../core/reminders/job-window.ts';
import { dailyLeadsMorning, dailyLeadsNudge } from '../core/reminders/lead-reminders.ts';
import { approvalsWaitingJob, followupsJob } from '../core/reminders/other-reminders.ts';
import { financeCheckJob, monthlyGoalsJob, quarterlyReviewJob } from '../core/reminders/performance-jobs.ts';

export interface JobDef {
  run(deps: CoreDeps, at: Date): Promise<JobOutcome>;
  /** The local time (HH:MM) the schedule runs it every day; the job itself skips days off and quiet hours. */
  at(policy: Policy): string;
}

/**
 * The jobs of contract.md. Those whose data does not exist yet (after-sales
 * tickets, payments, goals, reviews) come with that data; until then they
 * run and find nothing to do.
 */
export const JOBS: Record<string, JobDef | null> = {
  'daily-leads-morning': { run: dailyLeadsMorning, at: (p) => p.reminders.leadsMorning },
  'daily-leads-nudge': { run: dailyLeadsNudge, at: (p) => p.reminders.leadsNudge },
  followups: { run: followupsJob, at: (p) => p.reminders.followups },
  'approvals-waiting': { run: approvalsWaitingJob, at: (p) => p.reminders.approvalsWaiting },
  sla: null,
  'payments-due': null,
  'monthly-goals': { run: monthlyGoalsJob, at: (p) => p.reminders.monthlyGoals },
  'finance-check': { run: financeCheckJob, at: (p) => p.reminders.financeCheck },
  'quarterly-review': { run: quarterlyReviewJob, at: (p) => p.reminders.quarterlyReview },
};

/** '16:30' → '30 16 * * *': every day at that local time (days off are skipped by the job). */
export function dailyCron(hhmm: string): string {
  const [hours = '0', minutes = '0'] = hhmm.split(':');
  return `${Number(minutes)} ${Number(hours)} * * *`;
}
