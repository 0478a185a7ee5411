-- Edited by hand after generation: the CHECK constraints inside CREATE TABLE input_set,
-- input_set_revision and input_set_event, and the partial unique indexes at the end, cannot be
-- expressed in the Prisma schema. SQLite cannot add a CHECK to an existing table, hence inline.

-- CreateTable
CREATE TABLE "config_version" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "input_set" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "label" TEXT NOT NULL,
    "config_version_id" INTEGER NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "input_set_config_version_id_fkey" FOREIGN KEY ("config_version_id") REFERENCES "config_version" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "input_set_label_check" CHECK ("label" <> '')
);

-- CreateTable
CREATE TABLE "input_set_revision" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "input_set_id" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "content_hash" TEXT NOT NULL,
    "uploaded_by" TEXT NOT NULL,
    "uploaded_by_id" TEXT NOT NULL,
    "uploaded_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "upload_comment" TEXT,
    "approved_by" TEXT,
    "approved_at" DATETIME,
    "approved_hash" TEXT,
    "review_comment" TEXT,
    "archived_from_status" TEXT,
    "source_name" TEXT,
    "description" TEXT,
    "canonical_sample_name" TEXT,
    "meta_json" TEXT,
    "calendar_type" TEXT,
    "week_unit" TEXT,
    "calendar_extra_json" TEXT,
    CONSTRAINT "input_set_revision_input_set_id_fkey" FOREIGN KEY ("input_set_id") REFERENCES "input_set" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "input_set_revision_number_check" CHECK ("number" >= 1),
    CONSTRAINT "input_set_revision_status_check" CHECK ("status" IN ('draft', 'ready', 'superseded', 'archived')),
    CONSTRAINT "input_set_revision_archived_from_status_check" CHECK ("archived_from_status" IS NULL OR "archived_from_status" IN ('draft', 'ready', 'superseded', 'archived'))
);

-- CreateTable
CREATE TABLE "revision_section" (
    "revision_id" INTEGER NOT NULL,
    "section" TEXT NOT NULL,
    "rows" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "inherited_from" INTEGER,

    PRIMARY KEY ("revision_id", "section"),
    CONSTRAINT "revision_section_revision_id_fkey" FOREIGN KEY ("revision_id") REFERENCES "input_set_revision" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "input_set_event" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "input_set_id" INTEGER NOT NULL,
    "revision_id" INTEGER,
    "action" TEXT NOT NULL,
    "actor_kind" TEXT NOT NULL,
    "actor_id" TEXT NOT NULL,
    "actor_name" TEXT NOT NULL,
    "comment" TEXT,
    "metadata_json" TEXT,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "input_set_event_input_set_id_fkey" FOREIGN KEY ("input_set_id") REFERENCES "input_set" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "input_set_event_revision_id_fkey" FOREIGN KEY ("revision_id") REFERENCES "input_set_revision" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "input_set_event_action_check" CHECK ("action" IN ('upload', 'update', 'approve', 'revert', 'archive', 'restore', 'export', 'diff')),
    CONSTRAINT "input_set_event_actor_kind_check" CHECK ("actor_kind" IN ('user', 'token', 'cli', 'system'))
);

