-- CreateIndex
CREATE INDEX "open_po_row_revision_id_po_id_idx" ON "open_po_row"("revision_id", "po_id");
