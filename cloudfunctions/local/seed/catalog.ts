/**
 * The demo catalog the local cloud loads into an empty database: ten invented brands across the
 * five categories, each with card products (fixed denominations and/or a custom range, registered
 * and bearer kinds), themed faces with their default blessings, validity and usage rules.
 */
import type {
  Brand,
  CardFace,
  CardKind,
  CardProduct,
  Category,
  ThemeId,
  ValidityRule,
} from '../../../src/domain/catalog';
import { yuanToFen } from '../../../src/domain/money';
import { brandLogoArt, cardFaceArt, type FaceArtInput } from '../../core/catalog/face-art';

export interface SeedCatalog {
  categories: Category[];
  brands: Brand[];
  products: CardProduct[];
}

const CATEGORIES: Category[] = [
  { _id: 'dining', name: '餐饮', icon: 'dining', sort: 1 },
  { _id: 'retail', name: '零售', icon: 'retail', sort: 2 },
  { _id: 'entertainment', name: '娱乐', icon: 'entertainment', sort: 3 },
  { _id: 'supermarket', name: '商超', icon: 'supermarket', sort: 4 },
  { _id: 'ecommerce', name: '电商', icon: 'ecommerce', sort: 5 },
];

/** Default blessings per theme; a face may carry its own. */
const BLESSINGS: Record<ThemeId, string> = {
  birthday: '生日快乐！愿你新的一岁，被喜欢的一切温柔包围。',
  festival: '佳节团圆，心意为礼，愿你岁岁平安、事事顺意。',
  thanks: '谢谢你一直以来的照顾与陪伴，这份小心意请收下。',
  love: '想把生活里的小确幸都分给你，愿每一天都有甜。',
  congrats: '恭喜恭喜！这一路的努力都算数，为你骄傲。',
  newyear: '新年快乐！愿新的一年所求皆如愿，所行皆坦途。',
  spring: '春节快乐，福气满满！愿你阖家安康、万事顺遂。',
  midautumn: '月圆人团圆，中秋快乐，愿你被温柔和好运环绕。',
  general: '送你一份心意，愿这张卡为你的日常添一点惊喜。',
};

const FACE_TITLES: Record<ThemeId, string> = {
  birthday: '生日快乐',
  festival: '团圆佳节',
  thanks: '感谢有你',
  love: '心动时刻',
  congrats: '恭喜恭喜',
  newyear: '新年快乐',
  spring: '福满新春',
  midautumn: '花好月圆',
  general: '心意礼卡',
};

interface ProductPlan {
  slug: string;
  name: string;
  kind: CardKind;
  denominations: number[]; // yuan
  custom?: [number, number]; // yuan
  themes: ThemeId[];
  validity: ValidityRule;
  rules: string[];
  transferLimit?: number;
  stock?: number;
  /** Bonus value: cards of at least [0] yuan get [1] yuan on top. */
  bonus?: [number, number];
  onSale?: boolean;
  featured?: boolean;
  /** Blessing overrides per theme. */
  blessings?: Partial<Record<ThemeId, string>>;
}

interface BrandPlan {
  slug: string;
  name: string;
  glyph: string;
  category: Category['_id'];
  color: string;
  /** Second gradient colour for card faces. */
  accent: string;
  slogan: string;
  description: string;
  keywords: string[];
  stores: [string, string][];
  products: ProductPlan[];
}

const COMMON_RULES = ['本卡不记名、不挂失，请妥善保管。', '本卡不可兑换现金，不设找零，可多次使用直至余额用完。'];
const REGISTERED_RULES = ['本卡为记名卡，绑定领取人微信，可挂失。', '本卡不可兑换现金，可多次使用直至余额用完。'];

