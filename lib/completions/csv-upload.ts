import type { FormState } from "@/lib/form-state";
import {
  checkCompletionFile,
  chunkRows,
  readCompletionCsv,
  refuseLongCells,
  type CompletionCsvRow,
  type CompletionFileProblem,
  type CompletionRowReport,
} from "./csv-rows";

/** Where an upload stands: what the progress bar and the report show. */
export type UploadRun = {
  problem: CompletionFileProblem | null;
  total: number;
  done: number;
  rows: CompletionCsvRow[];
  reports: CompletionRowReport[];
  // A refusal of a whole chunk (the person may not record here, a column the server refused):
  // the upload stops there. Rows already sent stay recorded; sending the file again is harmless.
  error: FormState | null;
  isFinished: boolean;
};

export type ChunkSender = (chunk: {
  institutionSlug: string;
  columns: string[];
  totalRows: number;
  rows: CompletionCsvRow[];
}) => Promise<FormState & { rows: CompletionRowReport[] }>;

/**
 * The browser's side of an upload, without React: check the file, read it, and send its rows in
 * chunks one after another, reporting after each. The page passes the server action as `send`;
 * the tests pass the same action, so they run the whole path.
 */
export async function runCompletionUpload(
  file: { name: string; size: number; text: () => Promise<string> } | null | undefined,
  institutionSlug: string,
  send: ChunkSender,
  onProgress: (run: UploadRun) => void = () => {},
): Promise<UploadRun> {
  let run: UploadRun = {
    problem: checkCompletionFile(file),
    total: 0,
    done: 0,
    rows: [],
    reports: [],
    error: null,
    isFinished: false,
  };
  if (run.problem || !file) return { ...run, isFinished: true };
  const read = readCompletionCsv(await file.text());
  if (!read.ok) return { ...run, problem: read.problem, isFinished: true };
  const local = read.rows.map(refuseLongCells).filter((r) => r !== null);
  const refused = new Set(local.map((r) => r.line));
  const sendable = read.rows.filter((r) => !refused.has(r.line));
  run = { ...run, total: read.rows.length, rows: read.rows, done: local.length, reports: local };
  onProgress(run);
  for (const rows of chunkRows(sendable)) {
    let reply: Awaited<ReturnType<ChunkSender>>;
    try {
      reply = await send({
        institutionSlug,
        columns: read.columns,
        totalRows: read.rows.length,
        rows,
      });
    } catch {
      // The network or the server failed: the rows not answered are not known to be recorded.
      reply = { status: "error", reason: "unexpected", rows: [] };
    }
    if (reply.status === "error") {
      run = { ...run, error: reply };
      break;
    }
    run = { ...run, done: run.done + rows.length, reports: [...run.reports, ...reply.rows] };
    onProgress(run);
  }
  const reports = [...run.reports].sort((a, b) => a.line - b.line);
  return { ...run, reports, isFinished: true };
}
