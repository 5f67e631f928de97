import type { z } from "zod";
import type { createResourceSchema } from "@/lib/catalogue/schemas";

/** What a member types into the "new resource" form: defaults not yet applied. */
export type DemoResourceInput = z.input<typeof createResourceSchema>;

export type DemoCatalogueItem = {
  /** Slug of the publishing member in `demoInstitutions`. */
  institution: string;
  featured?: boolean;
  input: DemoResourceInput;
};

export const md = (lines: string[]) => lines.join("\n");
