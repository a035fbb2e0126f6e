import { benchChartRender } from './chart-render.ts';
import { benchFeishuDelivery } from './feishu-delivery.ts';
import { benchFootprint } from './footprint.ts';
import { benchNudgePlanning } from './nudge-plan.ts';
import { benchReview } from './review.ts';
import { benchSlackLead, RATE } from './slack-lead.ts';
import type { LoadResult } from './load.ts';

/**
 * `npm run bench`: the benchmarks, on the real PostgreSQL
 * (BENCH_DATABASE_URL, else TEST_DATABASE_URL, else the local server), each
 * with its details, then one table of every figure beside its target.
 * BENCH_ONLY=slack, footprint, review, nudge, delivery or charts (comma-separated) runs some of them.
 */
const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';
const only = process.env.BENCH_ONLY?.split(',');
const runs = (name: string) => !only || only.includes(name);

interface Row {
  figure: string;
  measured: string;
  target: string;
  /** null: a figure shown for comparison, with no target of its own. */
  met: boolean | null;
}
const table: Row[] = [];
const add = (figure: string, measured: string, target: string, met: boolean | null) => table.push({ figure, measured, target, met });
const ms = (n: number) => `${n.toFixed(n < 10 ? 1 : 0)} ms`;
const mb = (n: number) => `${n.toFixed(0)} MB`;

const cpu = (r: LoadResult) =>
  r.processCpuMsPerRequest === undefined ? '' : `   CPU/request: server ${r.processCpuMsPerRequest.toFixed(2)} ms, PostgreSQL ${r.databaseCpuMsPerRequest?.toFixed(2)} ms`;
const row = (name: string, r: LoadResult) =>
  `${name.padEnd(28)} ${r.throughput.toFixed(0).padStart(7)} req/s   p50 ${r.p50.toFixed(1).padStart(6)} ms   p99 ${r.p99.toFixed(1).padStart(6)} ms   errors ${r.errors}/${r.requests}${cpu(r)}`;

if (runs('slack')) {
  const { bot, bare } = await benchSlackLead(adminUrl);
  const ratio = bot.capacity.throughput / bare.capacity.throughput;
  const p99Ratio = bot.atRate.p99 / bare.atRate.p99;
  const errors = bot.capacity.errors + bot.atRate.errors;
  const connections = process.env.BENCH_CONNECTIONS ?? 24;
  console.log(`Slack /lead from 200 users over ${connections} connections, ${process.env.BENCH_SECONDS ?? 5} s each, real PostgreSQL`);
  console.log('capacity (closed loop: each connection sends its next request when answered)');
  console.log(row('  bot (policy, encryption)', bot.capacity));
  console.log(row('  bare Bolt (insert + count)', bare.capacity));
  console.log(`latency at ${RATE} requests/s (open loop, counted from when each request fell due)`);
  console.log(row('  bot (policy, encryption)', bot.atRate));
  console.log(row('  bare Bolt (insert + count)', bare.atRate));
  add('/lead throughput, bot ÷ bare Bolt', `${ratio.toFixed(2)} (${bot.capacity.throughput.toFixed(0)} ÷ ${bare.capacity.throughput.toFixed(0)} req/s)`, '≥ 0.50', ratio >= 0.5);
  add(`/lead p99 at ${RATE}/s`, ms(bot.atRate.p99), '< 100 ms', bot.atRate.p99 < 100);
  add(`/lead p99 at ${RATE}/s, bot ÷ bare Bolt`, `${p99Ratio.toFixed(2)} (${ms(bot.atRate.p99)} ÷ ${ms(bare.atRate.p99)})`, 'shown', null);
  add('/lead errors', `${errors} of ${bot.capacity.requests + bot.atRate.requests}`, '0', errors === 0);
}

