import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The pdfjs-dist legacy build (the one meant for Node), as a module namespace. */
export type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type DocumentInitParameters = Exclude<
  Parameters<Pdfjs['getDocument']>[0],
  string | URL | ArrayBuffer | Uint8Array | undefined
>;

let pdfjsModule: Promise<Pdfjs> | undefined;

/**
 * The engine's own `Array.prototype.push`, taken when this module is evaluated, i.e. before pdfjs
 * is imported: the legacy build's bundled core-js replaces it for the whole thread (V8 in Node 20
 * fails core-js's non-writable-`length` check, so core-js installs a JavaScript `push`). Every
 * array push in the thread (pdfjs's parser and our geometry walk alike) then pays for the
 * polyfill: 1.1–1.6× slower extraction (docs/benchmarks.md). core-js also wraps
 * `Function.prototype.toString`, so the polyfill prints as `[native code]`; compare identities.
 */
const enginePush = Array.prototype.push;
let pdfjsPush: typeof enginePush | undefined;

/**
 * Imports pdfjs-dist once per thread (the module is large; every later call reuses it).
 *
 * Loads the parser (`pdf.worker.mjs`) eagerly too: in Node pdfjs runs it in-process ("fake
 * worker") and would otherwise import it on the first `getDocument`, re-installing the polyfill
 * after we restored `push`. Exposed as `globalThis.pdfjsWorker`, which pdfjs checks first.
 */
export function loadPdfjs(): Promise<Pdfjs> {
  pdfjsModule ??= (async () => {
    const mod = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const worker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    const global = globalThis as { pdfjsWorker?: unknown };
    global.pdfjsWorker ??= worker;
    mod.GlobalWorkerOptions.workerSrc ||= './pdf.worker.mjs';
    if (Array.prototype.push !== enginePush) {
      pdfjsPush = Array.prototype.push;
      // The polyfill exists for a spec corner case (arrays whose `length` is non-writable) that
      // pdfjs does not rely on; the engine's `push` behaves the same for every other array.
      Array.prototype.push = enginePush;
    }
    return mod;
  })();
  return pdfjsModule;
}

/**
 * The `push` polyfill pdfjs installed and `loadPdfjs` removed (undefined if pdfjs left `push`
 * alone). Only for benchmarks that measure what restoring the native `push` saves.
 */
export function replacedPdfjsPush(): typeof enginePush | undefined {
  return pdfjsPush;
}

const pdfjsRoot = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

/**
 * Safe options for untrusted PDFs: no eval (CVE-2024-4367), no font faces or system fonts, fonts,
 * CMaps and wasm decoders read from the package's own folders (never from the network), and
 * `maxImageSize` so a hostile image cannot claim gigabytes.
 *
 * `glyphOutlines: false` (for text and geometry extraction) leaves out the outlines of the 14
 * standard fonts when a PDF uses them without embedding them: pdfjs then neither parses those
 * font programs nor turns every glyph drawn into a path, which was ~20 % of extraction time on
 * the corpus. Text is unchanged: pdfjs maps such fonts to Unicode and widths from the PDF's
 * encoding and its built-in metrics either way (it treats its own standard font files as not
 * embedded). Rendering needs the outlines, so they are loaded by default.
 */
export function safeDocumentParams(
  data: Uint8Array,
  opts: { stopAtErrors?: boolean; maxImagePixels?: number; glyphOutlines?: boolean } = {},
): DocumentInitParameters {
  return {
    // pdfjs takes ownership of (detaches) the buffer it is given: hand it a copy.
    data: new Uint8Array(data),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    ...(opts.glyphOutlines === false ? {} : { standardFontDataUrl: `${join(pdfjsRoot, 'standard_fonts')}/` }),
    cMapUrl: `${join(pdfjsRoot, 'cmaps')}/`,
    cMapPacked: true,
    wasmUrl: `${join(pdfjsRoot, 'wasm')}/`,
    iccUrl: `${join(pdfjsRoot, 'iccs')}/`,
    stopAtErrors: opts.stopAtErrors ?? false,
    maxImageSize: opts.maxImagePixels ?? 64_000_000,
    enableXfa: false,
    // Errors only: pdfjs otherwise writes warnings about odd PDFs to the console.
    verbosity: 0,
  };
}
