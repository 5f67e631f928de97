import { describe, expect, it } from "vitest";
import { z } from "zod";
import { emailSchema } from "./auth/email";
import { AppError } from "./errors";
import { formToObject, parseInput } from "./validation";

const signUpSchema = z.object({
  name: z.string().min(1).max(20),
  email: emailSchema,
  password: z.string().min(8).max(64),
  role: z.enum(["owner", "editor"]),
});

const good = { name: "Ann", email: "ann@example.org", password: "correct horse", role: "editor" };

function failureOf(input: unknown): AppError {
  try {
    parseInput(signUpSchema, input);
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("parseInput accepted bad input");
}

describe("parseInput", () => {
  it("returns the parsed data for good input", () => {
    expect(parseInput(signUpSchema, { ...good, email: "  Ann@Example.ORG " })).toEqual({
      ...good,
      email: "ann@example.org",
    });
  });

  it("throws a BAD_REQUEST validation error", () => {
    const e = failureOf({ ...good, name: "" });
    expect(e).toBeInstanceOf(AppError);
    expect(e.code).toBe("BAD_REQUEST");
    expect(e.status).toBe(400);
    expect(e.reason).toBe("validation");
  });

  it("calls a missing string required", () => {
    const rest: Partial<typeof good> = { ...good };
    delete rest.name;
    expect(failureOf(rest).fields).toEqual({ name: { code: "required" } });
  });

  it("calls a null value required", () => {
    expect(failureOf({ ...good, name: null }).fields).toEqual({ name: { code: "required" } });
  });

  it("calls a value of the wrong type invalid, not required", () => {
    expect(failureOf({ ...good, name: 42 }).fields).toEqual({ name: { code: "invalid" } });
    expect(failureOf({ ...good, password: ["a", "b"] }).fields).toEqual({
      password: { code: "invalid" },
    });
  });

  it("calls an empty string under min(1) required", () => {
    expect(failureOf({ ...good, name: "" }).fields).toEqual({ name: { code: "required" } });
  });

  it("calls a short password too_short with its minimum", () => {
    expect(failureOf({ ...good, password: "short" }).fields).toEqual({
      password: { code: "too_short", min: 8 },
    });
  });

  it("calls an overlong value too_long with its maximum", () => {
    expect(failureOf({ ...good, name: "x".repeat(21) }).fields).toEqual({
      name: { code: "too_long", max: 20 },
    });
  });

  it("calls a bad e-mail address invalid_email", () => {
    expect(failureOf({ ...good, email: "not-an-address" }).fields).toEqual({
      email: { code: "invalid_email" },
    });
  });

  it("calls an empty e-mail address required", () => {
    expect(failureOf({ ...good, email: "   " }).fields).toEqual({ email: { code: "required" } });
  });

  it("calls a value outside an enum invalid_choice", () => {
    expect(failureOf({ ...good, role: "emperor" }).fields).toEqual({
      role: { code: "invalid_choice" },
    });
  });

  it("names every bad field, in the fields and in the message", () => {
    const e = failureOf({ name: "", email: "nope", password: "123", role: "emperor" });
    expect(e.fields).toEqual({
      name: { code: "required" },
      email: { code: "invalid_email" },
      password: { code: "too_short", min: 8 },
      role: { code: "invalid_choice" },
    });
    for (const field of ["name", "email", "password", "role"]) {
      expect(e.message).toContain(field);
    }
    expect(e.message).toContain("too_short (min 8)");
  });

  it("tells missing from wrong-typed nested fields", () => {
    const schema = z.object({ address: z.object({ city: z.string(), zip: z.string() }) });
    try {
      parseInput(schema, { address: { zip: 12345 } });
      expect.unreachable("parseInput accepted a missing city");
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).fields).toEqual({
        "address.city": { code: "required" },
        "address.zip": { code: "invalid" },
      });
    }
  });

  it("names each unknown field itself, nested ones by their dotted path, never `_`", () => {
    const schema = z.strictObject({
      name: z.string(),
      address: z.strictObject({ city: z.string() }),
    });
    try {
      parseInput(schema, { name: "Ann", colour: "red", size: 3, address: { city: "X", zip: 1 } });
      expect.unreachable("parseInput accepted unknown fields");
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      const err = e as AppError;
      expect(err.fields).toEqual({
        colour: { code: "unknown_field" },
        size: { code: "unknown_field" },
        "address.zip": { code: "unknown_field" },
      });
      expect(err.message).toContain("colour: unknown_field");
      expect(err.message).toContain("address.zip: unknown_field");
    }
  });

  it("keeps `_` for input that is not an object at all", () => {
    expect(failureOf("just a string").fields).toEqual({ _: { code: "invalid" } });
  });

  it("keys nested fields by their dotted path", () => {
    const schema = z.object({ address: z.object({ city: z.string().min(1) }) });
    try {
      parseInput(schema, { address: { city: "" } });
      expect.unreachable("parseInput accepted an empty city");
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).fields).toEqual({ "address.city": { code: "required" } });
    }
  });
});

describe("formToObject", () => {
  it("keeps string fields and drops server-action keys and files", () => {
    const form = new FormData();
    form.append("name", "Ann");
    form.append("$ACTION_ID_abc123", "");
    form.append("$ACTION_REF_1", "x");
    form.append("avatar", new File(["png"], "me.png", { type: "image/png" }));
    form.append("email", "ann@example.org");
    expect(formToObject(form)).toEqual({ name: "Ann", email: "ann@example.org" });
  });

  it("keeps the last of repeated values", () => {
    const form = new FormData();
    form.append("role", "editor");
    form.append("role", "owner");
    expect(formToObject(form)).toEqual({ role: "owner" });
  });
});

describe("emailSchema", () => {
  it("trims and lower-cases the address", () => {
    expect(emailSchema.parse("  Ann.Lee@Example.ORG\t")).toBe("ann.lee@example.org");
  });

  it("refuses what is not an address", () => {
    expect(emailSchema.safeParse("ann@").success).toBe(false);
    expect(emailSchema.safeParse("").success).toBe(false);
    expect(emailSchema.safeParse(`${"a".repeat(250)}@example.org`).success).toBe(false);
  });
});
