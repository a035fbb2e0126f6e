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
    peopleByIds: async () => [],
    personByPlatform: async () => (asked++, current),
    regions: async () => (asked++, ['华东']),
    withRole: async () => [],
    everyone: async () => [],
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

describe('the directory cache while the database is away', () => {
  /** A directory that answers, fails or hangs on demand. */
  function flakyDirectory() {
    let mode: 'answer' | 'fail' | 'hang' = 'answer';
    let name = 'first';
    const hung: (() => void)[] = [];
    const answer = async () => {
      if (mode === 'fail') throw new Error('connection terminated unexpectedly');
      if (mode === 'hang') await new Promise<void>((resolve) => hung.push(resolve));
      return person(name);
    };
    const directory: DirectoryPort = {
      personById: answer,
      peopleByIds: async () => [],
      personByPlatform: answer,
      regions: async () => ['华东'],
      withRole: async () => [],
      everyone: async () => [],
      managerChain: async () => [],
    };
    return {
      directory,
      set: (next: typeof mode, nextName = name) => ((mode = next), (name = nextName)),
      wake: () => hung.splice(0).forEach((resume) => resume()),
    };
  }

  it('answers an expired lookup with the last read when the fresh read fails', async () => {
    let now = 0;
    const source = flakyDirectory();
    const cached = cachedDirectory(10_000, () => now).wrap(source.directory);
    expect((await cached.personByPlatform('slack', 'U1'))?.name).toBe('first');
    now = 20_000;
    source.set('fail');
    expect((await cached.personByPlatform('slack', 'U1'))?.name).toBe('first');
  });

  it('answers an expired lookup with the last read when the fresh read is slow, and keeps the fresh one when it comes', async () => {
    let now = 0;
    const source = flakyDirectory();
    const cached = cachedDirectory(10_000, () => now, 20).wrap(source.directory);
    await cached.personByPlatform('slack', 'U1');
    now = 20_000;
    source.set('hang', 'second');
    expect((await cached.personByPlatform('slack', 'U1'))?.name).toBe('first');
    source.wake();
    await new Promise((resolve) => setTimeout(resolve, 0));
    source.set('fail');
    expect((await cached.personByPlatform('slack', 'U1'))?.name).toBe('second');
  });

  it('still reports the fault for a person it never read', async () => {
    const source = flakyDirectory();
    source.set('fail');
    const cached = cachedDirectory(10_000).wrap(source.directory);
    await expect(cached.personByPlatform('slack', 'U9')).rejects.toThrow('connection terminated');
  });
});
