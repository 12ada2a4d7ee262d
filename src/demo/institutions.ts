// The demo's banking institutions: about 40 realistic Chongqing-style banks with peer group, home district and
// market weights (corporate and retail) used to spread loans. Pure data.
// NOTE: the codes B0001… are stable synthetic codes made up for the demo; they are NOT real institution code
// lists (金融机构编码 / 金融许可证号) and must not be read as such.

import type { Institution, PeerGroup } from '../institutions/schema.sql.ts';

export interface DemoInstitution extends Institution {
  district_code: string;
  /** Relative weight in corporate lending (enterprises, large loans). */
  corp: number;
  /** Relative weight in retail lending (persons, individual businesses, farmers). */
  retail: number;
}

type Row = [string, string, PeerGroup, string, number, number];

// name_zh, name_en, peer group, district, corporate weight, retail weight
const ROWS: Row[] = [
  ['中国工商银行重庆市分行', 'ICBC Chongqing Branch', 'large_state', '500103', 100, 80],
  ['中国建设银行重庆市分行', 'CCB Chongqing Branch', 'large_state', '500105', 100, 90],
  ['中国农业银行重庆市分行', 'ABC Chongqing Branch', 'large_state', '500105', 90, 90],
  ['中国银行重庆市分行', 'Bank of China Chongqing Branch', 'large_state', '500103', 70, 50],
  ['交通银行重庆市分行', 'Bank of Communications Chongqing Branch', 'large_state', '500105', 40, 25],
  [
    '中国邮政储蓄银行重庆分行',
    'Postal Savings Bank of China Chongqing Branch',
    'large_state',
    '500105',
    20,
    70,
  ],
  ['国家开发银行重庆市分行', 'China Development Bank Chongqing Branch', 'policy', '500112', 90, 0],
  ['中国进出口银行重庆分行', 'Export-Import Bank of China Chongqing Branch', 'policy', '500112', 20, 0],
  [
    '中国农业发展银行重庆市分行',
    'Agricultural Development Bank of China Chongqing Branch',
    'policy',
    '500103',
    40,
    0,
  ],
  ['重庆农村商业银行', 'Chongqing Rural Commercial Bank', 'rural', '500105', 80, 120],
  ['重庆银行', 'Bank of Chongqing', 'city_commercial', '500105', 50, 30],
  ['重庆三峡银行', 'Chongqing Three Gorges Bank', 'city_commercial', '500105', 25, 12],
  ['重庆富民银行', 'Chongqing Fumin Bank', 'city_commercial', '500112', 4, 10],
  ['成都银行重庆分行', 'Bank of Chengdu Chongqing Branch', 'city_commercial', '500112', 8, 3],
  ['哈尔滨银行重庆分行', 'Harbin Bank Chongqing Branch', 'city_commercial', '500112', 4, 3],
  ['富滇银行重庆分行', 'Fudian Bank Chongqing Branch', 'city_commercial', '500112', 3, 2],
  ['招商银行重庆分行', 'China Merchants Bank Chongqing Branch', 'joint_stock', '500112', 30, 30],
  ['中信银行重庆分行', 'China CITIC Bank Chongqing Branch', 'joint_stock', '500112', 25, 12],
  ['浦发银行重庆分行', 'SPD Bank Chongqing Branch', 'joint_stock', '500112', 22, 10],
  ['兴业银行重庆分行', 'Industrial Bank Chongqing Branch', 'joint_stock', '500112', 25, 10],
  ['中国民生银行重庆分行', 'China Minsheng Bank Chongqing Branch', 'joint_stock', '500112', 20, 10],
  ['中国光大银行重庆分行', 'China Everbright Bank Chongqing Branch', 'joint_stock', '500112', 18, 9],
  ['平安银行重庆分行', 'Ping An Bank Chongqing Branch', 'joint_stock', '500112', 15, 15],
  ['华夏银行重庆分行', 'Hua Xia Bank Chongqing Branch', 'joint_stock', '500112', 12, 5],
  ['广发银行重庆分行', 'China Guangfa Bank Chongqing Branch', 'joint_stock', '500112', 10, 6],
  ['浙商银行重庆分行', 'China Zheshang Bank Chongqing Branch', 'joint_stock', '500105', 8, 3],
  ['渤海银行重庆分行', 'China Bohai Bank Chongqing Branch', 'joint_stock', '500112', 5, 2],
  ['恒丰银行重庆分行', 'Evergrowing Bank Chongqing Branch', 'joint_stock', '500112', 4, 2],
  ['汇丰银行（中国）重庆分行', 'HSBC Bank (China) Chongqing Branch', 'foreign', '500103', 3, 0.5],
  [
    '渣打银行（中国）重庆分行',
    'Standard Chartered Bank (China) Chongqing Branch',
    'foreign',
    '500103',
    2,
    0.3,
  ],
  ['东亚银行（中国）重庆分行', 'Bank of East Asia (China) Chongqing Branch', 'foreign', '500103', 1.5, 0.5],
  ['华侨银行（中国）重庆分行', 'OCBC Bank (China) Chongqing Branch', 'foreign', '500112', 1, 0.2],
  ['重庆璧山工银村镇银行', 'Chongqing Bishan ICBC Rural Bank', 'village', '500120', 0.5, 2],
  ['重庆大足汇丰村镇银行', 'Chongqing Dazu HSBC Rural Bank', 'village', '500111', 0.3, 1.5],
  ['重庆江津石银村镇银行', 'Chongqing Jiangjin Shiyin Rural Bank', 'village', '500116', 0.3, 1.5],
  ['重庆荣昌民生村镇银行', 'Chongqing Rongchang Minsheng Rural Bank', 'village', '500153', 0.3, 1.2],
  ['重庆梁平澳新村镇银行', 'Chongqing Liangping ANZ Rural Bank', 'village', '500155', 0.2, 1],
  ['重庆秀山北银村镇银行', 'Chongqing Xiushan Beiyin Rural Bank', 'village', '500241', 0.2, 1],
  ['重庆巫山恒丰村镇银行', 'Chongqing Wushan Hengfeng Rural Bank', 'village', '500237', 0.1, 0.8],
  ['重庆黔江银座村镇银行', 'Chongqing Qianjiang Yinzuo Rural Bank', 'village', '500114', 0.2, 1],
];

/** The demo institutions in code order. */
export const DEMO_INSTITUTIONS: readonly DemoInstitution[] = ROWS.map(
  ([name_zh, name_en, peer_group, district_code, corp, retail], i) => ({
    code: `B${String(i + 1).padStart(4, '0')}`,
    name_zh,
    name_en,
    peer_group,
    district_code,
    corp,
    retail,
  }),
);

/** The first k institutions (the biggest of each group come first), at least 1 and at most all of them. */
export function pickInstitutions(k: number): DemoInstitution[] {
  const n = Math.max(1, Math.min(DEMO_INSTITUTIONS.length, Math.floor(k)));
  return DEMO_INSTITUTIONS.slice(0, n);
}
