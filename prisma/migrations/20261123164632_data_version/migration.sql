-- CreateTable
CREATE TABLE "data_version" (
    "id" INTEGER NOT NULL,
    "tasks" BIGINT NOT NULL DEFAULT 0,
    "indicators" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "data_version_pkey" PRIMARY KEY ("id")
);


-- The one row the counters live in.
INSERT INTO "data_version" ("id") VALUES (1);

-- Adds one to a counter (TG_ARGV: 'tasks', 'indicators' or 'both') once per writing statement. An
-- UPDATE of the single row: the increment commits or rolls back with the write itself, so a reader
-- never sees a new counter without the data it stands for. Writers hold the row lock only from their
-- first write to their commit.
CREATE FUNCTION "dpt_bump_data_version"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_ARGV[0] = 'tasks' THEN
    UPDATE "data_version" SET "tasks" = "tasks" + 1 WHERE "id" = 1;
  ELSIF TG_ARGV[0] = 'indicators' THEN
    UPDATE "data_version" SET "indicators" = "indicators" + 1 WHERE "id" = 1;
  ELSE
    UPDATE "data_version" SET "tasks" = "tasks" + 1, "indicators" = "indicators" + 1 WHERE "id" = 1;
  END IF;
  RETURN NULL;
END;
$$;

-- Task-side reads (overview aggregates, filter options) depend on these tables …
CREATE TRIGGER "task_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "task"
  FOR EACH STATEMENT EXECUTE FUNCTION "dpt_bump_data_version"('tasks');
CREATE TRIGGER "task_assignment_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "task_assignment"
  FOR EACH STATEMENT EXECUTE FUNCTION "dpt_bump_data_version"('tasks');
CREATE TRIGGER "milestone_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "milestone"
  FOR EACH STATEMENT EXECUTE FUNCTION "dpt_bump_data_version"('tasks');
CREATE TRIGGER "task_update_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "task_update"
  FOR EACH STATEMENT EXECUTE FUNCTION "dpt_bump_data_version"('tasks');
CREATE TRIGGER "department_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "department"
  FOR EACH STATEMENT EXECUTE FUNCTION "dpt_bump_data_version"('tasks');
CREATE TRIGGER "section_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "section"
  FOR EACH STATEMENT EXECUTE FUNCTION "dpt_bump_data_version"('tasks');
CREATE TRIGGER "reporting_period_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "reporting_period"
  FOR EACH STATEMENT EXECUTE FUNCTION "dpt_bump_data_version"('tasks');
-- … indicator-side reads (the catalogue and its statuses) on these …
CREATE TRIGGER "indicator_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "indicator"
  FOR EACH STATEMENT EXECUTE FUNCTION "dpt_bump_data_version"('indicators');
CREATE TRIGGER "indicator_target_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "indicator_target"
  FOR EACH STATEMENT EXECUTE FUNCTION "dpt_bump_data_version"('indicators');
CREATE TRIGGER "indicator_baseline_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "indicator_baseline"
  FOR EACH STATEMENT EXECUTE FUNCTION "dpt_bump_data_version"('indicators');
CREATE TRIGGER "indicator_synonym_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "indicator_synonym"
  FOR EACH STATEMENT EXECUTE FUNCTION "dpt_bump_data_version"('indicators');
CREATE TRIGGER "observation_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "observation"
  FOR EACH STATEMENT EXECUTE FUNCTION "dpt_bump_data_version"('indicators');
CREATE TRIGGER "app_setting_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "app_setting"
  FOR EACH STATEMENT EXECUTE FUNCTION "dpt_bump_data_version"('indicators');
-- … and both on the tables that link the two sides.
CREATE TRIGGER "document_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "document"
  FOR EACH STATEMENT EXECUTE FUNCTION "dpt_bump_data_version"('both');
CREATE TRIGGER "task_indicator_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "task_indicator"
  FOR EACH STATEMENT EXECUTE FUNCTION "dpt_bump_data_version"('both');
