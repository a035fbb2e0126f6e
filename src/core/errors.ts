/**
 * Every expected refusal of the policy core, as one string-literal union.
 * Adapters turn each into a sentence through i18n (views/refusal-text.ts),
 * with an exhaustive switch, so adding a code here fails the build until it
 * has words in both languages.
 */
export const POLICY_ERROR_CODES = [
  'not_in_directory',
  'not_allowed',
  'not_client_insider',
  'managers_only',
  'company_too_long',
  'unknown_region',
  'wrong_region',
  'company_owned',
  'contact_owned',
  'client_not_found',
  'reason_required',
  'person_not_found',
  'not_account_manager',
  'no_approver',
  'approval_not_found',
  'not_your_step',
  'already_decided',
  'not_requester',
  'delegate_self',
  'until_past',
  'leave_order',
  // ── deals ──

  // ── contracts and payments ──

  // ── tickets ──

  // ── performance ──
  'not_your_report',
  'no_targets',
  'no_failed_review',
  'goal_already_agreed',
  'no_goal',
  'month_in_future',
  'month_already_locked',
] as const;
export type PolicyErrorCode = (typeof POLICY_ERROR_CODES)[number];
