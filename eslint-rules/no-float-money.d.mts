import type { ESLint, Rule } from "eslint";

export const noFloatMoney: Rule.RuleModule;
declare const plugin: ESLint.Plugin;
export default plugin;
