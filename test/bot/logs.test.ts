import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot } from '../../src/bot/bot.ts';
import { botFixture, type BotFixture } from '../support/bot-fixture.ts';
import { pgliteBackend } from '../support/test-database.ts';

describe('logs', () => {
  let f: BotFixture;
  const lines: string[] = [];
  beforeAll(async () => {
    f = await botFixture(pgliteBackend);
  });
  afterAll(() => f.close());

  it('are structured and carry no contact data, even when a command fails', async () => {
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const bot = createBot({ ...f.deps, logger: pino({ level: 'debug' }, sink) });
    const actor = f.as('zhangsan');
    await bot.handleText(actor, '/lead 日志测试公司 联系人:钱秘密 电话:13611112222 邮箱:hidden@log.example 规模:10人 行业地位:新锐');
    await bot.handleText(actor, '/client 日志测试公司');
    await bot.handleText(actor, '/lead 日志测试公司 联系人:钱秘密 电话:abc 规模:10人 行业地位:新锐');
    // A fault: the database closes under the bot; the error is logged, the contact is not.
    await f.database.close();
    const fault = await bot.handleText(actor, '/lead 故障公司 联系人:钱秘密 电话:13611113333 规模:10人 行业地位:新锐');
    expect(fault.tone).toBe('danger');

    const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    // The refused phone is answered without a log line; the fault logs its command, then the failure.
    expect(records.map((r) => r.msg)).toEqual(['command', 'command', 'command', 'command failed']);
    expect(records[0]).toMatchObject({ person: 'zhangsan', platform: 'console', command: 'lead' });
    const text = lines.join('');
    for (const secret of ['钱秘密', '13611112222', '13611113333', 'hidden@log.example']) expect(text).not.toContain(secret);
  });
});
