// Sample data for `npm run seed`: a chamber in Kanazawa and a dozen firms at every stage of
// accompaniment support (伴走支援). The firms are invented; the figures are the size of real
// small businesses (小規模事業者). Money in 万円 here; seed.mjs turns it into yen.

export const ORGANISATION = { id: 'kanazawa-cci', name: '金沢商工会議所' };
export const MANAGER = 'manager-hayashi'; // 法定経営指導員

/** The chamber's people: each signs in with their own API key, which the seed issues. */
export const PEOPLE = [
  { id: MANAGER, name: '林 真理子', role: 'manager' },
  { id: 'officer-tanaka', name: '田中 健一', role: 'officer' },
  { id: 'officer-yamamoto', name: '山本 美咲', role: 'officer' },
  { id: 'officer-nakamura', name: '中村 大輔', role: 'officer' },
  { id: 'admin-kobayashi', name: '小林 直子', role: 'administrator' },
];

/** A KPI with straight-line targets at the end of each plan year (36 months). */
const kpi = (id, name, unit, baseline, target, direction = 'higher') => ({
  id,
  name,
  unit,
  baseline,
  direction,
  targets: [12, 24, 36].map((month) => ({
    month,
    value: Math.round((baseline + ((target - baseline) * month) / 36) * 10) / 10,
  })),
});

/** Every firm is in 石川県 (Ishikawa), most in 金沢市. */
const firm = (name, representative, industry, address, employees) => ({
  name,
  representative,
  industry,
  address: `石川県${address}`,
  employees,
});

const sales = (baseline, target) => kpi('monthly-sales', '月間売上高', '千円', baseline, target);

/**
 * `stage` is how far the seed takes the case: 'analysis' (opened only), 'planning' (analysis
 * recorded, plan drafted), 'followUp' (plan approved, then any `followUp`), 'closed'.
 * A follow-up finds every KPI a little ahead of plan, except those in `followUp.drifting` (KPI id →
 * actual): more than 10 % short, they drift, and the engine requests an expert (専門家派遣).
 */
