import { pino, type Logger } from 'pino';

export type { Logger };

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
