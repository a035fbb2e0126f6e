import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companyChoices } from '../../src/core/clients/company-choices.ts';
import { botFixture, type BotFixture } from '../support/bot-fixture.ts';
import { backends } from '../support/test-database.ts';
import { viewText } from '../support/view-text.ts';

/**
 * What a form's company picker offers (issue 14): a person's own companies
 * (SEC-1), a regional manager's region besides, the department manager
 * every one; filtered by what was typed, at most 100.
 */
describe.each(backends)('the companies a company picker offers ($name)', (backend) => {
  let f: BotFixture;
  const lead = async (who: string, company: string, phone: string) => {
    const answer = viewText(await f.bot.handleText(f.as(who), `/lead ${company} contact:刘工 phone:${phone} size:80人 position:细分龙头`));
    if (!answer.includes('线索已保存')) throw new Error(`${who}'s lead ${company}: ${answer}`);
  };
  beforeAll(async () => {
    f = await botFixture(backend);
    await lead('zhangsan', '南京钟山仪器有限公司', '13822223333');
    await lead('zhangsan', '苏州100%_精密有限公司', '13822224444');
    await lead('zhaoliu', '杭州西湖软件有限公司', '13822225555');
    await lead('zhengshi', '广州珠江贸易有限公司', '13822226666');
  });
  afterAll(() => f.close());
  const offered = (who: string, typed = '') => companyChoices(f.deps, f.as(who), typed);

  it("offers a salesperson their own companies only, never a colleague's", async () => {
    expect(await offered('zhangsan')).toEqual(['南京钟山仪器有限公司', '苏州100%_精密有限公司'].sort());
    expect(await offered('zhaoliu')).toEqual(['杭州西湖软件有限公司']);
  });

  it("offers a regional manager their region's companies, and the department manager every one", async () => {
    const region = f.person('lisi').region;
    const inRegion = (await offered('lisi')).sort();
    expect(inRegion).toContain('南京钟山仪器有限公司');
    expect(inRegion).toContain('杭州西湖软件有限公司');
    expect(inRegion).not.toContain('广州珠江贸易有限公司');
    expect(f.person('zhengshi').region).not.toBe(region);
    expect(await offered('wangwu')).toContain('广州珠江贸易有限公司');
  });

  it('keeps the companies whose name contains what was typed, full-width or not, with % and _ taken as themselves', async () => {
    expect(await offered('zhangsan', '钟山')).toEqual(['南京钟山仪器有限公司']);
    expect(await offered('zhangsan', '１００％')).toEqual(['苏州100%_精密有限公司']);
    expect(await offered('zhangsan', '%')).toEqual(['苏州100%_精密有限公司']);
    expect(await offered('zhangsan', '_')).toEqual(['苏州100%_精密有限公司']);
    expect(await offered('zhangsan', '不存在')).toEqual([]);
  });

  it('offers at most the limit asked for, and never more than 100', async () => {
    expect(await companyChoices(f.deps, f.as('zhangsan'), '', 1)).toHaveLength(1);
    expect(await companyChoices(f.deps, f.as('wangwu'), '', 1000)).toHaveLength(4);
  });
});
