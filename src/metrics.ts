import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** What /metrics reads when it is asked: the outbox's backlog and the database pool, from their owners. */
export interface MetricSources {
  outbox(): Promise<{ pending: number; oldestPendingSeconds: number | null }>;
  pool?(): { total: number; idle: number; waiting: number } | null;
}

/**
 * The bot's Prometheus metrics (prom-client), built once in the composition
 * root. The places that count get plain callbacks (the bot loop's observe,
 * the dispatcher's and the schedule's observers), so no other folder
 * imports prom-client.
 */
export function createMetrics(sources: MetricSources) {
  const registry = new Registry();
  const commands = new Counter({ name: 'bot_commands_total', help: 'Commands handled, by kind and outcome', labelNames: ['kind', 'outcome'], registers: [registry] });
  const latency = new Histogram({
    name: 'bot_command_duration_seconds',
    help: 'Time from a command reaching the bot to its answer, by platform',
    labelNames: ['platform'],
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const deliveries = new Counter({ name: 'bot_deliveries_total', help: 'Outbox attempts, by platform and outcome (sent, retried, failed)', labelNames: ['platform', 'outcome'], registers: [registry] });
  const jobRuns = new Counter({ name: 'bot_job_runs_total', help: 'Scheduled job runs this instance took, by job and result', labelNames: ['job', 'result'], registers: [registry] });
  const jobDuration = new Histogram({ name: 'bot_job_duration_seconds', help: 'Duration of scheduled job runs', labelNames: ['job'], buckets: [0.1, 0.5, 1, 5, 15, 60, 300], registers: [registry] });
  const rateLimited = new Counter({ name: 'bot_rate_limited_total', help: 'Rate-limit answers from a platform (HTTP 429 and its codes)', labelNames: ['platform'], registers: [registry] });
  new Gauge({
    name: 'bot_outbox_backlog',
    help: 'Outbox rows not yet sent (pending or being sent)',
    registers: [registry],
    async collect() {
      this.set((await sources.outbox()).pending);
    },
  });
  new Gauge({
    name: 'bot_outbox_oldest_unsent_age_seconds',
    help: 'Age of the oldest outbox row not yet sent (0 when none)',
    registers: [registry],
    async collect() {
      this.set((await sources.outbox()).oldestPendingSeconds ?? 0);
    },
  });
  new Gauge({
    name: 'bot_db_pool_connections',
    help: 'Database pool connections, by state (total, idle, waiting clients)',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const pool = sources.pool?.();
      if (!pool) return;
      this.set({ state: 'total' }, pool.total);
      this.set({ state: 'idle' }, pool.idle);
      this.set({ state: 'waiting' }, pool.waiting);
    },
  });
  return {
    commandHandled(handled: { platform: string; kind: string; outcome: string; seconds: number }) {
      commands.inc({ kind: handled.kind, outcome: handled.outcome });
      latency.observe({ platform: handled.platform }, handled.seconds);
    },
    delivered(platform: string, outcome: string) {
      deliveries.inc({ platform, outcome });
    },
    jobRan(job: string, seconds: number, result: string) {
      jobRuns.inc({ job, result });
      jobDuration.observe({ job }, seconds);
    },
    rateLimited(platform: string) {
      rateLimited.inc({ platform });
    },
    contentType: registry.contentType,
    render: () => registry.metrics(),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
