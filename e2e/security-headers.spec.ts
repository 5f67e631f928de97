import { readFileSync } from "node:fs";
import { expect, test, type APIResponse, type Page } from "@playwright/test";
import { signIn } from "./helpers";

// A 1×1 PNG: a real image for the cover upload.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

/** The id Next gave a server action in this build: what an attacker reads from the page's JS. */
function actionId(exportedName: string): string {
  const manifest = JSON.parse(
    readFileSync(".next/server/server-reference-manifest.json", "utf8"),
  ) as { node: Record<string, { exportedName: string }> };
  const id = Object.entries(manifest.node).find(([, a]) => a.exportedName === exportedName)?.[0];
  if (!id) throw new Error(`no server action ${exportedName} in the build`);
  return id;
}

function directives(csp: string | undefined): Map<string, string[]> {
  return new Map(
    (csp ?? "")
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

function expectCommonHeaders(res: APIResponse) {
  const h = res.headers();
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["permissions-policy"]).toMatch(/camera=\(\)/);
  expect(h["x-frame-options"]).toBe("DENY");
  // The e2e server runs in demo mode over plain HTTP: HSTS is for production only.
  expect(h["strict-transport-security"]).toBeUndefined();
}

/** Violations the browser reports, gathered from the first script that runs on each page. */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.exposeFunction("reportCspViolation", (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { reportCspViolation(v: string): void }).reportCspViolation(
        `${e.violatedDirective} ${e.blockedURI}`,
      );
    });
  });
  return violations;
}

test("[SECURITY][HEADERS]: pages get a fresh script nonce, the API a closed policy, both nosniff", async ({
  request,
}) => {
  const first = await request.get("/en/sign-in");
  const second = await request.get("/en/sign-in");
  expectCommonHeaders(first);
  const csp = directives(first.headers()["content-security-policy"]);
  const script = csp.get("script-src") ?? [];
  const nonce = script.find((s) => s.startsWith("'nonce-"))?.slice(7, -1);
  expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  expect(script).toContain("'strict-dynamic'");
  expect(script).not.toContain("'unsafe-inline'");
  expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
  expect(csp.get("object-src")).toEqual(["'none'"]);
  expect(csp.get("base-uri")).toEqual(["'self'"]);
  // Every script of the page carries this response's nonce; the next response has another.
  const html = await first.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  expect(second.headers()["content-security-policy"]).not.toContain(nonce);

  const api = await request.get("/api/health");
  expectCommonHeaders(api);
  expect(api.headers()["content-security-policy"]).toBe(
    "default-src 'none'; frame-ancestors 'none'",
  );
});

test("[SECURITY][CSP]: pages hydrate and navigate under the nonce policy without a violation", async ({
  page,
}) => {
  const violations = await watchCsp(page);
  await page.goto("/en");
  // Next's client bootstrap ran (it is one of the nonce'd scripts).
  await page.waitForFunction(() => "next" in window);
  // A client-side navigation keeps the document: the router hydrated.
  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
  await page
    .getByRole("navigation", { name: "Main navigation" })
    .getByRole("link", { name: "Catalogue" })
    .click();
  await expect(page).toHaveURL(/\/en\/resources$/);
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
  // The language switcher calls a server action, then loads the other language.
  await page
    .getByRole("navigation", { name: "Language" })
    .getByRole("link", { name: "简体中文" })
    .click();
  await expect(page).toHaveURL(/\/zh-CN\/resources$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  // A form action with its error state, and a signed-in page.
  await page.goto("/en/sign-in");
  await page.getByLabel("E-mail address").fill("nobody@example.test");
  await page.getByLabel("Password", { exact: true }).fill("wrong password 1");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText("The e-mail address or password is not correct.")).toBeVisible();
  await signIn(page, "owner@cflp.demo");
  await page.goto("/en/institution/cflp/api-keys");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  // The pages with the most client code: the resource editor, the import, the office.
  await page.context().clearCookies();
  await signIn(page, "editor@ouchn.demo");
  await page.goto("/en/institution/ouchn/resources");
  await page.getByRole("table").getByRole("link").first().click();
  await expect(page.getByLabel("Cover image")).toBeVisible();
  await page.goto("/en/institution/ouchn/resources/import");
  await expect(page.getByLabel("File to import")).toBeVisible();
  await page.context().clearCookies();
  await signIn(page, "admin@exchange.demo");
  for (const path of ["/en/admin", "/en/admin/reviews", "/en/admin/audit", "/en/developers"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  }
  expect(violations).toEqual([]);

  // And the policy holds: markup that slipped into the page runs nothing.
  await page.evaluate(() =>
    document.body.insertAdjacentHTML(
      "beforeend",
      `<img src="/missing.png" onerror="window.injected = 1" alt="">`,
    ),
  );
  await expect.poll(() => violations.length).toBeGreaterThan(0);
  expect(await page.evaluate(() => "injected" in window)).toBe(false);
});

test("[SECURITY][PATHS]: malformed percent-encoding is a JSON 400 on the API and the not-found page elsewhere", async ({
  page,
  request,
}) => {
  for (const path of ["/api/v1/resources/%ED%A0%80", "/api/v1/%FF", "/api/%"]) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(400);
    expect(res.headers()["content-type"], path).toMatch(/^application\/json/);
    expect(await res.json(), path).toEqual({
      error: { code: "BAD_REQUEST", message: expect.any(String) },
    });
  }
  for (const path of ["/en/resources/%FF", "/uploads/%", "/%ED%A0%80", "/_next/static/%FF"]) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(404);
    expect(res.headers()["content-type"], path).toMatch(/^text\/html/);
    expectCommonHeaders(res);
  }
  // The localised not-found page, in the language of the path.
  expect((await page.goto("/en/resources/%FF"))?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  expect((await page.goto("/zh-CN/resources/%FF"))?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "页面不存在" })).toBeVisible();
});

