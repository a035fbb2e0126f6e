import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer, type HttpServer } from '../src/server.ts';
import { databaseAnswers } from '../src/store/health.ts';
import { pgliteBackend } from './support/test-database.ts';
import type { OpenedDatabase } from '../src/store/connect.ts';

describe('GET /healthz', () => {
  let database: OpenedDatabase;
  let http: HttpServer;
  beforeAll(async () => {
    database = await pgliteBackend.open();
    http = await startHttpServer({ port: 0, healthy: () => databaseAnswers(database.db, 1000) });
  });
  afterAll(async () => {
    await http.close();
  });

  const get = (path: string) => fetch(`http://127.0.0.1:${http.port}${path}`);

  it('answers 200 {"status":"ok"} while the database answers', async () => {
    const res = await get('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('answers 404 for a path nobody serves', async () => {
    expect((await get('/nothing')).status).toBe(404);
  });

  it('answers 503 once the database is gone', async () => {
    await database.close();
    const res = await get('/healthz');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'unavailable' });
  });
});
