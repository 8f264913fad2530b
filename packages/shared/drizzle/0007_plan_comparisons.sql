CREATE TABLE "plan_comparisons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"base_plan_id" uuid NOT NULL,
	"revised_plan_id" uuid NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"result" jsonb,
	"error" jsonb,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "plan_comparisons" ADD CONSTRAINT "plan_comparisons_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_comparisons" ADD CONSTRAINT "plan_comparisons_base_plan_id_plans_id_fk" FOREIGN KEY ("base_plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_comparisons" ADD CONSTRAINT "plan_comparisons_revised_plan_id_plans_id_fk" FOREIGN KEY ("revised_plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "plan_comparisons_org_idx" ON "plan_comparisons" USING btree ("organisation_id","created_at");--> statement-breakpoint
CREATE INDEX "plan_comparisons_base_idx" ON "plan_comparisons" USING btree ("base_plan_id");--> statement-breakpoint
CREATE INDEX "plan_comparisons_revised_idx" ON "plan_comparisons" USING btree ("revised_plan_id");--> statement-breakpoint
CREATE INDEX "plan_comparisons_unsettled_idx" ON "plan_comparisons" USING btree ("updated_at") WHERE "plan_comparisons"."status" in ('queued', 'processing');