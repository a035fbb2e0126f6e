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

  it('sends at most 1,000 in a minute', async () => {
    const { limiter, now } = limiterOnFakeClock({ perSecond: 1000, perMinute: 1000, perRecipientPerSecond: 1000 });
    for (let i = 0; i < 1000; i++) await limiter.acquire(`ou_${i % 100}`);
    expect(now()).toBe(0);
    await limiter.acquire('ou_late');
    expect(now()).toBe(60_000);
  });
});
