import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { showClientArchive, type ClientArchive } from '../../src/core/clients/show-archive.ts';
import type { ArchiveEvent } from '../../src/core/clients/archive-types.ts';
import { translator } from '../../src/i18n/translate.ts';
import { clientArchiveView } from '../../src/views/client-archive-view.ts';
import { DEFAULT_POLICY } from '../../src/core/policy.ts';
import type { View } from '../../src/views/view.ts';
import { botFixture, type BotFixture } from '../support/bot-fixture.ts';
import { backends } from '../support/test-database.ts';
import { viewText } from '../support/view-text.ts';

/**
 * CLI-3: the client archive against a history built by hand, one step a
 * day through the bot as people type it, and who may read it (SEC-1).
 */
const CLIENT = '档案测试精密机械有限公司';
const NEEDS = Array.from({ length: 10 }, (_, i) => `q${i + 1}:答${i + 1}`).join(' ');

/** What the timeline says, newest first: each entry's kind, who, and the local day. */
type Line = [ArchiveEvent['kind'], string | null, string];

describe.each(backends)('the client archive on $name', (backend) => {
  let f: BotFixture;
  let contractId = 0;
  let dealId = 0;
  let ticketId = 0;
  const on = (day: string) => f.clock.set(`2026-11-${day}T10:00:00+08:00`);
  const say = async (id: string, text: string): Promise<View> => {
    const view = await f.bot.handleText(f.as(id), text);
    if (view.refusal || view.title === translator('zh-CN')('input.title')) throw new Error(`setup "${text}" by ${id}: ${viewText(view)}`);
    return view;
  };
  const latest = async (table: 'deals' | 'contracts' | 'tickets' | 'approval_requests') =>
    (await f.database.db.selectFrom(table).select('id').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()).id;
  const archiveOf = async (id: string): Promise<ClientArchive> => {
    const result = await showClientArchive(f.deps, f.as(id), { company: CLIENT });
    if (!result.ok) throw new Error(result.code);
    return result.value;
  };

  beforeAll(async () => {
    f = await botFixture(backend, { now: '2026-11-02T10:00:00+08:00' });
    on('02');
    await say('zhangsan', `/线索 ${CLIENT} 联系人:王建国 电话:13812345678 规模:200人 行业地位:区域龙头`);
    on('03');
    await say('zhangsan', `/拜访 ${CLIENT} 方式:电话 备注:客户说预算在一季度下达`);
    on('04');
    await say('lisi', `/客户 ${CLIENT} 年采购额:600万`);
    on('05');
    await say('lisi', `/客户 ${CLIENT} 客户经理:@sunqi`);
    on('06');
    await say('zhangsan', `/deal new ${CLIENT} amount:50万`);
    dealId = await latest('deals');
    on('09');
    await say('zhangsan', `/deal ${dealId} next`);
    await say('zhangsan', `/deal ${dealId} needs ${NEEDS} method:phone`);
    on('10');
    await say('zhangsan', `/deal ${dealId} next`);
    await say('zhangsan', `/deal ${dealId} proposal products:机床 pricing:九折 service:48小时上门`);
    on('11');
    await say('zhangsan', `/deal ${dealId} next`);
    on('12');
    await say('zhangsan', `/contract ${dealId} amount:50万 delivery:2026-12-20 method:银行转账 term:30 penalty:5% sign:paper`);
    contractId = await latest('contracts');
    on('13');
    await say('zhangsan', `/contract ${contractId} submit`);
    on('16');
    await say('luming', `/approvals approve ${await latest('approval_requests')}`);
    on('17');
    await say('zhangsan', `/contract ${contractId} signed ref:HT-2026-118`);
    on('18');
    await say('qianhui', `/payment ${contractId} amount:20万 date:2026-11-18`);
    on('19');
    await say('zhangsan', `/ticket ${CLIENT} problem:主轴异响`);
    ticketId = await latest('tickets');
    on('20');
    await say('sunqi', `/ticket ${ticketId} respond 已安排工程师上门`);
    on('23');
    await say('zhangsan', `/ticket ${ticketId} close`);
    on('24');
  }, 60_000);
  afterAll(() => f?.close());

  it("tells the client's whole history, newest first, each step with who and when", async () => {
    const archive = await archiveOf('zhangsan');
    const lines: Line[] = archive.entries.map((e) => [e.event.kind, e.byName, e.at.toISOString().slice(0, 10)]);
    expect(lines).toEqual([
      ['ticket_closed', '张三', '2026-11-23'],
      ['ticket_responded', '孙七', '2026-11-20'],
      ['ticket_opened', '张三', '2026-11-19'],
      ['payment', '钱慧', '2026-11-18'],
      // Signing wins the deal in the same instant: the win is written first, so it is listed after.
      ['contract_signed', '张三', '2026-11-17'],
      ['deal_stage', '张三', '2026-11-17'],
      ['contract_reviewed', '陆明', '2026-11-16'],
      ['contract_submitted', '张三', '2026-11-13'],
      ['contract_drafted', '张三', '2026-11-12'],
      ['deal_stage', '张三', '2026-11-11'],
      ['deal_stage', '张三', '2026-11-10'],
      ['deal_stage', '张三', '2026-11-09'],
      ['deal_opened', '张三', '2026-11-06'],
      ['account_manager', '李四', '2026-11-05'],
      ['grade', '李四', '2026-11-04'],
      ['visit', '张三', '2026-11-03'],
      ['lead', '张三', '2026-11-02'],
    ]);
    const events = archive.entries.map((e) => e.event);
    expect(events).toContainEqual({ kind: 'contract_signed', contractId, amountFen: 50_000_000, signMethod: 'paper', signRef: 'HT-2026-118' });
    expect(events).toContainEqual({ kind: 'payment', contractId, amountFen: 20_000_000, paidOn: '2026-11-18' });
    expect(events).toContainEqual({ kind: 'visit', method: 'phone', visitDate: '2026-11-03', note: '客户说预算在一季度下达' });
    expect(events).toContainEqual({ kind: 'ticket_opened', ticketId, note: '主轴异响' });
    expect(events.filter((e) => e.kind === 'deal_stage').map((e) => (e.kind === 'deal_stage' ? e.stage : 0))).toEqual([5, 4, 3, 2]);
    expect(archive.entries.find((e) => e.event.kind === 'account_manager')?.personName).toBe('孙七');
    expect(events).toContainEqual({ kind: 'grade', grade: 'A', source: 'purchase', annualPurchaseFen: 600_000_000, reason: null, status: 'effective' });
  });

  it('puts the timeline in words, with the paper contract number, the regional manager as contact and the full contact for the owner', async () => {
    const view = clientArchiveView({ t: translator('zh-CN'), locale: 'zh-CN', timezone: 'Asia/Shanghai', policy: DEFAULT_POLICY }, await archiveOf('zhangsan'));
    const text = viewText(view);
    expect(view.title).toBe(`客户档案 · ${CLIENT}`);
    expect(text).toContain(`2026-11-17 10:00 合同 #${contractId} 签署（¥50万，纸质签署，签署编号 HT-2026-118）（张三）`);
    expect(text).toContain(`合同 #${contractId} 回款 ¥20万（2026-11-18）（钱慧）`);
    expect(text).toContain('区域经理（对接）');
    expect(text).toContain('李四');
    expect(text).toContain('138 1234 5678');
    expect(view.sensitive).toBe(true);
  });

  it('shows the same archive through /客户 … 档案 and /client … history, and pages it twenty lines at a time', async () => {
    const zh = await say('zhangsan', `/客户 ${CLIENT} 档案`);
    expect(zh.title).toBe(`客户档案 · ${CLIENT}`);
    const en = await say('zhangsan', `/client ${CLIENT} history page:1`);
    expect(en.title).toBe(`客户档案 · ${CLIENT}`);
    // 17 entries fit one page: no pager; more entries make a second page with its button.
    expect(viewText(zh)).not.toContain('第 1/2 页');
    for (const day of ['24', '24', '24', '24']) {
      on(day);
      await say('zhangsan', `/拜访 ${CLIENT}`);
    }
    const paged = await say('zhangsan', `/客户 ${CLIENT} 档案`);
    expect(viewText(paged)).toContain('第 1/2 页');
    const buttons = paged.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons.map((x) => x.command) : []));
    expect(buttons).toContain(`/client ${CLIENT} history page:2`);
    const second = await say('zhangsan', `/client ${CLIENT} history page:2`);
    expect(viewText(second)).toContain('录入为线索（张三）');
  });

  it('refuses a page: or a grade on the archive instead of dropping it', async () => {
    const view = await f.bot.handleText(f.as('zhangsan'), `/客户 ${CLIENT} 档案 等级:B`);
    expect(view.title).toBe(translator('zh-CN')('input.title'));
    const card = await f.bot.handleText(f.as('zhangsan'), `/客户 ${CLIENT} 页:2`);
    expect(card.title).toBe(translator('zh-CN')('input.title'));
  });

  it("opens the archive in full to the client's insiders only, and audits each full view", async () => {
    const audits = async () => (await f.database.db.selectFrom('audit_log').select('id').where('action', '=', 'contact.view').execute()).length;
    for (const insider of ['zhangsan', 'lisi', 'wangwu', 'sunqi']) {
      const before = await audits();
      const archive = await archiveOf(insider);
      expect(archive.contactMasked, insider).toBe(false);
      expect(archive.contact?.phone, insider).toBe('+8613812345678');
      expect(archive.entries.find((e) => e.event.kind === 'visit' && e.event.note !== null), insider).toBeDefined();
      expect(await audits(), insider).toBe(before + 1);
    }
  });

  it('shows legal and finance the archive with the contact masked and nobody’s own words', async () => {
    for (const reader of ['luming', 'qianhui']) {
      const before = (await f.database.db.selectFrom('audit_log').select('id').where('action', '=', 'contact.view').execute()).length;
      const archive = await archiveOf(reader);
      expect(archive.contactMasked, reader).toBe(true);
      expect(archive.contact, reader).toEqual({ name: '王**', phone: '138****5678', email: null });
      const notes = archive.entries.flatMap((e) => ('note' in e.event && e.event.note !== null ? [e.event.note] : []));
      expect(notes, reader).toEqual([]);
      // The signed reference is not a person's words: legal and finance find the paper contract by it.
      expect(archive.entries.some((e) => e.event.kind === 'contract_signed' && e.event.signRef === 'HT-2026-118'), reader).toBe(true);
      const text = viewText(clientArchiveView({ t: translator('zh-CN'), locale: 'zh-CN', timezone: 'Asia/Shanghai', policy: DEFAULT_POLICY }, archive));
      expect(text, reader).not.toContain('1234 5678');
      expect(text, reader).not.toContain('主轴异响');
      expect((await f.database.db.selectFrom('audit_log').select('id').where('action', '=', 'contact.view').execute()).length, reader).toBe(before);
    }
  });

  it('refuses everyone else, naming the owner; partners see no client at all', async () => {
    for (const outsider of ['zhaoliu', 'zhouba', 'fengyi', 'majie', 'heyan', 'ops']) {
      const result = await showClientArchive(f.deps, f.as(outsider), { company: CLIENT });
      expect(result.ok ? 'allowed' : result.code, outsider).toBe('not_client_insider');
      if (!result.ok) expect(result.details.owner, outsider).toBe('张三');
    }
    const partner = await showClientArchive(f.deps, f.as('xxads'), { company: CLIENT });
    expect(partner.ok ? 'allowed' : partner.code).toBe('not_allowed');
  });

  it('keeps the paper contract number on the contract card, and refuses to sign paper without one', async () => {
    const card = await say('zhangsan', `/contract ${contractId}`);
    expect(viewText(card)).toContain('签署编号');
    expect(viewText(card)).toContain('HT-2026-118');
    const row = await f.database.db.selectFrom('contracts').select('sign_ref').where('id', '=', contractId).executeTakeFirstOrThrow();
    expect(row.sign_ref).toBe('HT-2026-118');
  });
});
