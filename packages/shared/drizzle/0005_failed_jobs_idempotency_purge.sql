CREATE TABLE "failed_jobs" (
	"queue" text NOT NULL,
	"job_id" text NOT NULL,
	"organisation_id" uuid NOT NULL,
	"failed_reason" text NOT NULL,
	"code" text,
	"permanent" boolean NOT NULL,
	"attempts_made" integer NOT NULL,
	"attempts" integer NOT NULL,
	"failed_at" timestamp with time zone NOT NULL,
	"data" jsonb NOT NULL,
	CONSTRAINT "failed_jobs_queue_job_id_pk" PRIMARY KEY("queue","job_id")
);
--> statement-breakpoint
ALTER TABLE "failed_jobs" ADD CONSTRAINT "failed_jobs_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "failed_jobs_org_failed_idx" ON "failed_jobs" USING btree ("organisation_id","failed_at");--> statement-breakpoint
CREATE INDEX "idempotency_keys_created_idx" ON "idempotency_keys" USING btree ("created_at");