import type { PolicyErrorCode } from '../errors.ts';
import type { RuleId } from './rules.ts';

/**
 * The rule of policy.md that each refusal enforces, so a refusal can offer
 * the rule itself (`/policy <rule>`, TRN-1: "every refusal's rule code gets a
 * button that shows it"). Refusals of plain facts (no such id, a date in the
 * past, a role that may not) enforce no one rule and have none.
 */
export const REFUSAL_RULES: Partial<Record<PolicyErrorCode, RuleId>> = {
  not_client_insider: 'SEC-1',
  managers_only: 'CLI-1',
  export_managers_only: 'SEC-2',
  export_direct_only: 'SEC-2',
  wrong_region: 'LEAD-3',
  company_owned: 'LEAD-2',
  company_likely_duplicate: 'LEAD-2',
  contact_owned: 'LEAD-2',
  grade_confirm_own: 'CLI-1',
  grade_confirmers_only: 'CLI-1',
  not_account_manager: 'CLI-2',
  no_approver: 'EXP-1',
  top_approver_needed: 'EXP-1',
  delegate_cannot_approve: 'EXP-1',
  promo_start_past: 'PROMO-1',
  deal_open_exists: 'PIPE-1',
  not_deal_insider: 'SEC-1',
  deal_stage_moved: 'PIPE-1',
  deal_needs_incomplete: 'PIPE-2',
  deal_proposal_incomplete: 'PIPE-3',
  deal_contract_unsigned: 'PIPE-4',
  deal_contract_in_progress: 'PIPE-4',
  deal_needs_locked: 'PIPE-2',
  deal_proposal_locked: 'PIPE-3',
  not_payment_recorder: 'CON-3',
  payment_before_signing: 'CON-3',
  month_not_ended: 'KPI-3',
  deal_not_negotiating: 'PIPE-4',
  contract_terms_broken: 'CON-1',
  not_contract_insider: 'SEC-1',
  contract_cannot_submit: 'CON-2',
  contract_not_approved: 'CON-2',
  contract_not_signed: 'CON-3',
  payment_over_amount: 'CON-3',
  month_locked: 'KPI-3',
  ticket_needs_response: 'CLI-4',
  goal_changed: 'KPI-2',
  latest_review_passed: 'KPI-4',
  not_your_report: 'KPI-1',
  no_targets: 'KPI-1',
  no_failed_review: 'KPI-4',
  goal_already_agreed: 'KPI-2',
  no_goal: 'KPI-2',
  month_in_future: 'KPI-3',
  month_already_locked: 'KPI-3',
};

export const ruleOfRefusal = (code: PolicyErrorCode): RuleId | null => REFUSAL_RULES[code] ?? null;
