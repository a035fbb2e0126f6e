/** One acknowledgement (TRN-1): a person read and accepted one rule (or the confidentiality clause) at one version. */
export interface PolicyAck {
  personId: string;
  item: string;
  version: string;
  acknowledgedAt: Date;
}

/** The acknowledgements of the policy, kept per person, item and version (a later version is a new row; the old ones stay as history). */
export interface PolicyAcksPort {
  /** Every acknowledgement of these people. */
  acksOf(personIds: readonly string[]): Promise<PolicyAck[]>;
  /** Records these items at these versions for the person; one already recorded stays as it was. Returns how many were new. */
  record(personId: string, items: readonly { item: string; version: string }[], at: Date): Promise<number>;
}