const BRANDS: BrandPlan[] = [
  {
    slug: 'lanshan-coffee',
    name: '蓝山咖啡',
    glyph: '蓝',
    category: 'dining',
    color: '#1f6f5c',
    accent: '#4fb08f',
    slogan: '每一杯，都是认真烘焙的日常',
    description: '精品咖啡连锁，自家烘焙豆，门店遍布一二线城市写字楼与街区。',
    keywords: ['lanshan', 'lanshankafei', 'coffee', '咖啡'],
    stores: [
      ['国贸店', '北京市朝阳区建国门外大街 1 号国贸商城 B1'],
      ['静安寺店', '上海市静安区南京西路 1618 号'],
      ['天河城店', '广州市天河区天河路 208 号 1 层'],
    ],
    products: [
      {
        slug: 'lanshan-coffee-card',
        name: '蓝山咖啡心意卡',
        kind: 'bearer',
        denominations: [50, 100, 200],
        custom: [50, 1000],
        themes: ['birthday', 'thanks', 'general'],
        validity: { type: 'afterActivation', months: 36 },
        rules: ['全国蓝山咖啡直营门店可用，部分机场店除外。', ...COMMON_RULES],
        featured: true,
        blessings: { thanks: '一杯咖啡的时间，谢谢你一直都在。' },
      },
    ],
  },
  {
    slug: 'rongcheng-hotpot',
    name: '蓉城老火锅',
    glyph: '蓉',
    category: 'dining',
    color: '#c0392b',
    accent: '#f07c3e',
    slogan: '牛油慢炒，一锅沸腾的热闹',
    description: '成都老牌火锅，手工炒料，三十年只做一锅好汤底。',
    keywords: ['rongcheng', 'huoguo', 'hotpot', '火锅'],
    stores: [
      ['春熙路店', '成都市锦江区春熙路南段 8 号'],
      ['五道口店', '北京市海淀区成府路 28 号五道口购物中心 4 层'],
    ],
    products: [
      {
        slug: 'rongcheng-hotpot-card',
        name: '蓉城老火锅储值卡',
        kind: 'registered',
        denominations: [200, 500, 1000],
        themes: ['festival', 'birthday', 'general', 'spring', 'newyear'],
        validity: { type: 'never' },
        rules: ['全国门店堂食可用，外卖及酒水专柜除外。', ...REGISTERED_RULES],
        transferLimit: 1,
        featured: true,
        blessings: { festival: '围炉团圆，热气腾腾，愿新年红红火火！' },
      },
    ],
  },
  {
    slug: 'maiduo-bakery',
    name: '麦朵烘焙',
    glyph: '麦',
    category: 'dining',
    color: '#b7791f',
    accent: '#f6c35b',
    slogan: '今天的面包，今天烤',
    description: '社区烘焙品牌，每日现烤欧包、蛋糕与节令点心。',
    keywords: ['maiduo', 'hongbei', 'bakery', '蛋糕', '面包'],
    stores: [
      ['徐家汇店', '上海市徐汇区漕溪北路 88 号'],
      ['西湖店', '杭州市上城区湖滨路 26 号'],
    ],
    products: [
      {
        slug: 'maiduo-cake-card',
        name: '麦朵蛋糕卡',
        kind: 'bearer',
        denominations: [100, 200, 300],
        themes: ['birthday', 'love', 'festival', 'midautumn', 'congrats'],
        validity: { type: 'afterActivation', months: 36 },
        rules: ['可在门店兑换生日蛋糕或购买烘焙产品。', '生日蛋糕需提前 24 小时预订。', ...COMMON_RULES],
        stock: 500,
        blessings: { festival: '中秋月圆，一口月饼一份甜，愿家人安康。' },
      },
    ],
  },
  {
    slug: 'shuxiang-books',
    name: '书香里书店',
    glyph: '书',
    category: 'retail',
    color: '#2c5282',
    accent: '#6b8fd6',
    slogan: '在书里，遇见更大的世界',
    description: '城市人文书店，图书、文创与咖啡阅读空间。',
    keywords: ['shuxiangli', 'shudian', 'books', '书店'],
    stores: [
      ['三里屯店', '北京市朝阳区三里屯路 19 号'],
      ['新天地店', '上海市黄浦区马当路 245 号'],
    ],
    products: [
      {
        slug: 'shuxiang-reading-card',
        name: '书香阅读卡',
        kind: 'bearer',
        denominations: [100, 200, 500],
        custom: [50, 1000],
        themes: ['thanks', 'birthday', 'general', 'congrats'],
        validity: { type: 'afterActivation', months: 48 },
        rules: ['全国书香里门店及线上商城可用。', ...COMMON_RULES],
        featured: true,
        blessings: { thanks: '谢谢你，把这份书香送给爱读书的你。' },
      },
    ],
  },
  {
    slug: 'yishang-fashion',
    name: '衣尚',
    glyph: '衣',
    category: 'retail',
    color: '#6b46c1',
    accent: '#d6619f',
    slogan: '穿出每一天的好心情',
    description: '都市女装与男装品牌，简约设计、好面料、好价格。',
    keywords: ['yishang', 'fuzhuang', 'fashion', '服装'],
    stores: [
      ['万象城店', '深圳市罗湖区宝安南路 1881 号'],
      ['太古里店', '成都市锦江区中纱帽街 8 号'],
    ],
    products: [
      {
        slug: 'yishang-style-card',
        name: '衣尚购物卡',
        kind: 'registered',
        denominations: [500, 1000, 2000],
        custom: [100, 5000],
        themes: ['love', 'birthday', 'festival'],
        validity: { type: 'never' },
        rules: ['全国衣尚门店可用，可与会员折扣同享。', ...REGISTERED_RULES],
        transferLimit: 1,
      },
      {
        slug: 'yishang-summer-card',
        name: '衣尚夏日限定卡',
        kind: 'bearer',
        denominations: [200],
        themes: ['general'],
        validity: { type: 'fixedDate', until: '2026-09-30' },
        rules: ['夏季限定卡，已停售。', ...COMMON_RULES],
        onSale: false,
      },
    ],
  },
  {
    slug: 'xingguang-cinema',
    name: '星光影城',
    glyph: '影',
    category: 'entertainment',
    color: '#1a202c',
    accent: '#5a67d8',
    slogan: '大银幕，好时光',
    description: '连锁影城，IMAX 与杜比厅，覆盖全国 60 座城市。',
    keywords: ['xingguang', 'yingcheng', 'cinema', 'movie', '电影'],
    stores: [
      ['朝阳大悦城店', '北京市朝阳区朝阳北路 101 号 8 层'],
      ['正大广场店', '上海市浦东新区陆家嘴西路 168 号 7 层'],
      ['海岸城店', '深圳市南山区文心五路 33 号 5 层'],
    ],
    products: [
      {
        slug: 'xingguang-movie-card',
        name: '星光观影卡',
        kind: 'bearer',
        denominations: [100, 200, 300],
        themes: ['love', 'birthday', 'general', 'newyear'],
        validity: { type: 'afterActivation', months: 36 },
        rules: ['可用于购票及卖品，部分特殊场次需补差价。', ...COMMON_RULES],
        featured: true,
        blessings: { love: '想和你一起，看一场不用赶时间的电影。' },
      },
    ],
  },
  {
    slug: 'gechang-ktv',
    name: '歌唱吧 KTV',
    glyph: '歌',
    category: 'entertainment',
    color: '#d53f8c',
    accent: '#ed8936',
    slogan: '今晚，唱给懂你的人听',
    description: '量贩式 KTV，音响一流，适合朋友聚会与团建。',
    keywords: ['gechangba', 'ktv', 'changge', '唱歌'],
    stores: [
      ['解放碑店', '重庆市渝中区民权路 28 号'],
      ['街道口店', '武汉市洪山区珞喻路 6 号'],
    ],
    products: [
      {
        slug: 'gechang-party-card',
        name: '歌唱吧欢唱卡',
        kind: 'bearer',
        denominations: [200, 500],
        themes: ['birthday', 'thanks', 'congrats', 'newyear'],
        validity: { type: 'afterActivation', months: 36 },
        rules: ['可抵扣包厢费及超市消费。', '节假日包厢需提前预订。', ...COMMON_RULES],
      },
    ],
  },
  {
    slug: 'huixian-market',
    name: '惠鲜超市',
    glyph: '惠',
    category: 'supermarket',
    color: '#2f855a',
    accent: '#68d391',
    slogan: '新鲜到家，实惠每一天',
    description: '连锁生鲜超市，蔬果肉禽当日到店，支持到家配送。',
    keywords: ['huixian', 'chaoshi', 'supermarket', '超市', '生鲜'],
    stores: [
      ['望京店', '北京市朝阳区望京街 9 号'],
      ['古北店', '上海市长宁区黄金城道 500 号'],
      ['滨江店', '杭州市滨江区江南大道 588 号'],
    ],
    products: [
      {
        slug: 'huixian-shopping-card',
        name: '惠鲜购物卡',
        kind: 'registered',
        denominations: [100, 200, 500, 1000],
        custom: [50, 5000],
        themes: ['festival', 'thanks', 'general', 'spring', 'midautumn'],
        validity: { type: 'never' },
        rules: [
          '全国惠鲜门店及到家服务可用，烟酒及充值卡除外。',
          '单张面值满 1,000 元赠 100 元，赠送金额不可退。',
          ...REGISTERED_RULES,
        ],
        transferLimit: 2,
        bonus: [1000, 100],
        featured: true,
        blessings: { festival: '新春快乐！年货备齐，福气满满。' },
      },
    ],
  },
  {
    slug: 'linli-store',
    name: '邻里便利店',
    glyph: '邻',
    category: 'supermarket',
    color: '#dd6b20',
    accent: '#f6ad55',
    slogan: '楼下就有，24 小时在',
    description: '社区便利店，鲜食、咖啡与日用品，全天候营业。',
    keywords: ['linli', 'bianlidian', 'convenience', '便利店'],
    stores: [
      ['中关村店', '北京市海淀区中关村大街 27 号'],
      ['陆家嘴店', '上海市浦东新区世纪大道 100 号'],
    ],
    products: [
      {
        slug: 'linli-daily-card',
        name: '邻里随心卡',
        kind: 'bearer',
        denominations: [50, 100],
        themes: ['thanks', 'general'],
        validity: { type: 'afterActivation', months: 36 },
        rules: ['全国邻里便利店可用。', ...COMMON_RULES],
      },
    ],
  },
  {
    slug: 'youpin-mall',
    name: '优品商城',
    glyph: '优',
    category: 'ecommerce',
    color: '#e53e3e',
    accent: '#f687b3',
    slogan: '好物不贵，次日送达',
    description: '综合电商平台，家电数码、美妆个护、家居百货一站购齐。',
    keywords: ['youpin', 'shangcheng', 'mall', 'online', '电商'],
    stores: [['线上商城', '优品商城小程序及 App 全场通用']],
    products: [
      {
        slug: 'youpin-e-card',
        name: '优品 E 卡',
        kind: 'bearer',
        denominations: [100, 200, 500, 1000],
        custom: [50, 1000],
        themes: ['birthday', 'festival', 'love', 'thanks', 'congrats', 'newyear', 'spring', 'midautumn'],
        validity: { type: 'afterActivation', months: 36 },
        rules: ['优品商城自营商品可用，第三方店铺除外。', '支持卡号 + 卡密绑定后使用。', ...COMMON_RULES],
        featured: true,
      },
    ],
  },
];

