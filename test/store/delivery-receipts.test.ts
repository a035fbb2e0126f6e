import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../src/store/connect.ts';
import { deliveryReceiptsRepo } from '../../src/store/delivery-receipts-repo.ts';
import { backends } from '../support/test-database.ts';

describe.each(backends)('delivery receipts on $name', (backend) => {
  let database: OpenedDatabase;
  beforeAll(async () => {
    database = await backend.open();
  });
  afterAll(() => database.close());

  it('claims a delivery once, and sweeps receipts older than a day as new ones are claimed', async () => {
    const receipts = deliveryReceiptsRepo(database.db);
    const day1 = new Date('2026-12-01T08:00:00Z');
    expect(await receipts.claim('feishu', 'ev-1', day1)).toBe(true);
    expect(await receipts.claim('feishu', 'ev-1', day1)).toBe(false);
    expect(await receipts.claim('slack', 'ev-1', day1)).toBe(true);
    // Within the day a redelivery still finds its receipt.
    expect(await receipts.claim('feishu', 'ev-1', new Date('2026-12-02T07:00:00Z'))).toBe(false);
    // A claim past the day sweeps the old receipts on its way.
    expect(await receipts.claim('feishu', 'ev-2', new Date('2026-12-02T09:00:00Z'))).toBe(true);
    const left = await database.db.selectFrom('delivery_receipts').select(['source', 'delivery_id']).orderBy('delivery_id').execute();
    expect(left).toEqual([{ source: 'feishu', delivery_id: 'ev-2' }]);
  });
});