if (runs('footprint')) {
  for (const f of await benchFootprint(adminUrl)) {
    const where = f.database === 'postgres' ? 'PostgreSQL' : 'embedded (PGlite)';
    console.log(`\nnpm start (Slack over HTTP) on ${where}: healthy ${ms(f.firstStartMs)} after the first start (migrations), ${ms(f.restartMs)} after a restart`);
    console.log(`  RSS at rest ${mb(f.idleMb)}, at most ${mb(f.loadPeakMb)} under /lead (${f.load.throughput.toFixed(0)} req/s, ${f.load.errors} errors), ${mb(f.afterLoadMb)} after`);
    if (f.database === 'postgres') {
      add('start-up to healthy, PostgreSQL (restart)', ms(f.restartMs), '< 3000 ms', f.restartMs < 3000);
      add('idle RSS, PostgreSQL', mb(f.idleMb), '< 150 MB', f.idleMb < 150);
      add('RSS under /lead load, PostgreSQL', mb(f.loadPeakMb), 'shown', null);
    } else {
      add('start-up to healthy, embedded (restart)', ms(f.restartMs), 'shown', null);
      add('idle RSS, embedded', mb(f.idleMb), 'shown (PGlite’s cost: see README)', null);
      add('RSS under /lead load, embedded', mb(f.loadPeakMb), 'shown', null);
    }
  }
}

if (runs('review')) {
  const r = await benchReview(adminUrl);
  console.log(`\n${r.people} reviewed people in ${r.regions} regions, a year of data (${r.leads} leads, ${r.contracts} signed contracts, ${r.payments} payments), real PostgreSQL`);
  console.log(`  quarterly review of ${r.quarter} (with the year's bonus ranking): ${ms(r.reviewMs)}, ${r.queued} notices queued`);
  console.log(`  /kpi team of a region of ${r.teamSize}: ${ms(r.teamMs)} (best of runs 2–${r.teamRuns}; slowest ${ms(r.teamSlowestMs)})`);
  add(`quarterly review, ${r.people} people, a year`, ms(r.reviewMs), '< 2000 ms', r.reviewMs < 2000);
  add(`/kpi team, region of ${r.teamSize}, a year`, ms(r.teamSlowestMs), '< 500 ms', r.teamSlowestMs < 500);
}

if (runs('nudge')) {
  const r = await benchNudgePlanning(adminUrl);
  console.log(`\nPlanning daily-leads-nudge: ${r.people} salespeople, ${r.leads} leads, real PostgreSQL`);
  console.log(`  queued ${r.queued} in ${ms(r.ms)}; a second run queued ${r.secondQueued} in ${ms(r.secondMs)}`);
  add(`daily-leads-nudge plan, ${r.people} people`, ms(r.ms), '< 1000 ms', r.ms < 1000);
}

if (runs('delivery')) {
  const r = await benchFeishuDelivery(adminUrl);
  const ok = r.ofLimit >= 0.9 && r.rateLimited <= 1;
  console.log(`\nDraining ${r.messages} outbox messages to a fake Feishu that refuses with 429 above 50/s and 1,000/min`);
  console.log(`  ${r.seconds.toFixed(1)} s, ${r.perSecond.toFixed(1)} messages/s; the limits allow at most ${r.allowedPerSecond.toFixed(1)}/s over ${r.messages}; 429 answers: ${r.rateLimited}`);
  add(`outbox drain, ${r.messages} messages to Feishu`, `${(r.ofLimit * 100).toFixed(0)}% of the limit, ${r.rateLimited} × 429`, '≥ 90%, no 429 after the first', ok);
}

if (runs('charts')) {
  const r = await benchChartRender();
  console.log(`\nDrawing a leaderboard of 10 people as a PNG (Slack's chart pictures), 960×540, ${r.bytes} bytes`);
  console.log(`layout (ECharts SVG) ${ms(r.svgMs)} + PNG (resvg) ${ms(r.pngMs)} a chart; from the cache ${r.cachedMs.toFixed(2)} ms`);
  // The picture follows the reply, so its budget is a person's patience, not Slack's 3 s: well under a second.
  add('a chart drawn as a PNG (layout + PNG)', ms(r.svgMs + r.pngMs), '< 500 ms', r.svgMs + r.pngMs < 500);
}

const width = (k: keyof Row) => Math.max(k.length, ...table.map((r) => String(r[k]).length));
const [wf, wm, wt] = [width('figure'), width('measured'), width('target')];
console.log(`\n${'figure'.padEnd(wf)}  ${'measured'.padEnd(wm)}  ${'target'.padEnd(wt)}  result`);
for (const r of table) console.log(`${r.figure.padEnd(wf)}  ${r.measured.padEnd(wm)}  ${r.target.padEnd(wt)}  ${r.met === null ? '-' : r.met ? 'met' : 'MISSED'}`);
process.exitCode = table.every((r) => r.met !== false) ? 0 : 1;
