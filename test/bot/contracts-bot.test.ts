import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { noticeView } from '../../src/views/notice-view.ts';
import { translator } from '../../src/i18n/translate.ts';
import type { Notice } from '../../src/core/notices.ts';
import { botFixture, type BotFixture } from '../support/bot-fixture.ts';
import { pgliteBackend } from '../support/test-database.ts';
import { viewText } from '../support/view-text.ts';
import { backToCheckpoint, checkpoint } from '../support/reset-database.ts';

/** The contract commands typed as people type them, through the real bot, read as they would read the reply. */
describe('contracts and payments through the bot', () => {
  let f: BotFixture;
  beforeAll(async () => {
    f = await botFixture(pgliteBackend);
    await checkpoint(f.database.db);
  });
  // Each test starts from the scene above, not from what the test before it left.
  beforeEach(() => backToCheckpoint(f.database.db));
  afterAll(() => f.close());

  async function deal(owner: string, region: string, name: string) {
    const now = f.clock.now();
    const c = await f.database.db.insertInto('companies').values({ name, norm_name: name, region, owner_id: owner, size: '1', position: '1', grade: 'A', created_at: now }).returning('id').executeTakeFirstOrThrow();
    const d = await f.database.db.insertInto('deals').values({ company_id: c.id, owner_id: owner, region, stage: 4, status: 'open', amount_fen: null, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
    return d.id;
  }
  const say = async (who: string, text: string) => viewText(await f.bot.handleText(f.as(who), text));

  it('names every broken term in Chinese, with the value and the rule, and saves nothing', async () => {
    const id = await deal('zhangsan', '华东', '华信科技');
    const reply = await say('zhangsan', `/合同 ${id} 金额：50万 交付：2026-11-01 账期：90天 违约金：10%`);
    expect(reply).toContain('合同条款有 5 处不符合制度（CON-1）');
    expect(reply).toContain('缺少付款方式，例如 付款方式:银行转账');
    expect(reply).toContain('缺少签署方式');
    expect(reply).toContain('账期 90 天超过上限 60 天');
    expect(reply).toContain('违约赔付比例 10% 不符合制度规定的 5%');
    expect(reply).toContain('交付时间 2026-11-01 已经过去（今天是 2026-11-26）');
    expect(await f.database.db.selectFrom('contracts').selectAll().execute()).toEqual([]);
  });

  it('names a term it cannot read together with the policy breaches, in one reply (CON-1)', async () => {
    const id = await deal('zhangsan', '华东', '华信读不懂');
    const reply = await say('zhangsan', `/合同 ${id} 金额：50万 交付：2026-11-01 付款方式：转账 账期：一个月 违约金：10% 签署：电子签`);
    expect(reply).toContain('合同条款有 3 处不符合制度（CON-1）');
    expect(reply).toContain('账期「一个月」看不懂，例如 账期:45天');
    expect(reply).not.toContain('缺少账期');
    expect(reply).toContain('违约赔付比例 10% 不符合制度规定的 5%');
    expect(reply).toContain('交付时间 2026-11-01 已经过去');
    expect(await f.database.db.selectFrom('contracts').selectAll().where('deal_id', '=', id).execute()).toEqual([]);
  });

  it('shows a wrong payment method or deal number beside its own field of the contract form', async () => {
    const view = await f.bot.submitForm(f.as('zhangsan'), 'contract', {
      deal_id: 'abc',
      amount: '50万',
      delivery: '2026-12-20',
      method: '银'.repeat(60),
      term: '45',
      penalty: '5%',
      sign: 'esign',
    });
    const error = (key: string) => view.form?.fields.find((field) => field.key === key)?.error;
    expect(error('method')).toContain('付款方式');
    expect(error('deal_id')).toBeDefined();
    expect(error('amount')).toBeUndefined();
  });

  it('drafts, submits to legal, is approved, signed with the reward named, and paid in full, in Chinese', async () => {
    const id = await deal('zhangsan', '华东', '华信电子');
    const drafted = await say('zhangsan', `/合同 ${id} 金额：50万 交付：2026-12-20 付款方式：银行转账 账期：45天 违约金：5% 签署：电子签`);
    expect(drafted).toContain('条款符合制度');
    expect(drafted).toContain('回款到期日: 2027-02-03');
    const contractId = Number(/合同 #(\d+)/.exec(drafted)?.[1]);
    expect(await say('zhangsan', `/合同 ${contractId} 已签`)).toContain('只有法务审核通过的合同才能签署');
    expect(await say('zhangsan', `/合同 ${contractId} 提交`)).toContain('等待 陆明 审核');

    const card = await f.database.db.selectFrom('outbox').select('notice').where('person_id', '=', 'luming').orderBy('id', 'desc').executeTakeFirstOrThrow();
    const cardText = viewText(noticeView(translator('zh-CN'), 'zh-CN', card.notice as unknown as Notice));
    expect(cardText).toContain('华信电子');
    expect(cardText).toContain('账期: 45 天');
    expect(cardText).toContain('违约赔付比例: 5%');
    const approvalId = (card.notice as { requestId: number }).requestId;
    await say('luming', `/审批 同意 ${approvalId}`);
    expect(await say('zhangsan', `/合同 ${contractId}`)).toContain('审核通过，待签署');

    const signed = await say('zhangsan', `/合同 ${contractId} 已签`);
    expect(signed).toContain(`合同 #${contractId} 已签署，签署方式：电子签（e签宝等）`);
    expect(signed).toContain('已赢单');
    expect(signed).toContain('新客户奖励（INC-1，A 类客户 3%）：¥1.5万');

    expect(await say('qianhui', `/回款 ${contractId} 金额：60万`)).toContain('超过合同');
    expect(await say('qianhui', `/回款 ${contractId} 金额：20万 日期：明天`)).toContain('晚于今天');
    const part = await say('qianhui', `/回款 ${contractId} 金额：20万`);
    expect(part).toContain('已回款 ¥20万 / ¥50万');
    expect(part).toContain('未回款 ¥30万，回款到期日 2027-02-03');
    expect(await say('zhangsan', `/回款 ${contractId} 金额：30万`)).toContain('已全部回款');
  });

  it("points a deal without a contract to the full draft command, in Chinese and English", async () => {
    const id = await deal('zhangsan', '华东', '指引科技');
    expect(await say('zhangsan', `/商机 ${id} 下一步`)).toContain(`起草合同：/合同 ${id} 金额:… 交付:… 付款方式:… 账期:… 违约金:… 签署:电子签`);
    const en = await deal('chener', '华北', 'Guide Ltd');
    expect(await say('fengyi', `/deal ${en} next`)).toContain(`Draft it with: /contract ${en} amount:… delivery:… method:… term:… penalty:… sign:esign`);
  });

  it('gives no button to a contract when /合同 names a deal that does not exist', async () => {
    const view = await f.bot.handleText(f.as('zhangsan'), '/合同 99999 金额:50万');
    expect(viewText(view)).toContain('没有编号为 #99999 的商机');
    expect(view.blocks.filter((b) => b.type === 'actions')).toEqual([]);
  });

  it("names a contract's status in the contract's words, and tells anyone else that finance or the owner records payments", async () => {
    const id = await deal('zhangsan', '华东', '状态科技');
    const drafted = await say('zhangsan', `/合同 ${id} 金额:50万 交付:2026-12-20 付款方式:银行转账 账期:45天 违约金:5% 签署:电子签`);
    const contractId = Number(/合同 #(\d+)/.exec(drafted)?.[1]);
    await say('zhangsan', `/合同 ${contractId} 提交`);
    const approval = await f.database.db.selectFrom('contracts').select('approval_id').where('id', '=', contractId).executeTakeFirstOrThrow();
    await say('luming', `/审批 同意 ${approval.approval_id}`);
    expect(await say('zhangsan', `/合同 ${contractId} 提交`)).toBe(`合同 #${contractId} 当前为「审核通过，待签署」：只有草稿或被退回的合同可以提交法务审核（CON-2）。`);
    await say('zhangsan', `/合同 ${contractId} 已签`);
    expect(await say('zhaoliu', `/回款 ${contractId} 金额:1万`)).toBe(`只有财务或合同 #${contractId} 的负责人 张三 可以登记回款（CON-3）。`);
  });

  it('answers a manager who reads English in English', async () => {
    const id = await deal('chener', '华北', 'Northwind');
    const reply = await say('fengyi', `/contract ${id} amount:200k delivery:2026-12-01 method:wire term:70 penalty:5% sign:paper`);
    expect(reply).toContain('The payment term of 70 days is over the maximum of 60 days');
    const ok = await say('fengyi', `/contract ${id} amount:200k delivery:2026-12-01 method:wire term:30 penalty:5% sign:paper`);
    expect(ok).toContain('its terms keep to the policy');
    expect(await say('fengyi', '/contract 999 submit')).toBe('There is no contract #999.');
    expect(await say('fengyi', '/payment 3 amount:lots')).toContain('is not an amount');
  });
});
