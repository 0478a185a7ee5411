-- One audit event model (docs/security.md, "Audit events"): input_set_event and audit_event become
-- one audit_event table whose action is `{entity}.{verb}` text, checked in lib/audit/actions.ts
-- rather than by a database enum, so a new verb needs no migration. Every old row moves:
--   input_set_event  id, created_at, input set and revision links, comment, metadata kept,
--                    action 'approve' → 'input_set.approve' (each verb alike), subject 'input_set:<label>'
--   audit_event      created_at, subject and metadata kept, id + the highest input_set_event id
--                    (input-set event ids are quoted in evidence files and review results, so they
--                    stay, each table's order is kept), actions mapped as below.
-- The file runs as one transaction (lib/db/migrations.ts): all of it applies, or none.

-- The new columns, and the action becomes text beside the enum column it replaces.
ALTER TABLE "audit_event" ADD COLUMN "input_set_id" INTEGER,
ADD COLUMN "revision_id" INTEGER,
ADD COLUMN "comment" TEXT,
ADD COLUMN "action_text" TEXT;

-- An action outside the old list maps to NULL, which SET NOT NULL below refuses: the migration stops.
UPDATE "audit_event" SET "action_text" = CASE "action"::text
    WHEN 'user_create' THEN 'user.create'
    WHEN 'user_update' THEN 'user.update'
    WHEN 'token_create' THEN 'token.create'
    WHEN 'token_revoke' THEN 'token.revoke'
    WHEN 'sign_in_failed' THEN 'sign_in.failed'
    WHEN 'sign_in_locked' THEN 'sign_in.locked'
    WHEN 'sign_out' THEN 'session.sign_out'
END;
ALTER TABLE "audit_event" DROP COLUMN "action";
ALTER TABLE "audit_event" RENAME COLUMN "action_text" TO "action";
ALTER TABLE "audit_event" ALTER COLUMN "action" SET NOT NULL;

-- Security events move above the input-set event ids (through negative ids, so no two rows ever
-- share one while the primary key is checked row by row).
UPDATE "audit_event" SET "id" = -"id";
UPDATE "audit_event" SET "id" = -"id" + (SELECT COALESCE(MAX("id"), 0) FROM "input_set_event");

INSERT INTO "audit_event" ("id", "action", "subject", "input_set_id", "revision_id", "actor_kind", "actor_id", "actor_name", "comment", "metadata_json", "created_at")
    SELECT e."id", 'input_set.' || e."action"::text, 'input_set:' || s."label", e."input_set_id", e."revision_id", e."actor_kind", e."actor_id", e."actor_name", e."comment", e."metadata_json", e."created_at"
    FROM "input_set_event" e JOIN "input_set" s ON s."id" = e."input_set_id"
    ORDER BY e."id";

-- New rows continue after the highest id moved.
SELECT setval(pg_get_serial_sequence('"audit_event"', 'id'), COALESCE(MAX("id"), 1), MAX("id") IS NOT NULL) FROM "audit_event";

DROP TABLE "input_set_event";
DROP TYPE "AuditAction";
DROP TYPE "EventAction";

CREATE INDEX "audit_event_input_set_id_created_at_idx" ON "audit_event"("input_set_id", "created_at");

ALTER TABLE "audit_event" ADD CONSTRAINT "audit_event_input_set_id_fkey" FOREIGN KEY ("input_set_id") REFERENCES "input_set"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "audit_event" ADD CONSTRAINT "audit_event_revision_id_fkey" FOREIGN KEY ("revision_id") REFERENCES "input_set_revision"("id") ON DELETE SET NULL ON UPDATE CASCADE;
-- `entity.verb`: lowercase letters and underscores around a dot (the verbs themselves are checked in lib).
ALTER TABLE "audit_event" ADD CONSTRAINT "audit_event_action_check" CHECK ("action" ~ '^[a-z][a-z_]*\.[a-z][a-z_.]*$');
ALTER TABLE "audit_event" ADD CONSTRAINT "audit_event_revision_input_set_check" CHECK ("revision_id" IS NULL OR "input_set_id" IS NOT NULL);
