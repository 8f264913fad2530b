// pdfjs-dist ships no types for its parser module; we only import it so that it installs itself
// as `globalThis.pdfjsWorker` (see pdfjs.ts).
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