test("[SECURITY][UPLOADS]: an uploaded cover keeps its own closed policy", async ({ page }) => {
  await signIn(page, "editor@ouchn.demo");
  await page.goto("/en/institution/ouchn/resources");
  await page.getByRole("table").getByRole("link").first().click();
  await page
    .getByLabel("Cover image")
    .setInputFiles({ name: "cover.png", mimeType: "image/png", buffer: PNG });
  await page.getByRole("button", { name: "Upload the cover" }).click();
  await expect(page.getByText("The cover image was saved.")).toBeVisible();
  const cover = page.locator("img[src^='/uploads/']").first();
  const res = await page.request.get((await cover.getAttribute("src"))!);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("image/png");
  expect(res.headers()["content-security-policy"]).toBe(
    "default-src 'none'; frame-ancestors 'none'",
  );
  expectCommonHeaders(res);
});

const SIGN_UP = "/en/sign-up";

test("[SECURITY][ACTIONS]: a server action called with arguments of the wrong shape answers a form error", async ({
  request,
  baseURL,
}) => {
  // React's wire format: a JSON array of the arguments. A number where the form should be.
  const wrong = await request.post(SIGN_UP, {
    headers: {
      "Next-Action": actionId("signUpAction"),
      Origin: baseURL!,
      "Content-Type": "text/plain;charset=UTF-8",
    },
    data: "[1,2]",
  });
  expect(wrong.status()).toBe(200);
  expect(await wrong.text()).toContain('"reason":"not_a_form"');
});

test("[SECURITY][ACTIONS]: a server action called from another origin is refused with 403", async ({
  request,
}) => {
  for (const origin of ["http://evil.example", "null", "not a url"]) {
    const foreign = await request.post(SIGN_UP, {
      headers: {
        "Next-Action": actionId("signUpAction"),
        Origin: origin,
        "Content-Type": "text/plain;charset=UTF-8",
      },
      data: '["$undefined",{}]',
    });
    expect(foreign.status(), origin).toBe(403);
  }
});

test("[SECURITY][ACTIONS]: a cover over the body limit is refused with 413", async ({
  request,
  baseURL,
}) => {
  // 4 MiB sent past the form's own check, to the page that hosts the action.
  const resourceId = "00000000-0000-4000-8000-000000000000";
  const big = await request.post(`/en/institution/ouchn/resources/${resourceId}`, {
    headers: { "Next-Action": actionId("uploadCoverAction"), Origin: baseURL! },
    multipart: {
      "1_resourceId": resourceId,
      "1_cover": { name: "big.png", mimeType: "image/png", buffer: Buffer.alloc(4 * 1024 * 1024) },
      "0": '["$undefined","$K1"]',
    },
  });
  expect(big.status()).toBe(413);
});
