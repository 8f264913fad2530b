import { type Bom, type BuildBomInput, bomToCsv, bomToXlsx, buildBom, defaultCatalog } from '@saeq/bom';
import type { BomExportFormat, StoredBom } from '@saeq/shared/contracts/stored-results';
import type { Lang } from '@saeq/shared/i18n';
import type { BlobStore } from '@saeq/shared/storage';

const langs: Lang[] = ['fr', 'en'];

/**
 * Builds the BOM in both languages and renders its exports (XLSX, CSV with `,` and with `;`)
 * into the blob store, keyed per `owner` (the plan or BOM id: identical BOMs of two owners are
 * deleted apart). Pure domain work is in @saeq/bom; this only stores.
 */
export async function renderBom(
  input: Omit<BuildBomInput, 'lang' | 'fallbackCatalog'>,
  store: BlobStore,
  createdAt: Date,
  owner: string,
): Promise<StoredBom<Bom>> {
  const byLang = {} as Record<Lang, Bom>;
  const exports = {} as Record<Lang, Record<BomExportFormat, string>>;
  for (const lang of langs) {
    const bom = buildBom({ ...input, lang, fallbackCatalog: defaultCatalog });
    byLang[lang] = bom;
    const encoder = new TextEncoder();
    const [xlsx, comma, semicolon] = await Promise.all([
      bomToXlsx(bom, { lang, createdAt }).then((b) => store.put(new Uint8Array(b), { owner })),
      store.put(encoder.encode(bomToCsv(bom, { separator: ',', lang, bom: true })), { owner }),
      store.put(encoder.encode(bomToCsv(bom, { separator: ';', lang, bom: true })), { owner }),
    ]);
    exports[lang] = { xlsx: xlsx.sha256, 'csv-comma': comma.sha256, 'csv-semicolon': semicolon.sha256 };
  }
  return { kind: 'bom', byLang, exports };
}
