/**
 * Place data the taxonomy does not carry, used only to tell which province a facility list row is
 * in and to strip place words from firm names. The taxonomy stays the authority for Shandong (its
 * cities, textile counties and bounding box) and for province adcodes and centres; this adds the
 * English spellings lists use, postcode prefixes, a coarse radius per province and the few dozen
 * textile towns outside Shandong that addresses name without their province.
 */

/** Spellings of province names in English addresses (folded: lower case, letters only). */
export const PROVINCE_SPELLINGS: Record<string, string[]> = {
  "110000": ["beijing", "peking"],
  "120000": ["tianjin"],
  "130000": ["hebei"],
  "140000": ["shanxi"],
  "150000": ["innermongolia", "neimongol", "neimenggu"],
  "210000": ["liaoning"],
  "220000": ["jilin"],
  "230000": ["heilongjiang"],
  "310000": ["shanghai"],
  "320000": ["jiangsu"],
  "330000": ["zhejiang"],
  "340000": ["anhui"],
  "350000": ["fujian"],
  "360000": ["jiangxi"],
  "370000": ["shandong"],
  "410000": ["henan"],
  "420000": ["hubei"],
  "430000": ["hunan"],
  "440000": ["guangdong", "canton"],
  "450000": ["guangxi"],
  "460000": ["hainan"],
  "500000": ["chongqing"],
  "510000": ["sichuan"],
  "520000": ["guizhou"],
  "530000": ["yunnan"],
  "540000": ["tibet", "xizang"],
  "610000": ["shaanxi"],
  "620000": ["gansu"],
  "630000": ["qinghai"],
  "640000": ["ningxia"],
  "650000": ["xinjiang"],
  "710000": ["taiwan"],
  "810000": ["hongkong"],
  "820000": ["macao", "macau"],
};

/**
 * Country cells that mean the People's Republic's provinces as the taxonomy lists them (ISO 3166
 * codes and names as Open Supply Hub lists write them). Taiwan, Hong Kong and Macao are provinces
 * in the taxonomy (adcodes 710000, 810000, 820000), so their rows land there.
 */
export const COUNTRY_PROVINCE: Record<string, string | null> = {
  cn: null,
  chn: null,
  china: null,
  prc: null,
  peoplesrepublicofchina: null,
  中国: null,
  tw: "710000",
  taiwan: "710000",
  台湾: "710000",
  hk: "810000",
  hongkong: "810000",
  香港: "810000",
  mo: "820000",
  macao: "820000",
  macau: "820000",
  澳门: "820000",
};

/**
 * First two digits of a six-digit Chinese postcode → province. Only used when the address names no
 * province: lists often end an address with "…, 213021" and nothing else.
 */
export const POSTCODE_PROVINCE: Record<string, string> = {
  "10": "110000",
  "30": "120000",
  "20": "310000",
  "40": "500000",
  "05": "130000", "06": "130000", "07": "130000",
  "03": "140000", "04": "140000",
  "01": "150000", "02": "150000",
  "11": "210000", "12": "210000",
  "13": "220000",
  "15": "230000", "16": "230000",
  "21": "320000", "22": "320000",
  "31": "330000", "32": "330000",
  "23": "340000", "24": "340000",
  "35": "350000", "36": "350000",
  "33": "360000", "34": "360000",
  "25": "370000", "26": "370000", "27": "370000",
  "45": "410000", "46": "410000", "47": "410000",
  "43": "420000", "44": "420000",
  "41": "430000", "42": "430000",
  "51": "440000", "52": "440000",
  "53": "450000", "54": "450000",
  "57": "460000",
  "61": "510000", "62": "510000", "63": "510000", "64": "510000",
  "55": "520000", "56": "520000",
  "65": "530000", "66": "530000", "67": "530000",
  "85": "540000",
  "71": "610000", "72": "610000",
  "73": "620000", "74": "620000",
  "81": "630000",
  "75": "640000",
  "83": "650000", "84": "650000",
};

/**
 * How far (km) from the taxonomy's province point a facility may be before its coordinates count
 * as outside the province: roughly the distance to the province's farthest corner. Coarse on
 * purpose: it catches a factory geocoded into the wrong half of the country, not one a few
 * kilometres over a border. Shandong uses the taxonomy's bounding box instead.
 */
export const PROVINCE_RADIUS_KM: Record<string, number> = {
  "110000": 130, "120000": 130, "130000": 480, "140000": 380, "150000": 1500,
  "210000": 420, "220000": 480, "230000": 900, "310000": 100, "320000": 420,
  "330000": 380, "340000": 380, "350000": 420, "360000": 420, "410000": 420,
  "420000": 550, "430000": 420, "440000": 550, "450000": 480, "460000": 300,
  "500000": 380, "510000": 800, "520000": 420, "530000": 700, "540000": 1300,
  "610000": 560, "620000": 1150, "630000": 900, "640000": 350, "650000": 1500,
  "710000": 380, "810000": 60, "820000": 30,
};

/** Country centroid some geocoders return for any Chinese address they cannot place. */
export const CHINA_CENTROID = { lat: 35.86166, lng: 104.195397 };

