-- CreateEnum
CREATE TYPE "DiffJobKind" AS ENUM ('diff', 'impact');

-- AlterTable
ALTER TABLE "diff_job" ADD COLUMN "kind" "DiffJobKind" NOT NULL DEFAULT 'diff';

-- At most one queued or running job per kind and pair of revisions (was: per pair).
DROP INDEX "diff_job_one_active";
CREATE UNIQUE INDEX "diff_job_one_active" ON "diff_job"("kind", "label", "against") WHERE "status" IN ('queued', 'running');
