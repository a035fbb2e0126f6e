import type { CoreDeps } from '../core/ports.ts';
import type { Policy } from '../core/policy.ts';
import type { JobOutcome } from '../core/reminders/job-window.ts';
import { dailyLeadsMorning, dailyLeadsNudge } from '../core/reminders/lead-reminders.ts';
import { approvalsWaitingJob, followupsJob } from '../core/reminders/other-reminders.ts';
import { slaJob } from '../core/reminders/sla-reminders.ts';
import { paymentsDueJob } from '../core/reminders/payments-due.ts';
import { financeCheckJob, monthlyGoalsJob, quarterlyReviewJob } from '../core/reminders/performance-jobs.ts';

export interface JobDef {
  run(deps: CoreDeps, at: Date): Promise<JobOutcome>;
  /** The local time (HH:MM) the schedule runs it every day; the job itself skips days off and quiet hours. */
  at(policy: Policy): string;
  /** A job that runs more often than daily (sla: hourly): the schedule uses this cron expression instead of `at`. */
  cron?: string;
}

/** The jobs of contract.md. */
export const JOBS: Record<string, JobDef> = {
  'daily-leads-morning': { run: dailyLeadsMorning, at: (p) => p.reminders.leadsMorning },
  'daily-leads-nudge': { run: dailyLeadsNudge, at: (p) => p.reminders.leadsNudge },
  followups: { run: followupsJob, at: (p) => p.reminders.followups },
  'approvals-waiting': { run: approvalsWaitingJob, at: (p) => p.reminders.approvalsWaiting },
  // CLI-4 counts clock hours, so sla runs every hour (at minute 5); `at` is its first run inside the day's window.
  sla: { run: slaJob, at: (p) => p.reminders.quietBefore, cron: '5 * * * *' },
  'payments-due': { run: paymentsDueJob, at: (p) => p.reminders.paymentsDue },
  'monthly-goals': { run: monthlyGoalsJob, at: (p) => p.reminders.monthlyGoals },
  'finance-check': { run: financeCheckJob, at: (p) => p.reminders.financeCheck },
  'quarterly-review': { run: quarterlyReviewJob, at: (p) => p.reminders.quarterlyReview },
};

/** The cron expression the schedule runs a job on: its own, else daily at its policy time. */
export const cronOf = (job: JobDef, policy: Policy): string => job.cron ?? dailyCron(job.at(policy));

/** '16:30' → '30 16 * * *': every day at that local time (days off are skipped by the job). */
export function dailyCron(hhmm: string): string {
  const [hours = '0', minutes = '0'] = hhmm.split(':');
  return `${Number(minutes)} ${Number(hours)} * * *`;
}
