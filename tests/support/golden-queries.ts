import type { CatalogueQuery } from "@/lib/search/query";
import { twoCharAnswers } from "./golden-two-char";

/**
 * The golden set: queries a visitor would type, with what must be in the top 3, by slug.
 * `top3`: every slug listed must be among the first three hits. `oneOf`: broad queries with many
 * good answers — at least one of them must be. Every hit must also satisfy every filter of the
 * query (checked against the source tables by the contract suite).
 */
export type Golden = {
  kind: "exact_zh" | "exact_en" | "two_char_zh" | "typo_en" | "typo_zh" | "filter";
  query: Partial<CatalogueQuery> & { q?: string };
  expect: { top3: string[] } | { oneOf: string[] };
};

// The resources titled exactly so (zh or en): a title shared by two resources expects both.
const titled: Record<string, string[]> = {
  废弃物资源化技术: ["ustc-envi6401p"],
  环境数据分析: ["ustc-envi6002p"],
  高等环境地球化学: ["ustc-envi6009p"],
  水生态修复原理与技术: ["ustc-envi6413p"],
  电动力学B: ["ustc-022506"],
  地球和空间科学基础: ["ustc-ess2006"],
  新中国史: ["ustc-marx1502m"],
  解码生命信息: ["ustc-bio1510"],
  应急管理与运作: ["ustc-mnsc1901"],
  嵌入式应用设计基础: ["ustc-ee1510"],
  造物体验与创新: ["ustc-hs1652"],
  逻辑学导论: ["ustc-hs1514m"],
  科学之美: ["ustc-hs1523"],
  陶瓷文化史: ["ustc-hs1583"],
  例说知识产权: ["ustc-hs1595"],
  现代舞基础训练: ["ustc-hs1636"],
  管理会计学: ["ouchn-management-accounting"],
  数据结构: ["ouchn-data-structures", "sjtu-cs221"],
  "Resource recovery technology from wastes": ["ustc-envi6401p"],
  "Environmental data analysis": ["ustc-envi6002p"],
  "Advanced Environmental Geochemistry": ["ustc-envi6009p"],
  "Principles and Technologies of Aquatic Ecological Restoration": ["ustc-envi6413p"],
  "Electrodynamics B": ["ustc-022506"],
  "Fundamentals of Earth and Space Sciences": ["ustc-ess2006"],
  "History of the New China": ["ustc-marx1502m"],
  "Emergency Management and Operation": ["ustc-mnsc1901"],
  "Basic Technology of Embedded System Design": ["ustc-ee1510"],
  "Creation Experience and Creativity": ["ustc-hs1652"],
  "Introduction of Logics": ["ustc-hs1514m"],
  "The Beauty of Science": ["ustc-hs1523"],
  "Cultural History of Chinese Ceramics": ["ustc-hs1583"],
  "Case Study of Intellectual Property": ["ustc-hs1595"],
  "Basic Training of Modern Dance": ["ustc-hs1636"],
  "Management Accounting": ["ouchn-management-accounting"],
};
const top3 = (title: string) => {
  const slugs = titled[title];
  if (!slugs) throw new Error(`golden set: no expected slug for "${title}"`);
  return { top3: slugs };
};

const exactZh = [
  "废弃物资源化技术",
  "环境数据分析",
  "高等环境地球化学",
  "水生态修复原理与技术",
  "电动力学B",
  "地球和空间科学基础",
  "新中国史",
  "解码生命信息",
  "应急管理与运作",
  "嵌入式应用设计基础",
  "造物体验与创新",
  "逻辑学导论",
  "科学之美",
  "陶瓷文化史",
  "例说知识产权",
  "现代舞基础训练",
  "管理会计学",
  "数据结构",
];
const exactEn = [
  "Resource recovery technology from wastes",
  "Environmental data analysis",
  "Advanced Environmental Geochemistry",
  "Principles and Technologies of Aquatic Ecological Restoration",
  "Electrodynamics B",
  "Fundamentals of Earth and Space Sciences",
  "History of the New China",
  "Emergency Management and Operation",
  "Basic Technology of Embedded System Design",
  "Creation Experience and Creativity",
  "Introduction of Logics",
  "The Beauty of Science",
  "Cultural History of Chinese Ceramics",
  "Case Study of Intellectual Property",
  "Basic Training of Modern Dance",
  "Management Accounting",
];
const twoChar = Object.keys(twoCharAnswers);
// One typo each: a dropped, swapped, doubled or replaced letter in a longer word.
const typoEn: [string, string][] = [
  ["Enviromental data analysis", "Environmental data analysis"],
  ["Advanced Environmental Geochemsitry", "Advanced Environmental Geochemistry"],
  ["Electrodynamcs B", "Electrodynamics B"],
  ["Emergancy Management and Operation", "Emergency Management and Operation"],
  ["Introducton of Logics", "Introduction of Logics"],
  ["Cultural History of Chinese Ceramcs", "Cultural History of Chinese Ceramics"],
  ["Case Study of Intelectual Property", "Case Study of Intellectual Property"],
  ["Basic Training of Modern Dnace", "Basic Training of Modern Dance"],
  ["Managment Accounting", "Management Accounting"],
  ["Resource recovery technolgy from wastes", "Resource recovery technology from wastes"],
  ["Fundamentals of Earth and Space Sciencse", "Fundamentals of Earth and Space Sciences"],
  ["Creation Experience and Creativty", "Creation Experience and Creativity"],
];
const typoZh: [string, string][] = [
  ["数据结购", "数据结构"],
  ["管理会汁学", "管理会计学"],
  ["废弃物资原化技术", "废弃物资源化技术"],
  ["水生态修复原理与技木", "水生态修复原理与技术"],
];

