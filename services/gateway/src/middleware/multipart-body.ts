import { createHash, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeWebReadableStream } from 'node:stream/web';
import { AppError } from '@saeq/shared/errors';
import busboy from 'busboy';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';

/** How many leading bytes of the file part are kept in memory, for magic-byte checks. */
const HEAD_BYTES = 2048;

/**
 * The `file` part of a multipart form, written to a temporary file while it streamed in: never
 * held whole in memory. `path` is removed when the request ends unless it was moved away
 * (BlobStore.putFile) before.
 */
export type StagedFile = {
  path: string;
  sha256: string;
  sizeBytes: number;
  filename: string;
  /** The first bytes of the file (up to 2 KiB), for magic-byte checks. */
  head: Uint8Array;
};

/** A parsed multipart form: its text fields, its `file` part, and the digests of any other file part. */
export type StagedForm = {
  fields: Map<string, string>;
  file: StagedFile | undefined;
  /** `name=file:filename:sha256` for every file part, the `file` part included (idempotency fingerprint). */
  fileDigests: string[];
};

type StagingOptions = {
  maxFileBytes: number;
  tmpDir: string;
  /** Content types whose whole body is the file (e.g. application/pdf), staged the same way. */
  rawTypes?: readonly string[];
};
type Staging = StagingOptions & {
  form?: Promise<StagedForm>;
  raw?: Promise<StagedFile>;
  tmpPaths: string[];
};

const stagings = new WeakMap<Request, Staging>();

/**
 * Where uploads are staged: under DATA_DIR, so the blob store (also under DATA_DIR) takes them in
 * with a rename rather than a copy.
 */
export function uploadTmpDir(env: { DATA_DIR: string }): string {
  return join(env.DATA_DIR, 'tmp', 'uploads');
}

/**
 * Place it after `limitBody` (which may replace `c.req.raw` with a counted stream).
 *
 * Declares that this route takes a multipart `file` part — or, for the `rawTypes` content types,
 * a whole body — of at most `maxFileBytes`, streamed to a temporary file under `tmpDir` (same
 * filesystem as the blob store, so the store can move it in with a rename). Every temporary file
 * is removed when the request ends, whatever the outcome.
 */
export function stageMultipart(opts: StagingOptions) {
  return createMiddleware(async (c, next) => {
    const staging: Staging = { ...opts, tmpPaths: [] };
    stagings.set(c.req.raw, staging);
    try {
      await next();
    } finally {
      // A failed parse may still be writing: wait for it so the file is not created after the rm.
      await staging.form?.catch(() => {});
      await staging.raw?.catch(() => {});
      await Promise.all(staging.tmpPaths.map((p) => rm(p, { force: true })));
    }
  });
}

/**
 * The request's multipart form, parsed once per request (the idempotency fingerprint and the
 * route share it). 400 for a form that does not parse, 413 when the file part exceeds the cap
 * (its temporary file removed). The route must have `stageMultipart` in its middleware.
 */
export function stagedForm(c: Context): Promise<StagedForm> {
  const staging = stagings.get(c.req.raw);
  if (!staging) throw new Error('stagedForm() on a route without stageMultipart()');
  staging.form ??= parse(c.req.raw, staging);
  return staging.form;
}

/** Whether the route declared `stageMultipart` (the idempotency middleware hashes other bodies whole). */
export function hasStaging(c: Context): boolean {
  return stagings.has(c.req.raw);
}

/** Whether the route stages bodies of this (lower-case, parameter-free) content type whole. */
export function stagesRawBody(c: Context, type: string): boolean {
  return stagings.get(c.req.raw)?.rawTypes?.includes(type) ?? false;
}

/**
 * The request's whole body as a staged file (a raw `application/pdf` upload), streamed to a
 * temporary file while hashed, once per request (the idempotency fingerprint and the route
 * share it). 413 past `maxFileBytes` (counted as it streams; the file removed), 400 when the
 * body breaks off. `filename` is left empty: a raw body has none. The route must have
 * `stageMultipart` with this content type in `rawTypes`.
 */
export function stagedRawBody(c: Context): Promise<StagedFile> {
  const staging = stagings.get(c.req.raw);
  if (!staging) throw new Error('stagedRawBody() on a route without stageMultipart()');
  staging.raw ??= stageRaw(c.req.raw, staging);
  return staging.raw;
}

async function stageRaw(request: Request, staging: Staging): Promise<StagedFile> {
  await mkdir(staging.tmpDir, { recursive: true });
  const path = join(staging.tmpDir, `upload-${randomUUID()}.tmp`);
  staging.tmpPaths.push(path);
  const hash = createHash('sha256');
  const head: Buffer[] = [];
  let headBytes = 0;
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > staging.maxFileBytes) {
        done(new AppError('payload_too_large'));
        return;
      }
      hash.update(chunk);
      if (headBytes < HEAD_BYTES) {
        head.push(chunk.subarray(0, HEAD_BYTES - headBytes));
        headBytes += Math.min(chunk.length, HEAD_BYTES - headBytes);
      }
      done(null, chunk);
    },
  });
  const source = request.body
    ? Readable.fromWeb(request.body as unknown as NodeWebReadableStream<Uint8Array>)
    : Readable.from([]);
  const sink = createWriteStream(path, { flags: 'wx', mode: 0o600 });
  try {
    await pipeline(source, meter, sink);
  } catch (err) {
    // Closed before the answer, so stageMultipart removes it for good.
    await closed(sink);
    // A body over the request cap (limitBody) or the file cap, or a client that went away.
    throw err instanceof AppError ? err : badBody();
  }
  return {
    path,
    sha256: hash.digest('hex'),
    sizeBytes: size,
    filename: '',
    head: new Uint8Array(Buffer.concat(head)),
  };
}

