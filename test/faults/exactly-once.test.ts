import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { textMessage } from '../fakes/feishu-events.ts';
import { eventCallback, slashCommand } from '../fakes/slack-signing.ts';
import { feishuFixture, VERIFICATION_TOKEN, type FeishuFixture } from '../support/feishu-fixture.ts';
import { slackFixture, type SlackFixture } from '../support/slack-fixture.ts';
import { backends } from '../support/test-database.ts';

/**
 * Fault: a platform delivers a command again: a proxy retries a slash
 * command, Slack retries an event, Feishu redelivers one it thinks was lost
 * because the bot died before answering. The delivery id is recorded in the
 * transaction of the command's effect, so a redelivery after a failure
 * applies the command once, and a redelivery after success applies nothing.
 */

const REPEATED = '这条指令已经处理过了';

for (const backend of backends) {
  describe(`a command delivered twice (${backend.name})`, () => {
    let f: SlackFixture | FeishuFixture | undefined;
    afterEach(async () => {
      await f?.close();
      f = undefined;
    });

    const expenses = async (fixture: SlackFixture | FeishuFixture, subject: string) =>
      (await fixture.database.db.selectFrom('approval_requests').select('id').where('subject', '=', subject).execute()).length;

    it('Slack: the same signed slash command twice (same trigger_id) makes one expense request and one card, and says so the second time', async () => {
      const slack = (f = await slackFixture(backend));
      const request = slashCommand({ command: '/crm', text: '费用 8000 展会物料 活动:重放测试', user_id: slack.slackId('zhangsan'), trigger_id: 'trigger-replayed' });
      const first = await slack.post(request);
      const second = await slack.post(request);
      expect(first.text).not.toContain(REPEATED);
      expect(second.text).toContain(REPEATED);
      expect(await expenses(slack, '展会物料')).toBe(1);
      const cards = await slack.database.db.selectFrom('outbox').select('dedupe_key').where('dedupe_key', 'like', 'approval:%:step:%').execute();
      expect(cards).toHaveLength(1);
    });

    it('Slack: an event retried with the same event_id records one visit and answers once', async () => {
      const slack = (f = await slackFixture(backend));
      await slack.post(slashCommand({ command: '/crm', text: '线索 重投拜访有限公司 联系人:王经理 电话:13800138111 规模:200人 行业地位:区域龙头', user_id: slack.slackId('zhangsan') }));
      const dm = eventCallback('Ev_VISIT_1', { type: 'message', channel_type: 'im', channel: 'D_ZHANG', user: slack.slackId('zhangsan'), text: '拜访 重投拜访有限公司 方式:电话', ts: '5.1', event_ts: '5.1' });
      await slack.post(dm);
      await slack.api.waitFor('chat.postMessage', 1);
      await slack.post(dm);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const visits = await slack.database.db.selectFrom('visits').select('id').execute();
      expect(visits).toHaveLength(1);
      expect(slack.api.callsOf('chat.postMessage')).toHaveLength(1);
    });

    it('Feishu: a message whose first delivery failed midway is applied once when Feishu delivers it again, and not again after that', async () => {
      const feishu = (f = await feishuFixture(backend));
      // A real fault of the database, once: the first insert of an approval request fails after the transaction began.
      await sql`create sequence fault_once`.execute(feishu.database.db);
      await sql`
        create function fail_first_request() returns trigger language plpgsql as $$
        begin
          if nextval('fault_once') = 1 then raise exception 'injected fault'; end if;
          return new;
        end $$`.execute(feishu.database.db);
      await sql`create trigger fail_first before insert on approval_requests for each row execute function fail_first_request()`.execute(feishu.database.db);

      const event = textMessage({ token: VERIFICATION_TOKEN, openId: feishu.openId('zhangsan'), text: '费用 9000 路演物料 活动:重投测试', eventId: 'ev_redelivered_1' });
      await feishu.deliver(event);
      await feishu.api.waitForMessages(1);
      expect(JSON.stringify(feishu.api.messages().at(-1)!.body)).toContain('系统暂时不可用');
      expect(await expenses(feishu, '路演物料')).toBe(0);

      await feishu.deliver(event);
      await feishu.api.waitForMessages(2);
      expect(await expenses(feishu, '路演物料')).toBe(1);

      await feishu.deliver(event);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await expenses(feishu, '路演物料')).toBe(1);
      // The third copy had nothing new to say: no third reply.
      expect(feishu.api.messages().filter((m) => !m.method.endsWith('!'))).toHaveLength(2);
    });
  });
}
