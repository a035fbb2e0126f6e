import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { updateClient } from '../../src/core/clients/update-client.ts';
import { reportLead } from '../../src/core/leads/report-lead.ts';
import { closeTicket } from '../../src/core/tickets/close-ticket.ts';
import { openTicket } from '../../src/core/tickets/open-ticket.ts';
import { respondToTicket } from '../../src/core/tickets/respond-ticket.ts';
import { botFixture, type BotFixture } from '../support/bot-fixture.ts';
import { backends } from '../support/test-database.ts';
import { viewText } from '../support/view-text.ts';
import { backToCheckpoint, checkpoint } from '../support/reset-database.ts';

const lead = (company: string, phone: string, region: string | null = null) => ({
  company, contactName: '王建国', phone, email: null, size: '500人', position: '行业前三', region, creditCode: null, source: null,
});

/** zhangsan's client (华东; manager lisi, then wangwu), with sunqi as account manager. */
const EAST = '上海华信科技有限公司';
/** chener's client (华北; manager fengyi, who reads English). */
const NORTH = '北方重工有限公司';

describe.each(backends)('after-sales tickets (CLI-4) on $name', (backend) => {
  let f: BotFixture;
  beforeAll(async () => {
    f = await botFixture(backend);
    for (const [who, saved] of [
      ['zhangsan', await reportLead(f.deps, f.as('zhangsan'), lead(EAST, '+8613812345678'))],
      ['chener', await reportLead(f.deps, f.as('chener'), lead(NORTH, '+8613912345678', '华北'))],
    ] as const) {
      if (!saved.ok) throw new Error(`${who}: ${saved.code}`);
    }
    const assigned = await updateClient(f.deps, f.as('lisi'), { company: EAST, annualPurchaseFen: null, grade: null, reason: null, accountManagerId: 'sunqi' });
    if (!assigned.ok) throw new Error(assigned.code);
    await f.database.db.deleteFrom('outbox').execute();
    await checkpoint(f.database.db);
  });
  // Each test starts from the scene above, not from what the test before it left.
  beforeEach(() => backToCheckpoint(f.database.db));
  afterAll(() => f.close());

  const at = (iso: string) => f.clock.set(iso);
  const outboxTo = async (personId: string) =>
    (await f.database.db.selectFrom('outbox').select('notice').where('person_id', '=', personId).orderBy('id').execute()).map((r) => r.notice as Record<string, unknown>);
  const audit = async (ticketId: number) =>
    (await f.database.db.selectFrom('audit_log').select(['action', 'actor_id']).where('subject_type', '=', 'ticket').where('subject_id', '=', String(ticketId)).orderBy('id').execute()).map((a) => `${a.action}:${a.actor_id}`);
  const ticketIdIn = (text: string) => Number(/#(\d+)/.exec(text)?.[1]);

  it('opens a ticket typed in Chinese, assigned to the owner, with a 48-hour clock in clock hours', async () => {
    at('2026-11-26T10:00:00+08:00');
    const text = viewText(await f.bot.handleText(f.as('zhangsan'), '/工单 上海华信科技 打印机卡纸，客户要求上门'));
    expect(text).toContain('售后工单 #');
    expect(text).toContain('上海华信科技有限公司');
    expect(text).toContain('问题: 打印机卡纸，客户要求上门');
    expect(text).toContain('负责人: 张三（客户经理 孙七）');
    // Thursday 10:00 + 48 h is Saturday 10:00: the promise counts clock hours, weekend or not.
    expect(text).toContain('响应期限: 请在 2026-11-28 10:00 前响应');
    expect(text).toContain('状态: 待首次响应');
    const id = ticketIdIn(text);
    const row = await f.database.db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ owner_id: 'zhangsan', opened_by: 'zhangsan', first_response_at: null, closed_at: null });
    expect(new Date(row.respond_by).toISOString()).toBe('2026-11-28T02:00:00.000Z');
    expect(await audit(id)).toEqual(['ticket.open:zhangsan']);
    // The owner opened it: the account manager hears of it, the owner does not hear of their own ticket.
    expect(await outboxTo('zhangsan')).toEqual([]);
    expect(await outboxTo('sunqi')).toEqual([expect.objectContaining({ kind: 'ticket_opened', ticketId: id, company: EAST, by: '张三', respondBy: '2026-11-28 10:00' })]);
  });

  it("opens a ticket typed in English by the owner's manager, and the owner is told through the outbox", async () => {
    at('2026-11-26T11:00:00+08:00');
    const text = viewText(await f.bot.handleText(f.as('fengyi'), '/ticket 北方重工 problem: gearbox noise: since Monday'));
    expect(text).toContain('After-sales ticket #');
    expect(text).toContain('Problem: gearbox noise: since Monday');
    expect(text).toContain('Response due: respond by 2026-11-28 11:00');
    const id = ticketIdIn(text);
    expect(await outboxTo('chener')).toEqual([expect.objectContaining({ kind: 'ticket_opened', ticketId: id, by: '冯一', problem: 'gearbox noise: since Monday' })]);
    expect(await outboxTo('fengyi')).toEqual([]);
  });

  it('refuses someone outside the client and stores nothing', async () => {
    const before = await f.database.db.selectFrom('tickets').select('id').execute();
    const refused = await openTicket(f.deps, f.as('zhaoliu'), { company: EAST, problem: '想看看' });
    expect(refused).toEqual({ ok: false, code: 'not_client_insider', details: { company: EAST, owner: '张三' } });
    expect(await f.database.db.selectFrom('tickets').select('id').execute()).toHaveLength(before.length);
    const text = viewText(await f.bot.handleText(f.as('xxads'), '/工单 上海华信科技 打印机卡纸'));
    expect(text).toContain('只有「上海华信科技有限公司」的负责人 张三');
  });

  it('refuses an unknown company, naming it', async () => {
    expect(await openTicket(f.deps, f.as('zhangsan'), { company: '不存在的公司', problem: '坏了' })).toEqual({
      ok: false,
      code: 'client_not_found',
      details: { company: '不存在的公司' },
    });
    expect(viewText(await f.bot.handleText(f.as('zhangsan'), '/工单 不存在的公司 坏了'))).toContain('没有找到客户「不存在的公司」');
  });

  it('stops the clock at the first response, in time, and keeps later responses', async () => {
    at('2026-11-26T12:00:00+08:00');
    const opened = await openTicket(f.deps, f.as('zhangsan'), { company: EAST, problem: '系统登录失败' });
    if (!opened.ok) throw new Error(opened.code);
    const id = opened.value.ticket.id;
    at('2026-11-26T22:00:00+08:00');
    const first = await respondToTicket(f.deps, f.as('sunqi'), { ticketId: id, text: '已远程排查' });
    expect(first.ok && first.value.inTime).toBe(true);
    expect(first.ok && first.value.ticket.firstResponderId).toBe('sunqi');
    at('2026-11-27T09:00:00+08:00');
    const text = viewText(await f.bot.handleText(f.as('zhangsan'), `/工单 ${id} 回复 已上门更换配件`));
    expect(text).toContain('首次响应: 2026-11-26 22:00（孙七，按时）');
    expect(text).toContain('2026-11-26 22:00 孙七：已远程排查');
    expect(text).toContain('2026-11-27 09:00 张三：已上门更换配件');
    expect(text).toContain('状态: 已响应，处理中');
    const row = await f.database.db.selectFrom('tickets').select(['first_response_at', 'first_responder_id']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.first_responder_id).toBe('sunqi');
    expect(new Date(row.first_response_at!).toISOString()).toBe('2026-11-26T14:00:00.000Z');
    expect(await audit(id)).toEqual(['ticket.open:zhangsan', 'ticket.first_response:sunqi']);
  });

  it('marks a first response after the deadline as late', async () => {
    at('2026-11-26T12:00:00+08:00');
    const opened = await openTicket(f.deps, f.as('zhangsan'), { company: EAST, problem: '发票开错' });
    if (!opened.ok) throw new Error(opened.code);
    at('2026-11-28T14:00:00+08:00');
    const shown = viewText(await f.bot.handleText(f.as('lisi'), `/工单 #${opened.value.ticket.id}`));
    expect(shown).toContain('状态: ⚠️ 首次响应已超时');
    const late = await respondToTicket(f.deps, f.as('lisi'), { ticketId: opened.value.ticket.id, text: '已重开发票' });
    expect(late.ok && late.value.inTime).toBe(false);
    const entry = await f.database.db.selectFrom('audit_log').select('details').where('action', '=', 'ticket.first_response').where('subject_id', '=', String(opened.value.ticket.id)).executeTakeFirstOrThrow();
    expect(entry.details).toEqual({ inTime: false });
  });

  it('refuses to close a ticket without any response, saying to respond first, then closes it once answered', async () => {
    at('2026-11-27T10:00:00+08:00');
    const opened = await openTicket(f.deps, f.as('zhangsan'), { company: EAST, problem: '网络中断' });
    if (!opened.ok) throw new Error(opened.code);
    const id = opened.value.ticket.id;
    expect(await closeTicket(f.deps, f.as('zhangsan'), id)).toEqual({ ok: false, code: 'ticket_needs_response', details: { id } });
    expect(viewText(await f.bot.handleText(f.as('zhangsan'), `/工单 ${id} 关闭`))).toContain(`请先回复客户：/工单 ${id} 回复 <内容>`);
    await respondToTicket(f.deps, f.as('zhangsan'), { ticketId: id, text: '已恢复' });
    at('2026-11-27T11:00:00+08:00');
    const text = viewText(await f.bot.handleText(f.as('zhangsan'), `/ticket ${id} close`));
    expect(text).toContain('状态: 已关闭（张三，2026-11-27 11:00）');
    expect(await audit(id)).toEqual(['ticket.open:zhangsan', 'ticket.first_response:zhangsan', 'ticket.close:zhangsan']);

    expect(await respondToTicket(f.deps, f.as('zhangsan'), { ticketId: id, text: '补充' })).toEqual({ ok: false, code: 'ticket_closed', details: { id } });
    expect(await closeTicket(f.deps, f.as('zhangsan'), id)).toEqual({ ok: false, code: 'ticket_closed', details: { id } });
    expect(viewText(await f.bot.handleText(f.as('zhangsan'), `/工单 ${id} 回复 补充`))).toContain(`工单 #${id} 已关闭`);
    const responses = await f.database.db.selectFrom('ticket_responses').select('text').where('ticket_id', '=', id).execute();
    expect(responses.map((r) => r.text)).toEqual(['已恢复']);
  });

  it('closes with a note in one go: the note is kept as the response (here the first), then the ticket is closed', async () => {
    at('2026-11-27T10:00:00+08:00');
    const opened = await openTicket(f.deps, f.as('zhangsan'), { company: EAST, problem: '电源故障' });
    if (!opened.ok) throw new Error(opened.code);
    const id = opened.value.ticket.id;
    const text = viewText(await f.bot.handleText(f.as('zhangsan'), `/工单 ${id} 关闭 已解决`));
    expect(text).toContain('状态: 已关闭');
    expect(text).toContain('已解决');
    const responses = await f.database.db.selectFrom('ticket_responses').select('text').where('ticket_id', '=', id).execute();
    expect(responses.map((r) => r.text)).toEqual(['已解决']);
    expect(await audit(id)).toEqual(['ticket.open:zhangsan', 'ticket.first_response:zhangsan', 'ticket.close:zhangsan']);
  });

  it('lets only the client insiders respond or close, and says which ticket does not exist', async () => {
    at('2026-11-27T10:00:00+08:00');
    const opened = await openTicket(f.deps, f.as('zhangsan'), { company: EAST, problem: '屏幕闪烁' });
    if (!opened.ok) throw new Error(opened.code);
    const id = opened.value.ticket.id;
    expect((await respondToTicket(f.deps, f.as('zhaoliu'), { ticketId: id, text: '我来' })).ok).toBe(false);
    expect((await closeTicket(f.deps, f.as('chener'), id)).ok).toBe(false);
    expect((await respondToTicket(f.deps, f.as('wangwu'), { ticketId: id, text: '部门经理已知悉' })).ok).toBe(true);
    expect(await respondToTicket(f.deps, f.as('zhangsan'), { ticketId: 99999, text: 'x' })).toEqual({ ok: false, code: 'ticket_not_found', details: { id: 99999 } });
  });

  it('opens the response form from the Respond button, the ticket number filled in, and records what is submitted', async () => {
    at('2026-11-27T10:00:00+08:00');
    const opened = await openTicket(f.deps, f.as('zhangsan'), { company: EAST, problem: '耗材不足' });
    if (!opened.ok) throw new Error(opened.code);
    const id = opened.value.ticket.id;
    const form = await f.bot.handleText(f.as('zhangsan'), `/ticket ${id} respond`);
    expect(form.form?.name).toBe('ticket_respond');
    expect(form.form?.fields.find((field) => field.key === 'ticket')?.value).toBe(String(id));
    const submitted = viewText(await f.bot.submitForm(f.as('zhangsan'), 'ticket_respond', { ticket: String(id), response: '已寄出耗材' }));
    expect(submitted).toContain('张三：已寄出耗材');
  });

  it("lists my open tickets on the home screen, the account manager's too, not the closed ones", async () => {
    // 张三's client: one ticket open, one closed; 陈二's: one open.
    const typed = async (who: string, text: string) => viewText(await f.bot.handleText(f.as(who), text));
    await typed('zhangsan', '/工单 上海华信科技 打印机卡纸，客户要求上门');
    const closed = ticketIdIn(await typed('zhangsan', '/工单 上海华信科技 网络中断'));
    expect(await typed('zhangsan', `/工单 ${closed} 回复 已重启路由器`)).toContain('已响应');
    expect(await typed('zhangsan', `/工单 ${closed} 关闭`)).toContain('已关闭');
    expect(await typed('chener', '/工单 北方重工 齿轮箱异响')).toContain('售后工单 #');
    const open = await f.database.db.selectFrom('tickets').select('id').where('closed_at', 'is', null).execute();
    for (const who of ['zhangsan', 'sunqi']) {
      const text = viewText(await f.bot.home(f.as(who)));
      expect(text).toContain(`我的未结售后工单（${open.length - 1}）`);
      expect(text).toContain('上海华信科技有限公司：打印机卡纸，客户要求上门');
      expect(text).not.toContain('：网络中断');
    }
    expect(viewText(await f.bot.home(f.as('chener')))).toContain('我的未结售后工单（1）');
  });

  it('opens a ticket from the form', async () => {
    expect((await f.bot.handleText(f.as('zhangsan'), '/工单')).form?.name).toBe('ticket');
    const text = viewText(await f.bot.submitForm(f.as('zhangsan'), 'ticket', { company: '上海华信科技', problem: '扫描仪\n无法连接' }));
    expect(text).toContain('问题: 扫描仪\n无法连接');
  });
});
