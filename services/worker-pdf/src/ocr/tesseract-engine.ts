import { readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Tesseract from 'tesseract.js';
import { privateDirectory } from '../private-directory.ts';

/** One word read by OCR, in image pixels (origin top-left), confidence 0-1. */
export type OcrWord = { text: string; confidence: number; x0: number; y0: number; x1: number; y1: number };

/** An OCR engine reading the words of an encoded image (PNG). */
export type OcrEngine = {
  recognize(png: Buffer): Promise<OcrWord[]>;
  terminate(): Promise<void>;
};

/** Languages read on a sheet: Québec plans are French, the rest mostly English. */
export const OCR_LANGUAGES = ['fra', 'eng'] as const;

const requireHere = createRequire(import.meta.url);

/**
 * A directory holding `<lang>.traineddata.gz` for every language, linked to the files the
 * `@tesseract.js-data/<lang>` npm packages ship (the LSTM "best_int" models): tesseract.js reads
 * them from disk, never from the network. The directory is under the OS temporary directory
 * (writable in the Docker image), private to the user (`privateDirectory`), and shared by that
 * user's processes. A link that does not lead to this installation's file (left by an install
 * since removed or moved: dangling) is replaced, never trusted.
 */
export function localLanguageDirectory(
  langs: readonly string[] = OCR_LANGUAGES,
  dir: string = join(tmpdir(), `saeq-tessdata-${process.getuid?.() ?? 'user'}`),
): string {
  const privateDir = privateDirectory(dir);
  for (const lang of langs) {
    const pkg = dirname(requireHere.resolve(`@tesseract.js-data/${lang}/package.json`));
    const source = join(pkg, '4.0.0_best_int', `${lang}.traineddata.gz`);
    const target = join(privateDir, `${lang}.traineddata.gz`);
    if (linksTo(target, source)) continue;
    rmSync(target, { force: true });
    try {
      symlinkSync(source, target);
    } catch (err) {
      // Another process linked it first.
      if (!linksTo(target, source)) throw err;
    }
  }
  return privateDir;
}

function linksTo(link: string, source: string): boolean {
  try {
    return readlinkSync(link) === source;
  } catch {
    return false;
  }
}

/**
 * Starts a tesseract.js worker (WebAssembly, shipped in npm: nothing to install on the machine)
 * with French and English, the LSTM engine and automatic page segmentation without OSD
 * (PSM 11, sparse text: drawings are not paragraphs). In Node, tesseract.js loads its worker
 * script and its WebAssembly core (tesseract.js-core) from its own package files; language data
 * comes from `localLanguageDirectory`; nothing is cached on disk.
 */
export async function createTesseractEngine(langs: readonly string[] = OCR_LANGUAGES): Promise<OcrEngine> {
  const worker = await Tesseract.createWorker([...langs], Tesseract.OEM.LSTM_ONLY, {
    langPath: localLanguageDirectory(langs),
    gzip: true,
    cacheMethod: 'none',
  });
  await worker.setParameters({
    tessedit_pageseg_mode: Tesseract.PSM.SPARSE_TEXT,
    user_defined_dpi: '300',
  });
  return {
    async recognize(png) {
      const { data } = await worker.recognize(png, {}, { blocks: true, text: false });
      const words: OcrWord[] = [];
      for (const block of data.blocks ?? []) {
        for (const para of block.paragraphs) {
          for (const line of para.lines) {
            for (const w of line.words) {
              const text = w.text.trim();
              if (text === '') continue;
              words.push({ text, confidence: w.confidence / 100, ...w.bbox });
            }
          }
        }
      }
      return words;
    },
    async terminate() {
      await worker.terminate();
    },
  };
}