/** Radius (km) around a Shandong city or textile county centre inside which a site counts as there. */
export const CITY_RADIUS_KM = 120;
export const COUNTY_RADIUS_KM = 50;

/**
 * Textile and garment towns outside Shandong that addresses often name without their province:
 * [English spelling, Chinese name, province adcode]. A name two provinces share (Taizhou: 泰州 in
 * Jiangsu, 台州 in Zhejiang) has province "": it is still stripped from firm names but places no
 * row. Names that are also common words (Xi'an → "xian" is 县) or taxonomy places (Yuncheng 郓城)
 * are left out.
 */
export const OTHER_CITIES: ReadonlyArray<readonly [string, string, string]> = [
  ["guangzhou", "广州", "440000"], ["shenzhen", "深圳", "440000"], ["dongguan", "东莞", "440000"],
  ["foshan", "佛山", "440000"], ["zhongshan", "中山", "440000"], ["huizhou", "惠州", "440000"],
  ["jiangmen", "江门", "440000"], ["shantou", "汕头", "440000"], ["zhuhai", "珠海", "440000"],
  ["shunde", "顺德", "440000"], ["panyu", "番禺", "440000"], ["humen", "虎门", "440000"], ["kaiping", "开平", "440000"],
  ["puning", "普宁", "440000"], ["zhaoqing", "肇庆", "440000"], ["jieyang", "揭阳", "440000"],
  ["nanjing", "南京", "320000"], ["suzhou", "苏州", "320000"], ["wuxi", "无锡", "320000"],
  ["changzhou", "常州", "320000"], ["nantong", "南通", "320000"], ["yangzhou", "扬州", "320000"],
  ["yancheng", "盐城", "320000"], ["huaian", "淮安", "320000"], ["xuzhou", "徐州", "320000"],
  ["zhenjiang", "镇江", "320000"], ["lianyungang", "连云港", "320000"], ["changshu", "常熟", "320000"],
  ["jiangyin", "江阴", "320000"], ["zhangjiagang", "张家港", "320000"], ["kunshan", "昆山", "320000"],
  ["wujiang", "吴江", "320000"], ["danyang", "丹阳", "320000"], ["haimen", "海门", "320000"],
  ["rugao", "如皋", "320000"], ["suqian", "宿迁", "320000"], ["jintan", "金坛", "320000"], ["yixing", "宜兴", "320000"],
  ["hangzhou", "杭州", "330000"], ["ningbo", "宁波", "330000"], ["wenzhou", "温州", "330000"],
  ["shaoxing", "绍兴", "330000"], ["jiaxing", "嘉兴", "330000"], ["huzhou", "湖州", "330000"],
  ["jinhua", "金华", "330000"], ["yiwu", "义乌", "330000"], ["zhuji", "诸暨", "330000"],
  ["haining", "海宁", "330000"], ["tongxiang", "桐乡", "330000"], ["pinghu", "平湖", "330000"],
  ["cixi", "慈溪", "330000"], ["keqiao", "柯桥", "330000"], ["wenling", "温岭", "330000"],
  ["ruian", "瑞安", "330000"], ["yongjia", "永嘉", "330000"], ["haiyan", "海盐", "330000"],
  ["fuzhou", "福州", "350000"], ["xiamen", "厦门", "350000"], ["quanzhou", "泉州", "350000"],
  ["jinjiang", "晋江", "350000"], ["shishi", "石狮", "350000"], ["putian", "莆田", "350000"],
  ["zhangzhou", "漳州", "350000"], ["fuqing", "福清", "350000"],
  ["hefei", "合肥", "340000"], ["wuhu", "芜湖", "340000"], ["anqing", "安庆", "340000"],
  ["maanshan", "马鞍山", "340000"], ["huaibei", "淮北", "340000"], ["xuancheng", "宣城", "340000"],
  ["nanchang", "南昌", "360000"], ["ganzhou", "赣州", "360000"], ["jiujiang", "九江", "360000"], ["yifeng", "宜丰", "360000"],
  ["wuhan", "武汉", "420000"], ["xiangyang", "襄阳", "420000"],
  ["changsha", "长沙", "430000"], ["zhuzhou", "株洲", "430000"], ["yueyang", "岳阳", "430000"],
  ["zhengzhou", "郑州", "410000"], ["xinxiang", "新乡", "410000"], ["shangqiu", "商丘", "410000"],
  ["shijiazhuang", "石家庄", "130000"], ["baoding", "保定", "130000"], ["handan", "邯郸", "130000"],
  ["shenyang", "沈阳", "210000"], ["dalian", "大连", "210000"], ["dandong", "丹东", "210000"],
  ["changchun", "长春", "220000"], ["harbin", "哈尔滨", "230000"],
  ["chengdu", "成都", "510000"], ["kunming", "昆明", "530000"], ["guiyang", "贵阳", "520000"],
  ["urumqi", "乌鲁木齐", "650000"], ["aksu", "阿克苏", "650000"], ["shihezi", "石河子", "650000"],
  ["baoji", "宝鸡", "610000"], ["lanzhou", "兰州", "620000"], ["yinchuan", "银川", "640000"],
  ["nanning", "南宁", "450000"], ["haikou", "海口", "460000"], ["taizhou", "泰州", ""], ["taizhou", "台州", ""],
];
