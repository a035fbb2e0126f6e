import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaCalendar } from '../../src/calendar/china-calendar.ts';
import { announceCalendarGaps, startCore } from '../../src/compose.ts';
import { readEnv } from '../../src/config/env.ts';
import { reportLead } from '../../src/core/leads/report-lead.ts';
import { DEFAULT_POLICY } from '../../src/core/policy.ts';
import { calendarGaps } from '../../src/core/reminders/calendar-gaps.ts';
import { monthlyGoalsJob } from '../../src/core/reminders/performance-jobs.ts';
import { dailyLeadsMorning, dailyLeadsNudge } from '../../src/core/reminders/lead-reminders.ts';
import { approvalsWaitingJob } from '../../src/core/reminders/other-reminders.ts';
import { translator } from '../../src/i18n/translate.ts';
import { leadSavedView } from '../../src/views/lead-views.ts';
import { noticeView } from '../../src/views/notice-view.ts';
import { botFixture, type BotFixture } from '../support/bot-fixture.ts';
import { backends } from '../support/test-database.ts';

const shanghai = (iso: string) => ({ now: () => new Date(iso) });

describe('the years the China calendar knows', () => {
  const calendar = chinaCalendar(DEFAULT_POLICY.calendar);

  it('knows 2026 from the installed tables and not 2027, which it would treat as weekdays on', () => {
    expect(calendar.isKnown('2026-10-01')).toBe(true);
    expect(calendar.isKnown('2027-01-01')).toBe(false);
    // The fallback: New Year's Day 2027 is a Friday, so a working day until the holidays are given.
    expect(calendar.isWorkingDay('2027-01-01')).toBe(true);
    expect(calendar.isWorkingDay('2027-01-02')).toBe(false);
    expect(calendar.coverage(2026, 2027)).toEqual({ knownThrough: 2026, unknownYears: [2027] });
  });

  it('knows a year once the policy file gives its holidays', () => {
    const configured = chinaCalendar({ extraHolidays: ['2027-01-01', '2027-02-10'], extraWorkdays: [] });
    expect(configured.isKnown('2027-06-01')).toBe(true);
    expect(configured.isWorkingDay('2027-01-01')).toBe(false);
    expect(configured.coverage(2026, 2027)).toEqual({ knownThrough: 2027, unknownYears: [] });
  });

  it('looks at next year from 1 November, and at this year always', () => {
    const gaps = (iso: string) => calendarGaps({ calendar, clock: shanghai(iso), timezone: 'Asia/Shanghai' });
    expect(gaps('2026-10-31T12:00:00+08:00')).toEqual({ knownThrough: 2026, unknownYears: [] });
    expect(gaps('2026-12-01T10:00:00+08:00')).toEqual({ knownThrough: 2026, unknownYears: [2027] });
    expect(gaps('2027-03-01T10:00:00+08:00')).toEqual({ knownThrough: 2026, unknownYears: [2027] });
  });
});

describe.each(backends)('working-day reminders in a year the calendar does not know, on $name', (backend) => {
  let f: BotFixture;
  beforeAll(async () => {
    f = await botFixture(backend, { now: '2027-01-04T10:00:00+08:00' });
  });
  afterAll(() => f.close());
  const t = translator('zh-CN');
  const noticesOf = async (kind: string) =>
    (await f.database.db.selectFrom('outbox').select('notice').execute())
      .map((r) => (typeof r.notice === 'string' ? JSON.parse(r.notice) : r.notice))
      .filter((n) => n.kind === kind);

  it('runs on a weekday of 2027 as the fallback says, and every reminder it sends says the year is not known', async () => {
    const morning = await dailyLeadsMorning(f.deps, new Date('2027-01-04T09:00:00+08:00'));
    expect(morning.queued).toBeGreaterThan(0);
    const sent = await noticesOf('leads_morning');
    expect(sent.length).toBe(morning.queued);
    for (const notice of sent) expect(notice.calendarUnknownYear).toBe(2027);
    const shown = JSON.stringify(noticeView(t, 'zh-CN', sent[0]));
    expect(shown).toContain('还没有 2027 年的节假日安排');
    await dailyLeadsNudge(f.deps, new Date('2027-01-04T16:30:00+08:00'));
    expect((await noticesOf('leads_nudge')).every((n) => n.calendarUnknownYear === 2027)).toBe(true);
  });

  it('says it on the monthly goals too, asked on the first working day of the fallback (KPI-2)', async () => {
    // 2027-01-01 is a Friday: a working day on the weekday fallback, which has no holidays.
    const goals = await monthlyGoalsJob(f.deps, new Date('2027-01-01T09:00:00+08:00'));
    expect(goals.queued).toBeGreaterThan(0);
    const sent = [...(await noticesOf('goals_due_manager')), ...(await noticesOf('goals_due_staff'))];
    expect(sent.length).toBe(goals.queued);
    for (const notice of sent) expect(notice.calendarUnknownYear).toBe(2027);
  });

  it('says so beside the LEAD-1 target in the reply to a lead', async () => {
    const saved = await reportLead(f.deps, f.as('zhangsan'), {
      company: '二〇二七测试公司', contactName: '王', phone: '+8613800007777', email: null, size: '1', position: '1', region: null, creditCode: null, source: null,
    });
    expect(saved.ok && saved.value.progress).toMatchObject({ calendarKnown: false, target: 5 });
    expect(JSON.stringify(saved.ok && leadSavedView(t, saved.value))).toContain('还没有 2027 年的节假日安排');
  });

  it('sends reminders of a known year without the warning', async () => {
    f.clock.set('2026-11-26T10:00:00+08:00');
    await dailyLeadsMorning(f.deps, new Date('2026-11-26T09:00:00+08:00'));
    await approvalsWaitingJob(f.deps, new Date('2026-11-26T10:00:00+08:00'));
    const sent = (await noticesOf('leads_morning')).filter((n) => n.date === '2026-11-26');
    expect(sent.length).toBeGreaterThan(0);
    for (const notice of sent) expect(notice.calendarUnknownYear).toBeUndefined();
    expect(JSON.stringify(noticeView(t, 'zh-CN', sent[0]))).not.toContain('节假日安排');
  });
});

describe('starting with a year the calendar does not know', () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'calendar-')), 'data');
  const lines: Record<string, unknown>[] = [];
  let core: Awaited<ReturnType<typeof startCore>>;
  beforeAll(async () => {
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    core = await startCore(readEnv({ DATA_DIR: dataDir }), logger, shanghai('2026-12-01T10:00:00+08:00'));
    // As main.ts does right after startCore, before serving anyone.
    await announceCalendarGaps(core, logger);
  });
  afterAll(() => core.close());

  it('logs one warning line naming the years and what to configure', () => {
    const warned = lines.filter((l) => typeof l.msg === 'string' && l.msg.startsWith('China calendar does not know 2027'));
    expect(warned).toHaveLength(1);
    expect(warned[0]).toMatchObject({ level: 40, knownThrough: 2026, unknownYears: [2027] });
    expect(String(warned[0]?.msg)).toContain('calendar.extra_holidays');
  });

  it('tells every admin once, and gives /healthz its coverage', async () => {
    const notices = await core.database.db.selectFrom('outbox').select(['person_id', 'notice']).execute();
    const told = notices.filter((n) => (typeof n.notice === 'string' ? JSON.parse(n.notice) : n.notice).kind === 'calendar_unknown');
    expect(told.map((n) => n.person_id)).toEqual(['ops']);
    expect(core.calendar()).toEqual({ knownThrough: 2026, unknownYears: [2027] });
  });
});
