import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feishuPeopleResolverFor } from '../../adapters/feishu/resolve-people.ts';
import { slackPeopleResolverFor } from '../../adapters/slack/resolve-people.ts';
import { FakeFeishuApi } from '../fakes/feishu-api.ts';
import { FakeSlackApi } from '../fakes/slack-api.ts';

describe('Slack says who has an e-mail (users.lookupByEmail)', () => {
  const slack = new FakeSlackApi();
  beforeAll(() => slack.start());
  afterAll(() => slack.stop());
  const resolve = () => slackPeopleResolverFor({ botToken: 'xoxb-test', apiUrl: slack.apiUrl, signingSecret: 's', appToken: undefined });

  it('answers the ids of members, leaves out unknown addresses and deactivated accounts, and asks nothing about mobiles', async () => {
    slack.members.set('zhangsan@example.com', { id: 'U0ZHANG' });
    slack.members.set('left@example.com', { id: 'U0LEFT', deleted: true });
    const answer = await resolve()({ emails: ['zhangsan@example.com', 'nobody@example.com', 'left@example.com'], mobiles: ['+8613812345678'] });
    expect([...answer.byEmail]).toEqual([['zhangsan@example.com', 'U0ZHANG']]);
    expect(answer.byMobile.size).toBe(0);
    expect(slack.callsOf('users.lookupByEmail').map((c) => c.args.email)).toEqual(['zhangsan@example.com', 'nobody@example.com', 'left@example.com']);
  });

  it('fails the whole lookup when the token lacks users:read.email, so nobody is taken for unknown', async () => {
    slack.scopes.delete('users:read.email');
    try {
      await expect(resolve()({ emails: ['zhangsan@example.com'], mobiles: [] })).rejects.toMatchObject({ data: { error: 'missing_scope' } });
    } finally {
      slack.scopes.add('users:read.email');
    }
  });
});

describe('Feishu says who has an e-mail or mobile (contact/v3/users/batch_get_id)', () => {
  const feishu = new FakeFeishuApi();
  beforeAll(() => feishu.start());
  afterAll(() => feishu.stop());
  let app = 0;
  // The SDK caches its token per app id for the whole process: a fresh one per test.
  const resolve = () =>
    feishuPeopleResolverFor({ appId: `cli_people_${++app}`, appSecret: 'secret', domain: feishu.baseUrl, mode: 'ws', encryptKey: undefined, verificationToken: undefined });
  const lookups = () => feishu.calls.filter((c) => c.path === '/open-apis/contact/v3/users/batch_get_id');

  it('asks for open_ids, a mainland mobile as its 11 digits, and answers only the users Feishu has', async () => {
    feishu.usersByEmail.set('lisi@example.com', 'ou_lisi');
    feishu.usersByMobile.set('13812345678', 'ou_wangwu');
    feishu.usersByMobile.set('+4915123456789', 'ou_berlin');
    const answer = await resolve()({ emails: ['lisi@example.com', 'nobody@example.com'], mobiles: ['+8613812345678', '+4915123456789', '+8613900000000'] });
    expect([...answer.byEmail]).toEqual([['lisi@example.com', 'ou_lisi']]);
    expect(new Map(answer.byMobile)).toEqual(new Map([['+8613812345678', 'ou_wangwu'], ['+4915123456789', 'ou_berlin']]));
    const [call] = lookups().slice(-1);
    expect(call?.query).toMatchObject({ user_id_type: 'open_id' });
    expect(call?.body.mobiles).toEqual(['13812345678', '+4915123456789', '13900000000']);
  });

  it('asks at most 50 e-mails and 50 mobiles per call', async () => {
    const before = lookups().length;
    const emails = Array.from({ length: 120 }, (_, i) => `p${i}@example.com`);
    feishu.usersByEmail.set('p119@example.com', 'ou_p119');
    const answer = await resolve()({ emails, mobiles: ['+8613812345678'] });
    const calls = lookups().slice(before);
    expect(calls.map((c) => c.body.emails.length)).toEqual([50, 50, 20]);
    expect(calls.map((c) => c.body.mobiles?.length ?? 0)).toEqual([1, 0, 0]);
    expect(answer.byEmail.get('p119@example.com')).toBe('ou_p119');
  });

  it('fails the whole lookup when Feishu refuses (no contact:user.id:readonly) or is away', async () => {
    feishu.scopes.delete('contact:user.id:readonly');
    try {
      await expect(resolve()({ emails: ['lisi@example.com'], mobiles: [] })).rejects.toMatchObject({ code: 99991672 });
    } finally {
      feishu.scopes.add('contact:user.id:readonly');
    }
    feishu.batchGetIdFailures.push({ status: 500 });
    await expect(resolve()({ emails: ['lisi@example.com'], mobiles: [] })).rejects.toMatchObject({ status: 500 });
  });
});
