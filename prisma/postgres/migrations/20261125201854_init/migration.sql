-- Edited by hand after generation: the CHECK constraints and partial unique indexes at the end
-- cannot be expressed in the Prisma schema.

-- CreateEnum
CREATE TYPE "RevisionStatus" AS ENUM ('draft', 'ready', 'superseded', 'archived');

-- CreateEnum
CREATE TYPE "EventAction" AS ENUM ('upload', 'update', 'approve', 'revert', 'archive', 'restore', 'export', 'diff');

-- CreateTable
CREATE TABLE "config_version" (
    "id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "config_version_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "input_set" (
    "id" SERIAL NOT NULL,
    "label" TEXT NOT NULL,
    "config_version_id" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "input_set_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "input_set_revision" (
    "id" SERIAL NOT NULL,
    "input_set_id" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "status" "RevisionStatus" NOT NULL,
    "content_hash" TEXT NOT NULL,
    "uploaded_by" TEXT NOT NULL,
    "uploaded_by_id" TEXT NOT NULL,
    "uploaded_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "upload_comment" TEXT,
    "approved_by" TEXT,
    "approved_at" TIMESTAMP(3),
    "approved_hash" TEXT,
    "review_comment" TEXT,
    "archived_from_status" "RevisionStatus",
    "source_name" TEXT,
    "description" TEXT,
    "canonical_sample_name" TEXT,
    "meta_json" TEXT,
    "calendar_type" TEXT,
    "week_unit" TEXT,
    "calendar_extra_json" TEXT,

    CONSTRAINT "input_set_revision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "revision_section" (
    "revision_id" INTEGER NOT NULL,
    "section" TEXT NOT NULL,
    "rows" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "inherited_from" INTEGER,

    CONSTRAINT "revision_section_pkey" PRIMARY KEY ("revision_id","section")
);

-- CreateTable
CREATE TABLE "input_set_event" (
    "id" SERIAL NOT NULL,
    "input_set_id" INTEGER NOT NULL,
    "revision_id" INTEGER,
    "action" "EventAction" NOT NULL,
    "actor_kind" TEXT NOT NULL,
    "actor_id" TEXT NOT NULL,
    "actor_name" TEXT NOT NULL,
    "comment" TEXT,
    "metadata_json" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "input_set_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "demand_row" (
    "id" SERIAL NOT NULL,
    "revision_id" INTEGER NOT NULL,
    "family" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "demand" DOUBLE PRECISION NOT NULL,
    "extra_json" TEXT,

    CONSTRAINT "demand_row_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "capacity_row" (
    "id" SERIAL NOT NULL,
    "revision_id" INTEGER NOT NULL,
    "workcenter" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "capacity" DOUBLE PRECISION NOT NULL,
    "resource_type" TEXT NOT NULL,
    "extra_json" TEXT,

    CONSTRAINT "capacity_row_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mix_share_row" (
    "id" SERIAL NOT NULL,
    "revision_id" INTEGER NOT NULL,
    "family" TEXT NOT NULL,
    "sku" TEXT NOT NULL,
    "share" DOUBLE PRECISION NOT NULL,
    "effective_from" TEXT,
    "effective_to" TEXT,
    "extra_json" TEXT,

    CONSTRAINT "mix_share_row_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inventory_row" (
    "id" SERIAL NOT NULL,
    "revision_id" INTEGER NOT NULL,
    "item" TEXT NOT NULL,
    "loc" TEXT NOT NULL,
    "qty" DOUBLE PRECISION NOT NULL,
    "safety_stock" DOUBLE PRECISION,
    "reorder_point" DOUBLE PRECISION,
    "order_up_to" DOUBLE PRECISION,
    "extra_json" TEXT,

    CONSTRAINT "inventory_row_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "open_po_row" (
    "id" SERIAL NOT NULL,
    "revision_id" INTEGER NOT NULL,
    "item" TEXT NOT NULL,
    "due" TEXT NOT NULL,
    "qty" DOUBLE PRECISION NOT NULL,
    "po_id" TEXT,
    "source_node" TEXT,
    "dest_node" TEXT,
    "extra_json" TEXT,

    CONSTRAINT "open_po_row_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "period_cost_row" (
    "id" SERIAL NOT NULL,
    "revision_id" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "cost" DOUBLE PRECISION NOT NULL,
    "extra_json" TEXT,

    CONSTRAINT "period_cost_row_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "period_score_row" (
    "id" SERIAL NOT NULL,
    "revision_id" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "extra_json" TEXT,

    CONSTRAINT "period_score_row_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "item_row" (
    "id" SERIAL NOT NULL,
    "revision_id" INTEGER NOT NULL,
    "item" TEXT NOT NULL,
    "lt" INTEGER,
    "lot" DOUBLE PRECISION NOT NULL,
    "moq" DOUBLE PRECISION NOT NULL,
    "extra_json" TEXT,

    CONSTRAINT "item_row_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "bom_row" (
    "id" SERIAL NOT NULL,
    "revision_id" INTEGER NOT NULL,
    "parent" TEXT NOT NULL,
    "child" TEXT NOT NULL,
    "qty" DOUBLE PRECISION NOT NULL,
    "extra_json" TEXT,

    CONSTRAINT "bom_row_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "calendar_period" (
    "id" SERIAL NOT NULL,
    "revision_id" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "start_date" TEXT NOT NULL,
    "end_date" TEXT NOT NULL,
    "extra_json" TEXT,

    CONSTRAINT "calendar_period_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "calendar_week" (
    "id" SERIAL NOT NULL,
    "revision_id" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "week_code" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "start_date" TEXT NOT NULL,
    "end_date" TEXT NOT NULL,
    "weight" DOUBLE PRECISION NOT NULL,
    "extra_json" TEXT,

    CONSTRAINT "calendar_week_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "planning_param" (
    "id" SERIAL NOT NULL,
    "revision_id" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "value_json" TEXT NOT NULL,

    CONSTRAINT "planning_param_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "input_set" ADD CONSTRAINT "input_set_config_version_id_fkey" FOREIGN KEY ("config_version_id") REFERENCES "config_version"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "input_set_revision" ADD CONSTRAINT "input_set_revision_input_set_id_fkey" FOREIGN KEY ("input_set_id") REFERENCES "input_set"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "revision_section" ADD CONSTRAINT "revision_section_revision_id_fkey" FOREIGN KEY ("revision_id") REFERENCES "input_set_revision"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "input_set_event" ADD CONSTRAINT "input_set_event_input_set_id_fkey" FOREIGN KEY ("input_set_id") REFERENCES "input_set"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "input_set_event" ADD CONSTRAINT "input_set_event_revision_id_fkey" FOREIGN KEY ("revision_id") REFERENCES "input_set_revision"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "demand_row" ADD CONSTRAINT "demand_row_revision_id_fkey" FOREIGN KEY ("revision_id") REFERENCES "input_set_revision"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "capacity_row" ADD CONSTRAINT "capacity_row_revision_id_fkey" FOREIGN KEY ("revision_id") REFERENCES "input_set_revision"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mix_share_row" ADD CONSTRAINT "mix_share_row_revision_id_fkey" FOREIGN KEY ("revision_id") REFERENCES "input_set_revision"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inventory_row" ADD CONSTRAINT "inventory_row_revision_id_fkey" FOREIGN KEY ("revision_id") REFERENCES "input_set_revision"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "open_po_row" ADD CONSTRAINT "open_po_row_revision_id_fkey" FOREIGN KEY ("revision_id") REFERENCES "input_set_revision"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "period_cost_row" ADD CONSTRAINT "period_cost_row_revision_id_fkey" FOREIGN KEY ("revision_id") REFERENCES "input_set_revision"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "period_score_row" ADD CONSTRAINT "period_score_row_revision_id_fkey" FOREIGN KEY ("revision_id") REFERENCES "input_set_revision"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "item_row" ADD CONSTRAINT "item_row_revision_id_fkey" FOREIGN KEY ("revision_id") REFERENCES "input_set_revision"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bom_row" ADD CONSTRAINT "bom_row_revision_id_fkey" FOREIGN KEY ("revision_id") REFERENCES "input_set_revision"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "calendar_period" ADD CONSTRAINT "calendar_period_revision_id_fkey" FOREIGN KEY ("revision_id") REFERENCES "input_set_revision"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "calendar_week" ADD CONSTRAINT "calendar_week_revision_id_fkey" FOREIGN KEY ("revision_id") REFERENCES "input_set_revision"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "planning_param" ADD CONSTRAINT "planning_param_revision_id_fkey" FOREIGN KEY ("revision_id") REFERENCES "input_set_revision"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written CHECK constraints (Prisma cannot express them). status and action are native
-- enums here, so their CHECKs are redundant but keep both providers' rules identical.
ALTER TABLE "input_set" ADD CONSTRAINT "input_set_label_check" CHECK ("label" <> '');
ALTER TABLE "input_set_revision" ADD CONSTRAINT "input_set_revision_number_check" CHECK ("number" >= 1);
ALTER TABLE "input_set_revision" ADD CONSTRAINT "input_set_revision_status_check" CHECK ("status" IN ('draft', 'ready', 'superseded', 'archived'));
ALTER TABLE "input_set_revision" ADD CONSTRAINT "input_set_revision_archived_from_status_check" CHECK ("archived_from_status" IS NULL OR "archived_from_status" IN ('draft', 'ready', 'superseded', 'archived'));
ALTER TABLE "input_set_event" ADD CONSTRAINT "input_set_event_action_check" CHECK ("action" IN ('upload', 'update', 'approve', 'revert', 'archive', 'restore', 'export', 'diff'));
ALTER TABLE "input_set_event" ADD CONSTRAINT "input_set_event_actor_kind_check" CHECK ("actor_kind" IN ('user', 'token', 'cli', 'system'));

-- Hand-written (Prisma cannot express partial indexes): the lifecycle allows at most one
-- 'ready' and at most one 'draft' revision per input set, also under concurrent writers.
CREATE UNIQUE INDEX "input_set_revision_one_ready" ON "input_set_revision"("input_set_id") WHERE "status" = 'ready';
CREATE UNIQUE INDEX "input_set_revision_one_draft" ON "input_set_revision"("input_set_id") WHERE "status" = 'draft';
