import type { Policy } from '../policy.ts';

/**
 * The region the policy file maps a place to (`leads.region_by_place`:
 * 上海: 华东), for the first of `texts` (a pasted page's address, its
 * 所属地区, its name) that names a place of the table. The longest place
 * wins where two fit (浦东新区 over 上海 when both are mapped).
 */
export function regionOfPlace(policy: Pick<Policy, 'leads'>, texts: readonly (string | null)[]): { place: string; region: string } | null {
  const places = Object.keys(policy.leads.regionByPlace).sort((a, b) => b.length - a.length);
  for (const text of texts) {
    if (!text) continue;
    const lower = text.toLowerCase();
    const place = places.find((p) => lower.includes(p.toLowerCase()));
    if (place !== undefined) return { place, region: policy.leads.regionByPlace[place] ?? '' };
  }
  return null;
}
