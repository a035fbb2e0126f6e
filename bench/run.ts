import { benchSlackLead } from './slack-lead.ts';
import type { LoadResult } from './load.ts';

/**
 * `npm run bench`: the benchmarks, on the real PostgreSQL
 * (BENCH_DATABASE_URL, else TEST_DATABASE_URL, else the local server).
 */
const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';

const row = (name: string, r: LoadResult) =>
  `${name.padEnd(28)} ${r.throughput.toFixed(0).padStart(7)} req/s   p50 ${r.p50.toFixed(1).padStart(6)} ms   p99 ${r.p99.toFixed(1).padStart(6)} ms   errors ${r.errors}/${r.requests}`;

const { bot, bare } = await benchSlackLead(adminUrl);
const ratio = bot.throughput / bare.throughput;
console.log(`Slack /lead, ${process.env.BENCH_CONNECTIONS ?? 24} connections, ${process.env.BENCH_SECONDS ?? 5} s each, real PostgreSQL`);
console.log(row('bot (policy, encryption)', bot));
console.log(row('bare Bolt (insert + count)', bare));
console.log(`throughput ratio ${ratio.toFixed(2)} (target ≥ 0.50); bot p99 ${bot.p99.toFixed(1)} ms (target < 100 ms); bot errors ${bot.errors} (target 0)`);
const met = ratio >= 0.5 && bot.p99 < 100 && bot.errors === 0;
console.log(met ? 'target met' : 'TARGET MISSED');
process.exitCode = met ? 0 : 1;
