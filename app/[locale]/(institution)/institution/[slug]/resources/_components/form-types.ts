import type { FormState } from "@/lib/form-state";
import type { ResourceFormOptions } from "@/lib/catalogue/staff-queries";

/** What the server page hands the resource form: choices, and the values it starts with. */
export type ResourceFormChoices = ResourceFormOptions & {
  kinds: readonly string[];
  deliveryModes: readonly string[];
  languages: readonly string[];
};

export type SectionProps = {
  state: FormState;
  initial: Record<string, string>;
  choices: ResourceFormChoices;
};
