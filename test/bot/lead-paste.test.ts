import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, type Policy } from '../../src/core/policy.ts';
import type { Actor } from '../../src/core/ports.ts';
import type { View } from '../../src/views/view.ts';
import { botFixture, type BotFixture } from '../support/bot-fixture.ts';
import { backends } from '../support/test-database.ts';
import { viewText } from '../support/view-text.ts';
import { QICHACHA_LEAD } from '../fixtures/paste/qichacha-lead.ts';

const sample = (name: string) => readFileSync(new URL(`../fixtures/paste/${name}.txt`, import.meta.url), 'utf8');

/** The policy of a company that maps places to its regions; 成都 maps to a region the example org does not have. */
const POLICY: Policy = { ...DEFAULT_POLICY, leads: { ...DEFAULT_POLICY.leads, regionByPlace: { 上海: '华东', 深圳: '华南', 江苏: '华东', 成都: '西南' } } };

/** The values a form view carries, by field. */
const valuesOf = (view: View): Record<string, string> =>
  Object.fromEntries((view.form?.fields ?? []).flatMap((f) => (f.value === undefined ? [] : [[f.key, f.value]])));

describe.each(backends)('pasting a company page to save a lead on $name', (backend) => {
  let fixture: BotFixture;
  let zhangsan: Actor;
  const companies = async () => fixture.database.db.selectFrom('companies').selectAll().execute();

  beforeAll(async () => {
    fixture = await botFixture(backend, { policy: POLICY });
    zhangsan = fixture.as('zhangsan');
  });
  afterAll(() => fixture?.close());

  it('answers a pasted 企查查 page with the lead form filled in from it, each field marked, and saves nothing yet', async () => {
    const view = await fixture.bot.handleText(zhangsan, `/线索 粘贴\n${sample('qichacha')}`);
    expect(view.form?.name).toBe('lead');
    expect(valuesOf(view)).toEqual(QICHACHA_LEAD);
    const labels = Object.fromEntries((view.form?.fields ?? []).map((f) => [f.key, f.label]));
    expect(labels.company).toBe('公司名称（已读出）');
    // The legal representative is said, not taken as the contact.
    expect(labels.contact).toBe('联系人（未找到）');
    expect(viewText(view)).toContain('法定代表人：张建国（不会自动作为联系人');
    expect(viewText(view)).toContain('「上海」属于华东');
    expect(view.sensitive).toBe(true);
    expect(await companies()).toEqual([]);
  });

  it('saves the lead with every field the page had once the person confirms the form, the legal representative as contact because they say so', async () => {
    const view = await fixture.bot.handleText(zhangsan, `/lead paste\n${sample('qichacha')}`);
    const saved = await fixture.bot.submitForm(zhangsan, 'lead', { ...valuesOf(view), contact: '张建国' });
    expect(saved.refusal).toBeUndefined();
    expect(saved.title).toBe('线索已保存');
    const [company] = await companies();
    expect(company).toMatchObject({
      name: '上海华信精密机械有限公司',
      credit_code: '91310115MA1K3YJ12G',
      region: '华东',
      owner_id: 'zhangsan',
      size: '100-499人',
      position: '通用设备制造业',
      source: '企查查',
    });
    const card = viewText(await fixture.bot.handleText(zhangsan, '/client 上海华信精密机械有限公司'));
    expect(card).toContain('张建国');
    expect(card).toContain('sales@huaxin-jx.com');
    expect(card).toContain('021 5888 1234');
  });

  it('holds the pasted lead to LEAD-2 like any other: the same page pasted again is refused as a duplicate', async () => {
    const view = await fixture.bot.handleText(fixture.as('wangwu'), `/lead paste\n${sample('qichacha')}`);
    const again = await fixture.bot.submitForm(fixture.as('wangwu'), 'lead', { ...valuesOf(view), contact: '张建国' });
    expect(again.refusal).toBeDefined();
    expect((await companies()).length).toBe(1);
  });

  it('reads an English e-mail signature from /lead paste and saves it once size and position are added', async () => {
    const english = { ...zhangsan, person: { ...zhangsan.person, locale: 'en' as const } };
    const view = await fixture.bot.handleText(english, `/lead paste ${sample('signature-en')}`);
    expect(valuesOf(view)).toEqual({
      company: 'Shanghai Orient Bright Trading Co., Ltd.',
      contact: 'David Chen',
      phone: '+8613916182233',
      email: 'david.chen@orientbright.com',
    });
    expect(view.form?.fields.find((f) => f.key === 'size')?.label).toBe('company size (missing)');
    expect(viewText(view)).toContain('Other phones: 021 6234 5678');
    const saved = await fixture.bot.submitForm(english, 'lead', { ...valuesOf(view), size: '50 staff', position: 'importer' });
    expect(saved.title).toBe('Lead saved');
    expect((await companies()).find((c) => c.name === 'Shanghai Orient Bright Trading Co., Ltd.')).toMatchObject({ credit_code: null, source: null, region: '华东' });
  });

  it('answers a business card pasted alone in a direct message as /lead paste would', async () => {
    const view = await fixture.bot.handleText(zhangsan, sample('card-zh'));
    expect(view.form?.name).toBe('lead');
    expect(valuesOf(view)).toMatchObject({ company: '苏州博远新材料股份有限公司', contact: '陈思远', phone: '+8613812345678', email: 'chensy@boyuan-nm.com' });
  });

  it('says so when the policy maps the place to a region the org does not have, and leaves the region to the person', async () => {
    const view = await fixture.bot.handleText(zhangsan, `/线索 粘贴\n${sample('signature-zh')}`);
    expect(valuesOf(view).region).toBeUndefined();
    expect(viewText(view)).toContain('「成都」对应到区域「西南」，但组织里没有这个区域');
  });

  it('still answers a message that names no command and is no company page as an unknown command', async () => {
    const view = await fixture.bot.handleText(zhangsan, '你好 请问怎么录线索');
    expect(view.form).toBeUndefined();
    expect(viewText(view)).toContain('不认识命令「你好」');
  });

  it('refuses a paste longer than 10,000 characters, naming the limit, and saves nothing', async () => {
    const before = (await companies()).length;
    const view = await fixture.bot.handleText(zhangsan, `/lead paste\n${sample('qichacha')}${'经营范围补充。'.repeat(1500)}`);
    expect(view.form).toBeUndefined();
    expect(viewText(view)).toContain('10000');
    expect((await companies()).length).toBe(before);
  });

  it('asks for the text when /lead paste comes alone', async () => {
    const view = await fixture.bot.handleText(zhangsan, '/线索 粘贴');
    expect(view.form).toBeUndefined();
    expect(viewText(view)).toContain('粘贴的文字');
  });

  it('refuses the paste to a role that may not report leads, before any form', async () => {
    const view = await fixture.bot.handleText(fixture.as('luming'), `/线索 粘贴\n${sample('qichacha')}`);
    expect(view.refusal).toBe('not_allowed');
    expect(view.form).toBeUndefined();
  });
});
