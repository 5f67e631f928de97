import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown";

describe("renderMarkdown", () => {
  it("renders ordinary Markdown: headings, emphasis, lists, code, quotes, tables, links", () => {
    const html = renderMarkdown(
      [
        "# Budgeting",
        "",
        "Some **bold**, *emphasis* and `code`.",
        "",
        "- one",
        "- two",
        "",
        "1. first",
        "",
        "> quoted",
        "",
        "```ts",
        "const a = 1;",
        "```",
        "",
        "| a | b |",
        "|---|---|",
        "| 1 | 2 |",
        "",
        "[site](https://example.cn/x) and [mail](mailto:office@example.cn)",
      ].join("\n"),
    );
    expect(html).toContain("<h3>Budgeting</h3>");
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain("<em>emphasis</em>");
    expect(html).toContain("<code>code</code>");
    expect(html).toMatch(/<ul>\s*<li>one<\/li>/);
    expect(html).toContain("<ol>");
    expect(html).toContain("<blockquote>");
    expect(html).toContain('<code class="language-ts">const a = 1;');
    expect(html).toMatch(/<table>[\s\S]*<th>a<\/th>[\s\S]*<td>2<\/td>/);
    expect(html).toContain(
      '<a href="https://example.cn/x" rel="nofollow noopener noreferrer">site</a>',
    );
    expect(html).toContain('href="mailto:office@example.cn"');
  });

  it("nests the description's outline under the page's headings", () => {
    expect(renderMarkdown("## A\n\n### B")).toBe("<h3>A</h3>\n<h4>B</h4>");
    expect(renderMarkdown("# A", 2)).toBe("<h2>A</h2>");
    expect(renderMarkdown("###### deep\n\n# top")).toContain("<h6>deep</h6>");
  });

  it("drops script elements with their content", () => {
    const html = renderMarkdown(
      "Hello <script>alert(1)</script> world\n\n<script>\nalert(2)\n</script>",
    );
    expect(html).not.toMatch(/script/i);
    expect(html).not.toContain("alert");
    expect(html).toContain("Hello");
  });

  it("drops event handler attributes and images", () => {
    for (const md of [
      '<img src="x" onerror="alert(1)">',
      "![x](https://example.cn/a.png)",
      '<p onclick="alert(1)">hi</p>',
      '<a href="https://example.cn" onmouseover="alert(1)">x</a>',
      "<svg onload=alert(1)></svg>",
    ]) {
      const html = renderMarkdown(md);
      expect(html, md).not.toMatch(/on(error|click|mouseover|load)/i);
      expect(html, md).not.toContain("<img");
      expect(html, md).not.toContain("alert");
    }
  });

  it("removes javascript:, data: and relative link targets but keeps the text", () => {
    for (const md of [
      "[click](javascript:alert(1))",
      '<a href="javascript:alert(1)">click</a>',
      '<a href="java&#x73;cript:alert(1)">click</a>',
      '<a href=" JAVASCRIPT:alert(1)">click</a>',
      "[click](data:text/html;base64,PHNjcmlwdD4=)",
      "[click](/admin)",
      "[click](//evil.example)",
    ]) {
      const html = renderMarkdown(md);
      expect(html, md).not.toMatch(/javascript|data:|href/i);
      expect(html, md).toContain("click");
    }
  });

  it("drops raw iframes, objects, styles and forms", () => {
    const html = renderMarkdown(
      [
        '<iframe src="https://evil.example"></iframe>',
        '<object data="x.swf"></object><embed src="x.swf">',
        "<style>body{display:none}</style>",
        '<div style="position:fixed">styled</div>',
        '<form action="https://evil.example"><input name="p"></form>',
      ].join("\n\n"),
    );
    expect(html).not.toMatch(
      /<\s*(iframe|object|embed|style|form|input)|style=|display:none|evil/i,
    );
    expect(html).toContain("styled");
  });
});