-- CreateTable
CREATE TABLE "demand_row" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "revision_id" INTEGER NOT NULL,
    "family" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "demand" REAL NOT NULL,
    "extra_json" TEXT,
    CONSTRAINT "demand_row_revision_id_fkey" FOREIGN KEY ("revision_id") REFERENCES "input_set_revision" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "capacity_row" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "revision_id" INTEGER NOT NULL,
    "workcenter" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "capacity" REAL NOT NULL,
    "resource_type" TEXT NOT NULL,
    "extra_json" TEXT,
    CONSTRAINT "capacity_row_revision_id_fkey" FOREIGN KEY ("revision_id") REFERENCES "input_set_revision" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "mix_share_row" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "revision_id" INTEGER NOT NULL,
    "family" TEXT NOT NULL,
    "sku" TEXT NOT NULL,
    "share" REAL NOT NULL,
    "effective_from" TEXT,
    "effective_to" TEXT,
    "extra_json" TEXT,
    CONSTRAINT "mix_share_row_revision_id_fkey" FOREIGN KEY ("revision_id") REFERENCES "input_set_revision" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "inventory_row" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "revision_id" INTEGER NOT NULL,
    "item" TEXT NOT NULL,
    "loc" TEXT NOT NULL,
    "qty" REAL NOT NULL,
    "safety_stock" REAL,
    "reorder_point" REAL,
    "order_up_to" REAL,
    "extra_json" TEXT,
    CONSTRAINT "inventory_row_revision_id_fkey" FOREIGN KEY ("revision_id") REFERENCES "input_set_revision" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "open_po_row" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "revision_id" INTEGER NOT NULL,
    "item" TEXT NOT NULL,
    "due" TEXT NOT NULL,
    "qty" REAL NOT NULL,
    "po_id" TEXT,
    "source_node" TEXT,
    "dest_node" TEXT,
    "extra_json" TEXT,
    CONSTRAINT "open_po_row_revision_id_fkey" FOREIGN KEY ("revision_id") REFERENCES "input_set_revision" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "period_cost_row" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "revision_id" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "cost" REAL NOT NULL,
    "extra_json" TEXT,
    CONSTRAINT "period_cost_row_revision_id_fkey" FOREIGN KEY ("revision_id") REFERENCES "input_set_revision" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "period_score_row" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "revision_id" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "score" REAL NOT NULL,
    "extra_json" TEXT,
    CONSTRAINT "period_score_row_revision_id_fkey" FOREIGN KEY ("revision_id") REFERENCES "input_set_revision" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "item_row" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "revision_id" INTEGER NOT NULL,
    "item" TEXT NOT NULL,
    "lt" INTEGER,
    "lot" REAL NOT NULL,
    "moq" REAL NOT NULL,
    "extra_json" TEXT,
    CONSTRAINT "item_row_revision_id_fkey" FOREIGN KEY ("revision_id") REFERENCES "input_set_revision" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "bom_row" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "revision_id" INTEGER NOT NULL,
    "parent" TEXT NOT NULL,
    "child" TEXT NOT NULL,
    "qty" REAL NOT NULL,
    "extra_json" TEXT,
    CONSTRAINT "bom_row_revision_id_fkey" FOREIGN KEY ("revision_id") REFERENCES "input_set_revision" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "calendar_period" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "revision_id" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "start_date" TEXT NOT NULL,
    "end_date" TEXT NOT NULL,
    "extra_json" TEXT,
    CONSTRAINT "calendar_period_revision_id_fkey" FOREIGN KEY ("revision_id") REFERENCES "input_set_revision" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "calendar_week" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "revision_id" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "week_code" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "start_date" TEXT NOT NULL,
    "end_date" TEXT NOT NULL,
    "weight" REAL NOT NULL,
    "extra_json" TEXT,
    CONSTRAINT "calendar_week_revision_id_fkey" FOREIGN KEY ("revision_id") REFERENCES "input_set_revision" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "planning_param" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "revision_id" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "value_json" TEXT NOT NULL,
    CONSTRAINT "planning_param_revision_id_fkey" FOREIGN KEY ("revision_id") REFERENCES "input_set_revision" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "input_set_label_key" ON "input_set"("label");

-- CreateIndex
CREATE INDEX "input_set_config_version_id_idx" ON "input_set"("config_version_id");

-- CreateIndex
CREATE INDEX "input_set_revision_status_idx" ON "input_set_revision"("status");

-- CreateIndex
CREATE UNIQUE INDEX "input_set_revision_input_set_id_number_key" ON "input_set_revision"("input_set_id", "number");

-- CreateIndex
CREATE INDEX "input_set_event_input_set_id_created_at_idx" ON "input_set_event"("input_set_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "demand_row_revision_id_family_period_key" ON "demand_row"("revision_id", "family", "period");

-- CreateIndex
CREATE UNIQUE INDEX "capacity_row_revision_id_workcenter_period_key" ON "capacity_row"("revision_id", "workcenter", "period");

-- CreateIndex
CREATE INDEX "mix_share_row_revision_id_family_sku_idx" ON "mix_share_row"("revision_id", "family", "sku");

-- CreateIndex
CREATE UNIQUE INDEX "inventory_row_revision_id_item_loc_key" ON "inventory_row"("revision_id", "item", "loc");

-- CreateIndex
CREATE INDEX "open_po_row_revision_id_item_due_idx" ON "open_po_row"("revision_id", "item", "due");

-- CreateIndex
CREATE UNIQUE INDEX "period_cost_row_revision_id_period_key" ON "period_cost_row"("revision_id", "period");

-- CreateIndex
CREATE UNIQUE INDEX "period_score_row_revision_id_period_key" ON "period_score_row"("revision_id", "period");

-- CreateIndex
CREATE UNIQUE INDEX "item_row_revision_id_item_key" ON "item_row"("revision_id", "item");

-- CreateIndex
CREATE UNIQUE INDEX "bom_row_revision_id_parent_child_key" ON "bom_row"("revision_id", "parent", "child");

-- CreateIndex
CREATE UNIQUE INDEX "calendar_period_revision_id_period_key" ON "calendar_period"("revision_id", "period");

-- CreateIndex
CREATE UNIQUE INDEX "calendar_week_revision_id_period_week_code_key" ON "calendar_week"("revision_id", "period", "week_code");

-- CreateIndex
CREATE UNIQUE INDEX "planning_param_revision_id_key_key" ON "planning_param"("revision_id", "key");

-- Hand-written (Prisma cannot express partial indexes): the lifecycle allows at most one
-- 'ready' and at most one 'draft' revision per input set, also under concurrent writers.
CREATE UNIQUE INDEX "input_set_revision_one_ready" ON "input_set_revision"("input_set_id") WHERE "status" = 'ready';
CREATE UNIQUE INDEX "input_set_revision_one_draft" ON "input_set_revision"("input_set_id") WHERE "status" = 'draft';
