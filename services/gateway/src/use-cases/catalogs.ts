import { defaultCatalog, parseCatalogCsv } from '@saeq/bom';
import { catalogs, type Db } from '@saeq/shared/db';
import { AppError } from '@saeq/shared/errors';
import { and, desc, eq } from 'drizzle-orm';

export type CatalogUpload = {
  bytes: Uint8Array;
  name: string;
  makeDefault: boolean | undefined;
  priceDate?: string | undefined;
};

/**
 * Imports a contractor's price file, all or nothing: any bad row → 422 naming each line and
 * column, nothing stored. The organisation's first catalogue becomes its default.
 */
export async function importCatalog(db: Db, organisationId: string, upload: CatalogUpload) {
  const parsed = parseCatalogCsv(upload.bytes);
  if (!parsed.ok) {
    throw new AppError('validation_failed', {
      detail: {
        fr: `Le fichier contient ${parsed.errors.length} erreur(s); rien n’a été importé.`,
        en: `The file has ${parsed.errors.length} error(s); nothing was imported.`,
      },
      errors: parsed.errors.map((e) => ({
        path: `line ${e.line}, ${e.column}`,
        message: e.message,
      })),
    });
  }
  return db.transaction(async (tx) => {
    const existing = await tx
      .select({ id: catalogs.id })
      .from(catalogs)
      .where(eq(catalogs.organisationId, organisationId))
      .limit(1);
    const isDefault = upload.makeDefault ?? existing.length === 0;
    if (isDefault) {
      await tx.update(catalogs).set({ isDefault: false }).where(eq(catalogs.organisationId, organisationId));
    }
    const [row] = await tx
      .insert(catalogs)
      .values({
        organisationId,
        name: upload.name,
        isDefault,
        source: upload.name,
        priceDate: upload.priceDate ?? null,
        itemCount: parsed.items.length,
        items: parsed.items,
      })
      .returning();
    if (!row) throw new Error('catalog insert returned nothing');
    return {
      row,
      encoding: parsed.encoding,
      separator: parsed.separator,
      ignoredColumns: parsed.ignoredColumns,
    };
  });
}

export function catalogSummary(row: typeof catalogs.$inferSelect) {
  return {
    id: row.id,
    name: row.name,
    isDefault: row.isDefault,
    itemCount: row.itemCount,
    priceDate: row.priceDate,
    indicative: false,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listCatalogs(db: Db, organisationId: string) {
  const rows = await db
    .select()
    .from(catalogs)
    .where(eq(catalogs.organisationId, organisationId))
    .orderBy(desc(catalogs.createdAt));
  return {
    items: rows.map(catalogSummary),
    /** Used when the organisation has no default catalogue, and for items its catalogue lacks. */
    builtIn: {
      name: 'Catalogue indicatif SAEQ',
      priceDate: defaultCatalog.priceDate,
      source: defaultCatalog.source,
      itemCount: defaultCatalog.items.length,
      indicative: true,
      inUse: !rows.some((r) => r.isDefault),
    },
  };
}

export async function findCatalog(db: Db, organisationId: string, id: string) {
  const rows = await db
    .select()
    .from(catalogs)
    .where(and(eq(catalogs.id, id), eq(catalogs.organisationId, organisationId)));
  if (!rows[0]) throw new AppError('not_found');
  return rows[0];
}
