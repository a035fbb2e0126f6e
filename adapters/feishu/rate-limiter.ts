/**
 * Feishu's sending limits for one app: 50 messages a second and 1,000 a
 * minute in all, 5 a second to one person. `acquire` waits until a message
 * may go, so the platform is not asked to refuse it.
 */
export interface SendLimits {
  perSecond: number;
  perMinute: number;
  perRecipientPerSecond: number;
}

// Below Feishu's 50 a second and 1,000 a minute: we count a message when it
// leaves, Feishu when it arrives, and the time between varies by some
// milliseconds; at exactly 1,000 a minute a message that arrives a little
// faster than the one a minute before it is refused (the 10,000-message
// drain of bench/feishu-delivery.ts drew such 429s at each minute's edge).
// A 429 costs a whole second of waiting; the margin costs 1% of the pace.
export const FEISHU_LIMITS: SendLimits = { perSecond: 48, perMinute: 990, perRecipientPerSecond: 5 };

export class SendRateLimiter {
  private readonly sent: number[] = [];
  private readonly byRecipient = new Map<string, number[]>();

  constructor(
    private readonly limits: SendLimits = FEISHU_LIMITS,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /**
   * Resolves when a message to `recipient` may be sent. Each caller waits for
   * its own limit only: a recipient at 5 a second does not hold up the others.
   * Checking and taking a slot happen in one tick, so no two callers take the same.
   */
  async acquire(recipient: string): Promise<void> {
    for (;;) {
      const t = this.now();
      const recent = prune(this.sent, t - 60_000);
      const mine = prune(this.byRecipient.get(recipient) ?? [], t - 1000);
      const lastSecond = recent.filter((s) => s > t - 1000);
      const delay = Math.max(
        lastSecond.length >= this.limits.perSecond ? lastSecond[lastSecond.length - this.limits.perSecond]! + 1000 - t : 0,
        recent.length >= this.limits.perMinute ? recent[recent.length - this.limits.perMinute]! + 60_000 - t : 0,
        mine.length >= this.limits.perRecipientPerSecond ? mine[mine.length - this.limits.perRecipientPerSecond]! + 1000 - t : 0,
      );
      if (delay <= 0) {
        this.sent.push(t);
        this.byRecipient.set(recipient, [...mine, t]);
        return;
      }
      await this.sleep(delay);
    }
  }
}

/** Drops timestamps older than `since` in place (they are in order) and returns the array. */
function prune(times: number[], since: number): number[] {
  let drop = 0;
  while (drop < times.length && times[drop]! <= since) drop++;
  times.splice(0, drop);
  return times;
}
