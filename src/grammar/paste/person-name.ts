/** Common Chinese surnames, the compound ones first: a card's name line starts with one. */
const COMPOUND_SURNAMES = ['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯', '令狐'];
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝';

const HAN_NAME = /^[\u4e00-\u9fff][\u4e00-\u9fff·]{1,9}/u;
const LATIN_NAME = /^[A-Za-z][A-Za-z.'’-]*(?: [A-Za-z][A-Za-z.'’-]*){0,3}/u;

/**
 * The person's name at the start of a labelled value, without what a site
 * writes after it (`张三 关联企业 12` is 张三): a Han name ends at the first
 * space, a Latin one at two spaces or punctuation (`John Smith, Sales`).
 */
export function leadingPersonName(value: string): string | null {
  const text = value.trim().split(/\s{2,}|[|｜,，;；/、(（]/u)[0]?.trim() ?? '';
  const han = HAN_NAME.exec(text.split(/\s/u)[0] ?? '');
  if (han) return han[0].length <= 10 ? han[0] : null;
  const latin = LATIN_NAME.exec(text);
  return latin && latin[0].length <= 50 ? latin[0] : null;
}

const TITLE_WORDS =
  /(经理|总监|主管|总经理|董事长|董事|总裁|工程师|专员|代表|助理|顾问|主任|秘书|会计|老板|店长|厂长|校长|院长|部长|处长|科长|组长|CEO|CTO|CFO|COO|VP|Manager|Director|Engineer|Sales|President|Officer|Representative|Consultant|Assistant|Head|Lead|Founder|Partner|Executive|Specialist|Chief)/iu;
const NOT_A_NAME =
  /(regards|thanks|thank you|sincerely|cheers|best|dear|hello|hi\b|road|street|avenue|district|floor|room|building|tower|park|city|province|china|shanghai|beijing|shenzhen|guangzhou|hangzhou|您好|你好|谢谢|此致|敬礼|顺祝|商祺|祝好|地址|电话|邮箱|手机|公司|集团|企业|信息|关联|股东|工商|存续|注销|大厦|路|街|区|市|省|号)/iu;

/**
 * A card's or signature's name line: a Chinese name (a common surname and one
 * to three characters), or two or three capitalised Latin words, alone or
 * before a title (`王伟 | 销售总监`, `John Smith, Sales Director`). Anything
 * else is not taken for a name: a field the text does not plainly have stays empty.
 */
export function cardName(line: string): string | null {
  const first = line.trim().split(/\s*[|｜,，/]\s*|\s{2,}|\t/u)[0]?.trim() ?? '';
  const hanToken = first.split(/\s+/u)[0] ?? '';
  const surname = COMPOUND_SURNAMES.find((s) => hanToken.startsWith(s)) ?? (SURNAMES.includes(hanToken[0] ?? '\u0000') ? hanToken[0] : undefined);
  if (surname && /^[\u4e00-\u9fff]{2,4}$/u.test(hanToken) && hanToken.length - surname.length >= 1 && hanToken.length - surname.length <= 3 && !NOT_A_NAME.test(hanToken) && !TITLE_WORDS.test(hanToken.slice(surname.length))) {
    return hanToken;
  }
  if (/^[A-Z][a-z]+(?: [A-Z][a-z]+){1,2}$/u.test(first) && !NOT_A_NAME.test(first) && !TITLE_WORDS.test(first)) return first;
  return null;
}
