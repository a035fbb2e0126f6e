import { describe, expect, it } from 'vitest';
import { isEmbeddedConsole, readEnv } from '../../src/config/env.ts';

describe('the environment', () => {
  it('defaults to the embedded console on ./data, port 3000, Shanghai and Chinese', () => {
    const env = readEnv({});
    expect(env).toMatchObject({ dataDir: './data', port: 3000, timezone: 'Asia/Shanghai', locale: 'zh-CN', scheduler: true, slack: null, feishu: null });
    expect(env.orgFile).toMatch(/examples\/org\.yaml$/);
    expect(isEmbeddedConsole(env)).toBe(true);
  });

  it('treats blank variables as unset', () => {
    expect(readEnv({ DATABASE_URL: '', PORT: ' ' }).port).toBe(3000);
  });

  it.each([
    [{ PORT: 'eighty' }, /^PORT: /],
    [{ PORT: '70000' }, /^PORT: must be a port/],
    [{ BOT_LOCALE: 'fr' }, /^BOT_LOCALE: must be zh-CN or en/],
    [{ BOT_TIMEZONE: 'Mars/Olympus' }, /^BOT_TIMEZONE: must be an IANA time zone/],
    [{ DATABASE_URL: 'mysql://x' }, /^DATABASE_URL: must be a postgres/],
    [{ SCHEDULER: 'maybe' }, /^SCHEDULER: must be on or off/],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL: /],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, /^SLACK_SIGNING_SECRET: required/],
    [{ SLACK_SIGNING_SECRET: 's' }, /^SLACK_BOT_TOKEN: required/],
    [{ FEISHU_APP_ID: 'cli_1' }, /^FEISHU_APP_SECRET: required/],
    [{ FEISHU_APP_ID: 'cli_1', FEISHU_APP_SECRET: 's', FEISHU_MODE: 'webhook' }, /^FEISHU_ENCRYPT_KEY: required/],
  ])('stops on %o with one line naming the variable', (vars, message) => {
    expect(() => readEnv(vars)).toThrow(message);
  });

  it('leaves the console when a server database or a platform is configured', () => {
    expect(isEmbeddedConsole(readEnv({ DATABASE_URL: 'postgres://x/y' }))).toBe(false);
    expect(isEmbeddedConsole(readEnv({ FEISHU_APP_ID: 'cli_1', FEISHU_APP_SECRET: 's' }))).toBe(false);
    expect(isEmbeddedConsole(readEnv({ SLACK_BOT_TOKEN: 'xoxb', SLACK_APP_TOKEN: 'xapp' }))).toBe(false);
  });
});
