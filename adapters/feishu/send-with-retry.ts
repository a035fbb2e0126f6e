/** Feishu's answers that mean "too fast, try later": HTTP 429 and these codes. */
const RATE_LIMIT_CODES = new Set([99991400, 230020]);

export class FeishuApiError extends Error {
  constructor(
    /** Feishu's own code from the body, or 0 when there was none. */
    readonly code: number,
    /** The HTTP status, or 0 when no answer came (network). */
    readonly status: number,
    message: string,
    readonly retryAfterMs: number | null = null,
  ) {
    super(`Feishu API error ${code || status}: ${message}`);
  }

  /** Feishu said "too fast": HTTP 429 or one of its rate-limit codes. */
  get rateLimited(): boolean {
    return this.status === 429 || RATE_LIMIT_CODES.has(this.code);
  }

  /** Worth another try: a rate limit, a server fault, or no answer at all. */
  get transient(): boolean {
    return this.status === 429 || RATE_LIMIT_CODES.has(this.code) || this.status >= 500 || this.status === 0;
  }
}

/** The SDK resolves `{code, msg}` for refusals and throws an axios error for HTTP failures. */
export function asFeishuError(error: unknown): FeishuApiError {
  if (error instanceof FeishuApiError) return error;
  const response = (error as { response?: { status?: number; headers?: Record<string, string>; data?: { code?: number; msg?: string } } }).response;
  if (!response) return new FeishuApiError(0, 0, error instanceof Error ? error.message : String(error));
  const reset = Number(response.headers?.['x-ogw-ratelimit-reset']);
  return new FeishuApiError(
    response.data?.code ?? 0,
    response.status ?? 0,
    response.data?.msg ?? 'HTTP error',
    Number.isFinite(reset) && reset > 0 ? reset * 1000 : null,
  );
}

export interface RetryPolicy {
  attempts: number;
  baseMs: number;
  /** Told of each rate-limit answer (the metrics count them). */
  onRateLimited?: () => void;
}

/**
 * Calls `send` until it succeeds: rate limits wait for Feishu's reset time
 * (else an exponential backoff), server faults back off too; any other
 * refusal (the user blocked the bot, a bad id) is thrown at once.
 */
export async function sendWithRetry<T>(send: () => Promise<{ code?: number; msg?: string; data?: T }>, policy: RetryPolicy): Promise<T | undefined> {
  for (let attempt = 1; ; attempt++) {
    try {
      const answer = await send();
      if (answer.code) throw new FeishuApiError(answer.code, 200, answer.msg ?? '');
      return answer.data;
    } catch (raw) {
      const error = asFeishuError(raw);
      if (error.rateLimited) policy.onRateLimited?.();
      if (!error.transient || attempt >= policy.attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, error.retryAfterMs ?? policy.baseMs * 2 ** (attempt - 1)));
    }
  }
}