/** Where a face's picture is: its link once stored (the seed), or the drawing itself (tests, screenshots). */
export type FaceImage = (face: FaceArtInput) => string;

function faces(brand: BrandPlan, plan: ProductPlan, image: FaceImage): CardFace[] {
  return plan.themes.map((theme) => {
    const colors: [string, string] = [brand.color, brand.accent];
    return {
      id: `face-${plan.slug}-${theme}`,
      name: FACE_TITLES[theme],
      theme,
      image: image({ brandName: brand.name, title: FACE_TITLES[theme], theme, colors }),
      blessing: plan.blessings?.[theme] ?? BLESSINGS[theme],
      colors,
    };
  });
}

function product(brand: BrandPlan, plan: ProductPlan, sort: number, image: FaceImage): CardProduct {
  return {
    _id: `prod-${plan.slug}`,
    brandId: `brand-${brand.slug}`,
    brandName: brand.name,
    name: plan.name,
    kind: plan.kind,
    denominations: plan.denominations.map((y) => yuanToFen(y)).sort((a, b) => a - b),
    customAmount: plan.custom ? { min: yuanToFen(plan.custom[0]), max: yuanToFen(plan.custom[1]) } : null,
    faces: faces(brand, plan, image),
    validity: plan.validity,
    usageRules: plan.rules,
    transferLimit: plan.transferLimit ?? 1,
    refundWindowDays: 7,
    bonus: plan.bonus ? { minAmount: yuanToFen(plan.bonus[0]), amount: yuanToFen(plan.bonus[1]) } : null,
    stock: plan.stock ?? null,
    onSale: plan.onSale ?? true,
    featured: plan.featured ?? false,
    sort,
  };
}

export function seedCatalog(image: FaceImage = cardFaceArt): SeedCatalog {
  const brands: Brand[] = BRANDS.map((b, i) => ({
    _id: `brand-${b.slug}`,
    name: b.name,
    category: b.category,
    logo: brandLogoArt({ glyph: b.glyph, color: b.color }),
    slogan: b.slogan,
    description: b.description,
    color: b.color,
    keywords: b.keywords,
    sort: i + 1,
    stores: b.stores.map(([name, address], j) => ({ id: `store-${b.slug}-${j + 1}`, name, address })),
  }));
  let sort = 0;
  const products = BRANDS.flatMap((b) => b.products.map((p) => product(b, p, ++sort, image)));
  return { categories: CATEGORIES, brands, products };
}
