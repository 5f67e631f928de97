import type { DemoCatalogueItem } from "./types";
import { md } from "./types";

/** Jiangnan University School of Online Education. */
export const jiangnan: DemoCatalogueItem[] = [
  {
    institution: "jiangnan-online",
    featured: true,
    input: {
      slug: "jiangnan-online-food-safety-quality",
      kind: "course",
      titleZh: "食品安全与质量控制",
      titleEn: "Food Safety and Quality Control",
      summaryZh: "依托江南大学食品学科优势，讲授食品危害识别、HACCP 体系与质量管理。",
      summaryEn:
        "Drawing on Jiangnan University's leading food science faculty: identifying food hazards, HACCP and quality management.",
      descriptionMd: md([
        "## 课程介绍",
        "",
        "本课程由江南大学食品学院教师主讲，系统介绍食品中的生物性、化学性和物理性危害，食品安全国家标准体系，良好生产规范（GMP）、卫生标准操作程序（SSOP）和 HACCP 体系的建立与运行，以及 ISO 22000 食品安全管理体系。课程以乳制品、肉制品和焙烤食品企业为案例，学员需为一条生产线编写 HACCP 计划。",
        "",
        "- 食品危害与风险评估",
        "- 食品安全国家标准",
        "- GMP、SSOP 与 HACCP",
        "- ISO 22000 管理体系",
        "",
        "### In English",
        "",
        "Taught by staff of Jiangnan's School of Food Science and Technology, the course covers biological, chemical and physical hazards, China's national food safety standards, GMP, SSOP, building and running HACCP, and ISO 22000. Cases come from dairy, meat and bakery plants; learners write a HACCP plan for a production line.",
      ]),
      fieldCode: "072",
      level: 6,
      creditsX100: 300,
      learningHours: 48,
      outcomes: [
        {
          zh: "能够识别食品生产过程中的主要危害",
          en: "Identify the main hazards in a food production process",
        },
        {
          zh: "能够为一条食品生产线编制 HACCP 计划",
          en: "Write a HACCP plan for a food production line",
        },
        {
          zh: "能够说明 ISO 22000 体系的基本要求",
          en: "Explain the core requirements of ISO 22000",
        },
      ],
      languages: ["zh"],
      deliveryMode: "online",
      assessment: "HACCP 计划作业（40%）+ 在线期末考试（60%）。",
      completionRule: { minScore: 60, minAttendancePct: null },
      prerequisites: "具备食品化学或微生物学基础知识。",
      capacity: null,
      offers: {
        learner: { amountMinor: 36000 },
        seat: { amountMinor: 28000, minQuantity: 30 },
        siteLicence: { amountMinor: 12000000 },
      },
    },
  },
  {
    institution: "jiangnan-online",
    input: {
      slug: "jiangnan-online-food-microbiology",
      kind: "course",
      titleZh: "食品微生物学",
      titleEn: "Food Microbiology",
      summaryZh: "食品科学与工程专业（专升本）网络课程，讲解微生物在食品发酵、腐败和安全中的作用。",
      summaryEn:
        "An online course in the food science and engineering top-up degree: how microbes drive fermentation, spoilage and food safety.",
      descriptionMd: md([
        "## 课程介绍",
        "",
        "从酱油、黄酒的酿造到食品腐败和食物中毒，微生物无处不在。本课程介绍微生物的形态结构、营养与生长、遗传变异，重点讲解发酵食品中的有益微生物、引起食品腐败变质的微生物、常见食源性致病菌以及微生物检验方法，并配有实验操作视频。",
        "",
        "- 微生物形态与生理",
        "- 发酵食品微生物",
        "- 食品腐败与食源性致病菌",
        "- 食品微生物检验",
        "",
        "### In English",
        "",
        "Microbes are everywhere, from brewing soy sauce and yellow wine to spoilage and food poisoning. The course covers microbial structure, nutrition, growth and genetics, with emphasis on beneficial microbes in fermented foods, spoilage organisms, common foodborne pathogens and microbiological testing, supported by lab demonstration videos.",
      ]),
      fieldCode: "072",
      level: 6,
      creditsX100: 300,
      learningHours: 48,
      outcomes: [
        {
          zh: "能够说明主要发酵食品中微生物的作用",
          en: "Explain the role of microbes in the main fermented foods",
        },
        {
          zh: "能够识别常见食源性致病菌及其控制方法",
          en: "Recognise common foodborne pathogens and how to control them",
        },
      ],
      languages: ["zh"],
      deliveryMode: "online",
      assessment: "在线作业（40%）+ 期末考试（60%）。",
      completionRule: { minScore: 60, minAttendancePct: null },
      prerequisites: "",
      capacity: null,
      offers: {
        learner: { amountMinor: 36000 },
        seat: { amountMinor: 28000, minQuantity: 30 },
      },
    },
  },
];
