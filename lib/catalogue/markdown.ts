import { Marked } from "marked";
import sanitizeHtml from "sanitize-html";

// Our own instance: options set here cannot leak into, or be changed by, other users of marked.
const markdown = new Marked({ gfm: true, breaks: false });

const headings = ["h1", "h2", "h3", "h4", "h5", "h6"];
const safeHref = /^(https?:\/\/|mailto:)/i;

/**
 * Links keep only absolute http(s) and mailto targets (a relative or scheme-less href would
 * resolve against our own origin, which a description has no business pointing into), and
 * never pass on our referrer's trust or a window handle.
 */
function transformLink(tagName: string, attribs: sanitizeHtml.Attributes) {
  const { href, title } = attribs;
  const kept: sanitizeHtml.Attributes = {};
  const target = href?.trim() ?? "";
  if (safeHref.test(target)) {
    kept.href = target;
    kept.rel = "nofollow noopener noreferrer";
  }
  if (title) kept.title = title;
  return { tagName, attribs: kept };
}

function options(headingShift: number): sanitizeHtml.IOptions {
  const shiftHeading = (tagName: string) => ({
    tagName: `h${Math.min(6, Number(tagName.slice(1)) + headingShift)}`,
    attribs: {},
  });
  return {
    allowedTags: [
      ...headings,
      "p",
      "br",
      "hr",
      "ul",
      "ol",
      "li",
      "strong",
      "b",
      "em",
      "i",
      "del",
      "s",
      "code",
      "pre",
      "blockquote",
      "table",
      "thead",
      "tbody",
      "tr",
      "th",
      "td",
      "a",
    ],
    allowedAttributes: {
      a: ["href", "title", "rel"],
      ol: ["start"],
      th: ["align"],
      td: ["align"],
      code: ["class"],
    },
    allowedClasses: { code: [/^language-[\w-]+$/] },
    allowedSchemes: ["http", "https", "mailto"],
    allowedSchemesAppliedToAttributes: ["href"],
    allowProtocolRelative: false,
    // Dropped with everything inside them, not just unwrapped.
    nonTextTags: [
      "script",
      "style",
      "textarea",
      "option",
      "noscript",
      "iframe",
      "object",
      "embed",
      "template",
      "svg",
      "math",
    ],
    disallowedTagsMode: "discard",
    transformTags: {
      a: transformLink,
      ...Object.fromEntries(headings.map((h) => [h, shiftHeading])),
    },
  };
}

/**
 * A resource description (Markdown written by institution staff) as HTML that is safe to put
 * into the page: only structural tags, no images, styles, scripts, frames or event handlers.
 * `topHeading` is the level the description's largest heading becomes, so its outline nests
 * under the page's own headings (the page has the h1, its sections h2).
 */
export function renderMarkdown(source: string, topHeading = 3): string {
  const html = markdown.parse(source, { async: false });
  const levels = [...html.matchAll(/<h([1-6])[\s>]/gi)].map((m) => Number(m[1]));
  const shift = levels.length > 0 ? Math.max(0, topHeading - Math.min(...levels)) : 0;
  return sanitizeHtml(html, options(shift)).trim();
}
