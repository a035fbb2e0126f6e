import type { DirectoryPort } from '../core/directory/port.ts';

/** How long an expired entry's fresh read may take before the old answer is given instead. */
export const REFRESH_PATIENCE_MS = 300;

/**
 * Every request looks up its person, and every lead the regions. The org
 * file changes a few times a year, so outside transactions these lookups are
 * kept for `ttlMs`: an import from another process is seen within that time.
 *
 * Who a person is must still be known while the database is away: a
 * platform needs its answer within 3 s, and the answer ("try again") names
 * the person's language. So an expired entry is read again, but when that
 * read fails, or takes longer than `patienceMs`, the last answer is given;
 * a slow read goes on and refreshes the entry when it comes back.
 */
export function cachedDirectory(ttlMs: number, clockMs: () => number = Date.now, patienceMs = REFRESH_PATIENCE_MS) {
  const entries = new Map<string, { value: unknown; expires: number }>();
  const refreshing = new Map<string, Promise<unknown>>();

  const read = <T>(key: string, load: () => Promise<T>): Promise<T> => {
    let pending = refreshing.get(key) as Promise<T> | undefined;
    if (!pending) {
      pending = load().then((value) => {
        entries.set(key, { value, expires: clockMs() + ttlMs });
        return value;
      });
      refreshing.set(key, pending);
      void pending.then(
        () => refreshing.delete(key),
        () => refreshing.delete(key),
      );
    }
    return pending;
  };

  const remember = async <T>(key: string, load: () => Promise<T>): Promise<T> => {
    const hit = entries.get(key);
    if (hit && hit.expires > clockMs()) return hit.value as T;
    const fresh = read(key, load);
    if (!hit) return fresh;
    let timer: NodeJS.Timeout | undefined;
    const patience = new Promise<'stale'>((resolve) => (timer = setTimeout(() => resolve('stale'), patienceMs)));
    try {
      const first = await Promise.race([fresh, patience]);
      return first === 'stale' ? (hit.value as T) : first;
    } catch {
      // The database is away: the last answer stands until it is back.
      return hit.value as T;
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    wrap(inner: DirectoryPort): DirectoryPort {
      if (ttlMs <= 0) return inner;
      return {
        ...inner,
        personById: (id) => remember(`id:${id}`, () => inner.personById(id)),
        personByPlatform: (platform, platformId) => remember(`${platform}:${platformId}`, () => inner.personByPlatform(platform, platformId)),
        regions: () => remember('regions', () => inner.regions()),
      };
    },
  };
}
