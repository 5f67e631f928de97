import type { ApiScope } from "@/lib/auth/actor";
import { createApiKeyAsOperator } from "@/lib/api/keys";
import { isAppError, type AppError } from "@/lib/errors";
import { addMember, createInstitution, createUser, mustViewer } from "./fixtures";

/** A member institution with a verified owner, as the owner's viewer sees it. */
export async function institutionWithOwner(status: "member" | "suspended" = "member") {
  const institution = await createInstitution(status);
  const user = await createUser();
  await addMember(institution.id, user.id, "owner");
  return { institution, owner: await mustViewer(user.id) };
}

/** A key made the operator's way (no viewer); returns the plaintext too. */
export async function issueApiKey(
  institutionSlug: string,
  scopes: ApiScope[] = ["catalogue:read"],
  name = "Test system",
) {
  return createApiKeyAsOperator({ institutionSlug, name, scopes });
}

export const bearer = (key: string) => `Bearer ${key}`;

export function apiRequest(
  path: string,
  opts: { key?: string; method?: string; body?: string; headers?: Record<string, string> } = {},
): Request {
  const headers = new Headers(opts.headers);
  if (opts.key) headers.set("authorization", bearer(opts.key));
  return new Request(`http://exchange.test${path}`, {
    method: opts.method ?? "GET",
    headers,
    body: opts.body,
  });
}

/** The AppError a promise rejects with (fails the test if it resolves or throws anything else). */
export async function appErrorOf(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (isAppError(e)) return e;
    throw e;
  }
  throw new Error("expected an AppError");
}
