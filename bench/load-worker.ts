import { slackSignature, slashCommand } from '../test/fakes/slack-signing.ts';
import { runLoad } from './load.ts';

/**
 * The load generator in a process of its own, so that building, signing and
 * sending requests does not share the event loop of the server it measures.
 * Its settings come as JSON in LOAD_SETTINGS; its result goes out as JSON.
 */
const { url, secret, users, connections, seconds, rate, first, bare, userPrefix } = JSON.parse(process.env.LOAD_SETTINGS ?? '{}') as {
  url: string;
  secret: string;
  users: number;
  connections: number;
  seconds: number;
  /** Open loop at this many requests a second; closed loop without it. */
  rate?: number;
  /** Number of the first company, so that a second run reports new ones. */
  first: number;
  bare: boolean;
  /** Slack user ids are this and the user's number (default U_SALES). */
  userPrefix?: string;
};

const body = (i: number) => {
  const n = first + i;
  return slashCommand({
    command: '/lead',
    text: bare ? `压测公司${n}` : `压测公司${n} 联系人:王${n} 电话:+86 139${String(n).padStart(8, '0')} 规模:100人 行业地位:龙头`,
    user_id: `${userPrefix ?? 'U_SALES'}${n % users}`,
  }).body;
};

const result = await runLoad({
  connections,
  seconds,
  ...(rate ? { rate } : {}),
  async send(n) {
    const payload = body(n);
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...slackSignature(secret, payload) },
      body: payload,
    });
    const json = (await res.json()) as { text?: string; blocks?: unknown };
    return res.status === 200 && (bare ? String(json.text).startsWith('saved') : JSON.stringify(json).includes('今日进度'));
  },
});
process.stdout.write(JSON.stringify(result));
