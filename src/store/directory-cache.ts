import type { DirectoryPort } from '../core/ports.ts';

/**
 * Every request looks up its person, and every lead the regions. The org
 * file changes a few times a year, so outside transactions these lookups are
 * kept for `ttlMs`: an import from another process is seen within that time.
 */
export function cachedDirectory(ttlMs: number, clockMs: () => number = Date.now) {
  const entries = new Map<string, { value: unknown; expires: number }>();
  const remember = async <T>(key: string, load: () => Promise<T>): Promise<T> => {
    const hit = entries.get(key);
    if (hit && hit.expires > clockMs()) return hit.value as T;
    const value = await load();
    entries.set(key, { value, expires: clockMs() + ttlMs });
    return value;
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