export const CASES = [
  {
    key: 'asanogawa-kashiho',
    kind: 'standard',
    officerId: 'officer-tanaka',
    stage: 'analysis',
    firm: firm('有限会社浅野川菓子舗', '浅野 清', '和菓子製造小売業', '金沢市東山1丁目', 6),
  },
  {
    key: 'higashi-kinpaku',
    kind: 'standard',
    officerId: 'officer-yamamoto',
    stage: 'analysis',
    firm: firm('株式会社ひがし金箔工房', '箔谷 美智子', '金箔工芸品製造業', '金沢市東山3丁目', 12),
  },
  {
    key: 'omicho-sengyo',
    kind: 'standard',
    officerId: 'officer-tanaka',
    stage: 'planning',
    firm: firm('合同会社近江町鮮魚', '北 達也', '鮮魚小売業', '金沢市上近江町', 5),
    fin: {
      sales: 9500,
      op: 210,
      prev: [9200, 150],
      debt: 3000,
      cash: 1200,
      net: 1800,
      assets: 6000,
    },
    swot: [
      '目利きと近江町市場の立地',
      '観光客依存で平日の売上が弱い',
      '飲食店の地元食材需要',
      '水揚げ量の減少と仕入価格の上昇',
    ],
    keyIssues: ['飲食店向け卸売の開拓', '加工品による粗利率の改善'],
    plan: {
      title: '飲食店向け卸売の拡大と鮮魚加工品の開発',
      actions: ['市内飲食店への提案営業', '干物・漬魚の加工品開発', '加工品のEC販売'],
      kpis: [sales(7900, 9800), kpi('wholesale-clients', '卸売取引先数', '件', 6, 18)],
    },
  },
  {
    key: 'kenroku-insatsu',
    kind: 'standard',
    officerId: 'officer-nakamura',
    stage: 'planning',
    firm: firm('株式会社兼六印刷', '兼田 正樹', '印刷業', '金沢市兼六元町', 18),
    fin: {
      sales: 24000,
      op: -150,
      prev: [26500, 320],
      debt: 9800,
      cash: 2100,
      net: 4200,
      assets: 16500,
    },
    swot: [
      '自治体・学校との長い取引',
      '紙媒体の受注減少',
      '中小企業のWeb・動画需要',
      'ネット印刷との価格競争',
    ],
    keyIssues: ['Web制作・デジタル販促への事業転換', '製造原価の見直し'],
    plan: {
      title: 'デジタル販促支援への事業転換計画',
      actions: ['Web制作部門の立ち上げ', '既存顧客へのデジタル販促提案', '老朽設備の入替'],
      kpis: [
        kpi('operating-profit', '営業利益（年間）', '万円', -150, 900),
        kpi('web-orders', 'Web制作受注件数（年間）', '件', 4, 40),
      ],
    },
  },
  {
    key: 'saigawa-koumuten',
    kind: 'standard',
    officerId: 'officer-yamamoto',
    stage: 'planning',
    firm: firm('有限会社犀川工務店', '犀川 浩二', '建設業（住宅リフォーム）', '金沢市野町', 9),
    fin: {
      sales: 18000,
      op: 540,
      prev: [16500, 400],
      debt: 5200,
      cash: 2600,
      net: 3900,
      assets: 11000,
    },
    swot: ['町家改修の技術', '職人の高齢化', '空き家活用の補助制度', '資材価格の高騰'],
    keyIssues: ['若手職人の採用と育成', '町家リノベーションの受注拡大'],
    plan: {
      title: '町家リノベーション事業の拡大計画',
      actions: ['施工事例のWeb公開', '空き家所有者向け相談会', '若手職人の採用'],
      kpis: [
        sales(15000, 19500),
        kpi('renovation-orders', 'リノベーション受注件数（年間）', '件', 12, 30),
      ],
    },
  },
  {
    key: 'kaga-yuzen-saien',
    kind: 'standard',
    officerId: 'officer-tanaka',
    stage: 'followUp',
    firm: firm('株式会社加賀友禅工房 彩苑', '友田 彩', '繊維工業（加賀友禅）', '金沢市小将町', 7),
    fin: {
      sales: 8200,
      op: 160,
      prev: [8600, 240],
      debt: 2800,
      cash: 1500,
      net: 2600,
      assets: 6400,
    },
    swot: ['伝統工芸士の技術', '着物需要の縮小', '訪日客と小物需要', '後継の染め職人不足'],
    keyIssues: ['小物・インテリアのEC販売', '体験工房の開設'],
    plan: {
      title: '加賀友禅小物のEC販売と体験工房による新規顧客開拓',
      actions: ['EC サイトの開設', '友禅染め体験の開始', 'ホテル売店への出品'],
      kpis: [sales(6800, 8500), kpi('ec-sales', 'EC売上高（月間）', '千円', 800, 2000)],
    },
    followUp: { method: 'visit', notes: '体験工房の予約が順調。EC は母の日商戦で伸びた。' },
  },
  {
    key: 'oden-miyoshi',
    kind: 'standard',
    officerId: 'officer-nakamura',
    stage: 'followUp',
    firm: firm('有限会社おでん三好', '三好 和夫', '飲食店（おでん）', '金沢市片町2丁目', 8),
    fin: {
      sales: 7600,
      op: 310,
      prev: [7000, 250],
      debt: 1900,
      cash: 1400,
      net: 1700,
      assets: 4300,
    },
    swot: [
      '金沢おでんの老舗の知名度',
      '席数が少なく回転率が低い',
      '予約サイト経由の観光客',
      '人件費と食材費の上昇',
    ],
    keyIssues: ['予約制による客単価の向上', '持ち帰りおでんの販売'],
    plan: {
      title: '予約コースと持ち帰り販売による収益改善計画',
      actions: ['予約コースの導入', '持ち帰りおでんの販売', 'POS による原価管理'],
      kpis: [sales(6300, 7600), kpi('spend-per-customer', '客単価', '円', 3200, 3900)],
    },
    followUp: { method: 'desk', notes: 'コース予約が週末に定着。原価率も改善傾向。' },
  },
  {
    key: 'nonoichi-seiki',
    kind: 'standard',
    officerId: 'officer-yamamoto',
    stage: 'followUp',
    firm: firm('株式会社野々市精機', '野村 直人', '金属製品製造業', '野々市市御経塚', 22),
    fin: {
      sales: 31000,
      op: 620,
      prev: [33500, 910],
      debt: 14500,
      cash: 3800,
      net: 7600,
      assets: 24800,
    },
    swot: ['精密切削の品質', '受注が大手一社に偏る', '医療機器部品の需要', '設備の老朽化'],
    keyIssues: ['取引先の分散', '不良率の低減'],
    plan: {
      title: '医療機器部品への参入と品質管理体制の強化',
      actions: ['ISO 13485 の取得準備', '展示会出展', '検査工程の見直し'],
      kpis: [sales(25800, 31000), kpi('defect-rate', '不良率', '%', 3.5, 1.5, 'lower')],
    },
    followUp: {
      method: 'visit',
      drifting: { 'monthly-sales': 20600 },
      notes: '主要取引先の減産で受注が2割減。',
    },
  },
  {
    key: 'korinbo-bakery',
    kind: 'standard',
    officerId: 'officer-tanaka',
    stage: 'followUp',
    firm: firm('株式会社香林坊ベーカリー', '林 由美', 'パン製造小売業', '金沢市香林坊1丁目', 11),
    fin: {
      sales: 12800,
      op: 90,
      prev: [12400, 380],
      debt: 4600,
      cash: 1100,
      net: 2200,
      assets: 7900,
    },
    swot: ['地元産小麦のパン', '原価管理が弱い', 'オフィス向け配達需要', '小麦と電気代の高騰'],
    keyIssues: ['原価計算に基づく価格改定', '法人向け配達の開始'],
    plan: {
      title: '価格改定と法人向け配達による利益回復計画',
      actions: ['商品別原価計算', '価格改定', 'オフィス向け配達の開始'],
      kpis: [sales(10700, 12500), kpi('gross-margin', '粗利率', '%', 58, 64)],
    },
    followUp: {
      method: 'visit',
      drifting: { 'gross-margin': 51 },
      notes: '値上げが遅れ粗利率が悪化。',
    },
    dispatch: {
      programmeCode: 'yorozuSupportCentre',
      expert: { name: '北村 健一（中小企業診断士）', programme: '石川県よろず支援拠点' },
      summary: '商品別の原価計算表を作成し、価格改定案と製造工程の見直しを助言した。',
    },
  },
  {
    key: 'nagamachi-coffee',
    kind: 'founder',
    officerId: 'officer-nakamura',
    stage: 'followUp',
    firm: firm('長町珈琲', '森 遥', '喫茶店', '金沢市長町1丁目', 2),
    fin: { yearEnd: '12-31', sales: 620, op: -80, debt: 500, cash: 180, net: 120, assets: 760 },
    swot: ['武家屋敷跡に近い立地', '知名度が低い', '観光客の街歩き需要', '近隣カフェの増加'],
    keyIssues: ['固定客づくり', '焼き菓子の物販'],
    plan: {
      title: '長町珈琲 創業計画',
      actions: ['SNS での発信', '焼き菓子の物販', '回数券の導入'],
      kpis: [sales(600, 1200), kpi('daily-customers', '1日平均客数', '人', 35, 60)],
    },
    followUp: { method: 'visit', notes: '回数券で常連が増えた。焼き菓子は週末に完売。' },
  },
  {
    key: 'kutani-matsuyama',
    kind: 'succession',
    officerId: 'officer-yamamoto',
    stage: 'followUp',
    firm: firm('有限会社九谷焼窯元 松山', '松山 勇', '窯業（九谷焼）', '能美市寺井町', 4),
    fin: { sales: 4200, op: 60, prev: [4500, 110], debt: 1600, cash: 900, net: 2100, assets: 3900 },
    swot: ['三代続く上絵付の技法', '経営が代表に集中', '器のギフト需要', '後継者への取引先引継ぎ'],
    keyIssues: ['長男への事業承継', '取引先と技術の引継ぎ'],
    plan: {
      title: '事業承継計画（令和10年 代表交代）',
      actions: ['後継者の取引先同行', '株式の段階的移転', '事業承継・引継ぎ支援センターへの相談'],
      kpis: [
        sales(3500, 4000),
        kpi('handed-over-clients', '後継者が担当する取引先数', '件', 3, 25),
      ],
      succession: {
        successor: { name: '松山 翔', relation: '長男' },
        handoverOn: '2028-04-01',
        milestones: [
          { id: 'successor-training', name: '後継者の上絵付・経営の習得' },
          { id: 'client-handover', name: '主要取引先への後継者の紹介' },
          { id: 'share-transfer', name: '株式・窯の段階的な承継', dueOn: '2028-03-31' },
          { id: 'notify-banks', name: '金融機関への事業承継計画の説明' },
        ],
      },
    },
  },
  {
    key: 'katamachi-saihan',
    kind: 'standard',
    officerId: 'officer-nakamura',
    stage: 'closed',
    firm: firm('株式会社片町酒販', '片山 誠', '酒類小売業', '金沢市片町1丁目', 6),
    fin: {
      sales: 15500,
      op: 470,
      prev: [14800, 360],
      debt: 3300,
      cash: 2900,
      net: 5200,
      assets: 9800,
    },
    swot: ['地酒の品揃え', '店頭販売のみ', '飲食店への配達需要', '量販店との価格競争'],
    keyIssues: ['飲食店への配達の拡大'],
    plan: {
      title: '飲食店向け配達の拡大計画',
      actions: ['配達ルートの再編', '地酒の試飲会'],
      kpis: [sales(12900, 14500)],
    },
    followUp: { method: 'visit', notes: '配達先が計画を上回った。自走できる見通し。' },
    close: {
      reason: 'selfSustaining',
      note: '計画を上回って推移し、自社で PDCA を回せる体制になった。',
    },
  },
];
