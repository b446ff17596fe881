-- History is append-only: the audit log, task updates and observations can be inserted, never changed
-- or deleted. Prisma's schema cannot express triggers, so this migration is written by hand; the drift
-- test checks these triggers separately from the schema comparison.
CREATE FUNCTION "dpt_forbid_history_change"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'append-only table %: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER "audit_log_append_only" BEFORE UPDATE OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION "dpt_forbid_history_change"();
CREATE TRIGGER "task_update_append_only" BEFORE UPDATE OR DELETE ON "task_update"
  FOR EACH ROW EXECUTE FUNCTION "dpt_forbid_history_change"();
CREATE TRIGGER "observation_append_only" BEFORE UPDATE OR DELETE ON "observation"
  FOR EACH ROW EXECUTE FUNCTION "dpt_forbid_history_change"();
