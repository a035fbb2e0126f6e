import { join } from 'node:path';
import { z } from 'zod';
import { LOCALES } from '../core/people.ts';
import { ConfigError } from './config-error.ts';
import { PROJECT_ROOT } from './project-root.ts';

/** The environment of contract.md, checked once at start. */
export interface Env {
  databaseUrl: string | undefined;
  dataDir: string;
  dataKey: string | undefined;
  dataKeyPrevious: string | undefined;
  orgFile: string;
  policyFile: string | undefined;
  port: number;
  timezone: string;
  locale: (typeof LOCALES)[number];
  slack: { botToken: string; signingSecret: string | undefined; appToken: string | undefined; apiUrl: string | undefined } | null;
  feishu: {
    appId: string;
    appSecret: string;
    encryptKey: string | undefined;
    verificationToken: string | undefined;
    mode: 'ws' | 'webhook';
    domain: string;
  } | null;
  scheduler: boolean;
  logLevel: string;
}

export const DEFAULT_ORG_FILE = join(PROJECT_ROOT, 'examples', 'org.yaml');

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optional = z.preprocess(blankToUndefined, z.string().optional());

const timezone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as Asia/Shanghai');

const schema = z.object({
  DATABASE_URL: z.preprocess(
    blankToUndefined,
    z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL').optional(),
  ),
  DATA_DIR: z.preprocess(blankToUndefined, z.string().default('./data')),
  DATA_KEY: optional,
  DATA_KEY_PREVIOUS: optional,
  ORG_FILE: z.preprocess(blankToUndefined, z.string().default(DEFAULT_ORG_FILE)),
  POLICY_FILE: optional,
  PORT: z.preprocess(blankToUndefined, z.coerce.number().int('must be a whole number').min(0).max(65535, 'must be a port from 0 to 65535').default(3000)),
  BOT_TIMEZONE: z.preprocess(blankToUndefined, timezone.default('Asia/Shanghai')),
  BOT_LOCALE: z.preprocess(blankToUndefined, z.enum(LOCALES, 'must be zh-CN or en').default('zh-CN')),
  SLACK_BOT_TOKEN: optional,
  SLACK_SIGNING_SECRET: optional,
  SLACK_APP_TOKEN: optional,
  SLACK_API_URL: z.preprocess(blankToUndefined, z.url('must be a URL').optional()),
  FEISHU_APP_ID: optional,
  FEISHU_APP_SECRET: optional,
  FEISHU_ENCRYPT_KEY: optional,
  FEISHU_VERIFICATION_TOKEN: optional,
  FEISHU_MODE: z.preprocess(blankToUndefined, z.enum(['ws', 'webhook'], 'must be ws or webhook').default('ws')),
  FEISHU_DOMAIN: z.preprocess(blankToUndefined, z.string().default('feishu')),
  SCHEDULER: z.preprocess(blankToUndefined, z.enum(['on', 'off'], 'must be on or off').default('on')),
  LOG_LEVEL: z.preprocess(
    blankToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'must be a pino level (error, warn, info, debug …)').default('info'),
  ),
});

/** Reads and checks the environment; the first problem stops the bot with one line naming the variable. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new ConfigError(`${String(first?.path[0] ?? 'environment')}: ${first?.message ?? 'is not valid'}`);
  }
  const e = parsed.data;
  const slack = e.SLACK_BOT_TOKEN
    ? { botToken: e.SLACK_BOT_TOKEN, signingSecret: e.SLACK_SIGNING_SECRET, appToken: e.SLACK_APP_TOKEN, apiUrl: e.SLACK_API_URL }
    : null;
  if (slack && !slack.signingSecret && !slack.appToken) {
    throw new ConfigError('SLACK_SIGNING_SECRET: required with SLACK_BOT_TOKEN (or set SLACK_APP_TOKEN for Socket Mode)');
  }
  if (!slack && (e.SLACK_SIGNING_SECRET || e.SLACK_APP_TOKEN)) {
    throw new ConfigError('SLACK_BOT_TOKEN: required when SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set');
  }
  if (e.FEISHU_APP_ID && !e.FEISHU_APP_SECRET) throw new ConfigError('FEISHU_APP_SECRET: required with FEISHU_APP_ID');
  if (!e.FEISHU_APP_ID && e.FEISHU_APP_SECRET) throw new ConfigError('FEISHU_APP_ID: required with FEISHU_APP_SECRET');
  const feishu = e.FEISHU_APP_ID && e.FEISHU_APP_SECRET
    ? {
        appId: e.FEISHU_APP_ID,
        appSecret: e.FEISHU_APP_SECRET,
        encryptKey: e.FEISHU_ENCRYPT_KEY,
        verificationToken: e.FEISHU_VERIFICATION_TOKEN,
        mode: e.FEISHU_MODE,
        domain: e.FEISHU_DOMAIN,
      }
    : null;
  if (feishu?.mode === 'webhook') {
    if (!feishu.encryptKey) throw new ConfigError('FEISHU_ENCRYPT_KEY: required when FEISHU_MODE=webhook');
    if (!feishu.verificationToken) throw new ConfigError('FEISHU_VERIFICATION_TOKEN: required when FEISHU_MODE=webhook');
  }
  return {
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    dataKey: e.DATA_KEY,
    dataKeyPrevious: e.DATA_KEY_PREVIOUS,
    orgFile: e.ORG_FILE,
    policyFile: e.POLICY_FILE,
    port: e.PORT,
    timezone: e.BOT_TIMEZONE,
    locale: e.BOT_LOCALE,
    slack,
    feishu,
    scheduler: e.SCHEDULER === 'on',
    logLevel: e.LOG_LEVEL,
  };
}

/** The console chat is the embedded default: no server database, no platform. */
export const isEmbeddedConsole = (env: Env): boolean => !env.databaseUrl && !env.slack && !env.feishu;
