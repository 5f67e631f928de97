import { afterEach, describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors";
import { apiError, apiResult, apiRoute, readJsonBody } from "./respond";
import { MAX_BODY_BYTES } from "./schemas";

afterEach(() => {
  vi.restoreAllMocks();
});

function post(body: BodyInit | null, headers: Record<string, string> = {}) {
  return new Request("http://exchange.test/api/v1/x", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
    // Node needs this to send a stream as a body.
    ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);
}

async function reasonOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return `${e.code}:${e.reason}`;
    throw e;
  }
  return "accepted";
}

describe("apiError", () => {
  it("maps an AppError to its status and the one error shape, with field details", async () => {
    const res = apiError(
      new AppError("BAD_REQUEST", "validation", "Invalid input: level: too_long (max 10)", {
        fields: { level: { code: "too_long", max: 10 } },
      }),
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: {
        code: "BAD_REQUEST",
        message: "Invalid input: level: too_long (max 10)",
        details: { level: { code: "too_long", max: 10 } },
      },
    });
    const notFound = apiError(new AppError("NOT_FOUND", "not_found", "No such resource"));
    expect(notFound.status).toBe(404);
    expect(await notFound.json()).toEqual({
      error: { code: "NOT_FOUND", message: "No such resource" },
    });
  });

  it("says when to come back after a rate limit, and how to authenticate after a 401", () => {
    const limited = apiError(
      new AppError("RATE_LIMITED", "rate_limited", "Slow down", { retryAfterSeconds: 17 }),
    );
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("17");
    const unauth = apiError(new AppError("UNAUTHENTICATED", "invalid_api_key", "No"));
    expect(unauth.headers.get("www-authenticate")).toMatch(/^Bearer/);
  });

  it("answers anything else with a bare 500 that reveals nothing", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = apiError(new Error("password=hunter2 at db.internal:5432"));
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain("hunter2");
    expect(JSON.parse(text)).toEqual({
      error: { code: "INTERNAL", message: "Internal server error" },
    });
    expect(log).toHaveBeenCalled();
  });
});

describe("apiRoute", () => {
  it("passes answers through and turns thrown errors into JSON errors", async () => {
    const ok = apiRoute(async (req: Request) => new Response(req.url));
    expect(await (await ok(post("{}"))).text()).toBe("http://exchange.test/api/v1/x");
    const refused = apiRoute(async (req: Request) => {
      throw new AppError("FORBIDDEN", "missing_scope", `No scope for ${req.method}`);
    });
    const res = await refused(post("{}"));
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe("FORBIDDEN");
  });
});

describe("apiResult", () => {
  it("marks replays and sends no body with a 204", async () => {
    const replay = apiResult({ status: 201, body: { id: 1 }, replayed: true });
    expect(replay.status).toBe(201);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(await replay.json()).toEqual({ id: 1 });
    const empty = apiResult({ status: 204, body: null });
    expect(empty.status).toBe(204);
    expect(await empty.text()).toBe("");
  });
});

describe("readJsonBody", () => {
  it("parses JSON sent as application/json or a +json type", async () => {
    expect(await readJsonBody(post('{"a":[1,"二"]}'))).toEqual({ a: [1, "二"] });
    const merge = post('{"a":null}', { "content-type": "application/merge-patch+json" });
    expect(await readJsonBody(merge)).toEqual({ a: null });
    const charset = post("[1]", { "content-type": "Application/JSON; charset=utf-8" });
    expect(await readJsonBody(charset)).toEqual([1]);
  });

  it("refuses other content types, bad JSON, bad UTF-8 and empty bodies with 400", async () => {
    expect(await reasonOf(readJsonBody(post("{}", { "content-type": "text/plain" })))).toBe(
      "BAD_REQUEST:unsupported_media_type",
    );
    const form = post("a=1", { "content-type": "application/x-www-form-urlencoded" });
    expect(await reasonOf(readJsonBody(form))).toBe("BAD_REQUEST:unsupported_media_type");
    const noType = new Request("http://exchange.test/", {
      method: "POST",
      body: new Uint8Array([123, 125]),
    });
    expect(await reasonOf(readJsonBody(noType))).toBe("BAD_REQUEST:unsupported_media_type");
    expect(await reasonOf(readJsonBody(post("{a:1}")))).toBe("BAD_REQUEST:invalid_json");
    expect(await reasonOf(readJsonBody(post("")))).toBe("BAD_REQUEST:invalid_json");
    expect(await reasonOf(readJsonBody(post(null)))).toBe("BAD_REQUEST:invalid_json");
    const latin1 = post(new Uint8Array([0x22, 0xe9, 0x22]));
    expect(await reasonOf(readJsonBody(latin1))).toBe("BAD_REQUEST:invalid_json");
  });

  it("refuses more than 1 MB, whether declared or streamed", async () => {
    const big = `"${"x".repeat(MAX_BODY_BYTES)}"`;
    expect(await reasonOf(readJsonBody(post(big)))).toBe("BAD_REQUEST:body_too_large");
    const declared = post("{}", { "content-length": String(MAX_BODY_BYTES + 1) });
    expect(await reasonOf(readJsonBody(declared))).toBe("BAD_REQUEST:body_too_large");
    const justFits = `"${"x".repeat(MAX_BODY_BYTES - 2)}"`;
    expect(((await readJsonBody(post(justFits))) as string).length).toBe(MAX_BODY_BYTES - 2);

    // No Content-Length: a stream that keeps going is cut off once it passes the limit.
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 64 * 1024;
        controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
      },
    });
    expect(await reasonOf(readJsonBody(post(endless)))).toBe("BAD_REQUEST:body_too_large");
    expect(sent).toBeLessThan(MAX_BODY_BYTES + 3 * 64 * 1024);
  });
});
