/**
 * A recording stand-in for Stripe's HTTP API, plugged into the SDK through
 * `setStripeHttpClientForTests(fakeFetch)`: every request is kept (method, path, form body,
 * headers) and answered with a plausible object, and no socket is ever opened.
 */
export type Recorded = {
  method: string;
  path: string;
  form: URLSearchParams;
  headers: Headers;
};

type Answer = (r: Recorded) => Record<string, unknown> | undefined;

export function createStripeFake(answers: Record<string, Answer> = {}) {
  const calls: Recorded[] = [];
  let n = 0;
  const fakeFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(typeof input === "string" || input instanceof URL ? input : input.url);
    const r: Recorded = {
      method: init?.method ?? "GET",
      path: url.pathname,
      form: new URLSearchParams(typeof init?.body === "string" ? init.body : ""),
      headers: new Headers(init?.headers),
    };
    calls.push(r);
    n += 1;
    const custom = Object.entries(answers).find(([prefix]) => r.path.startsWith(prefix));
    const body = custom?.[1](r) ?? defaultAnswer(r, n);
    return new Response(JSON.stringify(body), {
      status: 200,
      headers: { "content-type": "application/json", "request-id": `req_${n}` },
    });
  }) as typeof fetch;
  return {
    fakeFetch,
    calls,
    last(path: string): Recorded {
      const found = calls.filter((c) => c.path.startsWith(path)).at(-1);
      if (!found) throw new Error(`no request to ${path}`);
      return found;
    },
  };
}

function defaultAnswer(r: Recorded, n: number): Record<string, unknown> {
  if (r.path === "/v1/checkout/sessions") {
    const id = `cs_test_${r.form.get("metadata[session_id]") ?? n}`;
    return { id, object: "checkout.session", url: `https://checkout.stripe.test/c/pay/${id}` };
  }
  if (r.path === "/v1/refunds") {
    return { id: `re_test_${n}`, object: "refund", status: "pending" };
  }
  if (/^\/v1\/transfers\/[^/]+\/reversals$/.test(r.path)) {
    return { id: `trr_test_${n}`, object: "transfer_reversal" };
  }
  if (r.path === "/v1/transfers") return { id: `tr_test_${n}`, object: "transfer" };
  if (r.path.startsWith("/v1/payment_intents/")) {
    return {
      id: r.path.split("/").at(-1),
      object: "payment_intent",
      latest_charge: `ch_test_${n}`,
    };
  }
  if (r.path.startsWith("/v1/charges/")) {
    return { id: r.path.split("/").at(-1), object: "charge", transfer: null, transfer_data: null };
  }
  if (r.path === "/v1/accounts") return { id: `acct_test_${n}`, object: "account" };
  if (r.path === "/v1/account_links") {
    return { object: "account_link", url: `https://connect.stripe.test/setup/${n}` };
  }
  return { id: `obj_${n}` };
}
