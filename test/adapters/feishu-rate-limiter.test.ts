import { describe, expect, it } from 'vitest';
import { SendRateLimiter } from '../../adapters/feishu/rate-limiter.ts';

/** A limiter on a hand-moved clock: sleeping moves the clock, so tests take no time. */
function limiterOnFakeClock(limits = { perSecond: 50, perMinute: 1000, perRecipientPerSecond: 5 }) {
  let now = 0;
  const limiter = new SendRateLimiter(limits, () => now, async (ms) => void (now += ms));
  return { limiter, now: () => now };
}

describe("keeping to Feishu's sending limits", () => {
  it('sends 5 messages a second to one person, and waits for the sixth', async () => {
    const { limiter, now } = limiterOnFakeClock();
    const times: number[] = [];
    for (let i = 0; i < 11; i++) {
      await limiter.acquire('ou_a');
      times.push(now());
    }
    expect(times.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(times[5]).toBe(1000);
    expect(times[10]).toBe(2000);
  });

  it('sends 50 a second across people, then waits', async () => {
    const { limiter, now } = limiterOnFakeClock();
    for (let i = 0; i < 50; i++) await limiter.acquire(`ou_${i}`);
    expect(now()).toBe(0);
    await limiter.acquire('ou_more');
    expect(now()).toBe(1000);
  });

  it('does not make others wait behind one busy recipient', async () => {
    // The real clock: waiters sleep side by side here, which a hand-moved clock cannot show.
    const limiter = new SendRateLimiter();
    const started = Date.now();
    const times: Record<string, number> = {};
    const busy = Array.from({ length: 7 }, (_, i) => limiter.acquire('ou_busy').then(() => (times[`busy${i}`] = Date.now() - started)));
    const other = limiter.acquire('ou_other').then(() => (times.other = Date.now() - started));
    await Promise.all([...busy, other]);
    expect(times.other).toBeLessThan(100);
    expect(times.busy6).toBeGreaterThanOrEqual(950);
  });

  it('sends at most 1,000 in a minute', async () => {
    const { limiter, now } = limiterOnFakeClock({ perSecond: 1000, perMinute: 1000, perRecipientPerSecond: 1000 });
    for (let i = 0; i < 1000; i++) await limiter.acquire(`ou_${i % 100}`);
    expect(now()).toBe(0);
    await limiter.acquire('ou_late');
    expect(now()).toBe(60_000);
  });
});
