-- The audit action 'sign_out'. SQLite cannot change a CHECK constraint in place: the table is rebuilt.
CREATE TABLE "new_audit_event" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "action" TEXT NOT NULL,
    "actor_kind" TEXT NOT NULL,
    "actor_id" TEXT NOT NULL,
    "actor_name" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "metadata_json" TEXT,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "audit_event_action_check" CHECK ("action" IN ('user_create', 'user_update', 'token_create', 'token_revoke', 'sign_in_failed', 'sign_in_locked', 'sign_out')),
    CONSTRAINT "audit_event_actor_kind_check" CHECK ("actor_kind" IN ('user', 'token', 'cli', 'system'))
);
INSERT INTO "new_audit_event" ("id", "action", "actor_kind", "actor_id", "actor_name", "subject", "metadata_json", "created_at")
    SELECT "id", "action", "actor_kind", "actor_id", "actor_name", "subject", "metadata_json", "created_at" FROM "audit_event";
DROP TABLE "audit_event";
ALTER TABLE "new_audit_event" RENAME TO "audit_event";
CREATE INDEX "audit_event_subject_created_at_idx" ON "audit_event"("subject", "created_at");
CREATE INDEX "audit_event_created_at_idx" ON "audit_event"("created_at");
