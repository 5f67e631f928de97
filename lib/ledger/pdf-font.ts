import { readFile } from "node:fs/promises";
import path from "node:path";
import fontkit from "@pdf-lib/fontkit";
import type { PDFDocument } from "pdf-lib";

type Fontkit = Parameters<PDFDocument["registerFontkit"]>[0];

/**
 * Noto Sans SC (OFL) from the npm package @expo-google-fonts/noto-sans-sc, read from
 * node_modules at run time — never at build time, never bundled. `next.config.ts` lists the file
 * in `outputFileTracingIncludes` for the transcript route, so a traced deployment carries it.
 * The whole font is 10 MB; the PDF embeds only the glyphs it uses (`subset: true`).
 */
export const TRANSCRIPT_FONT_FILE =
  "node_modules/@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf";
export const TRANSCRIPT_FONT_NAME = "NotoSansSC-Regular";

let cached: Promise<Uint8Array> | undefined;

/** The font's bytes, read once per process (a failed read is retried on the next call). */
export function transcriptFontBytes(): Promise<Uint8Array> {
  cached ??= readFile(path.join(process.cwd(), TRANSCRIPT_FONT_FILE)).catch((e: unknown) => {
    cached = undefined;
    throw e;
  });
  return cached;
}

type GlyphSubset = {
  glyf: Uint8Array[];
  offset: number;
  _addGlyph(gid: number): number;
};

/**
 * @pdf-lib/fontkit 1.1.1 with its TrueType subsetter fixed. It writes a subset's `loca` in the
 * short format (offsets halved) whenever the subset is under 128 KB, but copies glyph records of
 * odd length unpadded, so every glyph after the first odd one points one byte off and renders
 * blank: most CJK characters vanished from our transcripts. Upstream fontkit fixed it in 1.8
 * (foliojs/fontkit#191); the @pdf-lib fork never took the fix. Padding each record to an even
 * length (zero bytes after a glyph are allowed) makes the halved offsets exact. The patch is on
 * each subset object, not on the library's prototype.
 *
 * Parsing the 10 MB font takes ~130 ms: the parsed font is kept per font buffer (the one cached
 * above), and only subsets — one per PDF — are new each time.
 */
const parsed = new WeakMap<Uint8Array, ReturnType<typeof fontkit.create>>();

export const patchedFontkit: Fontkit = {
  create(buffer, postscriptName) {
    const known = postscriptName ? undefined : parsed.get(buffer);
    if (known) return known;
    const font = fontkit.create(buffer, postscriptName);
    if (!postscriptName) parsed.set(buffer, font);
    const createSubset = font.createSubset.bind(font);
    font.createSubset = () => {
      const subset = createSubset() as unknown as GlyphSubset;
      const addGlyph = subset._addGlyph.bind(subset);
      subset._addGlyph = (gid: number) => {
        const index = addGlyph(gid);
        const record = subset.glyf[index]!;
        if (record.length % 2 === 1) {
          // The library's own Buffer class (its stream refuses a plain Uint8Array); alloc zeroes.
          const Bytes = record.constructor as unknown as { alloc(size: number): Uint8Array };
          const padded = Bytes.alloc(record.length + 1);
          padded.set(record);
          subset.glyf[index] = padded;
          subset.offset += 1;
        }
        return index;
      };
      return subset as never;
    };
    return font;
  },
};
