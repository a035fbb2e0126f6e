/**
 * Remembers which platform deliveries (a Slack event id, a Feishu event_id)
 * have been handled, so a redelivery has its effect once.
 */
export interface DeliveryLog {
  /** True the first time `source`/`id` is seen; false for every copy after it. */
  firstTime(source: string, id: string): Promise<boolean>;
}
