import { pino } from 'pino';

/** A log line: structured fields first (ids and codes), then a short message. */
type LogMethod = (fields: object, message?: string) => void;

/**
 * What the house logs with: only this file knows it is pino. The bot, the
 * jobs and the adapters depend on these few methods, so a test can hand them
 * any logger and the logging library could change here alone.
 */
export interface Logger {
  info: LogMethod;
  warn: LogMethod;
  error: LogMethod;
  /** The same logger with fields added to every line (`{ platform: 'slack' }`). */
  child(bindings: Record<string, unknown>): Logger;
  /** Writes what is buffered; called before the process exits. */
  flush(): void;
}

/**
 * Structured logs with no contact data: code logs ids and codes, never what a
 * person typed; the redaction below is a second line of defence.
 */
export function createLogger(level: string, destination?: string): Logger {
  return pino(
    {
      level,
      base: { app: 'policy-bot' },
      redact: {
        paths: ['phone', 'email', 'contact', 'text', '*.phone', '*.email', '*.contact', '*.text'],
        censor: '[redacted]',
      },
    },
    // Synchronous: the file must be open before an early exit flushes it.
    destination ? pino.destination({ dest: destination, mkdir: true, sync: true }) : pino.destination(2),
  );
}
