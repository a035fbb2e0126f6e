import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botFixture, type BotFixture } from '../support/bot-fixture.ts';
import { pgliteBackend } from '../support/test-database.ts';
import { viewText } from '../support/view-text.ts';

describe('the overview names the deals that need something', () => {
  let f: BotFixture;
  beforeAll(async () => {
    f = await botFixture(pgliteBackend);
  });
  afterAll(() => f.close());

  const typed = async (text: string, expecting: string) => {
    const answer = viewText(await f.bot.handleText(f.as('zhangsan'), text));
    if (!answer.includes(expecting)) throw new Error(`setting the scene: "${text}" answered, instead of "${expecting}": ${answer}`);
    return answer;
  };

  it('lists my deal waiting on its needs checklist, with what it lacks, and not a deal with nothing to do yet', async () => {
    await typed('/线索 上海首页概览科技有限公司 联系人:王经理 电话:13812340000 规模:200人 行业地位:区域龙头', '线索已保存');
    const opened = await typed('/商机 新建 上海首页概览科技 金额:50万', '#');
    const id = Number(/#(\d+)/.exec(opened)?.[1]);
    expect(viewText(await f.bot.home(f.as('zhangsan')))).not.toContain('商机待补充');

    await typed(`/商机 ${id} 下一步`, '第 2/5 阶段');
    const home = await f.bot.home(f.as('zhangsan'));
    const text = viewText(home);
    expect(text).toContain('商机待补充（1）');
    expect(text).toContain(`#${id} 上海首页概览科技有限公司 — 进入方案制定还需`);
    expect(home.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons.map((x) => x.command) : []))).toContain('/deals');
    // Someone else's deal is not on my overview.
    expect(viewText(await f.bot.home(f.as('zhaoliu')))).not.toContain('商机待补充');
  });
});
