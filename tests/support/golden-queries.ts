import type { CatalogueQuery } from "@/lib/search/query";

/**
 * The golden set: queries a visitor would type, with what must be in the top 3.
 * `expect` matches a hit by slug (exact) or by title (any hit whose Chinese or English title
 * equals or — for `titleIncludes` — contains the text).
 */
export type Golden = {
  kind: "exact_zh" | "exact_en" | "two_char_zh" | "typo_en" | "typo_zh" | "filter";
  query: Partial<CatalogueQuery> & { q?: string };
  expect: { slug?: string; title?: string; titleIncludes?: string };
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
const twoChar: [string, string][] = [
  ["会计", "会计"],
  ["物流", "物流"],
  ["环境", "环境"],
  ["数据", "数据"],
  ["安全", "安全"],
  ["管理", "管理"],
  ["化学", "化学"],
  ["物理", "物理"],
  ["英语", "英语"],
  ["设计", "设计"],
  ["生物", "生物"],
  ["历史", "历史"],
  ["算法", "算法"],
  ["法律", "法律"],
  ["金融", "金融"],
  ["工程", "工程"],
  ["教育", "教育"],
  ["电路", "电路"],
];
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

export const goldenQueries: Golden[] = [
  ...exactZh.map((t): Golden => ({ kind: "exact_zh", query: { q: t }, expect: { title: t } })),
  ...exactEn.map((t): Golden => ({ kind: "exact_en", query: { q: t }, expect: { title: t } })),
  ...twoChar.map(([q, inc]): Golden => ({
    kind: "two_char_zh",
    query: { q },
    expect: { titleIncludes: inc },
  })),
  ...typoEn.map(([q, t]): Golden => ({ kind: "typo_en", query: { q }, expect: { title: t } })),
  ...typoZh.map(([q, t]): Golden => ({ kind: "typo_zh", query: { q }, expect: { title: t } })),
  // Filters, with and without text.
  {
    kind: "filter",
    query: { q: "数据结构", institution: "ouchn" },
    expect: { titleIncludes: "数据结构" },
  },
  {
    kind: "filter",
    query: { q: "Environmental", institution: "ustc", level: 8 },
    expect: { titleIncludes: "Environmental" },
  },
  { kind: "filter", query: { q: "物流", field: "04" }, expect: { titleIncludes: "物流" } },
  {
    kind: "filter",
    query: { q: "安全", institution: "mps-infosec" },
    expect: { titleIncludes: "安全" },
  },
  {
    kind: "filter",
    query: { q: "Physics", institution: "ustc" },
    expect: { titleIncludes: "Physics" },
  },
  { kind: "filter", query: { q: "化学", institution: "sjtu" }, expect: { titleIncludes: "化学" } },
  { kind: "filter", query: { q: "Java", kind: "course" }, expect: { titleIncludes: "Java" } },
  { kind: "filter", query: { q: "会计", free: false }, expect: { titleIncludes: "会计" } },
  {
    kind: "filter",
    query: { q: "Geochemistry", levelMin: 7 },
    expect: { titleIncludes: "Geochemistry" },
  },
  {
    kind: "filter",
    query: { q: "数学", creditsMin: 200, institution: "sjtu" },
    expect: { titleIncludes: "数" },
  },
  { kind: "filter", query: { q: "English", language: "zh" }, expect: { titleIncludes: "English" } },
  {
    kind: "filter",
    query: { q: "Management", delivery: "in_person" },
    expect: { titleIncludes: "Management" },
  },
  { kind: "filter", query: { q: "网络安全", field: "06" }, expect: { titleIncludes: "安全" } },
  {
    kind: "filter",
    query: { q: "供应链", institution: "cflp" },
    expect: { titleIncludes: "供应链" },
  },
];
