/**
 * A missing or malformed setting. The message is ONE line that names the
 * variable and says what is wrong, e.g.
 * `DATA_KEY: must be 32 bytes encoded in base64 (got 12 bytes); make one with: openssl rand -base64 32`.
 * main prints the message alone (no stack) and exits non-zero.
 */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Several problems of one file on one line; YAML messages carry line breaks of their own. */
export const oneLine = (problems: string[]): string => problems.map((p) => p.replace(/\s*\n\s*/g, ' ')).join(' | ');
