/**
 * Which platform deliveries (a Slack trigger or event id, a Feishu event_id)
 * have had their effect. A command's claim is written in the transaction of
 * its effect, so the two commit, or roll back, together.
 */
export interface DeliveriesPort {
  /** True the first time `source`/`id` is claimed; false when it was claimed before. */
  claim(source: string, id: string, at: Date): Promise<boolean>;
}
