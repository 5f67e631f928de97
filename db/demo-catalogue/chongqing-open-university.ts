import type { DemoCatalogueItem } from "./types";
import { md } from "./types";

/** Chongqing Radio and TV University. */
export const chongqingOpenUniversity: DemoCatalogueItem[] = [
  {
    institution: "cqrtvu",
    input: {
      slug: "cqrtvu-public-administration",
      kind: "course",
      titleZh: "行政管理学",
      titleEn: "Public Administration",
      summaryZh: "介绍政府职能、行政组织、行政决策与行政监督，结合重庆基层治理案例。",
      summaryEn:
        "Government functions, administrative organisation, decision-making and oversight, with cases from local governance in Chongqing.",
      descriptionMd: md([
        "## 课程介绍",
        "",
        "本课程是行政管理专业的核心课程，系统讲授行政环境、政府职能、行政组织、人事行政、行政领导、行政决策、行政执行与行政监督等内容。重庆广播电视大学在教学中融入本地街道、乡镇的基层治理案例，面授辅导安排在各区县分校进行，便于在职学员就近参加。",
        "",
        "- 政府职能与行政组织",
        "- 行政决策与执行",
        "- 行政监督与行政责任",
        "- 基层治理案例研讨",
        "",
        "### In English",
        "",
        "A core course of the public administration programme: the administrative environment, government functions, organisation, personnel, leadership, decision-making, implementation and oversight. Cases come from sub-districts and townships in Chongqing, and tutorials are held at district branches so working learners can attend close to home.",
      ]),
      fieldCode: "041",
      level: 6,
      creditsX100: 300,
      learningHours: 48,
      outcomes: [
        {
          zh: "能够说明我国政府的主要职能和行政组织结构",
          en: "Describe the main functions and organisational structure of Chinese government",
        },
        {
          zh: "能够运用行政管理理论分析基层治理问题",
          en: "Analyse local governance issues with public administration theory",
        },
      ],
      languages: ["zh"],
      deliveryMode: "blended",
      assessment: "形成性考核（含案例研讨）50% + 终结性考试 50%。",
      completionRule: { minScore: 60, minAttendancePct: 70 },
      prerequisites: "",
      capacity: 200,
      offers: {
        learner: { amountMinor: 0 },
      },
    },
  },
  {
    institution: "cqrtvu",
    input: {
      slug: "cqrtvu-preschool-education",
      kind: "course",
      titleZh: "学前教育学",
      titleEn: "Early Childhood Education",
      summaryZh: "学前教育专业的基础课，讲授幼儿园教育的目标、内容、方法与家园合作。",
      summaryEn:
        "A foundation course for early childhood education: the aims, content and methods of kindergarten education, and working with families.",
      descriptionMd: md([
        "## 课程介绍",
        "",
        "本课程依据《3-6 岁儿童学习与发展指南》和《幼儿园工作规程》，介绍学前教育的基本原理、幼儿园教育目标与内容、一日生活组织、游戏与环境创设、幼小衔接和家园共育等内容。课程大量使用幼儿园真实活动视频，适合在岗幼儿园教师提升学历和专业能力。",
        "",
        "- 学前教育的基本原理",
        "- 幼儿园一日生活与游戏",
        "- 环境创设与区域活动",
        "- 家园共育与幼小衔接",
        "",
        "### In English",
        "",
        "Based on the national Early Learning and Development Guidelines for children aged 3–6 and the kindergarten regulations, the course covers core principles, aims and content, the daily routine, play, learning environments, transition to primary school and partnership with families, illustrated by real kindergarten videos.",
      ]),
      fieldCode: "011",
      level: 5,
      creditsX100: 400,
      learningHours: 64,
      outcomes: [
        {
          zh: "能够依据《指南》设计幼儿园的一日活动",
          en: "Plan a kindergarten day in line with the national guidelines",
        },
        {
          zh: "能够创设支持幼儿游戏的区域环境",
          en: "Set up activity corners that support children's play",
        },
        {
          zh: "能够组织有效的家园沟通活动",
          en: "Organise effective communication with families",
        },
      ],
      languages: ["zh"],
      deliveryMode: "online",
      assessment: "形成性考核（含活动设计作业）50% + 终结性考试 50%。",
      completionRule: { minScore: 60, minAttendancePct: null },
      prerequisites: "",
      capacity: null,
      offers: {
        learner: { amountMinor: 0 },
      },
    },
  },
  {
    institution: "cqrtvu",
    input: {
      slug: "cqrtvu-law-basics",
      kind: "course",
      titleZh: "法律基础",
      titleEn: "Basics of Law",
      summaryZh: "面向非法学专业学员的公共课，讲解宪法、民法典、劳动法等与生活工作密切相关的法律。",
      summaryEn:
        "A common course for non-law learners on the laws that matter in daily life and work: the Constitution, the Civil Code and labour law.",
      descriptionMd: md([
        "## 课程介绍",
        "",
        "租房签合同要注意什么？被拖欠工资怎么办？本课程从成人学员最常遇到的法律问题切入，介绍法的基本理论、宪法、民法典中的合同与婚姻家庭编、劳动合同法以及行政法和刑法的基本知识，帮助学员学会用法律保护自己的合法权益。",
        "",
        "- 法的基本理论与宪法",
        "- 民法典：合同、物权与婚姻家庭",
        "- 劳动合同与社会保障",
        "- 行政法与刑法常识",
        "",
        "### In English",
        "",
        "What should you check before signing a lease? What can you do about unpaid wages? Starting from the legal questions adults meet most often, the course introduces legal theory, the Constitution, the contract and family parts of the Civil Code, labour contract law and the basics of administrative and criminal law.",
      ]),
      fieldCode: "042",
      level: 5,
      creditsX100: 200,
      learningHours: 32,
      outcomes: [
        {
          zh: "能够识别合同、劳动等日常生活中的法律风险",
          en: "Recognise legal risks in contracts, employment and daily life",
        },
        {
          zh: "能够说明维护自身合法权益的基本途径",
          en: "Explain the basic ways to protect one's legal rights",
        },
      ],
      languages: ["zh"],
      deliveryMode: "online",
      assessment: "在线形成性测验与期末网络考试。",
      completionRule: { minScore: 60, minAttendancePct: null },
      prerequisites: "",
      capacity: null,
      offers: {
        learner: { amountMinor: 0 },
      },
    },
  },
];
