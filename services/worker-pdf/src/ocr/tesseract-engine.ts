import { readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Tesseract from 'tesseract.js';
import { privateDirectory } from '../private-directory.ts';
import { warmUpImage } from './warm-up-image.ts';

/** One word read by OCR, in image pixels (origin top-left), confidence 0-1. */
export type OcrWord = { text: string; confidence: number; x0: number; y0: number; x1: number; y1: number };

/** An OCR engine reading the words of encoded images (PNG, PNM…), several at once. */
export type OcrEngine = {
  /**
   * The words of an image. `layout: 'sparse'` (default) finds text anywhere on a drawing;
   * `'block'` reads the image as one block of lines, which keeps the one-character words sparse
   * mode drops (used on a column of such words cut from a sheet).
   */
  recognize(image: Buffer, opts?: { layout?: 'sparse' | 'block' }): Promise<OcrWord[]>;
  /** Images it reads at the same time (one per tesseract.js worker); more calls wait their turn. */
  readonly concurrency: number;
  terminate(): Promise<void>;
};

export type TesseractEngineOptions = {
  langs?: readonly string[];
  /** tesseract.js workers (threads), each reading one image at a time. Default 1. */
  workers?: number;
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
 * Starts `workers` tesseract.js workers (WebAssembly, shipped in npm: nothing to install on the
 * machine) with French and English, the LSTM engine and sparse-text segmentation (PSM 11:
 * drawings are not paragraphs), each warmed up on a small printed image (`warmUpImage`), and
 * hands each `recognize` call to an idle one. Tesseract is single-threaded, so on 2 cores two
 * workers read two pages in about the time of one. In Node, tesseract.js loads its worker
 * script and WebAssembly core (tesseract.js-core) from its own package files; language data
 * comes from `localLanguageDirectory`; nothing is cached on disk.
 */
export async function createTesseractEngine(opts: TesseractEngineOptions = {}): Promise<OcrEngine> {
  const langs = opts.langs ?? OCR_LANGUAGES;
  const count = Math.max(1, Math.floor(opts.workers ?? 1));
  const started = await Promise.allSettled(Array.from({ length: count }, () => startWorker(langs)));
  const workers = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await Promise.allSettled(workers.map((w) => w.terminate()));
    throw failed.reason;
  }
  const idle = [...workers];
  const waiting: ((worker: Tesseract.Worker) => void)[] = [];
  const acquire = (): Promise<Tesseract.Worker> => {
    const worker = idle.pop();
    return worker ? Promise.resolve(worker) : new Promise((resolve) => waiting.push(resolve));
  };
  const release = (worker: Tesseract.Worker): void => {
    const next = waiting.shift();
    if (next) next(worker);
    else idle.push(worker);
  };
  return {
    concurrency: workers.length,
    async recognize(image, opts) {
      const worker = await acquire();
      try {
        if (opts?.layout !== 'block') return await readWords(worker, image);
        await worker.setParameters({ tessedit_pageseg_mode: Tesseract.PSM.SINGLE_BLOCK });
        try {
          return await readWords(worker, image);
        } finally {
          await worker.setParameters({ tessedit_pageseg_mode: Tesseract.PSM.SPARSE_TEXT });
        }
      } finally {
        release(worker);
      }
    },
    async terminate() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

async function startWorker(langs: readonly string[]): Promise<Tesseract.Worker> {
  const worker = await Tesseract.createWorker([...langs], Tesseract.OEM.LSTM_ONLY, {
    langPath: localLanguageDirectory(langs),
    gzip: true,
    cacheMethod: 'none',
  });
  try {
    await worker.setParameters({
      tessedit_pageseg_mode: Tesseract.PSM.SPARSE_TEXT,
      user_defined_dpi: '300',
    });
    await readWords(worker, warmUpImage());
    return worker;
  } catch (err) {
    await worker.terminate();
    throw err;
  }
}

async function readWords(worker: Tesseract.Worker, image: Buffer): Promise<OcrWord[]> {
  const { data } = await worker.recognize(image, {}, { blocks: true, text: false });
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
}
