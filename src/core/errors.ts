import type { Refusal, Result } from './result.ts';

/**
 * Every expected refusal of the policy core, as one string-literal union.
 * The views turn each into a sentence through i18n (refusalView in
 * src/views/problem-views.ts), whose key `refusal.<code>` the compiler checks
 * against the catalogs, so adding a code here fails the build until it has
 * words in both languages.
 */
export const POLICY_ERROR_CODES = [
  'not_in_directory',
  'not_allowed',
  'not_client_insider',
  'managers_only',
  'export_managers_only',
  'export_direct_only',
  'export_too_many_rows',
  'company_too_long',
  'unknown_region',
  'wrong_region',
  'company_owned',
  'company_likely_duplicate',
  'held_lead_not_found',
  'held_lead_decided',
  'contact_owned',
  'client_not_found',
  'client_ambiguous',
  'reason_required',
  'person_not_found',
  'not_account_manager',
  'grade_change_not_pending',
  'grade_confirm_own',
  'grade_confirmers_only',
  'no_approver',
  'top_approver_needed',
  'promo_start_past',
  'approval_not_found',
  'not_your_step',
  'already_decided',
  'not_requester',
  'delegate_self',
  'delegate_cannot_approve',
  'until_past',
  'leave_order',
  // A platform delivered a command again that had had its effect already.
  'already_handled',
  // ── deals ──
  'deal_not_found',
  'deal_open_exists',
  'not_deal_insider',
  'deal_closed',
  'deal_stage_moved',
  'deal_needs_incomplete',
  'deal_proposal_incomplete',
  'deal_contract_unsigned',
  'deal_contract_in_progress',
  'deal_needs_locked',
  'deal_proposal_locked',

  // ── contracts and payments ──
  'not_payment_recorder',
  'payment_before_signing',
  'month_not_ended',
  'deal_not_negotiating',
  'contract_terms_broken',
  'contract_in_progress',
  'contract_not_found',
  'not_contract_insider',
  'contract_cannot_submit',
  'contract_not_approved',
  /** PIPE-4: a paper contract is signed with its number, or its archive could not find it. */
  'sign_ref_required',
  'contract_not_signed',
  'payment_over_amount',
  'payment_date_future',
  'month_locked',

  // ── tickets ──
  'ticket_not_found',
  'ticket_closed',
  'ticket_needs_response',

  // ── performance ──
  'goal_changed',
  'latest_review_passed',
  'not_your_report',
  'no_targets',
  'no_failed_review',
  'goal_already_agreed',
  'no_goal',
  'month_in_future',
  'month_already_locked',
] as const;
export type PolicyErrorCode = (typeof POLICY_ERROR_CODES)[number];

/** What a use case answers: its value, or one of the refusals above. */
export type CoreResult<T> = Result<T, PolicyErrorCode>;
export type CoreRefusal = Refusal<PolicyErrorCode>;
