import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { privateDirectory } from '../private-directory.ts';

/**
 * The analysis thread compiled to plain JavaScript, so that the thread does not load tsx.
 *
 * Why: tsx (esbuild's TypeScript transform behind a module loader) costs each thread that
 * registers it its own loader hooks thread, esbuild's JavaScript and the transformed sources;
 * with pdfjs on top, worker-pdf held ~500 MB before its first plan (docs/benchmarks.md, issue 5).
 * The thread instead imports one ESM file made by esbuild, at worker start, from
 * `analysis-thread.ts` and everything it imports from our workspace packages; npm packages (pdfjs-dist,
 * @napi-rs/canvas, zod) stay external, imported by absolute file URL, so pdfjs is the same file
 * the stream-cap hook patches. The loader hook (pdfjs-stream-cap-hooks.ts) is compiled likewise.
 *
 * Built on demand rather than at install: sources can change after `pnpm install`, and a build
 * of ~150 KB takes ~0.3 s. The files are written under the OS temporary directory (writable in
 * the Docker image, whose root filesystem is read-only), named by a hash of their content: a
 * process never reads another version's file, and two processes of the same version share one.
 * The directory's name is predictable, so it must be private before anything in it is imported
 * (`privateDirectory`): another local user who created it first, or planted a symlink there,
 * would otherwise choose the code the analysis thread runs.
 */

/** File URLs of the compiled thread entry and loader hook module. */
export type ThreadModules = { entry: string; hooks: string };

/** The part of esbuild's API used here (esbuild ships with tsx; it is not a direct dependency). */
type Esbuild = {
  build(options: Record<string, unknown>): Promise<{ outputFiles: { path: string; text: string }[] }>;
  stop?(): void | Promise<void>;
};
type ResolveArgs = {
  path: string;
  importer: string;
  kind: string;
  resolveDir: string;
  pluginData?: unknown;
};
type PluginBuild = {
  onResolve(
    options: { filter: RegExp },
    callback: (args: ResolveArgs) => Promise<{ path: string; external: boolean } | undefined>,
  ): void;
  onLoad(
    options: { filter: RegExp },
    callback: (args: { path: string }) => { contents: string; loader: 'ts' },
  ): void;
  resolve(
    path: string,
    options: { kind: string; importer: string; resolveDir: string; pluginData: unknown },
  ): Promise<{ path: string; external: boolean; errors: { text: string }[] }>;
};

const sources = {
  entry: new URL('./analysis-thread.ts', import.meta.url),
  hooks: new URL('./pdfjs-stream-cap-hooks.ts', import.meta.url),
};
/** Where the compiled files are written (the OS temporary directory: see above), one per user. */
const defaultCacheDir = join(tmpdir(), `saeq-worker-pdf-${process.getuid?.() ?? 'user'}`);

/** esbuild as tsx depends on it, so the bundle is built by the esbuild that already runs our code. */
function loadEsbuild(): Esbuild {
  const requireFromHere = createRequire(import.meta.url);
  return createRequire(requireFromHere.resolve('tsx/package.json'))('esbuild') as Esbuild;
}

/** Marks a nested resolution, so the plugin does not handle the specifier it is resolving. */
const RESOLVING = Symbol('resolving');

/**
 * esbuild plugin: our workspace packages (`@saeq/*`) and relative imports are bundled; any other
 * bare specifier is resolved as Node would from the importing file and left external as an
 * absolute file URL (the bundle lives outside the repository, where bare specifiers would not
 * resolve). Each bundled module keeps its own `import.meta.url` (pdfjs.ts finds pdfjs-dist's
 * folders relative to itself); any other use of `import.meta` fails the build, since it would
 * silently refer to the bundle.
 */
const workspacePlugin = {
  name: 'saeq-analysis-thread',
  setup(build: PluginBuild) {
    build.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData === RESOLVING || args.path.startsWith('@saeq/') || args.path.startsWith('node:'))
        return undefined;
      const resolved = await build.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: RESOLVING,
      });
      if (resolved.errors.length > 0 || resolved.external) return undefined;
      return { path: pathToFileURL(resolved.path).href, external: true };
    });
    // Every TypeScript file bundled is ours: npm packages are external.
    build.onLoad({ filter: /\.ts$/ }, ({ path }) => {
      const contents = readFileSync(path, 'utf8').replaceAll(
        /\bimport\.meta\.url\b/g,
        JSON.stringify(pathToFileURL(path).href),
      );
      if (/\bimport\.meta\b/.test(contents))
        throw new Error(`${path} uses import.meta beyond import.meta.url: not bundled`);
      return { contents, loader: 'ts' };
    });
  },
};

