import { defaultCatalog, parseCatalogCsv } from '@saeq/bom';
import { catalogs, type Db } from '@saeq/shared/db';
import { AppError } from '@saeq/shared/errors';
import { and, desc, eq } from 'drizzle-orm';

export type CatalogUpload = {
  bytes: Uint8Array;
  name: string;
  makeDefault: boolean | undefined;
  priceDate?: string | undefined;
  /**
   * The caller holds `admin`: it may make the import the default in place of another catalogue
   * (which reprices every later BOM of the organisation).
   */
  mayReplaceDefault: boolean;
};

/** Replacing the organisation's default catalogue is an admin's decision. */
function defaultReplacementForbidden(): AppError {
  return new AppError('forbidden', {
    detail: {
      fr: 'Remplacer le catalogue par défaut de l’organisation demande la portée « admin ».',
      en: 'Replacing the organisation’s default catalogue requires the `admin` scope.',
    },
  });
}

/**
 * Imports a contractor's price file, all or nothing: any bad row → 422 naming each line and
 * column, nothing stored. The organisation's first catalogue becomes its default; making it the
 * default while another one is needs `mayReplaceDefault` (403 otherwise, nothing stored).
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
      .select({ id: catalogs.id, isDefault: catalogs.isDefault })
      .from(catalogs)
      .where(eq(catalogs.organisationId, organisationId));
    const isDefault = upload.makeDefault ?? existing.length === 0;
    if (isDefault && !upload.mayReplaceDefault && existing.some((c) => c.isDefault)) {
      throw defaultReplacementForbidden();
    }
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

export async function findCatalog(db: Pick<Db, 'select'>, organisationId: string, id: string) {
  const rows = await db
    .select()
    .from(catalogs)
    .where(and(eq(catalogs.id, id), eq(catalogs.organisationId, organisationId)));
  if (!rows[0]) throw new AppError('not_found');
  return rows[0];
}

/** Makes the catalogue the organisation's default (the previous one stops being it). */
export async function setDefaultCatalog(db: Db, organisationId: string, id: string) {
  return db.transaction(async (tx) => {
    await findCatalog(tx, organisationId, id);
    await tx.update(catalogs).set({ isDefault: false }).where(eq(catalogs.organisationId, organisationId));
    const [row] = await tx
      .update(catalogs)
      .set({ isDefault: true })
      .where(and(eq(catalogs.id, id), eq(catalogs.organisationId, organisationId)))
      .returning();
    if (!row) throw new AppError('not_found');
    return row;
  });
}

/**
 * The catalogue stops being the default: BOMs then use the built-in indicative catalogue unless
 * they name one. Idempotent.
 */
export async function unsetDefaultCatalog(db: Db, organisationId: string, id: string) {
  const [row] = await db
    .update(catalogs)
    .set({ isDefault: false })
    .where(and(eq(catalogs.id, id), eq(catalogs.organisationId, organisationId)))
    .returning();
  if (!row) throw new AppError('not_found');
  return row;
}

/** Deletes the catalogue; BOMs already built keep their prices (they are stored with the BOM). */
export async function deleteCatalog(db: Db, organisationId: string, id: string): Promise<void> {
  const deleted = await db
    .delete(catalogs)
    .where(and(eq(catalogs.id, id), eq(catalogs.organisationId, organisationId)))
    .returning({ id: catalogs.id });
  if (deleted.length === 0) throw new AppError('not_found');
}
