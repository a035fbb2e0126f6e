/**
 * Two kinds of load. Closed loop (no `rate`): `connections` workers send
 * requests back to back for `seconds`, which measures capacity; its latency
 * is only the queue in front of a saturated server (Little's law: latency ≈
 * connections ÷ throughput). Open loop (`rate` per second): requests fall
 * due on a fixed schedule and are sent over at most `connections` at once,
 * which measures the latency a person sees at that load; each latency counts
 * from when the request was due, so a server that falls behind is charged
 * for the wait too.
 */
export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  throughput: number;
  p50: number;
  p99: number;
  /** Filled in by benchmarks that can see the serving process and the database. */
  processCpuMsPerRequest?: number;
  databaseCpuMsPerRequest?: number;
}

export async function runLoad(opts: {
  connections: number;
  seconds: number;
  /** Requests per second on a fixed schedule; without it, as fast as the server answers. */
  rate?: number;
  /** Sends request number `n`; resolves true when it succeeded. */
  send(n: number): Promise<boolean>;
}): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const deadline = started + opts.seconds * 1000;
  const { rate } = opts;
  const total = rate ? Math.round(rate * opts.seconds) : Infinity;
  const worker = async () => {
    while (rate ? next < total : performance.now() < deadline) {
      const n = next++;
      const due = rate ? started + (n * 1000) / rate : performance.now();
      if (due > performance.now()) await new Promise((resolve) => setTimeout(resolve, due - performance.now()));
      const ok = await opts.send(n).catch(() => false);
      latencies.push(performance.now() - due);
      if (!ok) errors++;
    }
  };
  await Promise.all(Array.from({ length: opts.connections }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { requests: latencies.length, errors, seconds, throughput: latencies.length / seconds, p50: at(0.5), p99: at(0.99) };
}
