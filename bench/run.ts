import { benchFeishuDelivery } from './feishu-delivery.ts';
import { benchNudgePlanning } from './nudge-plan.ts';
import { benchSlackLead } from './slack-lead.ts';
import type { LoadResult } from './load.ts';

/**
 * `npm run bench`: the benchmarks, on the real PostgreSQL
 * (BENCH_DATABASE_URL, else TEST_DATABASE_URL, else the local server).
 * BENCH_ONLY=slack, nudge or delivery runs one of them.
 */
const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';
const only = process.env.BENCH_ONLY;
let met = true;

const row = (name: string, r: LoadResult) =>
  `${name.padEnd(28)} ${r.throughput.toFixed(0).padStart(7)} req/s   p50 ${r.p50.toFixed(1).padStart(6)} ms   p99 ${r.p99.toFixed(1).padStart(6)} ms   errors ${r.errors}/${r.requests}`;

if (!only || only === 'slack') {
  const { bot, bare } = await benchSlackLead(adminUrl);
  const ratio = bot.throughput / bare.throughput;
  const ok = ratio >= 0.5 && bot.p99 < 100 && bot.errors === 0;
  met &&= ok;
  console.log(`Slack /lead, ${process.env.BENCH_CONNECTIONS ?? 24} connections, ${process.env.BENCH_SECONDS ?? 5} s each, real PostgreSQL`);
  console.log(row('bot (policy, encryption)', bot));
  console.log(row('bare Bolt (insert + count)', bare));
  console.log(`throughput ratio ${ratio.toFixed(2)} (target ≥ 0.50); bot p99 ${bot.p99.toFixed(1)} ms (target < 100 ms); bot errors ${bot.errors} (target 0): ${ok ? 'met' : 'MISSED'}`);
}

if (!only || only === 'nudge') {
  const r = await benchNudgePlanning(adminUrl);
  const ok = r.ms < 1000;
  met &&= ok;
  console.log(`\nPlanning daily-leads-nudge: ${r.people} salespeople, ${r.leads} leads, real PostgreSQL`);
  console.log(`queued ${r.queued} in ${r.ms.toFixed(0)} ms (target < 1000 ms): ${ok ? 'met' : 'MISSED'}; a second run queued ${r.secondQueued} in ${r.secondMs.toFixed(0)} ms`);
}

if (!only || only === 'delivery') {
  const r = await benchFeishuDelivery(adminUrl);
  const ok = r.perSecond >= 0.9 * r.allowed && r.rateLimited <= 1;
  met &&= ok;
  console.log(`\nDelivering ${r.messages} outbox messages to a fake Feishu that allows ${r.allowed}/s`);
  console.log(`${r.perSecond.toFixed(1)} messages/s (${((r.perSecond / r.allowed) * 100).toFixed(0)}% of the allowed rate, target ≥ 90%); 429 answers: ${r.rateLimited} (target: none after the first): ${ok ? 'met' : 'MISSED'}`);
}

process.exitCode = met ? 0 : 1;
