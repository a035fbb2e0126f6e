import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer, type HttpServer } from '../src/server.ts';
import { databaseAnswers } from '../src/store/health.ts';
import { pgliteBackend } from './support/test-database.ts';
import { chinaCalendar } from '../src/calendar/china-calendar.ts';
import { DEFAULT_POLICY } from '../src/core/policy.ts';
import { calendarGaps } from '../src/core/reminders/calendar-gaps.ts';
import type { OpenedDatabase } from '../src/store/connect.ts';

describe('GET /healthz', () => {
  let database: OpenedDatabase;
  let http: HttpServer;
  beforeAll(async () => {
    database = await pgliteBackend.open();
    const calendar = chinaCalendar(DEFAULT_POLICY.calendar);
    const clock = { now: () => new Date('2026-12-01T10:00:00+08:00') };
    http = await startHttpServer({
      port: 0,
      healthy: () => databaseAnswers(database.db, 1000),
      details: () => ({ calendar: calendarGaps({ calendar, clock, timezone: 'Asia/Shanghai' }) }),
    });
  });
  afterAll(async () => {
    await http.close();
  });

  const get = (path: string) => fetch(`http://127.0.0.1:${http.port}${path}`);

  it('answers 200 {"status":"ok"} while the database answers, with the calendar\'s known years and the coming years it lacks', async () => {
    const res = await get('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', calendar: { knownThrough: 2026, unknownYears: [2027] } });
  });

  it('answers 404 for a path nobody serves', async () => {
    expect((await get('/nothing')).status).toBe(404);
  });

  it('answers 503 once the database is gone, the calendar details beside it', async () => {
    await database.close();
    const res = await get('/healthz');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'unavailable', calendar: { knownThrough: 2026, unknownYears: [2027] } });
  });
});
