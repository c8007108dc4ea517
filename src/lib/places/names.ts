/** Chinese place names: the stem without the administrative suffix, and its pinyin (the ids of places.yaml are made of it). */
import { pinyin } from 'pinyin-pro';

const ETHNIC =
  '蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|拉祜|水|东乡|纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺|各';
const AUTONOMOUS = new RegExp(`(?:(?:${ETHNIC})族?)+自治(?:区|州|县|旗)$`);
const SUFFIX = /(?:特别行政区|自治区|自治州|自治县|自治旗|地区|街道|林区|矿区|省|市|区|县|镇|乡|旗|盟)$/;

/** The name without its administrative suffix: 宝安区 -> 宝安, 延边朝鲜族自治州 -> 延边, 西藏自治区 -> 西藏. */
export function nameStem(name: string): string {
  let stem = name.replace(AUTONOMOUS, '');
  // 西藏自治区, 内蒙古自治区: the ethnic word is the name itself.
  if ([...stem].length < 2) stem = name.replace(/自治(?:区|州|县|旗)$/, '');
  const bare = stem.replace(SUFFIX, '');
  return [...bare].length >= 2 ? bare : stem;
}

/** Lowercase pinyin of a name's stem, ASCII only: 宝安区 -> baoan, 吕梁市 -> lvliang. */
export function pinyinSlug(name: string): string {
  const syllables = pinyin(nameStem(name), { toneType: 'none', type: 'array', v: true }) as string[];
  return syllables
    .join('')
    .toLowerCase()
    .replace(/ü/g, 'v')
    .replace(/[^a-z0-9]/g, '');
}
