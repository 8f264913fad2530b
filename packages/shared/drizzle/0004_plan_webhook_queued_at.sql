ALTER TABLE "plans" ADD COLUMN "webhook_queued_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "plans_webhook_pending_idx" ON "plans" USING btree ("updated_at") WHERE "plans"."callback_url" is not null and "plans"."webhook_queued_at" is null;--> statement-breakpoint
-- Plans from before this column had their webhook queued (or are about to, by their own stage):
-- the webhook reconciler must not announce them again.
UPDATE "plans" SET "webhook_queued_at" = "updated_at" WHERE "callback_url" IS NOT NULL;