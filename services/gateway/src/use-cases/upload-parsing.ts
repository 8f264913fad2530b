import { AppError } from '@saeq/shared/errors';
import { z } from 'zod';

/** A file already written to disk while it streamed in, with the digest of its bytes. */
export type FileOnDisk = { path: string; sha256: string; sizeBytes: number };

/**
 * A plan upload, whichever of the three accepted encodings it came in: its bytes (raw and JSON
 * bodies), or the temporary file a multipart part was streamed to.
 */
export type PlanUpload = {
  data: Uint8Array | FileOnDisk;
  filename: string;
  name: string;
  edition: '2018' | '2026';
  callbackUrl?: string;
};

export const Edition = z.enum(['2018', '2026']);

/** Replaces C0 control characters and DEL (never meaningful in a name) with `replacement`. */
export function stripControlCharacters(s: string, replacement: string): string {
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    out += code < 0x20 || code === 0x7f ? replacement : ch;
  }
  return out;
}

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"

/**
 * True when the bytes start like a PDF. The spec allows up to 1 KiB of junk before the header
 * (PDF 32000-1 §7.5.2 is strict, but readers accept a prefix); we accept it within 1024 bytes.
 */
export function looksLikePdf(data: Uint8Array): boolean {
  const limit = Math.min(1024, data.length - PDF_MAGIC.length);
  for (let i = 0; i <= limit; i++) {
    if (PDF_MAGIC.every((byte, k) => data[i + k] === byte)) return true;
  }
  return false;
}

/** Reduces a client-supplied filename to a safe base name (no path, no control characters). */
export function safeFilename(raw: string | undefined | null): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = stripControlCharacters(base, '').replace(/^\.+/, '').trim().slice(0, 200);
  return cleaned.length > 0 ? cleaned : 'plan.pdf';
}

export function cleanName(raw: string | undefined | null, fallback: string): string {
  const cleaned = stripControlCharacters(raw ?? '', ' ')
    .trim()
    .slice(0, 200);
  return cleaned.length > 0 ? cleaned : fallback.replace(/\.pdf$/i, '');
}

export const JsonPlanUpload = z.strictObject({
  filename: z.string().min(1).max(255),
  contentBase64: z
    .string()
    .min(1)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64 invalide / invalid base64'),
  name: z.string().max(200).optional(),
  edition: Edition.optional(),
  callbackUrl: z.url({ protocol: /^https?$/ }).optional(),
});

export const UploadFields = z.object({
  name: z.string().max(200).optional(),
  edition: Edition.optional(),
  callbackUrl: z.url({ protocol: /^https?$/ }).optional(),
});

export function assertPdf(data: Uint8Array, maxBytes: number): void {
  assertPdfHead(data, data.byteLength, maxBytes);
}

/** `assertPdf` for a file known by its size and first bytes (at least 1 KiB of them when it has that many). */
export function assertPdfHead(head: Uint8Array, sizeBytes: number, maxBytes: number): void {
  if (sizeBytes > maxBytes) throw new AppError('payload_too_large');
  if (sizeBytes === 0 || !looksLikePdf(head)) throw new AppError('unsupported_media_type');
}
