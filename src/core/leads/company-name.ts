/**
 * LEAD-2 "one company, one owner": two reports name the same company when their
 * normalised names are equal. This file is policy core: it imports only its own tables.
 */
import { toSimplified } from './traditional-chinese.ts';

/**
 * Which rules made the stored keys: raised whenever normalisation changes, so
 * the store re-keys the companies written under an older version at start
 * (src/store/rekey-company-names.ts). 1: width, case, spaces, punctuation,
 * legal forms. 2: also 股份公司, traditional characters and a region in brackets.
 */
export const NAME_KEY_VERSION = 2;

/** White space, punctuation, symbols, and invisible format/control characters (zero-width spaces pasted from web pages). */
const NOISE = /[\p{P}\p{S}\p{Z}\p{Cc}\p{Cf}]/gu;

/**
 * Legal forms in Latin letters are whole words at the end (`ACME Co., Ltd.`):
 * they are dropped word by word, so a name that merely ends in the same
 * letters keeps them (`Tesco`, `Zinc`, `Cisco` stay whole).
 */
const LATIN_LEGAL_WORDS = new Set([
  'co', 'ltd', 'coltd', 'limited', 'inc', 'incorporated', 'corp', 'corporation', 'llc', 'group', 'company',
]);

/** Chinese legal forms are written without spaces, so they are stripped from the end of the joined name. Longest first. */
const CJK_LEGAL_SUFFIXES = ['股份有限公司', '有限责任公司', '集团有限公司', '股份公司', '有限公司', '集团', '公司'];

/**
 * Provinces, autonomous regions, municipalities and the larger cities, as a
 * company name writes them in brackets: 华信科技（上海）有限公司 is the
 * Shanghai company that 上海华信科技有限公司 also names. Longest first, so 内蒙古
 * is not read as a shorter name. 中国 is not among them: 西门子（中国） is a
 * company of its own beside 西门子.
 */
const REGIONS = [
  '黑龙江', '内蒙古', '北京', '天津', '上海', '重庆', '河北', '山西', '辽宁', '吉林', '江苏', '浙江', '安徽', '福建',
  '江西', '山东', '河南', '湖北', '湖南', '广东', '海南', '四川', '贵州', '云南', '陕西', '甘肃', '青海', '台湾',
  '广西', '西藏', '宁夏', '新疆', '香港', '澳门', '深圳', '广州', '杭州', '南京', '苏州', '无锡', '常州', '宁波',
  '温州', '绍兴', '嘉兴', '金华', '台州', '合肥', '福州', '厦门', '泉州', '南昌', '济南', '青岛', '烟台', '郑州',
  '武汉', '长沙', '成都', '西安', '昆明', '贵阳', '南宁', '海口', '兰州', '西宁', '银川', '乌鲁木齐', '拉萨',
  '呼和浩特', '石家庄', '太原', '沈阳', '大连', '长春', '哈尔滨', '东莞', '佛山', '珠海', '中山', '惠州', '汕头',
  '南通', '徐州', '扬州', '镇江', '泰州', '盐城', '连云港', '淮安', '宿迁', '芜湖', '唐山', '保定', '廊坊', '洛阳',
  '宜昌', '襄阳', '株洲', '湘潭', '绵阳', '柳州', '桂林', '三亚', '潍坊', '淄博', '临沂', '威海', '济宁',
].sort((a, b) => b.length - a.length);

/** A region in brackets anywhere in the (folded, simplified) name: (上海), (上海市), [上海], 【上海】, 〔上海〕. */
const BRACKETED_REGION = new RegExp(
  `[(\\[【〔]\\s*(${REGIONS.join('|')})(?:市|省|自治区|特别行政区)?\\s*[)\\]】〕]`,
  'gu',
);

/**
 * A region in brackets counts as the name's region prefix: it is taken out,
 * and put in front unless the name starts with it already. So 华信科技（上海）,
 * 上海华信科技（上海） and 上海华信科技 are one name; 华信科技（北京） is another.
 */
function regionToFront(name: string): string {
  let region: string | undefined;
  const rest = name.replace(BRACKETED_REGION, (_whole, found: string) => {
    region ??= found;
    return ' ';
  });
  if (region === undefined) return name;
  const start = rest.replace(NOISE, '');
  return start.startsWith(region) ? rest : region + rest;
}


const fold = (s: string): string => s.normalize('NFKC').toLowerCase().normalize('NFKC');

/**
 * The comparison key for a company name: NFKC (full-width → half-width letters
 * and digits), lower case, traditional characters in their simplified form, a
 * region in brackets read as the name's region prefix, no white space or
 * punctuation, legal forms stripped from the end again and again. A name is never stripped to nothing: `有限公司` alone stays
 * `有限公司`, `Co., Ltd.` alone `coltd`. A name made only of punctuation keeps its punctuation (minus
 * white space); only an empty or all-white-space name gives ''.
 */
export const normalizeCompanyName = (name: string): string => {
  const folded = regionToFront(toSimplified(fold(name)));
  // Removing a character can bring a base letter and a combining mark together; fold again so the key is stable.
  const words = folded.split(NOISE).filter(Boolean).map(fold);
  if (words.length === 0) return fold(folded.replace(/[\s\p{Z}\p{Cc}\p{Cf}]/gu, ''));

  for (;;) {
    const last = words[words.length - 1] ?? '';
    if (LATIN_LEGAL_WORDS.has(last) && words.some((w) => !LATIN_LEGAL_WORDS.has(w))) {
      words.pop();
      continue;
    }
    const joined = words.join('');
    const suffix = CJK_LEGAL_SUFFIXES.find((s) => joined.endsWith(s));
    // Stop before the key would vanish: the longest form that is the whole name stays.
    if (suffix === undefined || suffix.length === joined.length) return fold(joined);
    dropTrailingChars(words, suffix.length);
  }
};

/** Removes `count` characters from the end of the words, across word boundaries (`（集团）有限公司`). */
function dropTrailingChars(words: string[], count: number): void {
  let left = count;
  while (left > 0 && words.length > 0) {
    const last = words.pop() ?? '';
    if (last.length > left) words.push(last.slice(0, last.length - left));
    left -= Math.min(left, last.length);
  }
}

/** Full-width ASCII letters and digits (Ａ-Ｚ, ａ-ｚ, ０-９). */
const FULL_WIDTH_ALPHANUMERIC = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/gu;

/**
 * The name as it is shown back: trimmed, runs of white space (the ideographic
 * space included) folded to one space, full-width letters and digits made
 * half-width. Chinese punctuation such as （） stays as typed.
 */
export const cleanCompanyDisplayName = (raw: string): string =>
  raw
    .trim()
    .replace(/\s+/gu, ' ')
    .replace(FULL_WIDTH_ALPHANUMERIC, (c) => c.normalize('NFKC'));
