/**
 * Good answers to the two-character golden queries, by slug: resources whose Chinese title
 * contains the term and is short (at most 4 characters, or 6 where fewer than 3 are that short),
 * plus featured ones (featured resources rank first among equals by decision). Listed from the
 * corpus of tests/support/search-corpus.ts; at least one must be in the top 3.
 */
export const twoCharAnswers: Record<string, string[]> = {
  会计: [
    "ouchn-management-accounting", // 管理会计学
    "ustc-015146", // 会计学
    "ustc-mbad6011p", // 会计学
    "ustc-fina6403p", // 财务会计
    "sjtu-ac300", // 会计学
    "sjtu-ac456", // 管理会计
    "sjtu-ac311", // 会计学
  ],
  物流: [
    "ustc-mema6429p", // 物流创新大赛
    "ustc-mema6425p", // 国际物流管理
    "sjtu-io318", // 物流与供应链
    "sjtu-tr300", // 国际物流地理
  ],
  环境: [
    "ustc-envs3004", // 环境地学
    "ustc-envs4003", // 环境遥感
    "sjtu-so922", // 人与环境
    "sjtu-ev318", // 环境评价
  ],
  数据: [
    "ouchn-data-structures", // 数据结构
    "ustc-stat2001", // 数据思维
    "sjtu-cs221", // 数据结构
  ],
  安全: [
    "mps-infosec-mlps-evaluator", // 网络安全等级保护测评师（初级）培训
    "jiangnan-online-food-safety-quality", // 食品安全与质量控制
    "ustc-nste6101p", // 核安全学
    "ustc-comp6216p", // 网络安全
    "ustc-eien6013p", // 信息安全
  ],
  管理: [
    "cflp-supply-chain-professional", // 供应链管理专业人员认证项目
    "csia-software-project-management", // 软件项目管理
    "ouchn-management-accounting", // 管理会计学
    "ustc-025166", // 传媒管理
    "ustc-015701", // 管理沟通
    "ustc-016116", // 财务管理
    "ustc-mnsc3001", // 运营管理
    "ustc-mema6421p", // 库存管理
    "ustc-mbad6008p", // 战略管理
    "ustc-mbad6010p", // 营销管理
    "ustc-mpad6008p", // 公共管理
    "ustc-mpad6408p", // 管理沟通
    "ustc-mbad6012p", // 财务管理
    "ustc-mbad6014p", // 运营管理
    "sjtu-pm327", // 药事管理
    "sjtu-bu348", // 运营管理
    "sjtu-sp254", // 创业管理
    "sjtu-bu320", // 项目管理
    "sjtu-bu463", // 风险管理
    "sjtu-io408", // 项目管理
    "sjtu-bu460", // 战略管理
    "sjtu-am001", // 管理基础
    "sjtu-bu100", // 管理学
    "sjtu-ac301", // 财务管理
    "sjtu-ac456", // 管理会计
    "sjtu-am205", // 管理伦理
    "sjtu-ac305", // 运营管理
  ],
  化学: [
    "ustc-007249", // 地球化学
    "ustc-008137", // 药物化学
    "ustc-019165", // 普通化学
    "ustc-chem1505", // 厨房化学
    "ustc-chem3001", // 催化化学
    "ustc-019170", // 能源化学
    "ustc-019167", // 合成化学
    "ustc-019145", // 结晶化学
    "ustc-019101", // 配位化学
    "ustc-chem6033p", // 激光化学
    "ustc-chem5008p", // 绿色化学
    "ustc-chem6418p", // 辐射化学
    "ustc-msen6400p", // 材料化学
    "ustc-chem5005p", // 药物化学
    "ustc-atmo6107p", // 大气化学
    "ustc-geol6405p", // 宇宙化学
    "ustc-dsci6003p", // 强化学习
    "ustc-mcen6204p", // 材料化学
    "sjtu-fs300", // 食品化学
    "sjtu-ca344", // 固体化学
    "sjtu-ca001", // 大学化学
    "sjtu-bi385", // 生物化学
    "sjtu-ca145", // 化学原理
    "sjtu-ca310", // 配位化学
    "sjtu-bi431", // 生物化学
    "sjtu-bi283", // 生物化学
    "sjtu-ca229", // 物理化学
  ],
  物理: [
    "ustc-phys6004p", // 粒子物理
    "ustc-003158", // 量子物理
    "ustc-msen6001p", // 固体物理
    "ustc-geph6501p", // 太阳物理
    "ustc-geph6503p", // 磁层物理
    "ustc-phys6601p", // 超导物理
    "sjtu-mt319", // 材料物理
    "sjtu-bi428", // 生物物理
    "sjtu-ar319", // 建筑物理
    "sjtu-ca229", // 物理化学
    "sjtu-ph244", // 原子物理
  ],
  英语: [
    "ustc-fl1100", // 大学英语
    "ustc-epen6001u", // 专业英语
    "ustc-bpen6201u", // 专业英语
    "ustc-eien6001u", // 专业英语
    "ustc-mema6201u", // 专业英语
    "ustc-mbad6001u", // 商务英语
    "ustc-safe6416p", // 专业英语
    "sjtu-en361", // 综合英语
    "sjtu-en066", // 英语演讲
    "sjtu-en901", // 英语写作
  ],
  设计: [
    "ustc-phys6663p", // 光学设计
    "sjtu-ee420", // 电机设计
    "sjtu-ad003", // 设计素描
    "sjtu-ad302", // 图形设计
    "sjtu-ad106", // 设计概论
    "sjtu-ad231", // 容器设计
    "sjtu-ad233", // 设计调研
    "sjtu-id317", // 家具设计
    "sjtu-ad206", // 插画设计
    "sjtu-ar400", // 场地设计
    "sjtu-ad225", // 网页设计
  ],
  生物: [
    "ustc-008007", // 微生物学
    "sjtu-bi385", // 生物化学
    "sjtu-bi428", // 生物物理
    "sjtu-bi431", // 生物化学
    "sjtu-bi283", // 生物化学
    "sjtu-bi458", // 生物力学
  ],
  历史: [
    "sjtu-cl107", // 中国历史
    "sjtu-so043", // 中国历史地理
  ],
  算法: [
    "ustc-011146", // 算法基础
    "sjtu-ve477", // 算法导论
    "sjtu-se222", // 算法原理
  ],
  法律: [
    "cqrtvu-law-basics", // 法律基础
    "ustc-juri6504p", // 法律检索
    "ustc-juri6501p", // 法律谈判
    "ustc-juri6503p", // 法律写作
    "sjtu-la446", // 法律诊所
  ],
  金融: [
    "ustc-fina6414p", // 行为金融
    "sjtu-fi418", // 金融工程
    "sjtu-la433", // 金融法
    "sjtu-ma403", // 数理金融
    "sjtu-fi305", // 金融学
    "sjtu-fi414", // 公司金融
  ],
  工程: [
    "cqu-engineering-mechanics", // 工程力学
    "ustc-005051", // 工程材料
    "ustc-phil6301u", // 工程伦理
    "ustc-mcen6202p", // 工程数学
    "ustc-eien6010p", // 编译工程
    "sjtu-vm555", // 工程优化
    "sjtu-ce409", // 分离工程
    "sjtu-fi418", // 金融工程
    "sjtu-po416", // 动力工程
    "sjtu-vg100", // 工程导论
    "sjtu-fr136", // 工程导论
    "sjtu-cv302", // 工程地质
    "sjtu-io316", // 产品工程
    "sjtu-em008", // 工程力学
    "sjtu-se407", // 软件工程
    "sjtu-cv312", // 道路工程
    "sjtu-me345", // 工程材料
    "sjtu-io319", // 人因工程
    "sjtu-bi410", // 代谢工程
  ],
  教育: [
    "cqrtvu-preschool-education", // 学前教育学
    "ustc-edus1001", // 劳动教育
  ],
  电路: [
    "ustc-ee2502", // 数字电路
    "sjtu-ve311", // 电子电路
    "sjtu-ei111", // 电路理论
  ],
};
