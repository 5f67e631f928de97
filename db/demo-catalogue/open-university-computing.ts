import type { DemoCatalogueItem } from "./types";
import { md } from "./types";

/** The Open University of China: its computing courses and their lab. */
export const openUniversityComputing: DemoCatalogueItem[] = [
  {
    institution: "ouchn",
    input: {
      slug: "ouchn-data-structures",
      kind: "course",
      titleZh: "数据结构",
      titleEn: "Data Structures",
      summaryZh: "计算机类专业的专业基础课，学习线性表、树、图等结构及其查找与排序算法。",
      summaryEn:
        "A foundation course for computing programmes: lists, trees, graphs, and the searching and sorting algorithms built on them.",
      descriptionMd: md([
        "## 课程介绍",
        "",
        "数据结构是程序设计的基石。本课程以 C 语言为描述工具，讲授线性表、栈与队列、串、数组、树与二叉树、图等基本数据结构的逻辑特性、存储方式和基本操作，并介绍常用的查找和排序算法及其时间复杂度分析。课程配套在线实验平台，学员可以在浏览器中编写并运行代码。",
        "",
        "- 线性表、栈和队列",
        "- 树、二叉树与哈夫曼编码",
        "- 图的存储与遍历",
        "- 查找与排序算法",
        "",
        "### In English",
        "",
        "Data structures are the foundation of programming. Using C, the course covers the logical properties, storage and operations of lists, stacks, queues, strings, arrays, trees and graphs, along with common searching and sorting algorithms and their complexity. A companion online lab lets learners write and run code in the browser.",
      ]),
      fieldCode: "061",
      level: 5,
      creditsX100: 400,
      learningHours: 64,
      outcomes: [
        {
          zh: "能够为实际问题选择合适的数据结构",
          en: "Choose a suitable data structure for a practical problem",
        },
        {
          zh: "能够用 C 语言实现链表、二叉树和图的基本操作",
          en: "Implement basic operations on linked lists, binary trees and graphs in C",
        },
        {
          zh: "能够分析常用算法的时间复杂度",
          en: "Analyse the time complexity of common algorithms",
        },
      ],
      languages: ["zh"],
      deliveryMode: "online",
      assessment: "形成性考核（含上机实验）占 50%，终结性考试占 50%。",
      completionRule: { minScore: 60, minAttendancePct: null },
      prerequisites: "已修读“C 语言程序设计”。",
      capacity: null,
      offers: {
        learner: { amountMinor: 0 },
      },
    },
  },
  {
    institution: "ouchn",
    input: {
      slug: "ouchn-data-structures-lab",
      kind: "learning_resource",
      titleZh: "数据结构在线虚拟实验室",
      titleEn: "Data Structures Virtual Lab",
      summaryZh: "在浏览器里一步步观察链表、二叉树和排序算法的运行过程，边看边改代码。",
      summaryEn:
        "Watch linked lists, binary trees and sorting algorithms run step by step in the browser, and edit the code as you go.",
      descriptionMd: md([
        "## 实验室介绍",
        "",
        "虚拟实验室提供 40 个可视化实验，覆盖线性表、栈、队列、二叉树遍历、图的深度与广度优先搜索以及八种常用排序算法。学员可以单步执行代码，实时看到内存中结点和指针的变化，也可以修改参数对比不同算法的比较次数和移动次数。本资源不设考核，不计学分。",
        "",
        "- 40 个可视化交互实验",
        "- 单步执行与指针动画",
        "- 算法性能对比",
        "",
        "### In English",
        "",
        "Forty visual experiments cover lists, stacks, queues, tree traversals, depth- and breadth-first search and eight common sorting algorithms. Learners step through code and watch nodes and pointers change in memory, or vary the input to compare algorithms. No assessment and no credits.",
      ]),
      fieldCode: "061",
      level: 5,
      creditsX100: 0,
      learningHours: 20,
      outcomes: [
        {
          zh: "直观理解常见数据结构在内存中的组织方式",
          en: "See how common data structures are laid out in memory",
        },
        {
          zh: "能够比较不同排序算法在不同输入下的表现",
          en: "Compare how sorting algorithms behave on different inputs",
        },
      ],
      languages: ["zh", "en"],
      deliveryMode: "online",
      assessment: "无考核。",
      completionRule: { minScore: null, minAttendancePct: null },
      prerequisites: "",
      capacity: null,
      offers: {
        learner: { amountMinor: 0 },
        siteLicence: { amountMinor: 5000000 },
      },
    },
  },
  {
    institution: "ouchn",
    input: {
      slug: "ouchn-computer-applications",
      kind: "course",
      titleZh: "计算机应用基础",
      titleEn: "Fundamentals of Computer Applications",
      summaryZh: "开放教育各专科专业的公共基础课，学会用好操作系统、办公软件和网络。",
      summaryEn:
        "A common foundation course for all OUC associate programmes: get comfortable with the operating system, office software and the internet.",
      descriptionMd: md([
        "## 课程介绍",
        "",
        "本课程面向零基础或基础薄弱的成人学员，讲授计算机基础知识、Windows 操作系统、文字处理、电子表格、演示文稿、网络应用与信息安全常识。课程以任务驱动方式组织，每个单元围绕一个工作中常见的任务展开，如排版一份通知、制作工资表、设计一份汇报演示等。",
        "",
        "- 计算机与操作系统基础",
        "- 文字处理与电子表格",
        "- 演示文稿制作",
        "- 网络应用与信息安全",
        "",
        "### In English",
        "",
        "For adult learners starting from little or no experience. Organised around everyday work tasks such as laying out a notice, building a payroll spreadsheet or designing a presentation, the course covers computer basics, Windows, word processing, spreadsheets, presentations, the internet and basic information security.",
      ]),
      fieldCode: "061",
      level: 5,
      creditsX100: 300,
      learningHours: 48,
      outcomes: [
        {
          zh: "能够使用办公软件完成常见的文档、表格和演示任务",
          en: "Produce common documents, spreadsheets and presentations with office software",
        },
        {
          zh: "能够安全地使用互联网检索和交流信息",
          en: "Search for and share information on the internet safely",
        },
      ],
      languages: ["zh"],
      deliveryMode: "online",
      assessment: "在线上机操作考试。",
      completionRule: { minScore: 60, minAttendancePct: null },
      prerequisites: "",
      capacity: null,
      offers: {
        learner: { amountMinor: 0 },
        // Seats for other members' staff training, from five (the e2e buys five).
        seat: { amountMinor: 20000, minQuantity: 5 },
        siteLicence: { amountMinor: 5000000 },
      },
    },
  },
];
