/** A closed-loop load: `connections` workers send requests back to back for `seconds`. */
export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  throughput: number;
  p50: number;
  p99: number;
}

export async function runLoad(opts: {
  connections: number;
  seconds: number;
  /** Sends request number `n`; resolves true when it succeeded. */
  send(n: number): Promise<boolean>;
}): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const deadline = started + opts.seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const n = next++;
      const t0 = performance.now();
      const ok = await opts.send(n).catch(() => false);
      latencies.push(performance.now() - t0);
      if (!ok) errors++;
    }
  };
  await Promise.all(Array.from({ length: opts.connections }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { requests: latencies.length, errors, seconds, throughput: latencies.length / seconds, p50: at(0.5), p99: at(0.99) };
}
