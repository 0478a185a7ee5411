-- Edited by hand after generation: the CHECK constraints inside CREATE TABLE cannot be expressed
-- in the Prisma schema. SQLite cannot add a CHECK to an existing table, hence inline.

-- CreateTable
CREATE TABLE "app_user" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "password_hash" TEXT,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "disabled_at" DATETIME,
    CONSTRAINT "app_user_email_check" CHECK ("email" <> '' AND "email" = lower("email")),
    CONSTRAINT "app_user_role_check" CHECK ("role" IN ('viewer', 'editor', 'approver', 'admin'))
);

-- CreateTable
CREATE TABLE "api_token" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "user_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "secret_hash" TEXT NOT NULL,
    "scopes" TEXT NOT NULL,
    "expires_at" DATETIME,
    "revoked_at" DATETIME,
    "last_used_at" DATETIME,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "api_token_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "api_token_secret_hash_check" CHECK (length("secret_hash") = 64),
    CONSTRAINT "api_token_scopes_check" CHECK ("scopes" <> '')
);

-- CreateTable
CREATE TABLE "sign_in_throttle" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "failures" INTEGER NOT NULL,
    "window_start" DATETIME NOT NULL,
    "locked_until" DATETIME,
    CONSTRAINT "sign_in_throttle_failures_check" CHECK ("failures" >= 0)
);

-- CreateTable
CREATE TABLE "audit_event" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "action" TEXT NOT NULL,
    "actor_kind" TEXT NOT NULL,
    "actor_id" TEXT NOT NULL,
    "actor_name" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "metadata_json" TEXT,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "audit_event_action_check" CHECK ("action" IN ('user_create', 'user_update', 'token_create', 'token_revoke', 'sign_in_failed', 'sign_in_locked')),
    CONSTRAINT "audit_event_actor_kind_check" CHECK ("actor_kind" IN ('user', 'token', 'cli', 'system'))
);

-- CreateIndex
CREATE UNIQUE INDEX "app_user_email_key" ON "app_user"("email");

-- CreateIndex
CREATE UNIQUE INDEX "api_token_prefix_key" ON "api_token"("prefix");

-- CreateIndex
CREATE UNIQUE INDEX "api_token_secret_hash_key" ON "api_token"("secret_hash");

-- CreateIndex
CREATE INDEX "api_token_user_id_idx" ON "api_token"("user_id");

-- CreateIndex
CREATE INDEX "audit_event_subject_created_at_idx" ON "audit_event"("subject", "created_at");

-- CreateIndex
CREATE INDEX "audit_event_created_at_idx" ON "audit_event"("created_at");
