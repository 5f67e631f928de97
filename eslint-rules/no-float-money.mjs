/**
 * Money and credits are integers (minor units, hundredths) and convert only through
 * lib/money/minor-units.ts. This rule finds the float habits that break that:
 *   - parseFloat (anywhere: nothing the app reads from text is a float),
 *   - Number(…), unary +, parseInt or .toFixed applied to a money or credits value,
 *   - scaling by 100 or by a power of ten (`* 100`, `/ 100`, `10 ** d`, Math.pow(10, d)),
 *     the classic float conversion of yuan ↔ fen and credits ↔ hundredths,
 *   - scaling a money or credits value by 1000 or 10.
 * A value counts as money or credits when a name in it, or the name it is stored under, reads
 * like one (price, amount, minor, credit, yuan, fen, money).
 */
const MONEY = /price|amount|minor|credit|yuan|money/i;
// "fen" only as its own word part (amountFen, fen_total), not inside "offence" or "defend".
const FEN = /(?:^|[^A-Za-z])fen(?![a-z])|Fen(?![a-z])|FEN/;
const isMoneyName = (name) => typeof name === "string" && (MONEY.test(name) || FEN.test(name));

const FIX = "convert with lib/money/minor-units.ts (exact decimal strings ↔ integer minor units)";

/** Whether any identifier, property name or string literal inside `node` names money. */
function mentionsMoney(node) {
  if (!node || typeof node !== "object") return false;
  if (node.type === "Identifier" || node.type === "PrivateIdentifier")
    return isMoneyName(node.name);
  if (node.type === "Literal") return isMoneyName(node.value);
  for (const [key, child] of Object.entries(node)) {
    if (key === "parent" || key === "loc" || key === "range") continue;
    if (Array.isArray(child) ? child.some(mentionsMoney) : mentionsMoney(child)) return true;
  }
  return false;
}

/** The name the value of `node` is stored under: `const priceFen = …`, `{ amount: … }`, `x.credits = …`. */
function storedUnderMoney(node) {
  let n = node;
  // Look through wrappers: Math.round(Number(x)), String(…), (…), `as` casts.
  while (
    n.parent &&
    (n.parent.type === "CallExpression" ||
      n.parent.type === "TSAsExpression" ||
      n.parent.type === "ChainExpression" ||
      n.parent.type === "ConditionalExpression" ||
      n.parent.type === "LogicalExpression")
  ) {
    n = n.parent;
  }
  const p = n.parent;
  if (!p) return false;
  if (p.type === "VariableDeclarator") return mentionsMoney(p.id);
  if (p.type === "Property") return mentionsMoney(p.key);
  if (p.type === "AssignmentExpression") return mentionsMoney(p.left);
  return false;
}

const isMoney = (node) => mentionsMoney(node) || storedUnderMoney(node);
const isNumber = (node, value) => node.type === "Literal" && node.value === value;
const isPowerOfTen = (node) =>
  (node.type === "BinaryExpression" && node.operator === "**" && isNumber(node.left, 10)) ||
  (node.type === "CallExpression" &&
    node.callee.type === "MemberExpression" &&
    node.callee.object.name === "Math" &&
    node.callee.property.name === "pow" &&
    node.arguments[0] &&
    isNumber(node.arguments[0], 10));

const calleeName = (callee) =>
  callee.type === "Identifier"
    ? callee.name
    : callee.type === "MemberExpression" && !callee.computed
      ? `${callee.object.name ?? ""}.${callee.property.name}`
      : "";

/** @type {import("eslint").Rule.RuleModule} */
export const noFloatMoney = {
  meta: {
    type: "problem",
    docs: { description: "No float arithmetic or parsing on money and credits" },
    schema: [],
  },
  create(context) {
    const report = (node, what) => context.report({ node, message: `${what}: ${FIX}.` });

    function checkScale(node, left, right) {
      const [a, b] = [left, right];
      if (isNumber(a, 100) || isNumber(b, 100)) return report(node, "Scaling by 100");
      if (isPowerOfTen(a) || isPowerOfTen(b)) return report(node, "Scaling by a power of ten");
      if (
        (isNumber(a, 1000) || isNumber(b, 1000) || isNumber(a, 10) || isNumber(b, 10)) &&
        isMoney(node)
      ) {
        report(node, "Scaling money or credits by a power of ten");
      }
    }

    return {
      CallExpression(node) {
        const name = calleeName(node.callee);
        if (name === "parseFloat" || name === "Number.parseFloat") {
          return report(node, "parseFloat reads a float");
        }
        if (["Number", "parseInt", "Number.parseInt"].includes(name) && isMoney(node)) {
          return report(node, `${name}() on money or credits`);
        }
        if (
          node.callee.type === "MemberExpression" &&
          node.callee.property.name === "toFixed" &&
          isMoney(node.callee.object)
        ) {
          report(node, "toFixed() on money or credits");
        }
      },
      UnaryExpression(node) {
        if (node.operator === "+" && isMoney(node)) report(node, "Unary + on money or credits");
      },
      BinaryExpression(node) {
        if (node.operator === "*" || node.operator === "/") checkScale(node, node.left, node.right);
      },
      AssignmentExpression(node) {
        if (node.operator === "*=" || node.operator === "/=")
          checkScale(node, node.left, node.right);
      },
    };
  },
};

const plugin = { rules: { "no-float-money": noFloatMoney } };
export default plugin;
