-- The audit action 'sign_out'. The enum type already limits the column to its values, so the
-- CHECK that repeated them goes (a new enum value cannot be used in the transaction that adds it).
ALTER TABLE "audit_event" DROP CONSTRAINT "audit_event_action_check";
ALTER TYPE "AuditAction" ADD VALUE 'sign_out';
