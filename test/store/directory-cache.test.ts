import { describe, expect, it } from 'vitest';
import type { Person } from '../../src/core/people.ts';
import type { DirectoryPort } from '../../src/core/ports.ts';
import { cachedDirectory } from '../../src/store/directory-cache.ts';

const person = (name: string): Person => ({
  id: 'p', name, role: 'sales', region: '华东', managerId: null, slackId: 'U1', feishuId: null, locale: null, monthlySalaryFen: null,
});

/** A directory whose answers change, counting how often it is asked. */
function changingDirectory() {
  let current = person('first');
  let asked = 0;
  const directory: DirectoryPort = {
    personById: async () => (asked++, current),
    personByPlatform: async () => (asked++, current),
    regions: async () => (asked++, ['华东']),
    withRole: async () => [],
    managerChain: async () => [],
  };
  return { directory, change: () => (current = person('second')), asked: () => asked };
}

describe('the directory cache outside transactions', () => {
  it('answers repeated lookups from memory until the time to live runs out, then reads again', async () => {
    let now = 0;
    const source = changingDirectory();
    const cached = cachedDirectory(10_000, () => now).wrap(source.directory);
    expect((await cached.personByPlatform('slack', 'U1'))?.name).toBe('first');
    source.change();
    expect((await cached.personByPlatform('slack', 'U1'))?.name).toBe('first');
    expect(source.asked()).toBe(1);
    now = 10_001;
    expect((await cached.personByPlatform('slack', 'U1'))?.name).toBe('second');
    expect(source.asked()).toBe(2);
  });

  it('is off with a time to live of zero', async () => {
    const source = changingDirectory();
    const cached = cachedDirectory(0).wrap(source.directory);
    await cached.regions();
    await cached.regions();
    expect(source.asked()).toBe(2);
  });
});
