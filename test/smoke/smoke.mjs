// The smoke test of a Node version (run by .ci/smoke-node.sh with that Node first on PATH, in a
// fresh copy of the project where `npm ci` has just run): the console chat saves a lead typed on
// stdin, and a Slack bot over HTTP answers one signed slash command and refuses a badly signed one.
// Plain JavaScript, so it needs nothing but the Node under test.
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TIMEOUT_MS = 120_000;
const KEY = Buffer.alloc(32, 7).toString('base64');
const SECRET = 'smoke-signing-secret';
const LEAD = '/lead 杭州云栖数据有限公司 contact:王经理 phone:13800130000 size:200人 position:区域龙头';
const SAVED = '线索已保存';
const folders = [];

function fail(message) {
  for (const f of folders) rmSync(f, { recursive: true, force: true });
  process.stderr.write(`smoke (node ${process.version}): ${message}\n`);
  process.exit(1);
}

function npmStart(env) {
  const dataDir = mkdtempSync(join(tmpdir(), 'smoke-'));
  folders.push(dataDir);
  const child = spawn('npm', ['start', '--silent'], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME ?? tmpdir(), DATA_DIR: dataDir, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c) => (out += c));
  child.stderr.on('data', (c) => (out += c));
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  const timer = setTimeout(() => {
    child.kill('SIGKILL');
    fail(`npm start did not finish in ${TIMEOUT_MS} ms:\n${out}`);
  }, TIMEOUT_MS);
  void exited.then(() => clearTimeout(timer));
  return { child, exited, output: () => out };
}

async function consoleLead() {
  const bot = npmStart({ PORT: '0' });
  bot.child.stdin.end(`${LEAD}\n`);
  const code = await bot.exited;
  if (code !== 0 || !bot.output().includes(SAVED)) fail(`the console did not save the lead (exit ${code}):\n${bot.output()}`);
}

/** A stand-in for Slack's Web API and the command's response_url: everything is ok; what is posted is kept. */
async function fakeSlack() {
  const posted = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      posted.push(decodeURIComponent(body));
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ ok: true, channel: 'D_SMOKE', ts: '1.000001', user_id: 'U_POLICY_BOT', bot_id: 'B_POLICY_BOT' }));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, posted, close: () => server.close() };
}

function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function signedSlashCommand() {
  const slack = await fakeSlack();
  const port = await freePort();
  const bot = npmStart({ PORT: String(port), DATA_KEY: KEY, SLACK_BOT_TOKEN: 'xoxb-smoke', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: `${slack.url}/api/`, SCHEDULER: 'off' });
  let gone = false;
  void bot.exited.then(() => (gone = true));
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    if (gone) fail(`the Slack bot stopped before /healthz answered:\n${bot.output()}`);
    const health = await fetch(`${base}/healthz`).catch(() => null);
    if (health?.status === 200) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const [command, ...words] = LEAD.split(' ');
  const body = new URLSearchParams({
    token: 'legacy', team_id: 'T_SMOKE', channel_id: 'C_SMOKE', user_id: 'U01ZHANGSAN', command, text: words.join(' '),
    trigger_id: `smoke-${Date.now()}`, response_url: `${slack.url}/respond`, api_app_id: 'A_SMOKE',
  }).toString();
  const post = (secret) => {
    const ts = Math.floor(Date.now() / 1000);
    const signature = `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
    return fetch(`${base}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-signature': signature, 'x-slack-request-timestamp': String(ts) },
      body,
    });
  };
  const forged = await post('not-the-secret');
  if (forged.status !== 401) fail(`a badly signed request got ${forged.status}, not 401`);
  const answer = await post(SECRET);
  const inline = await answer.text();
  // The answer comes inline within Slack's 3 s, or after it on the response_url.
  const deadline = Date.now() + 10_000;
  while (!inline.includes(SAVED) && !slack.posted.some((p) => p.includes(SAVED)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (answer.status !== 200 || !(inline.includes(SAVED) || slack.posted.some((p) => p.includes(SAVED)))) {
    fail(`the signed /lead got ${answer.status} ${inline.slice(0, 200)} and no saved lead:\n${bot.output()}`);
  }
  bot.child.kill('SIGTERM');
  const code = await bot.exited;
  slack.close();
  if (code !== 0) fail(`the Slack bot exited ${code} on SIGTERM:\n${bot.output()}`);
}

const started = Date.now();
await consoleLead();
await signedSlashCommand();
for (const f of folders) rmSync(f, { recursive: true, force: true });
process.stdout.write(`smoke (node ${process.version}): console lead saved, signed Slack /lead answered, forged one refused (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
