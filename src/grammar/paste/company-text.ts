/** The endings of a company's name, Chinese and English, that tell a company line from any other. */
const HAN_SUFFIX = /(有限责任公司|股份有限公司|有限公司|[（(]有限合伙[)）]|合伙企业|集团|公司|事务所|研究院|合作社|厂)/gu;
const LATIN_SUFFIX = /\b(?:Co\.?,?\s*Ltd\.?|Company\s+Limited|Limited|Ltd\.?|Inc\.?|LLC|Corporation|Corp\.?|GmbH|Group)(?=$|[\s,;)）])/giu;

/**
 * The company's name in a piece of text, without what a site writes after it
 * (`上海华信科技有限公司 存续 高新技术企业`): a Chinese name is the first run
 * without spaces up to its last company ending, an English one runs to its
 * last ending (`Co., Ltd.`). `labelled`: the text followed a company label,
 * so a name without an ending (`华信科技`) is taken too.
 */
export function companyIn(text: string, labelled: boolean): string | null {
  const value = text.trim();
  if (!value) return null;
  if (/^[\u4e00-\u9fff（(]/u.test(value)) {
    const token = value.split(/\s+/u)[0] ?? '';
    const ends = [...token.matchAll(HAN_SUFFIX)];
    const last = ends[ends.length - 1];
    if (last) return token.slice(0, (last.index ?? 0) + last[0].length);
    return labelled && token.length <= 100 ? token : null;
  }
  const ends = [...value.matchAll(LATIN_SUFFIX)];
  const last = ends[ends.length - 1];
  if (last) return value.slice(0, (last.index ?? 0) + last[0].length).replace(/\s+/gu, ' ').trim();
  return labelled && value.length <= 100 ? value.split(/\s{2,}/u)[0]?.trim() || null : null;
}
