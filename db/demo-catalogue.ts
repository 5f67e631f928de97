import type { DemoCatalogueItem } from "./demo-catalogue/types";
import { logistics } from "./demo-catalogue/logistics";
import { software } from "./demo-catalogue/software";
import { security } from "./demo-catalogue/security";
import { adultEducation } from "./demo-catalogue/adult-education";
import { openUniversity } from "./demo-catalogue/open-university";
import { chongqingOpenUniversity } from "./demo-catalogue/chongqing-open-university";
import { aptech } from "./demo-catalogue/aptech";
import { chongqingUniversity } from "./demo-catalogue/chongqing-university";
import { jiangnan } from "./demo-catalogue/jiangnan";
import { secondarySchool } from "./demo-catalogue/secondary-school";

export type { DemoCatalogueItem, DemoResourceInput } from "./demo-catalogue/types";

/**
 * Hand-written demo catalogue (PRODUCT.md §4): what each alliance member really offers, one file
 * per member under db/demo-catalogue/. Money in fen, credits in hundredths, 1 credit ≈ 16 hours (§3).
 */
export const demoCatalogue: DemoCatalogueItem[] = [
  ...logistics,
  ...software,
  ...security,
  ...adultEducation,
  ...openUniversity,
  ...chongqingOpenUniversity,
  ...aptech,
  ...chongqingUniversity,
  ...jiangnan,
  ...secondarySchool,
];