function badBody(): AppError {
  return new AppError('bad_request', {
    detail: { fr: 'Le corps de la requête s’est interrompu.', en: 'The request body broke off.' },
  });
}

async function parse(request: Request, staging: Staging): Promise<StagedForm> {
  if (!request.body) throw badForm();
  await mkdir(staging.tmpDir, { recursive: true });
  return new Promise<StagedForm>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { 'content-type': request.headers.get('content-type') ?? '' },
        // Browsers and undici send UTF-8 filenames; busboy's default is latin1.
        defParamCharset: 'utf8',
        limits: { fileSize: staging.maxFileBytes, fields: 100, files: 10 },
      });
    } catch {
      reject(badForm());
      return;
    }
    const fields = new Map<string, string>();
    const fileDigests: string[] = [];
    let file: StagedFile | undefined;
    let failure: AppError | undefined;
    const writes: Promise<void>[] = [];
    const sinks: WriteStream[] = [];
    let fileSeen = false;

    parser.on('field', (name, value) => {
      if (!fields.has(name)) fields.set(name, value);
    });
    parser.on('file', (name, stream, info) => {
      const hash = createHash('sha256');
      let size = 0;
      const head: Buffer[] = [];
      let headBytes = 0;
      // Only the first `file` part is kept; any other file part is hashed and dropped.
      const keep = name === 'file' && !fileSeen;
      if (keep) fileSeen = true;
      const path = keep ? join(staging.tmpDir, `upload-${randomUUID()}.tmp`) : undefined;
      if (path) staging.tmpPaths.push(path);
      const sink = path ? createWriteStream(path, { flags: 'wx', mode: 0o600 }) : undefined;
      if (sink) sinks.push(sink);
      stream.on('data', (chunk: Buffer) => {
        hash.update(chunk);
        size += chunk.length;
        if (headBytes < HEAD_BYTES) {
          head.push(chunk.subarray(0, HEAD_BYTES - headBytes));
          headBytes += Math.min(chunk.length, HEAD_BYTES - headBytes);
        }
      });
      stream.on('limit', () => {
        failure ??= new AppError('payload_too_large');
      });
      if (sink) stream.pipe(sink);
      else stream.resume();
      writes.push(
        new Promise<void>((done, fail) => {
          const finished = () => {
            const sha256 = hash.digest('hex');
            fileDigests.push(`${name}=file:${info.filename ?? ''}:${sha256}`);
            if (path && !failure) {
              file = {
                path,
                sha256,
                sizeBytes: size,
                filename: info.filename ?? '',
                head: new Uint8Array(Buffer.concat(head)),
              };
            }
            done();
          };
          if (sink) {
            sink.on('finish', finished);
            sink.on('error', fail);
          } else stream.on('end', finished);
          stream.on('error', (err) => {
            failure ??= badForm();
            fail(err);
          });
        }),
      );
    });
    // Every way the parse ends comes here once: the temporary files are closed before the
    // answer, so stageMultipart removes them for good.
    let settled = false;
    const settle = () => {
      if (settled) return;
      settled = true;
      if (failure) for (const sink of sinks) sink.destroy();
      Promise.allSettled([...writes, ...sinks.map(closed)]).then(() => {
        if (failure) reject(failure);
        else if (writes.length > 0 && file === undefined && fileSeen) reject(badForm());
        else resolve({ fields, file, fileDigests });
      });
    };
    parser.on('error', () => {
      failure ??= badForm();
      settle();
    });
    parser.on('close', settle);
    const source = Readable.fromWeb(request.body as unknown as NodeWebReadableStream<Uint8Array>);
    source.on('error', (err) => {
      // A body over the request cap (limitBody) or a client that went away.
      failure ??= err instanceof AppError ? err : badForm();
      parser.destroy();
      settle();
    });
    source.pipe(parser);
  });
}

async function closed(sink: WriteStream): Promise<void> {
  if (sink.closed) return;
  await once(sink, 'close').catch(() => {});
}

function badForm(): AppError {
  return new AppError('bad_request', {
    detail: { fr: 'Formulaire multipart invalide.', en: 'Invalid multipart form.' },
  });
}

export type MultipartFile<F extends string> = { file: StagedFile; fields: Record<F, string | undefined> };

/**
 * A multipart form's `file` part (staged to a temporary file) and the text fields named (an empty
 * field counts as absent). 400 for a form that does not parse, 400 naming `file` when that part
 * is missing, 413 when it is over the route's cap.
 */
export async function readMultipartFile<F extends string>(
  c: Context,
  fieldNames: readonly F[],
): Promise<MultipartFile<F>> {
  const form = await stagedForm(c);
  if (!form.file) {
    throw new AppError('validation_failed', {
      errors: [{ path: 'file', message: { fr: 'champ « file » requis', en: '"file" field required' } }],
    });
  }
  const fields = Object.fromEntries(
    fieldNames.map((name) => {
      const value = form.fields.get(name);
      return [name, value !== undefined && value.length > 0 ? value : undefined];
    }),
  ) as Record<F, string | undefined>;
  return { file: form.file, fields };
}

/** The staged file's bytes, for the small uploads that are parsed whole (catalogue CSV). */
export async function readStagedFile(file: StagedFile): Promise<Uint8Array> {
  return new Uint8Array(await readFile(file.path));
}
