import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";

/**
 * The real course lists in ../shared/data (SJTU in Chinese, USTC in both languages) turned into
 * rows of the import format. The files are read where they are, never copied into the project.
 * They carry names and credits only, so summaries say what is known and fields of study are
 * inferred from the department or course code (unknown → the ISCED-F "unknown" code at import).
 * The seed streams them (`sharedDataRows`); tests and the search benchmark take small arrays.
 */
export const sharedDataDir = () =>
  path.resolve(process.env.SHARED_DATA_DIR ?? path.join(process.cwd(), "..", "shared", "data"));

type Row = Record<string, unknown>;

const departmentFields: [RegExp, string][] = [
  [/计算机|软件|网络空间|信息安全|网络信息/, "061"],
  [/数学/, "054"],
  [/物理|化学|天文/, "053"],
  [/生命|生物|系统生物/, "051"],
  [/药|医|护理|卫生|中医|精神/, "091"],
  [/环境|低碳|海洋/, "052"],
  [/船舶|建筑|土木/, "073"],
  [/电子|电气|机械|航空|材料|仪器|自动化|微纳|塑性|动力|工程师/, "071"],
  [/金融|经济|管理|物流|创业/, "041"],
  [/法学|公共事务/, "042"],
  [/外国语|中文/, "023"],
  [/人文|历史|马克思|科学史|哲学/, "022"],
  [/设计|媒体|传播|艺术|文化创意/, "021"],
  [/农业/, "081"],
  [/教育|高等教育/, "011"],
  [/体育/, "101"],
];

const codeFields: [RegExp, string][] = [
  [/^(COMP|CS|INFO|AI|CYSC|IC)/, "061"],
  [/^(MATH|STAT)/, "054"],
  [/^(PHYS|CHEM|ASTR|GEOP|GEPH|GEOL|ATMO|ESS)/, "053"],
  [/^(BIOL|BIO|PLNT)/, "051"],
  [/^(MED|CLIN|BMED)/, "091"],
  [/^(ENVI|ENVS)/, "052"],
  [/^(EE|EIEN|ELEC|ME|MECH|MSEN|MSAE|MCEN|MEEN|NSTE|NSE|NSEN|CHEN|CONT|PEET|NNM|REEN|SAFE)/, "071"],
  [/^(MBAD|FINA|BUSI|MNSC|MEMA|MIPR)/, "041"],
  [/^(JURI)/, "042"],
  [/^(MPAD|PADM)/, "031"],
  [/^(FL|FORL)/, "023"],
  [/^(HS|MARX|PHIL|SCTH)/, "022"],
  [/^(COMM)/, "032"],
  [/^(PE|PHED)/, "101"],
];

const fieldOf = (table: [RegExp, string][], s: string) => table.find(([re]) => re.test(s))?.[1];
const readJsonl = (file: string) =>
  fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Row);

function creditsX100(credit: unknown): number {
  const n = Math.round(Number(credit) * 100);
  return Number.isFinite(n) ? Math.min(Math.max(n, 0), 10_000) : 0;
}

function slugPart(code: string): string {
  return (
    code
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "course"
  );
}

const files = {
  sjtu: "zh_sjtu_courses.jsonl",
  ustc: "zh_en_ustc_course_names.jsonl",
} as const;
export type SharedDataSource = keyof typeof files;

function sjtuRow(c: Row): Row {
  const code = String(c.code);
  const credits = creditsX100(c.credit);
  const dept = String(c.department ?? "");
  return {
    slug: `sjtu-${slugPart(code)}`,
    kind: "course",
    titleZh: String(c.name).slice(0, 200),
    summaryZh: `上海交通大学${dept}开设的课程（课程代码 ${code}），${credits / 100} 学分。`,
    fieldCode: fieldOf(departmentFields, dept),
    level: 6,
    creditsX100: credits,
    learningHours: Math.round((credits / 100) * 16),
    languages: ["zh"],
    deliveryMode: "in_person",
    assessment: "按课程要求考核",
  };
}

function ustcRow(c: Row): Row {
  const code = String(c.code);
  const credits = creditsX100(c.credits);
  // USTC numbers graduate courses from 5000 up.
  const digits = /(\d{4})/.exec(code)?.[1];
  const graduate = digits !== undefined && Number(digits) >= 5000;
  return {
    slug: `ustc-${slugPart(code)}`,
    kind: "course",
    titleZh: String(c.name_zh).slice(0, 200),
    titleEn: String(c.name_en ?? "").slice(0, 200),
    summaryZh: `中国科学技术大学${graduate ? "研究生" : "本科"}课程（${code}），${credits / 100} 学分。`,
    summaryEn: `A ${graduate ? "graduate" : "undergraduate"} course of USTC (${code}), ${credits / 100} credits.`,
    fieldCode: fieldOf(codeFields, code),
    level: graduate ? 8 : 6,
    creditsX100: credits,
    learningHours: Math.round((credits / 100) * 16),
    languages: ["zh"],
    deliveryMode: "in_person",
    assessment: "Coursework and examination",
  };
}

const toRow = { sjtu: sjtuRow, ustc: ustcRow } as const;

export function sjtuRows(): { line: number; row: Row }[] {
  return readJsonl(path.join(sharedDataDir(), files.sjtu)).map((c, i) => ({
    line: i + 1,
    row: sjtuRow(c),
  }));
}

export function ustcRows(): { line: number; row: Row }[] {
  return readJsonl(path.join(sharedDataDir(), files.ustc)).map((c, i) => ({
    line: i + 1,
    row: ustcRow(c),
  }));
}

async function* jsonlLines(
  source: SharedDataSource,
): AsyncGenerator<{ line: number; raw: string }> {
  const input = fs.createReadStream(path.join(sharedDataDir(), files[source]), "utf8");
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  for await (const raw of lines) {
    line++;
    if (raw.trim()) yield { line, raw };
  }
}

/** The rows of one list read as a stream, for the seed (any size, bounded memory). */
export async function* sharedDataRows(
  source: SharedDataSource,
): AsyncGenerator<{ line: number; row: Row }> {
  for await (const { line, raw } of jsonlLines(source)) {
    yield { line, row: toRow[source](JSON.parse(raw) as Row) };
  }
}

/** How many rows a list has (a first streamed pass, for the progress bar). */
export async function countSharedDataRows(source: SharedDataSource): Promise<number> {
  let n = 0;
  for await (const line of jsonlLines(source)) if (line) n++;
  return n;
}
