import type { CoreDeps } from '../core/ports.ts';
import type { Policy } from '../core/policy.ts';
import type { JobOutcome } from '../core/reminders/job-window.ts';
import { dailyLeadsMorning, dailyLeadsNudge } from '../core/reminders/lead-reminders.ts';
import { approvalsWaitingJob, followupsJob } from '../core/reminders/other-reminders.ts';
import { slaJob } from '../core/reminders/sla-reminders.ts';
import { paymentsDueJob } from '../core/reminders/payments-due.ts';
import { financeCheckJob, monthlyGoalsJob, quarterlyReviewJob } from '../core/reminders/performance-jobs.ts';
import { policyAckJob } from '../core/policy-ack/policy-ack-job.ts';
import { monthlyConversionJob } from '../core/reminders/monthly-conversion.ts';
import { escalateWaitingApprovals } from '../core/approvals/escalate.ts';
import { returnEndedDelegations } from '../core/approvals/delegate.ts';
import { jobWindow } from '../core/reminders/job-window.ts';

export interface JobDef {
  run(deps: CoreDeps, at: Date): Promise<JobOutcome>;
  /** When the schedule runs it, as a cron expression in the company's zone; the job itself skips days off and quiet hours. */
  cron(policy: Policy): string;
}

const daily = (time: (p: Policy) => string) => (policy: Policy) => dailyCron(time(policy));
/**
 * The reminders that reach each person at the policy's time in their own zone
 * (the org file's per-person `timezone:`; personWindow): they run every
 * quarter of an hour, on the policy time's minute, and each run reaches those
 * whose local time has come and who were not reached that day (the dedupe keys).
 */
const perPerson = (time: (p: Policy) => string) => (policy: Policy) => quarterHourlyCron(time(policy));
const HOURLY = (minute: number) => () => `${minute} * * * *`;

/**
 * EXP-1: ended delegations hand their cards back (a silent card update, at any
 * hour); then, on working days inside the quiet hours only, steps waiting
 * longer than the policy allows move on (escalateWaitingApprovals).
 */
const escalateJob = async (deps: CoreDeps, at: Date): Promise<JobOutcome> => {
  const returned = await returnEndedDelegations(deps, at);
  const window = jobWindow(deps, at);
  if ('skipped' in window) return { queued: returned, skipped: window.skipped };
  return { queued: returned + (await escalateWaitingApprovals(deps, at)), skipped: null };
};

/** The jobs of contract.md, and the hourly escalation of waiting approvals. */
export const JOBS: Record<string, JobDef> = {
  'daily-leads-morning': { run: dailyLeadsMorning, cron: perPerson((p) => p.reminders.leadsMorning) },
  'daily-leads-nudge': { run: dailyLeadsNudge, cron: perPerson((p) => p.reminders.leadsNudge) },
  followups: { run: followupsJob, cron: perPerson((p) => p.reminders.followups) },
  'approvals-waiting': { run: approvalsWaitingJob, cron: perPerson((p) => p.reminders.approvalsWaiting) },
  'approvals-escalate': { run: escalateJob, cron: HOURLY(0) },
  // CLI-4 counts clock hours, so sla runs every hour.
  sla: { run: slaJob, cron: HOURLY(5) },
  'payments-due': { run: paymentsDueJob, cron: perPerson((p) => p.reminders.paymentsDue) },
  'monthly-goals': { run: monthlyGoalsJob, cron: daily((p) => p.reminders.monthlyGoals) },
  'finance-check': { run: financeCheckJob, cron: daily((p) => p.reminders.financeCheck) },
  'quarterly-review': { run: quarterlyReviewJob, cron: daily((p) => p.reminders.quarterlyReview) },
  'monthly-conversion': { run: monthlyConversionJob, cron: daily((p) => p.reminders.monthlyConversion) },
  // TRN-1: hourly, so a person the org import adds is asked within the hour of their first working day (the job keeps to working hours).
  'policy-ack': { run: policyAckJob, cron: HOURLY(15) },
};

/** '16:30' → '30 16 * * *': every day at that local time (days off are skipped by the job). */
export function dailyCron(hhmm: string): string {
  const [hours = '0', minutes = '0'] = hhmm.split(':');
  return `${Number(minutes)} ${Number(hours)} * * *`;
}

/** '09:10' → '10,25,40,55 * * * *': every quarter of an hour, on that time's minute, so whole- and half-hour zones are reached on the minute. */
export function quarterHourlyCron(hhmm: string): string {
  const minute = Number(hhmm.split(':')[1] ?? '0') % 15;
  return `${[0, 1, 2, 3].map((q) => minute + q * 15).join(',')} * * * *`;
}
