import { benchChartRender } from './chart-render.ts';
import { benchFeishuDelivery } from './feishu-delivery.ts';
import { benchNudgePlanning } from './nudge-plan.ts';
import { benchSlackLead, RATE } from './slack-lead.ts';
import type { LoadResult } from './load.ts';

/**
 * `npm run bench`: the benchmarks, on the real PostgreSQL
 * (BENCH_DATABASE_URL, else TEST_DATABASE_URL, else the local server).
 * BENCH_ONLY=slack, nudge, delivery or charts runs one of them.
 */
const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';
const only = process.env.BENCH_ONLY;
let met = true;

const cpu = (r: LoadResult) =>
  r.processCpuMsPerRequest === undefined ? '' : `   CPU/request: server ${r.processCpuMsPerRequest.toFixed(2)} ms, PostgreSQL ${r.databaseCpuMsPerRequest?.toFixed(2)} ms`;
const row = (name: string, r: LoadResult) =>
  `${name.padEnd(28)} ${r.throughput.toFixed(0).padStart(7)} req/s   p50 ${r.p50.toFixed(1).padStart(6)} ms   p99 ${r.p99.toFixed(1).padStart(6)} ms   errors ${r.errors}/${r.requests}${cpu(r)}`;

if (!only || only === 'slack') {
  const { bot, bare } = await benchSlackLead(adminUrl);
  const ratio = bot.capacity.throughput / bare.capacity.throughput;
  const errors = bot.capacity.errors + bot.atRate.errors;
  const ok = ratio >= 0.5 && bot.atRate.p99 < 100 && errors === 0;
  met &&= ok;
  const connections = process.env.BENCH_CONNECTIONS ?? 24;
  console.log(`Slack /lead from 200 users over ${connections} connections, ${process.env.BENCH_SECONDS ?? 5} s each, real PostgreSQL`);
  console.log('capacity (closed loop: each connection sends its next request when answered)');
  console.log(row('  bot (policy, encryption)', bot.capacity));
  console.log(row('  bare Bolt (insert + count)', bare.capacity));
  console.log(`latency at ${RATE} requests/s (open loop, counted from when each request fell due)`);
  console.log(row('  bot (policy, encryption)', bot.atRate));
  console.log(row('  bare Bolt (insert + count)', bare.atRate));
  console.log(
    `throughput ratio ${ratio.toFixed(2)} (target ≥ 0.50); bot p99 at ${RATE}/s ${bot.atRate.p99.toFixed(1)} ms (target < 100 ms); ` +
      `bot errors ${errors} (target 0): ${ok ? 'met' : 'MISSED'}`,
  );
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

if (!only || only === 'charts') {
  const r = await benchChartRender();
  // The picture follows the reply, so its budget is a person's patience, not Slack's 3 s: well under a second.
  const ok = r.svgMs + r.pngMs < 500;
  met &&= ok;
  console.log(`\nDrawing a leaderboard of 10 people as a PNG (Slack's chart pictures), 960×540, ${r.bytes} bytes`);
  console.log(`layout (ECharts SVG) ${r.svgMs.toFixed(1)} ms + PNG (resvg) ${r.pngMs.toFixed(1)} ms a chart (target < 500 ms); from the cache ${r.cachedMs.toFixed(2)} ms: ${ok ? 'met' : 'MISSED'}`);
}

process.exitCode = met ? 0 : 1;
