-- Chunk hashes of each CSV section of a revision, and the demand and capacity totals a diff reports
-- (docs/diff.md, "Chunk hashes"). Revisions imported before this migration have neither; their
-- diffs join every row and sum the totals, as before.
-- AlterTable
ALTER TABLE "revision_section" ADD COLUMN "value_total" REAL;

-- CreateTable
CREATE TABLE "section_chunk" (
    "revision_id" INTEGER NOT NULL,
    "section" TEXT NOT NULL,
    "lead_key" TEXT NOT NULL,
    "rows" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,

    PRIMARY KEY ("revision_id", "section", "lead_key"),
    CONSTRAINT "section_chunk_revision_id_fkey" FOREIGN KEY ("revision_id") REFERENCES "input_set_revision" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
