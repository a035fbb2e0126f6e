/**
 * What TRN-1 tells people on its own: part of the Notice union, put into
 * words by views/policy-notice-view.ts. Items are rule ids (and
 * 'confidentiality' for a partner's clause).
 */
export type PolicyAckNotice =
  /** To a person with something to acknowledge: everything when they are new, else the rules that changed. */
  | { kind: 'policy_ack_due'; items: string[]; changed: boolean }
  /** Weekly, to the department manager: who has not acknowledged, and how much (at most DIGEST_NAMES named). */
  | { kind: 'policy_ack_digest'; items: { name: string; region: string; pending: number }[]; more: number; covered: number };
