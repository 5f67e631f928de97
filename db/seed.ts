import { and, eq } from "drizzle-orm";
import type { Db } from "./index";
import * as s from "./schema";
import { hashPassword } from "@/lib/auth/password";
import type { InstitutionRole, PlatformRole } from "@/lib/auth/permissions";
import { now } from "@/lib/clock";

export const DEMO_PASSWORD = "demo-password-2026";

type Kind = (typeof s.institutionKinds)[number];

// PRODUCT.md §1: the alliance's members (SJTU and USTC have real course lists in ../shared/data).
export const demoInstitutions: {
  slug: string;
  nameZh: string;
  nameEn: string;
  kind: Kind;
  website?: string;
}[] = [
  {
    slug: "ouchn",
    nameZh: "国家开放大学",
    nameEn: "The Open University of China",
    kind: "open_university",
    website: "https://www.ouchn.edu.cn",
  },
  {
    slug: "caea",
    nameZh: "中国成人教育协会",
    nameEn: "China Adult Education Association",
    kind: "industry_association",
  },
  {
    slug: "cflp",
    nameZh: "中国物流与采购联合会",
    nameEn: "China Federation of Logistics and Purchasing",
    kind: "industry_association",
    website: "http://www.chinawuliu.com.cn",
  },
  {
    slug: "csia",
    nameZh: "中国软件行业协会",
    nameEn: "China Software Industry Association",
    kind: "industry_association",
  },
  {
    slug: "mps-infosec",
    nameZh: "公安部信息安全等级保护评估中心",
    nameEn: "MPS Information Classified Security Protection Evaluation Centre",
    kind: "training_provider",
  },
  { slug: "aptech", nameZh: "北大青鸟APTECH", nameEn: "APTECH", kind: "training_provider" },
  {
    slug: "cqu",
    nameZh: "重庆大学",
    nameEn: "Chongqing University",
    kind: "university",
    website: "https://www.cqu.edu.cn",
  },
  {
    slug: "jiangnan-online",
    nameZh: "江南大学网络教育学院",
    nameEn: "Jiangnan University School of Online Education",
    kind: "university",
  },
  {
    slug: "cqrtvu",
    nameZh: "重庆广播电视大学",
    nameEn: "Chongqing Radio and TV University",
    kind: "open_university",
  },
  {
    slug: "crtvs",
    nameZh: "中央广播电视中等专业学校",
    nameEn: "China Central Radio and TV Specialized Secondary School",
    kind: "vocational_school",
  },
  {
    slug: "sjtu",
    nameZh: "上海交通大学",
    nameEn: "Shanghai Jiao Tong University",
    kind: "university",
    website: "https://www.sjtu.edu.cn",
  },
  {
    slug: "ustc",
    nameZh: "中国科学技术大学",
    nameEn: "University of Science and Technology of China",
    kind: "university",
    website: "https://www.ustc.edu.cn",
  },
];

type DemoLogin = {
  email: string;
  name: string;
  locale: "zh-CN" | "en";
  platformRole?: PlatformRole;
  staff?: { slug: string; role: InstitutionRole };
  describe: string;
};

export const demoLogins: DemoLogin[] = [
  {
    email: "admin@exchange.demo",
    name: "联盟管理员 Admin",
    locale: "zh-CN",
    platformRole: "admin",
    describe: "alliance admin",
  },
  {
    email: "finance@exchange.demo",
    name: "联盟财务 Finance",
    locale: "zh-CN",
    platformRole: "finance",
    describe: "alliance finance",
  },
  {
    email: "owner@ouchn.demo",
    name: "王主任 Wang (owner)",
    locale: "zh-CN",
    staff: { slug: "ouchn", role: "owner" },
    describe: "owner, Open University of China",
  },
  {
    email: "editor@ouchn.demo",
    name: "李编辑 Li (editor)",
    locale: "zh-CN",
    staff: { slug: "ouchn", role: "editor" },
    describe: "editor, Open University of China",
  },
  {
    email: "registrar@ouchn.demo",
    name: "张老师 Zhang (registrar)",
    locale: "zh-CN",
    staff: { slug: "ouchn", role: "registrar" },
    describe: "registrar, Open University of China",
  },
  {
    email: "finance@ouchn.demo",
    name: "陈会计 Chen (finance)",
    locale: "zh-CN",
    staff: { slug: "ouchn", role: "finance" },
    describe: "finance, Open University of China",
  },
  {
    email: "owner@cflp.demo",
    name: "Zhao (CFLP owner)",
    locale: "en",
    staff: { slug: "cflp", role: "owner" },
    describe: "owner, China Federation of Logistics and Purchasing",
  },
  {
    email: "learner@exchange.demo",
    name: "刘同学 Liu (learner)",
    locale: "zh-CN",
    describe: "learner",
  },
];

/** Idempotent: running it again changes nothing that is already there. */
export async function seedDemo(db: Db): Promise<DemoLogin[]> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    for (const inst of demoInstitutions) {
      await tx
        .insert(s.institutions)
        .values({ ...inst, status: "member" })
        .onConflictDoNothing({ target: s.institutions.slug });
    }
    for (const login of demoLogins) {
      await tx
        .insert(s.users)
        .values({
          email: login.email,
          name: login.name,
          locale: login.locale,
          passwordHash,
          emailVerifiedAt: now(),
        })
        .onConflictDoNothing({ target: s.users.email });
      const [user] = await tx
        .select({ id: s.users.id })
        .from(s.users)
        .where(eq(s.users.email, login.email));
      if (login.platformRole) {
        await tx
          .insert(s.platformRoleGrants)
          .values({ userId: user!.id, role: login.platformRole })
          .onConflictDoNothing();
      }
      if (login.staff) {
        const [inst] = await tx
          .select({ id: s.institutions.id })
          .from(s.institutions)
          .where(eq(s.institutions.slug, login.staff.slug));
        await tx
          .insert(s.institutionMembers)
          .values({ institutionId: inst!.id, userId: user!.id, role: login.staff.role })
          .onConflictDoNothing();
      }
    }
    await seedPendingApplication(tx as unknown as Db, passwordHash);
  });
  return demoLogins;
}

// One application waiting in the admin's queue, so the review flow can be tried at once.
async function seedPendingApplication(db: Db, passwordHash: string) {
  const email = "applicant@exchange.demo";
  await db
    .insert(s.users)
    .values({
      email,
      name: "周校长 Zhou (applicant)",
      locale: "zh-CN",
      passwordHash,
      emailVerifiedAt: now(),
    })
    .onConflictDoNothing({ target: s.users.email });
  const [user] = await db.select({ id: s.users.id }).from(s.users).where(eq(s.users.email, email));
  const [inst] = await db
    .insert(s.institutions)
    .values({
      slug: "szpu",
      nameZh: "深圳职业技术大学",
      nameEn: "Shenzhen Polytechnic University",
      kind: "vocational_school",
      status: "applicant",
    })
    .onConflictDoNothing({ target: s.institutions.slug })
    .returning({ id: s.institutions.id });
  if (!inst) return;
  const existing = await db
    .select({ id: s.institutionApplications.id })
    .from(s.institutionApplications)
    .where(and(eq(s.institutionApplications.institutionId, inst.id)));
  if (existing.length > 0) return;
  await db.insert(s.institutionApplications).values({
    institutionId: inst.id,
    applicantId: user!.id,
    message:
      "我校希望把职业技能课程纳入学分银行互认体系。We would like our vocational courses to count in the credit bank.",
  });
}
