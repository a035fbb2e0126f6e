import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../../src/grammar/values/credit-code.ts';
import { showClient } from '../../src/core/clients/show-client.ts';
import { decideHeldLead } from '../../src/core/leads/decide-held-lead.ts';
import { reportLead, type ReportLeadCommand } from '../../src/core/leads/report-lead.ts';
import { botFixture, type BotFixture } from '../support/bot-fixture.ts';
import { backends } from '../support/test-database.ts';
import { backToCheckpoint, checkpoint } from '../support/reset-database.ts';

/** A checksum-valid credit code from its first 17 characters. */
const code = (prefix17: string) => `${prefix17}${creditCodeCheckChar(prefix17)}`;
const C1 = code('91310000MA1HX0001');

let phones = 0;
const lead = (company: string, creditCode: string | null, extra: Partial<ReportLeadCommand> = {}): ReportLeadCommand => ({
  company,
  contactName: '王经理',
  phone: `+8613900${String(++phones).padStart(6, '0')}`,
  email: null,
  size: '200人',
  position: '区域龙头',
  region: null,
  creditCode,
  source: null,
  ...extra,
});

describe.each(backends)('a likely duplicate (same name, another credit code) on $name', (backend) => {
  let f: BotFixture;
  beforeAll(async () => {
    f = await botFixture(backend);
    const first = await reportLead(f.deps, f.as('zhangsan'), lead('上海华信科技有限公司', C1, { phone: '+8613812340000' }));
    if (!first.ok) throw new Error(first.code);
    await checkpoint(f.database.db);
  });
  // Each test starts from the scene above, not from what the test before it left.
  beforeEach(() => backToCheckpoint(f.database.db));
  afterAll(() => f.close());

  const heldId = (r: Awaited<ReturnType<typeof reportLead>>) => {
    if (r.ok || r.code !== 'company_likely_duplicate') throw new Error(`not held: ${JSON.stringify(r)}`);
    return Number(r.details.held);
  };
  const outboxTo = (personId: string, kind: string) =>
    f.database.db
      .selectFrom('outbox')
      .select(['person_id', 'notice'])
      .where('person_id', '=', personId)
      .execute()
      .then((rows) => rows.map((r) => (typeof r.notice === 'string' ? JSON.parse(r.notice) : r.notice)).filter((n) => n.kind === kind));

  it('is refused naming the owner, stored nowhere as a company, and put on a card to the regional and department managers', async () => {
    const c2 = code('91310000MA1HX0002');
    const r = await reportLead(f.deps, f.as('zhaoliu'), lead('上海华信科技', c2));
    const id = heldId(r);
    expect(r.ok ? null : r.details).toEqual({ company: '上海华信科技有限公司', code: C1, owner: '张三', region: '华东', held: id });
    expect(await f.database.db.selectFrom('companies').select('id').where('credit_code', '=', c2).execute()).toEqual([]);
    for (const manager of ['lisi', 'wangwu']) {
      const cards = await outboxTo(manager, 'lead_duplicate_held');
      expect(cards.filter((n) => n.heldId === id)).toEqual([
        { kind: 'lead_duplicate_held', heldId: id, company: '上海华信科技', creditCode: c2, reporter: '赵六', existing: '上海华信科技有限公司', existingCode: C1, owner: '张三', region: '华东' },
      ]);
    }
    // Not to the reporter, nor to another region's manager; and no contact data in any card.
    expect((await outboxTo('zhaoliu', 'lead_duplicate_held')).length + (await outboxTo('zhouba', 'lead_duplicate_held')).length).toBe(0);
    const all = JSON.stringify(await f.database.db.selectFrom('outbox').select('notice').execute());
    expect(all).not.toMatch(/王经理|13812340000|139000/);
  });

  it('is held once when the same report is sent again', async () => {
    const c3 = code('91310000MA1HX0003');
    const a = heldId(await reportLead(f.deps, f.as('zhaoliu'), lead('上海华信科技股份公司', c3)));
    const b = heldId(await reportLead(f.deps, f.as('zhaoliu'), lead('上海华信科技股份公司', c3)));
    expect(b).toBe(a);
    expect((await outboxTo('lisi', 'lead_duplicate_held')).filter((n) => n.heldId === a)).toHaveLength(1);
  });

  it("is saved for the reporter when the reporter's regional manager allows it with a reason, and the reporter is told", async () => {
    const c4 = code('91310000MA1HX0004');
    const id = heldId(await reportLead(f.deps, f.as('zhaoliu'), lead('华信科技（上海）有限公司', c4, { contactName: '刘总' })));
    const allowed = await decideHeldLead(f.deps, f.as('lisi'), { heldId: id, decision: 'allow', reason: '另一家同名公司，工商信息不同' });
    expect(allowed.ok).toBe(true);
    const row = await f.database.db.selectFrom('companies').selectAll().where('credit_code', '=', c4).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ owner_id: 'zhaoliu', norm_name: '上海华信科技', duplicate_flag: 'allowed', name: '华信科技（上海）有限公司' });
    const lead_ = await f.database.db.selectFrom('leads').selectAll().where('company_id', '=', row.id).executeTakeFirstOrThrow();
    expect(lead_).toMatchObject({ reporter_id: 'zhaoliu', work_date: '2026-11-26' });
    // The contact was kept encrypted while held and is the reporter's now.
    const card = await showClient(f.deps, f.as('zhaoliu'), c4);
    expect(card.ok && card.value.contact?.name).toBe('刘总');
    expect(await outboxTo('zhaoliu', 'lead_hold_decided')).toContainEqual({
      kind: 'lead_hold_decided', heldId: id, company: '华信科技（上海）有限公司', outcome: 'allowed', by: '李四', reason: '另一家同名公司，工商信息不同',
    });
    const audit = await f.database.db.selectFrom('audit_log').select(['actor_id', 'action']).where('subject_id', '=', String(id)).where('subject_type', '=', 'held_lead').execute();
    expect(audit.map((a) => `${a.actor_id} ${a.action}`)).toEqual(['zhaoliu lead.duplicate_held', 'lisi lead.duplicate_allowed']);
  });

  it('makes a lookup by the shared name ask which company, listing each with its credit code and region', async () => {
    // Two companies go by 上海华信科技: the scene's, and one allowed for 赵六.
    const held = heldId(await reportLead(f.deps, f.as('zhaoliu'), lead('华信科技（上海）有限公司', code('91310000MA1HX0004'), { contactName: '刘总' })));
    expect((await decideHeldLead(f.deps, f.as('lisi'), { heldId: held, decision: 'allow', reason: '另一家同名公司，工商信息不同' })).ok).toBe(true);
    const card = await showClient(f.deps, f.as('zhaoliu'), '上海华信科技');
    expect(card.ok ? null : card.code).toBe('client_ambiguous');
    const choices = String(card.ok ? '' : card.details.choices).split('\n');
    expect(choices).toHaveLength(2);
    expect(choices[0]).toMatch(new RegExp(`^上海华信科技有限公司 · ${C1} · 华东 · 张三 \\(#\\d+\\)$`));
    expect(choices[1]).toMatch(/^华信科技（上海）有限公司 · 91310000MA1HX0004. · 华东 · 赵六 \(#\d+\)$/);
    const byCode = await showClient(f.deps, f.as('zhaoliu'), C1);
    expect(byCode.ok && byCode.value.company.ownerId).toBe('zhangsan');
    const number = /#(\d+)/.exec(choices[1] ?? '')?.[1];
    const byNumber = await showClient(f.deps, f.as('zhaoliu'), `#${number}`);
    expect(byNumber.ok && byNumber.value.company.ownerId).toBe('zhaoliu');
  });

  it('may be decided by neither the reporter, a colleague, nor a manager of another region', async () => {
    const id = heldId(await reportLead(f.deps, f.as('zhaoliu'), lead('上海华信科技', code('91310000MA1HX0005'))));
    for (const who of ['zhaoliu', 'zhangsan', 'sunqi', 'zhouba']) {
      const r = await decideHeldLead(f.deps, f.as(who), { heldId: id, decision: 'allow', reason: '想要' });
      expect(r.ok ? null : r.code, who).toBe('managers_only');
    }
    expect(await f.database.db.selectFrom('companies').select('id').where('credit_code', '=', code('91310000MA1HX0005')).execute()).toEqual([]);
  });

  it('needs a reason to be allowed, may be refused without one, and is decided once', async () => {
    const id = heldId(await reportLead(f.deps, f.as('zhaoliu'), lead('上海华信科技', code('91310000MA1HX0006'))));
    expect(await decideHeldLead(f.deps, f.as('wangwu'), { heldId: id, decision: 'allow', reason: '  ' })).toEqual({ ok: false, code: 'reason_required', details: {} });
    expect((await decideHeldLead(f.deps, f.as('wangwu'), { heldId: id, decision: 'refuse', reason: null })).ok).toBe(true);
    expect(await decideHeldLead(f.deps, f.as('lisi'), { heldId: id, decision: 'allow', reason: '晚了' })).toEqual({
      ok: false,
      code: 'held_lead_decided',
      details: { id, by: '王五' },
    });
    expect(await outboxTo('zhaoliu', 'lead_hold_decided')).toContainEqual(expect.objectContaining({ heldId: id, outcome: 'refused', by: '王五' }));
    expect(await decideHeldLead(f.deps, f.as('lisi'), { heldId: 99999, decision: 'refuse', reason: null })).toMatchObject({ code: 'held_lead_not_found' });
  });

  it("opens the reason form from the card's Allow button, and the submitted form allows it", async () => {
    const c7 = code('91310000MA1HX0007');
    const id = heldId(await reportLead(f.deps, f.as('zhaoliu'), lead('上海华信科技', c7)));
    const form = await f.bot.handleText(f.as('lisi'), `/lead allow ${id}`);
    expect(form.form?.name).toBe('lead_allow');
    expect(form.form?.fields.find((x) => x.key === 'id')?.value).toBe(String(id));
    const done = await f.bot.submitForm(f.as('lisi'), 'lead_allow', { id: String(id), reason: '分公司，独立法人' });
    expect(done.tone).toBe('success');
    const saved = await f.database.db.selectFrom('companies').select('owner_id').where('credit_code', '=', c7).executeTakeFirst();
    expect(saved?.owner_id).toBe('zhaoliu');
    const typed = await f.bot.handleText(f.as('lisi'), `/线索 拒绝 ${id}`);
    expect(JSON.stringify(typed)).toContain(`#${id}`);
  });

  it('is still refused when allowed after its credit code was recorded by someone else', async () => {
    const c8 = code('91310000MA1HX0008');
    const id = heldId(await reportLead(f.deps, f.as('zhaoliu'), lead('上海华信科技', c8)));
    const other = await reportLead(f.deps, f.as('zhangsan'), lead('完全不同的名字', c8));
    expect(other.ok).toBe(true);
    const r = await decideHeldLead(f.deps, f.as('lisi'), { heldId: id, decision: 'allow', reason: '不同公司' });
    expect(r).toMatchObject({ ok: false, code: 'company_owned', details: { owner: '张三' } });
  });

  it.runIf(backend.name === 'postgres')('keeps one company when two reports of one name with different codes land at once', async () => {
    const [a, b] = [code('91440300MA5RACE01'), code('91440300MA5RACE02')];
    const results = await Promise.all([
      reportLead(f.deps, f.as('zhangsan'), lead('杭州并发重名科技有限公司', a)),
      reportLead(f.deps, f.as('zhaoliu'), lead('杭州并发重名科技', b)),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.code)).toEqual(['company_likely_duplicate']);
    const rows = await f.database.db.selectFrom('companies').select('id').where('norm_name', '=', '杭州并发重名科技').execute();
    expect(rows).toHaveLength(1);
  });

  it.runIf(backend.name === 'postgres')('saves a held report once when two managers allow it at the same moment', async () => {
    const c9 = code('91310000MA1HX0009');
    const id = heldId(await reportLead(f.deps, f.as('zhaoliu'), lead('上海华信科技', c9)));
    const results = await Promise.all([
      decideHeldLead(f.deps, f.as('lisi'), { heldId: id, decision: 'allow', reason: '甲' }),
      decideHeldLead(f.deps, f.as('wangwu'), { heldId: id, decision: 'allow', reason: '乙' }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.code)).toEqual(['held_lead_decided']);
    expect(await f.database.db.selectFrom('companies').select('id').where('credit_code', '=', c9).execute()).toHaveLength(1);
  });
});