/** Compiles the thread entry and the loader hook module; returns their JavaScript by name. */
export async function compileThreadModules(esbuild: Esbuild = loadEsbuild()): Promise<ThreadModules> {
  try {
    const { outputFiles } = await esbuild.build({
      entryPoints: { entry: fileURLToPath(sources.entry), hooks: fileURLToPath(sources.hooks) },
      outdir: '/',
      entryNames: '[name]',
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'node',
      target: `node${process.versions.node}`,
      // The thread disables source maps (analysis-thread.ts): none are written.
      sourcemap: false,
      logLevel: 'silent',
      plugins: [workspacePlugin],
    });
    const text = (name: string) => {
      const file = outputFiles.find((f) => f.path === `/${name}.js`);
      if (!file) throw new Error(`esbuild wrote no ${name}.js`);
      return file.text;
    };
    return { entry: text('entry'), hooks: text('hooks') };
  } finally {
    // esbuild's service process is only needed for this build (tsx starts it again when it needs it).
    await esbuild.stop?.();
  }
}

/** Writes `text` as `<dir>/<name>-<hash>.mjs` unless it is there already; returns its file URL. */
function writeOnce(dir: string, name: string, text: string): string {
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
  const file = join(dir, `${name}-${hash}.mjs`);
  if (!existsSync(file)) {
    // Written aside then renamed: another process starting at the same time never reads half a file.
    const partial = `${file}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(partial, text);
    renameSync(partial, file);
  }
  return pathToFileURL(file).href;
}

/**
 * The compiled analysis thread: built once per process, written under `cacheDir`. `ensure()`
 * writes the files again if they disappeared since (a temporary directory cleaner on a
 * long-running worker), before a new thread imports them.
 */
export class ThreadBundle {
  /** Where the files are: `requestedDir`, or a private directory beside it (`privateDirectory`). */
  private dir: string;

  private constructor(
    private readonly requestedDir: string,
    private readonly compiled: ThreadModules,
  ) {
    this.dir = requestedDir;
  }

  static async build(cacheDir: string = defaultCacheDir): Promise<ThreadBundle> {
    const bundle = new ThreadBundle(cacheDir, await compileThreadModules());
    const current = bundle.ensure();
    pruneStaleModules(bundle.dir, [current.entry, current.hooks]);
    return bundle;
  }

  /** File URLs of the thread entry and hook module, written if missing. */
  ensure(): ThreadModules {
    // Checked again each time: the directory may have been removed (and re-created by another user).
    this.dir = privateDirectory(this.requestedDir);
    return {
      entry: writeOnce(this.dir, 'analysis-thread', this.compiled.entry),
      hooks: writeOnce(this.dir, 'pdfjs-stream-cap-hooks', this.compiled.hooks),
    };
  }
}

/**
 * Other versions' files (~150 KB each, one per deployed version of the sources) are removed once
 * they are an hour old. A process still running such a version writes its file again before its
 * next thread starts (`ensure()`); the hour only keeps away from a file that another process has
 * just written and is about to import.
 */
const STALE_MODULE_AGE_MS = 60 * 60 * 1000;

function pruneStaleModules(dir: string, keep: string[], now = Date.now()): void {
  const kept = new Set(keep.map((url) => fileURLToPath(url)));
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    if (
      kept.has(file) ||
      !/^(analysis-thread|pdfjs-stream-cap-hooks)-[0-9a-f]{16}\.mjs(\..+\.tmp)?$/.test(name)
    )
      continue;
    try {
      if (now - statSync(file).mtimeMs > STALE_MODULE_AGE_MS) rmSync(file, { force: true });
    } catch {
      // Removed meanwhile by another process: nothing to do.
    }
  }
}

let shared: Promise<ThreadBundle> | undefined;

/** The process's bundle, built on the first call (every pool of the process shares it). */
export function threadBundle(): Promise<ThreadBundle> {
  shared ??= ThreadBundle.build();
  return shared;
}
