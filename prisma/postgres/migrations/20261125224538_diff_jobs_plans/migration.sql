-- Edited by hand after generation: the CHECK constraints and the partial unique index at the
-- end cannot be expressed in the Prisma schema.

-- CreateEnum
CREATE TYPE "DiffJobStatus" AS ENUM ('queued', 'running', 'succeeded', 'failed');

-- CreateTable
CREATE TABLE "diff_job" (
    "id" SERIAL NOT NULL,
    "label" TEXT NOT NULL,
    "against" TEXT NOT NULL,
    "current_revision_id" INTEGER NOT NULL,
    "reference_revision_id" INTEGER NOT NULL,
    "current_hash" TEXT NOT NULL,
    "reference_hash" TEXT NOT NULL,
    "status" "DiffJobStatus" NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "requested_by" TEXT NOT NULL,
    "worker_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMP(3),
    "finished_at" TIMESTAMP(3),
    "duration_ms" INTEGER,
    "error" TEXT,

    CONSTRAINT "diff_job_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "plan" (
    "id" SERIAL NOT NULL,
    "config_version_id" INTEGER NOT NULL,
    "input_set_label" TEXT,
    "input_set_ref" TEXT,
    "revision_id" INTEGER,
    "revision_number" INTEGER,
    "content_hash" TEXT,
    "legacy_reason" TEXT,
    "actor_kind" TEXT NOT NULL,
    "created_by_id" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "summary_json" TEXT NOT NULL,

    CONSTRAINT "plan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "plan_period" (
    "plan_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "demand" DOUBLE PRECISION NOT NULL,
    "capacity" DOUBLE PRECISION NOT NULL,
    "supply" DOUBLE PRECISION NOT NULL,
    "backlog" DOUBLE PRECISION NOT NULL,
    "utilisation" DOUBLE PRECISION,

    CONSTRAINT "plan_period_pkey" PRIMARY KEY ("plan_id","position")
);

-- CreateTable
CREATE TABLE "plan_item_period" (
    "plan_id" INTEGER NOT NULL,
    "item" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "demand" DOUBLE PRECISION NOT NULL,
    "receipts" DOUBLE PRECISION NOT NULL,
    "inventory" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "plan_item_period_pkey" PRIMARY KEY ("plan_id","item","position")
);

-- CreateTable
CREATE TABLE "plan_artifact" (
    "id" SERIAL NOT NULL,
    "plan_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "sha256" TEXT,
    "bytes" INTEGER,
    "error" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "plan_artifact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "run" (
    "id" SERIAL NOT NULL,
    "plan_id" INTEGER,
    "entrypoint" TEXT NOT NULL,
    "pipeline" TEXT,
    "input_set_label" TEXT,
    "input_set_ref" TEXT,
    "revision_id" INTEGER,
    "revision_number" INTEGER,
    "content_hash" TEXT,
    "legacy_reason" TEXT,
    "status" TEXT NOT NULL,
    "options_json" TEXT,
    "actor_kind" TEXT NOT NULL,
    "created_by_id" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "run_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "diff_job_label_against_created_at_idx" ON "diff_job"("label", "against", "created_at");

-- CreateIndex
CREATE INDEX "diff_job_status_created_at_idx" ON "diff_job"("status", "created_at");

-- CreateIndex
CREATE INDEX "plan_input_set_label_created_at_idx" ON "plan"("input_set_label", "created_at");

-- CreateIndex
CREATE INDEX "plan_revision_id_idx" ON "plan"("revision_id");

-- CreateIndex
CREATE UNIQUE INDEX "plan_artifact_plan_id_name_key" ON "plan_artifact"("plan_id", "name");

-- CreateIndex
CREATE INDEX "run_input_set_label_created_at_idx" ON "run"("input_set_label", "created_at");

-- CreateIndex
CREATE INDEX "run_plan_id_idx" ON "run"("plan_id");

-- CreateIndex
CREATE INDEX "run_revision_id_idx" ON "run"("revision_id");

-- AddForeignKey
ALTER TABLE "plan" ADD CONSTRAINT "plan_revision_id_fkey" FOREIGN KEY ("revision_id") REFERENCES "input_set_revision"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_period" ADD CONSTRAINT "plan_period_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "plan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_item_period" ADD CONSTRAINT "plan_item_period_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "plan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_artifact" ADD CONSTRAINT "plan_artifact_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "plan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "run" ADD CONSTRAINT "run_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "plan"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "run" ADD CONSTRAINT "run_revision_id_fkey" FOREIGN KEY ("revision_id") REFERENCES "input_set_revision"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Hand-written CHECK constraints (Prisma cannot express them).
ALTER TABLE "diff_job" ADD CONSTRAINT "diff_job_status_check" CHECK ("status" IN ('queued', 'running', 'succeeded', 'failed'));
ALTER TABLE "diff_job" ADD CONSTRAINT "diff_job_attempts_check" CHECK ("attempts" >= 0);
ALTER TABLE "plan" ADD CONSTRAINT "plan_legacy_reason_check" CHECK ("input_set_label" IS NOT NULL OR ("legacy_reason" IS NOT NULL AND "legacy_reason" <> ''));
ALTER TABLE "plan" ADD CONSTRAINT "plan_actor_kind_check" CHECK ("actor_kind" IN ('user', 'token', 'cli', 'system'));
ALTER TABLE "plan_artifact" ADD CONSTRAINT "plan_artifact_status_check" CHECK ("status" IN ('written', 'failed'));
ALTER TABLE "run" ADD CONSTRAINT "run_legacy_reason_check" CHECK ("input_set_label" IS NOT NULL OR ("legacy_reason" IS NOT NULL AND "legacy_reason" <> ''));
ALTER TABLE "run" ADD CONSTRAINT "run_entrypoint_check" CHECK ("entrypoint" IN ('api', 'runs_compat', 'ui', 'cli'));
ALTER TABLE "run" ADD CONSTRAINT "run_status_check" CHECK ("status" IN ('succeeded', 'failed'));
ALTER TABLE "run" ADD CONSTRAINT "run_actor_kind_check" CHECK ("actor_kind" IN ('user', 'token', 'cli', 'system'));

-- At most one queued or running job per label pair: concurrent enqueues collapse into one.
CREATE UNIQUE INDEX "diff_job_one_active" ON "diff_job"("label", "against") WHERE "status" IN ('queued', 'running');
