import "server-only";
import { deliveryModes, resourceKinds } from "@/db/schema/catalogue";
import { languageCodes } from "@/lib/catalogue/schemas";
import { getResourceFormOptions } from "@/lib/catalogue/staff-queries";
import type { ResourceFormChoices } from "./form-types";

/** The form's choices, read on the server (the lists stay out of the browser bundle's imports). */
export async function resourceFormChoices(): Promise<ResourceFormChoices> {
  return {
    ...(await getResourceFormOptions()),
    kinds: resourceKinds,
    deliveryModes,
    languages: languageCodes,
  };
}