const filter = (query: Golden["query"], expect: Golden["expect"]): Golden => ({
  kind: "filter",
  query,
  expect,
});

export const goldenQueries: Golden[] = [
  ...exactZh.map((t): Golden => ({ kind: "exact_zh", query: { q: t }, expect: top3(t) })),
  ...exactEn.map((t): Golden => ({ kind: "exact_en", query: { q: t }, expect: top3(t) })),
  ...twoChar.map((q): Golden => ({
    kind: "two_char_zh",
    query: { q },
    expect: { oneOf: twoCharAnswers[q]! },
  })),
  ...typoEn.map(([q, t]): Golden => ({ kind: "typo_en", query: { q }, expect: top3(t) })),
  ...typoZh.map(([q, t]): Golden => ({ kind: "typo_zh", query: { q }, expect: top3(t) })),
  // Filters, with and without text: together they use every filter the query has.
  filter(
    { q: "数据结构", institution: "ouchn" },
    { top3: ["ouchn-data-structures", "ouchn-data-structures-lab"] },
  ),
  filter(
    { q: "Environmental Geochemistry", institution: "ustc", level: 8 },
    { top3: ["ustc-envi6009p"] },
  ),
  filter({ q: "物流", field: "04" }, { top3: ["sjtu-bu345"] }),
  filter(
    { q: "安全", institution: "mps-infosec" },
    {
      top3: [
        "mps-infosec-mlps-evaluator",
        "mps-infosec-data-security-compliance",
        "mps-infosec-incident-response",
      ],
    },
  ),
  filter({ q: "Particle Physics", institution: "ustc" }, { top3: ["ustc-phys6004p"] }),
  // 配位化学 is taught at USTC too: the institution filter keeps SJTU's.
  filter({ q: "配位化学", institution: "sjtu" }, { top3: ["sjtu-ca310"] }),
  filter({ q: "Java", kind: "course" }, { top3: ["aptech-java-programming", "sjtu-au420"] }),
  // The free 管理会计学 is filtered out; the paid or unpriced 会计学 remain.
  filter(
    { q: "会计", free: false },
    { oneOf: ["sjtu-ac300", "sjtu-ac311", "ustc-015146", "ustc-mbad6011p"] },
  ),
  filter({ q: "Geochemistry", levelMin: 7 }, { top3: ["ustc-envi6009p", "ustc-geol6102p"] }),
  filter({ q: "数学分析", creditsMin: 200, institution: "sjtu" }, { top3: ["sjtu-ma258"] }),
  filter({ q: "College English", language: "zh" }, { top3: ["ustc-fl1100"] }),
  filter(
    { q: "Financial Management", delivery: "in_person" },
    { top3: ["ustc-016116", "ustc-mbad6012p"] },
  ),
  filter(
    { q: "网络安全", field: "06" },
    { top3: ["ustc-comp6216p", "mps-infosec-mlps-evaluator"] },
  ),
  filter({ q: "供应链", institution: "cflp" }, { top3: ["cflp-supply-chain-professional"] }),
  filter({ q: "冷链", field: "104" }, { top3: ["cflp-cold-chain-operations"] }),
  filter(
    { q: "食品", priceMax: 40000, free: false },
    { top3: ["jiangnan-online-food-safety-quality", "jiangnan-online-food-microbiology"] },
  ),
  filter({ q: "Cloud", language: "en" }, { top3: ["csia-cloud-native"] }),
  filter({ q: "数据", priceMin: 500000 }, { top3: ["csia-data-engineering"] }),
  filter({ q: "照护", levelMax: 3 }, { top3: ["crtvs-infant-care"] }),
  filter(
    { q: "数据结构", free: true },
    { top3: ["ouchn-data-structures", "ouchn-data-structures-lab"] },
  ),
  filter(
    { q: "安全", delivery: "in_person", institution: "mps-infosec" },
    { top3: ["mps-infosec-incident-response"] },
  ),
  filter({ q: "题库", kind: "learning_resource" }, { top3: ["mps-infosec-mlps-question-bank"] }),
  filter({ q: "Software", kind: "micro_credential" }, { top3: ["csia-software-testing"] }),
  filter({ q: "教育", level: 5, delivery: "blended" }, { top3: ["caea-community-educator"] }),
  filter({ q: "仓储", creditsMax: 150 }, { top3: ["cflp-smart-warehousing"] }),
  // SJTU also has a 工程力学, filed under another field.
  filter(
    { q: "工程力学", creditsMin: 300, creditsMax: 400, field: "07" },
    { top3: ["cqu-engineering-mechanics"] },
  ),
  filter({ q: "Data", language: "en", free: true }, { top3: ["ouchn-data-structures-lab"] }),
  filter(
    { institution: "caea", kind: "learning_resource" },
    { top3: ["caea-senior-digital-literacy"] },
  ),
  filter(
    { institution: "crtvs", sort: "price_asc" },
    { top3: ["crtvs-infant-care", "crtvs-ecommerce-operations", "crtvs-elderly-care"] },
  ),
];
