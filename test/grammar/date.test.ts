import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseDate } from '../../src/grammar/values/date.ts';

const TODAY = '2026-03-15';
const read = (text: string, today = TODAY) => {
  const r = parseDate(text, today);
  return r.ok ? r.value : r.code;
};

describe('parseDate', () => {
  it.each([
    ['2026-12-01', '2026-12-01'],
    ['2026-12-1', '2026-12-01'],
    ['2026/12/01', '2026-12-01'],
    ['2026.12.01', '2026-12-01'],
    ['2026年12月1日', '2026-12-01'],
    ['2026年12月1号', '2026-12-01'],
    ['2026 年 12 月 1 日', '2026-12-01'],
    ['２０２６年１２月１日', '2026-12-01'],
    ['２０２６－１２－０１', '2026-12-01'],
    ['  2027-01-31  ', '2027-01-31'],
    ['2028-02-29', '2028-02-29'],
    ['2000-02-29', '2000-02-29'],
  ])('reads the full date %s as %s', (text, expected) => {
    expect(read(text)).toBe(expected);
  });

  it.each([
    ['12月1日', '2026-12-01'],
    ['12月1号', '2026-12-01'],
    ['12月1', '2026-12-01'],
    ['12-01', '2026-12-01'],
    ['12/1', '2026-12-01'],
    ['1/5', '2026-01-05'],
    ['１２月１日', '2026-12-01'],
  ])('reads the month and day %s as %s in the current year', (text, expected) => {
    expect(read(text)).toBe(expected);
  });

  it('takes the year of a month and day from today, not from the host clock', () => {
    expect(read('12月1日', '2031-06-30')).toBe('2031-12-01');
  });

  it.each([
    ['今天', '2026-03-15'],
    ['明天', '2026-03-16'],
    ['后天', '2026-03-17'],
    ['昨天', '2026-03-14'],
    ['today', '2026-03-15'],
    ['Tomorrow', '2026-03-16'],
    ['YESTERDAY', '2026-03-14'],
  ])('reads %s relative to today as %s', (text, expected) => {
    expect(read(text)).toBe(expected);
  });

  it('crosses month, year and leap-day boundaries with relative words', () => {
    expect(read('明天', '2026-12-31')).toBe('2027-01-01');
    expect(read('后天', '2028-02-28')).toBe('2028-03-01');
    expect(read('明天', '2028-02-28')).toBe('2028-02-29');
    expect(read('昨天', '2026-03-01')).toBe('2026-02-28');
  });

  it.each([
    '2026-02-30',
    '2027-02-29',
    '1900-02-29',
    '2100-02-29',
    '2026-04-31',
    '13月1日',
    '2026年13月1日',
    '0月1日',
    '12月32日',
    '2026-00-10',
    '2026-12/01',
    '26-12-01',
    '20261201',
    '1800-01-01',
    '下周一',
    'next week',
    'abc',
    '',
    '2026-12-01T10:00',
    '12',
  ])('refuses %s', (text) => {
    expect(read(text)).toBe('date_invalid');
  });

  it('throws on a malformed today, which is a bug in the caller and not the user’s mistake', () => {
    expect(() => parseDate('明天', '2026-3-15')).toThrow(TypeError);
    expect(() => parseDate('明天', '2026-02-30')).toThrow(TypeError);
  });

  const isoDate = fc
    .date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2199, 11, 31)), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

  it('reads every real date back in each full spelling', () => {
    fc.assert(
      fc.property(isoDate, (iso) => {
        const [y = '', m = '', d = ''] = iso.split('-');
        const day = String(Number(d));
        const month = String(Number(m));
        for (const text of [iso, `${y}/${m}/${d}`, `${y}.${month}.${day}`, `${y}年${month}月${day}日`, `${y}-${month}-${day}`]) {
          expect(read(text), text).toBe(iso);
        }
      }),
    );
  });

  it('agrees with the calendar on which 29-31 days exist', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2199 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 29, max: 31 }), (y, m, d) => {
        const real = new Date(Date.UTC(y, m - 1, d)).getUTCMonth() === m - 1;
        const text = `${y}年${m}月${d}日`;
        const expected = `${y}-${String(m).padStart(2, '0')}-${d}`;
        expect(read(text), text).toBe(real ? expected : 'date_invalid');
      }),
    );
  });

  it('moves relative words exactly one day per step', () => {
    fc.assert(
      // Two days short of the parser's last year, so that 后天 stays inside it.
      fc.property(isoDate.filter((d) => d < '2199-12-30'), (today) => {
        const tomorrow = read('明天', today);
        expect(read('昨天', tomorrow)).toBe(today);
        expect(read('后天', today)).toBe(read('明天', tomorrow));
      }),
    );
  });
});
