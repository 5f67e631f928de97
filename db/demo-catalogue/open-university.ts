import type { DemoCatalogueItem } from "./types";
import { md } from "./types";
import { openUniversityComputing } from "./open-university-computing";

/** The Open University of China. */
export const openUniversity: DemoCatalogueItem[] = [
  {
    institution: "ouchn",
    featured: true,
    input: {
      slug: "ouchn-management-accounting",
      kind: "course",
      titleZh: "管理会计学",
      titleEn: "Management Accounting",
      summaryZh:
        "国家开放大学会计学专业（本科）核心课程，讲授成本性态、本量利分析、预算与业绩评价。",
      summaryEn:
        "A core course of the OUC bachelor's programme in accounting: cost behaviour, cost-volume-profit analysis, budgeting and performance evaluation.",
      descriptionMd: md([
        "## 课程介绍",
        "",
        "管理会计学关注会计信息如何服务于企业内部的预测、决策、规划与控制。课程依据财政部《管理会计基本指引》编写，主要内容包括成本性态分析、变动成本法、本量利分析、短期经营决策、全面预算、标准成本控制和责任会计。每章配有微课视频、形成性考核作业和企业案例讨论。",
        "",
        "- 成本性态与变动成本法",
        "- 本量利分析与经营决策",
        "- 全面预算与标准成本",
        "- 责任会计与业绩评价",
        "",
        "### In English",
        "",
        "Management accounting is about how accounting information supports forecasting, decisions, planning and control inside a business. Following the Ministry of Finance's basic guideline, the course covers cost behaviour, variable costing, CVP analysis, short-term decisions, master budgets, standard costing and responsibility accounting, with short videos, coursework and company cases in every chapter.",
      ]),
      fieldCode: "041",
      level: 6,
      creditsX100: 400,
      learningHours: 64,
      outcomes: [
        {
          zh: "能够运用本量利分析测算保本点和目标利润",
          en: "Calculate break-even points and target profit with CVP analysis",
        },
        {
          zh: "能够编制企业的全面预算",
          en: "Prepare a master budget for a business",
        },
        {
          zh: "能够为责任中心设计业绩评价指标",
          en: "Design performance measures for responsibility centres",
        },
      ],
      languages: ["zh"],
      deliveryMode: "online",
      assessment: "形成性考核（50%）+ 终结性考试（50%）。",
      completionRule: { minScore: 60, minAttendancePct: null },
      prerequisites: "已修读“基础会计”和“成本会计”。",
      capacity: null,
      enrolOpensAt: "2027-01-10T00:00:00+08:00",
      enrolClosesAt: "2027-03-10T23:59:00+08:00",
      offers: {
        learner: { amountMinor: 0 },
        siteLicence: { amountMinor: 10000000 },
      },
    },
  },
  ...openUniversityComputing,
  {
    institution: "ouchn",
    input: {
      slug: "ouchn-economics-basics",
      kind: "course",
      titleZh: "经济学基础",
      titleEn: "Principles of Economics",
      summaryZh: "用生活中的例子讲清供求、市场、宏观经济和政策，是经管类专业的入门课。",
      summaryEn:
        "Supply and demand, markets, the macroeconomy and policy, explained through everyday examples: the entry course for business and economics programmes.",
      descriptionMd: md([
        "## 课程介绍",
        "",
        "为什么猪肉价格会大起大落？央行降准对普通人意味着什么？本课程从这类身边问题出发，系统介绍微观经济学的供求理论、消费者与生产者行为、市场结构，以及宏观经济学的国民收入、通货膨胀、失业、财政政策与货币政策等基本概念，帮助学员建立经济学的思维方式。",
        "",
        "- 供求理论与价格机制",
        "- 消费者行为与生产理论",
        "- 市场结构与市场失灵",
        "- 宏观经济指标与经济政策",
        "",
        "### In English",
        "",
        "Why do pork prices swing so wildly? What does a cut in the reserve requirement mean for ordinary people? Starting from questions like these, the course introduces supply and demand, consumer and producer behaviour, market structures, and the macroeconomic ideas of national income, inflation, unemployment, and fiscal and monetary policy.",
      ]),
      fieldCode: "031",
      level: 5,
      creditsX100: 400,
      learningHours: 64,
      outcomes: [
        {
          zh: "能够运用供求模型解释常见的价格变化",
          en: "Explain everyday price changes with the supply and demand model",
        },
        {
          zh: "能够读懂 GDP、CPI 等主要宏观经济指标",
          en: "Read the main macroeconomic indicators such as GDP and CPI",
        },
        {
          zh: "能够说明财政政策和货币政策的基本作用",
          en: "Describe what fiscal and monetary policy do",
        },
      ],
      languages: ["zh"],
      deliveryMode: "online",
      assessment: "形成性考核（50%）+ 终结性考试（50%）。",
      completionRule: { minScore: 60, minAttendancePct: null },
      prerequisites: "",
      capacity: null,
      offers: {
        learner: { amountMinor: 0 },
      },
    },
  },
  {
    institution: "ouchn",
    input: {
      slug: "ouchn-english-1",
      kind: "course",
      titleZh: "人文英语 1",
      titleEn: "English for Humanities 1",
      summaryZh: "面向开放教育专科学员的大学英语课程，围绕日常与职场话题提升听说读写能力。",
      summaryEn:
        "College English for OUC associate-degree learners, building listening, speaking, reading and writing around everyday and workplace topics.",
      descriptionMd: md([
        "## 课程介绍",
        "",
        "本课程是开放教育专科层次的公共英语课，共八个单元，话题包括自我介绍、家庭生活、购物消费、旅行出行、求职面试等。每单元包含情景对话视频、阅读短文、语法讲解和写作练习，并提供在线口语跟读与自动评分，方便成人学员利用碎片时间练习。",
        "",
        "- 情景对话与口语跟读",
        "- 阅读理解与词汇扩展",
        "- 实用语法",
        "- 应用文写作",
        "",
        "### In English",
        "",
        "A general English course at associate-degree level in eight units: introducing yourself, family life, shopping, travel and job interviews. Each unit has dialogue videos, short readings, grammar and a writing task, plus online speaking practice with automatic scoring so busy adults can practise in short sessions.",
      ]),
      fieldCode: "023",
      level: 5,
      creditsX100: 300,
      learningHours: 48,
      outcomes: [
        {
          zh: "能够就日常和职场话题进行简单的英语交流",
          en: "Hold simple conversations in English on everyday and workplace topics",
        },
        {
          zh: "能够读懂难度适中的英语短文",
          en: "Understand short English texts of moderate difficulty",
        },
        {
          zh: "能够写作简短的英文邮件和通知",
          en: "Write short emails and notices in English",
        },
      ],
      languages: ["zh", "en"],
      deliveryMode: "online",
      assessment: "形成性考核（含口语任务）50% + 终结性考试 50%。",
      completionRule: { minScore: 60, minAttendancePct: null },
      prerequisites: "",
      capacity: null,
      offers: {
        learner: { amountMinor: 0 },
      },
    },
  },
];
