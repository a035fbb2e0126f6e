import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/ports.ts';
import type { View } from '../../src/views/view.ts';
import { botFixture, type BotFixture } from '../support/bot-fixture.ts';
import { backToCheckpoint, checkpoint } from '../support/reset-database.ts';
import { backends } from '../support/test-database.ts';
import { viewText } from '../support/view-text.ts';

const CLIENT = '上海华信科技有限公司';
const buttons = (view: View) => view.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons.map((x) => x.command) : []));

describe.each(backends)('/deal and /deals typed in the chat on $name', (backend) => {
  let f: BotFixture;
  let zhangsan: Actor;
  /** The same salesperson reading English. */
  let zhangsanEn: Actor;

  beforeAll(async () => {
    f = await botFixture(backend);
    zhangsan = f.as('zhangsan');
    zhangsanEn = { ...zhangsan, person: { ...zhangsan.person, locale: 'en' } };
    const saved = await f.bot.handleText(zhangsan, `/线索 ${CLIENT} 联系人:王经理 电话:13812345678 规模:200人 行业地位:区域龙头`);
    expect(saved.tone).toBe('success');
    await checkpoint(f.database.db);
  });
  // Each test starts from the client and no deal, and takes its own deal as far as it needs.
  beforeEach(() => backToCheckpoint(f.database.db));
  afterAll(() => f.close());

  /** Types a command as 张三 to set the scene; fails unless the answer says `expecting`. */
  const typed = async (text: string, expecting: string) => {
    const answer = viewText(await f.bot.handleText(zhangsan, text));
    if (!answer.includes(expecting)) throw new Error(`setting the scene: "${text}" answered, instead of "${expecting}": ${answer}`);
  };
  /** The client's deal, opened by 张三 and taken through each gate up to `stage`. */
  const dealAt = async (stage: 1 | 2 | 3): Promise<number> => {
    const opened = await f.bot.handleText(zhangsan, '/商机 新建 上海华信科技 金额:50万');
    const id = Number(/#(\d+)/.exec(opened.title ?? '')?.[1]);
    if (!id) throw new Error(`setting the scene: no deal opened: ${viewText(opened)}`);
    if (stage >= 2) await typed(`/商机 ${id} 下一步`, '第 2/5 阶段');
    if (stage >= 3) {
      const all = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => `问题${n}:回答${n}`).join(' ');
      await typed(`/商机 ${id} 需求 ${all} 方式:phone`, '需求清单已完成');
      await typed(`/商机 ${id} 下一步`, '第 3/5 阶段');
    }
    return id;
  };
  /** The needs form as first submitted: questions 1 and 3 answered, and the method. */
  const partialNeeds = (dealId: number) => f.bot.submitForm(zhangsan, 'needs', { deal_id: String(dealId), q1: '库存管理混乱', q3: '50万以内', method: 'onsite' });
  /** A deal in the proposal stage whose proposal names its products only. */
  const dealWithProductsOnly = async (): Promise<number> => {
    const id = await dealAt(3);
    // What it answers is what the tests that start here read.
    await f.bot.handleText(zhangsan, `/商机 ${id} 方案 产品组合:智能门锁X1 200套`);
    return id;
  };

  it('opens a deal in Chinese and shows its card: company, stage 1/5, amount, owner and buttons', async () => {
    const view = await f.bot.handleText(zhangsan, '/商机 新建 上海华信科技 金额:50万');
    const text = viewText(view);
    const dealId = Number(/#(\d+)/.exec(view.title ?? '')?.[1]);
    expect(view.title).toBe(`商机 #${dealId} ${CLIENT}`);
    expect(text).toContain('阶段 1/5 初步接洽');
    expect(text).toContain('金额: ¥50万');
    expect(text).toContain('负责人: 张三');
    expect(view.blocks).toContainEqual({ type: 'progress', label: '阶段 1/5 初步接洽', current: 1, target: 5 });
    expect(buttons(view)).toEqual([`/deal ${dealId} next 1`, `/deal ${dealId} needs`, `/deal ${dealId} lost`]);
  });

  it('refuses a second deal in English, naming the open one, and stores nothing', async () => {
    const dealId = await dealAt(1);
    const view = await f.bot.handleText(zhangsanEn, '/deal new 上海华信科技');
    expect(viewText(view)).toContain(`already has an open deal, #${dealId}`);
    const rows = await f.database.db.selectFrom('deals').select('id').execute();
    expect(rows).toHaveLength(1);
  });

  it('moves on with the card button, and a second press of the same old card moves nothing', async () => {
    const dealId = await dealAt(1);
    const moved = await f.bot.handleText(zhangsan, `/deal ${dealId} next 1`);
    expect(viewText(moved)).toContain(`商机 #${dealId} 已进入第 2/5 阶段：需求调研`);
    const again = await f.bot.handleText(zhangsan, `/deal ${dealId} next 1`);
    expect(viewText(again)).toContain('刚被推进到第 2/5 阶段');
  });

  it('says in English exactly what the needs gate is missing', async () => {
    const dealId = await dealAt(2);
    const view = await f.bot.handleText(zhangsanEn, `/deal ${dealId} next`);
    expect(viewText(view)).toContain('cannot move to proposal yet: needs questions 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 are not answered (0/10 answered); the research method (phone, questionnaire or on-site) is missing');
  });

  it('opens the needs form with the deal number filled in and the ten questions as labels', async () => {
    const dealId = await dealAt(2);
    const view = await f.bot.handleText(zhangsan, `/商机 ${dealId} 需求`);
    expect(view.form?.name).toBe('needs');
    const fields = view.form?.fields ?? [];
    expect(fields.find((x) => x.key === 'deal_id')?.value).toBe(String(dealId));
    expect(fields.filter((x) => /^q\d+$/.test(x.key))).toHaveLength(10);
    expect(fields.find((x) => x.key === 'q3')?.label).toContain('预算');
    expect(fields.find((x) => x.key === 'method')?.options?.map((o) => o.value)).toEqual(['phone', 'questionnaire', 'onsite']);
  });

  it('stores a partial needs form, says how many are answered and which remain, and refills the form next time', async () => {
    const dealId = await dealAt(2);
    const view = await partialNeeds(dealId);
    const text = viewText(view);
    expect(text).toContain('需求清单已保存：已答 2/10');
    expect(text).toContain('还需回答：第 2, 4, 5, 6, 7, 8, 9, 10 题');
    const again = await f.bot.handleText(zhangsan, `/商机 ${dealId} 需求`);
    expect(again.form?.fields.find((x) => x.key === 'q1')?.value).toBe('库存管理混乱');
    expect(again.form?.fields.find((x) => x.key === 'method')?.value).toBe('onsite');
  });

  it('completes the checklist typed in Chinese and moves on', async () => {
    const dealId = await dealAt(2);
    await partialNeeds(dealId);
    const rest = [2, 4, 5, 6, 7, 8, 9, 10].map((n) => `问题${n}:回答${n}`).join(' ');
    const saved = await f.bot.handleText(zhangsan, `/商机 ${dealId} 需求 ${rest}`);
    expect(viewText(saved)).toContain('需求清单已完成');
    const moved = await f.bot.handleText(zhangsan, `/商机 ${dealId} 下一步`);
    expect(viewText(moved)).toContain('第 3/5 阶段：方案制定');
  });

  it('names the missing proposal parts, in Chinese', async () => {
    const dealId = await dealAt(3);
    await f.bot.handleText(zhangsan, `/商机 ${dealId} 方案 产品组合:智能门锁X1 200套`);
    const refused = await f.bot.handleText(zhangsan, `/商机 ${dealId} 下一步`);
    expect(viewText(refused)).toContain('方案缺少价格策略、服务承诺');
  });

  it('lists my deals with what the next stage needs, in English', async () => {
    const dealId = await dealWithProductsOnly();
    const view = await f.bot.handleText(zhangsanEn, '/deals');
    expect(view.title).toBe('My deals');
    expect(viewText(view)).toContain(`#${dealId} | ${CLIENT} | 3/5 proposal | ¥500,000 | To move to negotiation: the proposal's pricing strategy, service commitments.`);
    expect(buttons(view)).toEqual([`/deal ${dealId} proposal`]);
  });

  it('opens the proposal form from that button with what was written so far', async () => {
    const dealId = await dealWithProductsOnly();
    const form = await f.bot.handleText(zhangsan, `/deal ${dealId} proposal`);
    expect(form.form?.name).toBe('proposal');
    expect(form.form?.fields.find((x) => x.key === 'products')?.value).toBe('智能门锁X1 200套');
  });

  it("shows the region's deals to the regional manager", async () => {
    const dealId = await dealAt(1);
    const view = await f.bot.handleText(f.as('lisi'), '/商机列表');
    expect(view.title).toBe('华东的商机');
    expect(viewText(view)).toContain(`#${dealId} | ${CLIENT} |`);
  });

  it('refuses an outsider in their words', async () => {
    const dealId = await dealAt(1);
    const view = await f.bot.handleText(f.as('zhaoliu'), `/商机 ${dealId} 下一步`);
    expect(viewText(view)).toContain('负责人 张三');
  });

  it('opens the lost form from the Lost… button and closes the deal with the reason given', async () => {
    const dealId = await dealAt(1);
    const form = await f.bot.handleText(zhangsan, `/deal ${dealId} lost`);
    expect(form.form?.name).toBe('lost');
    expect(form.form?.fields.find((x) => x.key === 'deal_id')?.value).toBe(String(dealId));
    const lost = await f.bot.submitForm(zhangsan, 'lost', { deal_id: String(dealId), reason: '客户选择了竞争对手' });
    expect(viewText(lost)).toContain(`商机 #${dealId}「${CLIENT}」已记为输单：客户选择了竞争对手`);
    expect(buttons(lost)).toEqual([]);
    const closed = await f.bot.handleText(zhangsanEn, `/deal ${dealId} next`);
    expect(viewText(closed)).toContain(`Deal #${dealId} is already lost`);
  });

  it('answers bad input with the problem and how to write it', async () => {
    const view = await f.bot.handleText(zhangsan, '/商机 七 下一步');
    expect(viewText(view)).toContain('商机编号');
    expect(viewText(view)).toContain('/商机 新建');
  });
});
