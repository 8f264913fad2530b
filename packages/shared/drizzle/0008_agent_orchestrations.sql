CREATE TABLE "agent_orchestrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"message" text NOT NULL,
	"lang" text DEFAULT 'fr' NOT NULL,
	"plan_id" uuid,
	"mode" text NOT NULL,
	"agent_ids" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agent_runs" ADD COLUMN "orchestration_id" uuid;--> statement-breakpoint
ALTER TABLE "agent_runs" ADD COLUMN "orchestration_role" text;--> statement-breakpoint
ALTER TABLE "agent_runs" ADD COLUMN "orchestration_step" integer;--> statement-breakpoint
ALTER TABLE "agent_orchestrations" ADD CONSTRAINT "agent_orchestrations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agent_orchestrations_org_idx" ON "agent_orchestrations" USING btree ("organisation_id","created_at");--> statement-breakpoint
ALTER TABLE "agent_runs" ADD CONSTRAINT "agent_runs_orchestration_id_agent_orchestrations_id_fk" FOREIGN KEY ("orchestration_id") REFERENCES "public"."agent_orchestrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agent_runs_orchestration_idx" ON "agent_runs" USING btree ("orchestration_id","orchestration_step") WHERE "agent_runs"."orchestration_id" is not null;