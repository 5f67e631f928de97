import type { DemoCatalogueItem } from "./types";
import { md } from "./types";

/** Chongqing University. */
export const chongqingUniversity: DemoCatalogueItem[] = [
  {
    institution: "cqu",
    input: {
      slug: "cqu-engineering-mechanics",
      kind: "course",
      titleZh: "工程力学",
      titleEn: "Engineering Mechanics",
      summaryZh: "重庆大学网络教育土木、机械类专业基础课，涵盖静力学与材料力学。",
      summaryEn:
        "A foundation course for Chongqing University's online civil and mechanical engineering programmes, covering statics and strength of materials.",
      descriptionMd: md([
        "## 课程介绍",
        "",
        "工程力学是土木工程、机械工程等专业的重要基础课。课程分为静力学和材料力学两部分：静力学讲授力系的简化与平衡；材料力学讲授杆件在拉压、剪切、扭转和弯曲下的内力、应力与变形，以及压杆稳定。课程配有大量工程实例和习题讲解视频。",
        "",
        "- 静力学基本公理与受力分析",
        "- 平面力系的平衡",
        "- 轴向拉压、扭转与弯曲",
        "- 应力状态与压杆稳定",
        "",
        "### In English",
        "",
        "An essential foundation for civil and mechanical engineering. Statics covers the reduction and equilibrium of force systems; strength of materials covers internal forces, stresses and deformation of members in tension, shear, torsion and bending, and the buckling of columns, with many engineering examples and worked problems on video.",
      ]),
      fieldCode: "071",
      level: 6,
      creditsX100: 400,
      learningHours: 64,
      outcomes: [
        {
          zh: "能够对工程结构进行受力分析并列出平衡方程",
          en: "Draw free-body diagrams and write equilibrium equations for structures",
        },
        {
          zh: "能够计算杆件在基本变形下的应力并校核强度",
          en: "Calculate stresses in members under basic loads and check their strength",
        },
      ],
      languages: ["zh"],
      deliveryMode: "online",
      assessment: "在线作业（40%）+ 期末考试（60%）。",
      completionRule: { minScore: 60, minAttendancePct: null },
      prerequisites: "已修读高等数学。",
      capacity: null,
      offers: {
        learner: { amountMinor: 48000 },
        seat: { amountMinor: 36000, minQuantity: 30 },
        siteLicence: { amountMinor: 8000000 },
      },
    },
  },
  {
    institution: "cqu",
    input: {
      slug: "cqu-concrete-structures",
      kind: "course",
      titleZh: "混凝土结构设计原理",
      titleEn: "Principles of Reinforced Concrete Design",
      summaryZh: "依据现行规范讲授钢筋混凝土受弯、受压构件的设计方法，是土木工程专业核心课。",
      summaryEn:
        "Design of reinforced concrete members in bending and compression under current Chinese codes: a core civil engineering course.",
      descriptionMd: md([
        "## 课程介绍",
        "",
        "本课程依据 GB 50010《混凝土结构设计规范》，讲授混凝土与钢筋的力学性能、受弯构件正截面与斜截面承载力计算、受压与受拉构件设计、裂缝宽度和挠度验算以及预应力混凝土的基本概念。重庆大学土木工程学科教师结合山地城市建筑工程实例授课，并提供课程设计指导。",
        "",
        "- 材料性能与设计方法",
        "- 受弯构件承载力计算",
        "- 受压构件设计",
        "- 正常使用极限状态验算",
        "",
        "### In English",
        "",
        "Following GB 50010, the course covers the properties of concrete and steel, flexural and shear capacity of beams, design of compression and tension members, crack width and deflection checks, and an introduction to prestressed concrete. Taught by CQU civil engineering staff with examples from hillside city buildings, plus guidance on a design project.",
      ]),
      fieldCode: "073",
      level: 7,
      creditsX100: 300,
      learningHours: 48,
      outcomes: [
        {
          zh: "能够按规范完成梁、柱构件的配筋计算",
          en: "Size reinforcement for beams and columns to the design code",
        },
        {
          zh: "能够进行构件的裂缝宽度与挠度验算",
          en: "Check crack widths and deflections of members",
        },
      ],
      languages: ["zh"],
      deliveryMode: "online",
      assessment: "课程设计（40%）+ 期末考试（60%）。",
      completionRule: { minScore: 60, minAttendancePct: null },
      prerequisites: "已修读工程力学和结构力学。",
      capacity: null,
      offers: {
        learner: { amountMinor: 42000 },
        seat: { amountMinor: 32000, minQuantity: 30 },
      },
    },
  },
];
