import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../src/store/connect.ts';
import { performanceRepo } from '../../src/store/performance-repo.ts';
import { addCompany, addContract, addLead } from '../support/performance-data.ts';
import { backends } from '../support/test-database.ts';

/**
 * KPI-7's conversion is counted by the database (leadConversion for a
 * team's months, conversionByReporter for the monthly job), not by reading
 * every lead into the process: these are the counting rules they must keep,
 * checked against figures worked out by hand.
 */
describe.each(backends)('a team lead → signed conversion counted on $name', (backend) => {
  let opened: OpenedDatabase;
  beforeAll(async () => {
    opened = await backend.openCopy();
    const db = opened.db;
    await db.insertInto('regions').values([{ name: '华东' }, { name: '华南' }]).execute();
    await db
      .insertInto('people')
      .values(
        [
          ['a', '华东'],
          ['b', '华东'],
          ['c', '华南'],
        ].map(([id, region]) => ({ id: id!, name: id!, role: 'sales', region: region!, manager_id: null, slack_id: null, feishu_id: null, locale: null, monthly_salary_fen: null })),
      )
      .execute();
    const company = (name: string, owner: string) => addCompany(db, name, owner, owner === 'c' ? '华南' : '华东');
    const signed = (companyId: number, ownerId: string, signedAt: string) =>
      addContract(db, { companyId, ownerId, region: ownerId === 'c' ? '华南' : '华东', yuan: 1_000, signedAt, due: '2026-12-01', newClient: true });
    // July: 一 and 二 reported by a, 三 by b; 一 signed later by c of 华南 (any owner, any time counts).
    const one = await company('一', 'a');
    await addLead(db, one, 'a', '2026-07-01');
    await addLead(db, await company('二', 'a'), 'a', '2026-07-31');
    await addLead(db, await company('三', 'b'), 'b', '2026-07-15');
    await signed(one, 'c', '2026-11-01T10:00:00+08:00');
    // August: 四 by c of the other team; 五 by a with a contract still a draft (not signed); 六 by b, signed by b.
    await addLead(db, await company('四', 'c'), 'c', '2026-08-03');
    const five = await company('五', 'a');
    await addLead(db, five, 'a', '2026-08-05');
    const draft = await signed(five, 'a', '2026-08-06T10:00:00+08:00');
    await db.updateTable('contracts').set({ status: 'draft' }).where('id', '=', draft).execute();
    const six = await company('六', 'b');
    await addLead(db, six, 'b', '2026-08-31');
    await signed(six, 'b', '2026-09-02T10:00:00+08:00');
    // October is outside the range asked.
    await addLead(db, await company('七', 'b'), 'b', '2026-10-01');
  });
  afterAll(() => opened.close());

  it('counts the companies the team reported each month and those signed by anyone, drafts not, months without leads left out', async () => {
    const counted = await performanceRepo(opened.db).leadConversion('2026-07-01', '2026-09-30', ['a', 'b']);
    expect(counted).toEqual([
      { month: '2026-07', leads: 3, signed: 1 },
      { month: '2026-08', leads: 2, signed: 1 },
    ]);
  });

  it("leaves out other teams' leads, and answers nothing for a team of nobody", async () => {
    const repo = performanceRepo(opened.db);
    expect(await repo.leadConversion('2026-07-01', '2026-09-30', ['c'])).toEqual([{ month: '2026-08', leads: 1, signed: 0 }]);
    expect(await repo.leadConversion('2026-07-01', '2026-09-30', [])).toEqual([]);
  });

  it("counts each reporter's month, signed only when signed before the cut-off, drafts not, reporters without leads left out", async () => {
    const repo = performanceRepo(opened.db);
    // 一 (a, July) was signed on 1 November: not yet by the end of July, by the end of November yes.
    expect(await repo.conversionByReporter('2026-07-01', '2026-07-31', new Date('2026-08-01T00:00:00+08:00'))).toEqual([
      { reporterId: 'a', leads: 2, signed: 0 },
      { reporterId: 'b', leads: 1, signed: 0 },
    ]);
    expect(await repo.conversionByReporter('2026-07-01', '2026-07-31', new Date('2026-12-01T00:00:00+08:00'))).toEqual([
      { reporterId: 'a', leads: 2, signed: 1 },
      { reporterId: 'b', leads: 1, signed: 0 },
    ]);
    // August: 五's contract is a draft; 六 was signed on 2 September, before the cut-off of 1 October.
    expect(await repo.conversionByReporter('2026-08-01', '2026-08-31', new Date('2026-10-01T00:00:00+08:00'))).toEqual([
      { reporterId: 'a', leads: 1, signed: 0 },
      { reporterId: 'b', leads: 1, signed: 1 },
      { reporterId: 'c', leads: 1, signed: 0 },
    ]);
  });
});
