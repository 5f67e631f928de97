/**
 * Defaults of the credit standard (PRODUCT.md §3), written into the database on migration when
 * absent. Labels and names are ours; ISCED-F 2013 codes follow UNESCO's classification.
 */
export const defaultFrameworkLevels: { level: number; labelZh: string; labelEn: string }[] = [
  { level: 1, labelZh: "1级 入门", labelEn: "Level 1 – Entry" },
  { level: 2, labelZh: "2级 基础", labelEn: "Level 2 – Foundation" },
  { level: 3, labelZh: "3级 初级职业", labelEn: "Level 3 – Basic vocational" },
  { level: 4, labelZh: "4级 中等职业", labelEn: "Level 4 – Upper-secondary vocational" },
  { level: 5, labelZh: "5级 高等职业（专科）", labelEn: "Level 5 – Higher vocational (associate)" },
  { level: 6, labelZh: "6级 本科", labelEn: "Level 6 – Bachelor's" },
  { level: 7, labelZh: "7级 本科进阶", labelEn: "Level 7 – Advanced bachelor's" },
  { level: 8, labelZh: "8级 硕士", labelEn: "Level 8 – Master's" },
  { level: 9, labelZh: "9级 硕士进阶", labelEn: "Level 9 – Advanced master's" },
  { level: 10, labelZh: "10级 博士", labelEn: "Level 10 – Doctoral" },
];

type Field = { code: string; nameZh: string; nameEn: string };
type Broad = Field & { narrow: Field[] };

const isced: Broad[] = [
  {
    code: "00",
    nameZh: "通用课程与资格",
    nameEn: "Generic programmes and qualifications",
    narrow: [
      { code: "001", nameZh: "基础课程与资格", nameEn: "Basic programmes and qualifications" },
      { code: "002", nameZh: "读写与计算能力", nameEn: "Literacy and numeracy" },
      { code: "003", nameZh: "个人技能与发展", nameEn: "Personal skills and development" },
    ],
  },
  {
    code: "01",
    nameZh: "教育",
    nameEn: "Education",
    narrow: [{ code: "011", nameZh: "教育", nameEn: "Education" }],
  },
  {
    code: "02",
    nameZh: "艺术与人文",
    nameEn: "Arts and humanities",
    narrow: [
      { code: "021", nameZh: "艺术", nameEn: "Arts" },
      { code: "022", nameZh: "人文（语言除外）", nameEn: "Humanities (except languages)" },
      { code: "023", nameZh: "语言", nameEn: "Languages" },
    ],
  },
  {
    code: "03",
    nameZh: "社会科学、新闻与信息",
    nameEn: "Social sciences, journalism and information",
    narrow: [
      { code: "031", nameZh: "社会与行为科学", nameEn: "Social and behavioural sciences" },
      { code: "032", nameZh: "新闻与信息", nameEn: "Journalism and information" },
    ],
  },
  {
    code: "04",
    nameZh: "商业、管理与法律",
    nameEn: "Business, administration and law",
    narrow: [
      { code: "041", nameZh: "商业与管理", nameEn: "Business and administration" },
      { code: "042", nameZh: "法律", nameEn: "Law" },
    ],
  },
  {
    code: "05",
    nameZh: "自然科学、数学与统计",
    nameEn: "Natural sciences, mathematics and statistics",
    narrow: [
      { code: "051", nameZh: "生物及相关科学", nameEn: "Biological and related sciences" },
      { code: "052", nameZh: "环境", nameEn: "Environment" },
      { code: "053", nameZh: "物理科学", nameEn: "Physical sciences" },
      { code: "054", nameZh: "数学与统计", nameEn: "Mathematics and statistics" },
    ],
  },
  {
    code: "06",
    nameZh: "信息与通信技术",
    nameEn: "Information and communication technologies",
    narrow: [
      {
        code: "061",
        nameZh: "信息与通信技术",
        nameEn: "Information and communication technologies",
      },
    ],
  },
  {
    code: "07",
    nameZh: "工程、制造与建筑",
    nameEn: "Engineering, manufacturing and construction",
    narrow: [
      { code: "071", nameZh: "工程与工程技术", nameEn: "Engineering and engineering trades" },
      { code: "072", nameZh: "制造与加工", nameEn: "Manufacturing and processing" },
      { code: "073", nameZh: "建筑与土木工程", nameEn: "Architecture and construction" },
    ],
  },
  {
    code: "08",
    nameZh: "农业、林业、渔业与兽医",
    nameEn: "Agriculture, forestry, fisheries and veterinary",
    narrow: [
      { code: "081", nameZh: "农业", nameEn: "Agriculture" },
      { code: "082", nameZh: "林业", nameEn: "Forestry" },
      { code: "083", nameZh: "渔业", nameEn: "Fisheries" },
      { code: "084", nameZh: "兽医", nameEn: "Veterinary" },
    ],
  },
  {
    code: "09",
    nameZh: "卫生与福利",
    nameEn: "Health and welfare",
    narrow: [
      { code: "091", nameZh: "卫生", nameEn: "Health" },
      { code: "092", nameZh: "福利", nameEn: "Welfare" },
    ],
  },
  {
    code: "10",
    nameZh: "服务",
    nameEn: "Services",
    narrow: [
      { code: "101", nameZh: "个人服务", nameEn: "Personal services" },
      {
        code: "102",
        nameZh: "卫生与职业健康服务",
        nameEn: "Hygiene and occupational health services",
      },
      { code: "103", nameZh: "安全服务", nameEn: "Security services" },
      { code: "104", nameZh: "运输服务", nameEn: "Transport services" },
    ],
  },
  {
    code: "99",
    nameZh: "领域未知",
    nameEn: "Field unknown",
    narrow: [{ code: "999", nameZh: "领域未知", nameEn: "Field unknown" }],
  },
];

export const UNKNOWN_FIELD_CODE = "999";

export const defaultFieldsOfStudy: {
  code: string;
  parentCode: string | null;
  nameZh: string;
  nameEn: string;
}[] = isced.flatMap((b) => [
  { code: b.code, parentCode: null, nameZh: b.nameZh, nameEn: b.nameEn },
  ...b.narrow.map((n) => ({ ...n, parentCode: b.code })),
]);
