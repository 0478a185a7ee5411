-- One audit event model (docs/security.md, "Audit events"): input_set_event and audit_event become
-- one audit_event table whose action is `{entity}.{verb}` text, checked in lib/audit/actions.ts
-- rather than by the database, so a new verb needs no migration. Every old row moves:
--   input_set_event  id, created_at, input set and revision links, comment, metadata kept,
--                    action 'approve' → 'input_set.approve' (each verb alike), subject 'input_set:<label>'
--   audit_event      created_at, subject and metadata kept, id + the highest input_set_event id
--                    (input-set event ids are quoted in evidence files and review results, so they
--                    stay, each table's order is kept), actions mapped as below.
-- SQLite cannot change a table's columns or CHECKs in place: the new table is built and renamed.
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_audit_event" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "action" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "input_set_id" INTEGER,
    "revision_id" INTEGER,
    "actor_kind" TEXT NOT NULL,
    "actor_id" TEXT NOT NULL,
    "actor_name" TEXT NOT NULL,
    "comment" TEXT,
    "metadata_json" TEXT,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "audit_event_input_set_id_fkey" FOREIGN KEY ("input_set_id") REFERENCES "input_set" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "audit_event_revision_id_fkey" FOREIGN KEY ("revision_id") REFERENCES "input_set_revision" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    -- `entity.verb`: lowercase letters and underscores around a dot (the verbs themselves are checked in lib).
    CONSTRAINT "audit_event_action_check" CHECK ("action" GLOB '[a-z]*.[a-z]*' AND "action" NOT GLOB '*[^a-z_.]*'),
    CONSTRAINT "audit_event_actor_kind_check" CHECK ("actor_kind" IN ('user', 'token', 'cli', 'system')),
    CONSTRAINT "audit_event_revision_input_set_check" CHECK ("revision_id" IS NULL OR "input_set_id" IS NOT NULL)
);
INSERT INTO "new_audit_event" ("id", "action", "subject", "input_set_id", "revision_id", "actor_kind", "actor_id", "actor_name", "comment", "metadata_json", "created_at")
    SELECT e."id", 'input_set.' || e."action", 'input_set:' || s."label", e."input_set_id", e."revision_id", e."actor_kind", e."actor_id", e."actor_name", e."comment", e."metadata_json", e."created_at"
    FROM "input_set_event" e JOIN "input_set" s ON s."id" = e."input_set_id"
    ORDER BY e."id";
-- An action outside the old list maps to NULL, which the NOT NULL column refuses: the migration stops.
INSERT INTO "new_audit_event" ("id", "action", "subject", "input_set_id", "revision_id", "actor_kind", "actor_id", "actor_name", "comment", "metadata_json", "created_at")
    SELECT a."id" + (SELECT COALESCE(MAX("id"), 0) FROM "input_set_event"),
           CASE a."action"
               WHEN 'user_create' THEN 'user.create'
               WHEN 'user_update' THEN 'user.update'
               WHEN 'token_create' THEN 'token.create'
               WHEN 'token_revoke' THEN 'token.revoke'
               WHEN 'sign_in_failed' THEN 'sign_in.failed'
               WHEN 'sign_in_locked' THEN 'sign_in.locked'
               WHEN 'sign_out' THEN 'session.sign_out'
           END,
           a."subject", NULL, NULL, a."actor_kind", a."actor_id", a."actor_name", NULL, a."metadata_json", a."created_at"
    FROM "audit_event" a
    ORDER BY a."id";
DROP TABLE "input_set_event";
DROP TABLE "audit_event";
ALTER TABLE "new_audit_event" RENAME TO "audit_event";
CREATE INDEX "audit_event_input_set_id_created_at_idx" ON "audit_event"("input_set_id", "created_at");
CREATE INDEX "audit_event_subject_created_at_idx" ON "audit_event"("subject", "created_at");
CREATE INDEX "audit_event_created_at_idx" ON "audit_event"("created_at");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
