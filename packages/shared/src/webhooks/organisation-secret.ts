import { randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { organisations } from '../db/schema/organisations.ts';

function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/**
 * The organisation's webhook signing secret, created on first use. The creation is conditional
 * (only while none is stored) and the stored value is re-read, so concurrent first uses — two
 * admins, or an admin and a delivery — all end with the one secret that won; null when the
 * organisation does not exist.
 */
export async function ensureWebhookSecret(db: Db, organisationId: string): Promise<string | null> {
  const read = async () =>
    (
      await db
        .select({ secret: organisations.webhookSecret })
        .from(organisations)
        .where(eq(organisations.id, organisationId))
    )[0];
  const current = await read();
  if (!current) return null;
  if (current.secret) return current.secret;
  await db
    .update(organisations)
    .set({ webhookSecret: newWebhookSecret() })
    .where(and(eq(organisations.id, organisationId), isNull(organisations.webhookSecret)));
  return (await read())?.secret ?? null;
}

/** Replaces the organisation's secret (rotation: receivers must switch to the one returned). */
export async function rotateWebhookSecret(db: Db, organisationId: string): Promise<string | null> {
  const rows = await db
    .update(organisations)
    .set({ webhookSecret: newWebhookSecret() })
    .where(eq(organisations.id, organisationId))
    .returning({ secret: organisations.webhookSecret });
  return rows[0]?.secret ?? null;
}
