"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/forms/form-status";
import { Notice } from "@/components/ui/card";
import { verifyLedgerAction, type VerifyState } from "@/lib/ledger/admin-actions";

const initial: VerifyState = { status: "idle" };

/** "Verify now" and its result: the first bad entry of each account, or that all is well. */
export function VerifyForm() {
  const t = useTranslations("ledgerAdmin");
  const te = useTranslations("errors");
  const [state, action] = useActionState(verifyLedgerAction, initial);
  const problem = (kind: string) => (t.has(`problems.${kind}`) ? t(`problems.${kind}`) : kind);
  return (
    <div className="space-y-3">
      <form action={action} className="flex flex-wrap items-center gap-3">
        <SubmitButton>{t("verifyNow")}</SubmitButton>
        <span className="text-sm text-slate-700">{t("verifyHint")}</span>
      </form>
      {state.status === "error" && (
        <Notice tone="error">{te.has(state.reason) ? te(state.reason) : te("unexpected")}</Notice>
      )}
      {state.status === "done" && (
        <div className="space-y-3">
          {state.result.ok ? (
            <Notice tone="success">
              {t("verifiedOk", {
                checkpoints: state.result.checkpoints,
                entries: state.result.chains?.entries ?? 0,
                accounts: state.result.chains?.accounts ?? 0,
              })}
            </Notice>
          ) : (
            <Notice tone="error">{t("failed")}</Notice>
          )}
          {(state.result.chains?.afterCheckpoint ?? 0) > 0 && (
            <p className="text-sm text-slate-700">
              {t("afterCheckpoint", { count: state.result.chains!.afterCheckpoint })}
            </p>
          )}
          {state.result.checkpointProblems.length > 0 && (
            <ProblemTable
              caption={t("checkpointProblems")}
              head={[t("number"), t("file"), t("problem"), t("detail")]}
              rows={state.result.checkpointProblems.map((p) => [
                String(p.checkpoint ?? "?"),
                p.file,
                problem(p.problem),
                p.detail,
              ])}
            />
          )}
          {state.result.entryProblems.length > 0 && (
            <ProblemTable
              caption={t("entryProblems")}
              head={[t("account"), t("seq"), t("problem"), t("detail")]}
              rows={state.result.entryProblems.map((p) => [
                `${p.accountNumber ?? t("numberUnknown")} · ${p.account}`,
                String(p.seq),
                problem(p.problem),
                p.detail,
              ])}
            />
          )}
          {state.result.moreEntryProblems > 0 && (
            <p className="text-sm">{t("more", { count: state.result.moreEntryProblems })}</p>
          )}
        </div>
      )}
    </div>
  );
}

function ProblemTable({
  caption,
  head,
  rows,
}: {
  caption: string;
  head: string[];
  rows: string[][];
}) {
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={caption}>
      <table className="w-full text-left text-sm">
        <caption className="mb-1 text-left font-semibold">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-200">
            {head.map((h) => (
              <th key={h} scope="col" className="py-2 pr-3">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i} className="border-b border-slate-100 align-top">
              <td className="py-2 pr-3 font-mono text-xs break-all">{r[0]}</td>
              <td className="py-2 pr-3">{r[1]}</td>
              <td className="py-2 pr-3">{r[2]}</td>
              {/* The verifier's own words, in English like the command's output. */}
              <td className="py-2 pr-3 font-mono text-xs break-all" lang="en">
                {r[3]}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
