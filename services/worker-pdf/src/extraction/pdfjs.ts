import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The pdfjs-dist legacy build (the one meant for Node), as a module namespace. */
export type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type DocumentInitParameters = Exclude<
  Parameters<Pdfjs['getDocument']>[0],
  string | URL | ArrayBuffer | Uint8Array | undefined
>;

let pdfjsModule: Promise<Pdfjs> | undefined;

/** Imports pdfjs-dist once per process (the module is large; every later call reuses it). */
export function loadPdfjs(): Promise<Pdfjs> {
  pdfjsModule ??= import('pdfjs-dist/legacy/build/pdf.mjs').then((mod) => {
    // In Node pdfjs runs its parser in-process ("fake worker") from this module.
    mod.GlobalWorkerOptions.workerSrc ||= './pdf.worker.mjs';
    return mod;
  });
  return pdfjsModule;
}

const pdfjsRoot = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

/**
 * Safe options for untrusted PDFs: no eval (CVE-2024-4367), no font faces or system fonts, fonts,
 * CMaps and wasm decoders read from the package's own folders (never from the network), and
 * `maxImageSize` so a hostile image cannot claim gigabytes.
 */
export function safeDocumentParams(
  data: Uint8Array,
  opts: { stopAtErrors?: boolean; maxImagePixels?: number } = {},
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
    standardFontDataUrl: `${join(pdfjsRoot, 'standard_fonts')}/`,
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
