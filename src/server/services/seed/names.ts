import "server-only";
import type { Rng } from "./rng";

/**
 * Trade names (字号) built from characters firms actually like, with their pinyin for the English
 * names. Every firm gets its own 字号, so names never repeat.
 */
const CHARS: [string, string][] = [
  ["华", "Hua"], ["鑫", "Xin"], ["恒", "Heng"], ["瑞", "Rui"], ["源", "Yuan"], ["宏", "Hong"], ["泰", "Tai"], ["盛", "Sheng"],
  ["祥", "Xiang"], ["丰", "Feng"], ["达", "Da"], ["润", "Run"], ["锦", "Jin"], ["昌", "Chang"], ["隆", "Long"], ["兴", "Xing"],
  ["鲁", "Lu"], ["齐", "Qi"], ["海", "Hai"], ["岳", "Yue"], ["金", "Jin"], ["银", "Yin"], ["富", "Fu"], ["嘉", "Jia"],
  ["和", "He"], ["益", "Yi"], ["正", "Zheng"], ["信", "Xin"], ["诚", "Cheng"], ["新", "Xin"], ["永", "Yong"], ["利", "Li"],
  ["凯", "Kai"], ["腾", "Teng"], ["宇", "Yu"], ["博", "Bo"], ["远", "Yuan"], ["东", "Dong"], ["方", "Fang"], ["舜", "Shun"],
  ["元", "Yuan"], ["康", "Kang"], ["顺", "Shun"], ["安", "An"], ["佳", "Jia"], ["美", "Mei"], ["众", "Zhong"], ["联", "Lian"],
  ["德", "De"], ["明", "Ming"], ["光", "Guang"], ["天", "Tian"], ["宝", "Bao"], ["汇", "Hui"], ["亿", "Yi"], ["万", "Wan"],
  ["晨", "Chen"], ["阳", "Yang"], ["辰", "Chen"], ["骏", "Jun"], ["峰", "Feng"], ["鼎", "Ding"], ["诺", "Nuo"], ["睿", "Rui"],
];

export interface TradeName {
  zh: string;
  en: string;
}

export function tradeNamePool(rng: Rng) {
  const used = new Set<string>();
  return (): TradeName => {
    for (;;) {
      const a = rng.pick(CHARS);
      const b = rng.pick(CHARS);
      if (a[0] === b[0]) continue;
      const zh = a[0] + b[0];
      if (used.has(zh)) continue;
      used.add(zh);
      return { zh, en: a[1] + b[1].toLowerCase() };
    }
  };
}

const SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "赵", "孙", "周", "吴", "徐", "马", "朱", "胡", "郭", "何", "高", "林", "于", "董", "宋", "丁", "曲", "姜", "崔", "邢"];
const GIVEN = ["建国", "秀英", "海涛", "立新", "桂兰", "志强", "红梅", "永刚", "丽娜", "晓东", "明华", "春燕", "国庆", "玉珍", "伟", "敏", "磊", "静", "军", "霞", "鹏", "婷", "宁", "洋", "超", "娟", "浩然", "子涵"];

export function personName(rng: Rng): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN);
}

/** 有限公司 most of the time; anchors are groups or joint-stock companies. */
export function legalSuffix(rng: Rng, anchor: boolean): [zh: string, en: string] {
  if (anchor) return rng.weighted([[["集团有限公司", "Group Co., Ltd."], 4], [["股份有限公司", "Co., Ltd."], 3], [["集团股份有限公司", "Group Co., Ltd."], 1]] as const);
  return rng.weighted([[["有限公司", "Co., Ltd."], 17], [["股份有限公司", "Co., Ltd."], 1], [["有限责任公司", "Co., Ltd."], 2]] as const);
}
