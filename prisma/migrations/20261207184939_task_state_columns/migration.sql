-- AlterTable
ALTER TABLE "task" ADD COLUMN     "deadline" DATE,
ADD COLUMN     "hasLead" BOOLEAN NOT NULL DEFAULT false;


-- The two facts the task state rule (lib/domain/task-state.ts) needs beyond the task row, kept on the
-- row so that every count and filter is a CASE over one table (50,000 tasks grouped in milliseconds):
--   "hasLead"  — a LEAD assignment to a department that can report (not a generic group such as 有关部门);
--   "deadline" — the last current (not retired) milestone's due date, else the document's period end.
-- Statement-level triggers on every table they depend on recompute them for the tasks a statement
-- touched, in the same transaction, so no writer (importer, admin, hand-written SQL) can leave them stale.
CREATE FUNCTION "dpt_refresh_task_state"(ids integer[]) RETURNS void
LANGUAGE sql AS $$
  UPDATE "task" t SET "hasLead" = s."hasLead", "deadline" = s."deadline"
  FROM (
    SELECT t2.id,
           EXISTS (SELECT 1 FROM "task_assignment" a JOIN "department" dep ON dep.id = a."departmentId"
                   WHERE a."taskId" = t2.id AND a.role = 'LEAD' AND NOT dep.generic) AS "hasLead",
           COALESCE((SELECT max(m."dueDate") FROM "milestone" m
                     WHERE m."taskId" = t2.id AND m."retiredAt" IS NULL), d."periodEnd") AS "deadline"
    FROM "task" t2 JOIN "document" d ON d.id = t2."documentId"
    WHERE t2.id = ANY(ids)
  ) s
  WHERE t.id = s.id AND (t."hasLead" IS DISTINCT FROM s."hasLead" OR t."deadline" IS DISTINCT FROM s."deadline");
$$;

-- task_assignment and milestone: the tasks of the inserted, deleted or updated rows.
CREATE FUNCTION "dpt_task_state_from_child"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM "dpt_refresh_task_state"(ARRAY(SELECT DISTINCT "taskId" FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM "dpt_refresh_task_state"(ARRAY(SELECT DISTINCT "taskId" FROM old_rows));
  ELSE
    PERFORM "dpt_refresh_task_state"(ARRAY(SELECT "taskId" FROM new_rows UNION SELECT "taskId" FROM old_rows));
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "task_assignment_state_ins" AFTER INSERT ON "task_assignment"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "dpt_task_state_from_child"();
CREATE TRIGGER "task_assignment_state_del" AFTER DELETE ON "task_assignment"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "dpt_task_state_from_child"();
CREATE TRIGGER "task_assignment_state_upd" AFTER UPDATE ON "task_assignment"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "dpt_task_state_from_child"();
CREATE TRIGGER "milestone_state_ins" AFTER INSERT ON "milestone"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "dpt_task_state_from_child"();
CREATE TRIGGER "milestone_state_del" AFTER DELETE ON "milestone"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "dpt_task_state_from_child"();
CREATE TRIGGER "milestone_state_upd" AFTER UPDATE ON "milestone"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "dpt_task_state_from_child"();

-- department: a unit that becomes (or stops being) a generic group changes "hasLead" of the tasks it leads.
CREATE FUNCTION "dpt_task_state_from_department"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "dpt_refresh_task_state"(ARRAY(
    SELECT DISTINCT a."taskId" FROM new_rows n JOIN old_rows o ON o.id = n.id
    JOIN "task_assignment" a ON a."departmentId" = n.id
    WHERE o.generic IS DISTINCT FROM n.generic));
  RETURN NULL;
END;
$$;
CREATE TRIGGER "department_state_upd" AFTER UPDATE ON "department"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "dpt_task_state_from_department"();

-- document: a changed period end moves the deadline of its tasks without milestones.
CREATE FUNCTION "dpt_task_state_from_document"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "dpt_refresh_task_state"(ARRAY(
    SELECT t.id FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN "task" t ON t."documentId" = n.id
    WHERE o."periodEnd" IS DISTINCT FROM n."periodEnd"));
  RETURN NULL;
END;
$$;
CREATE TRIGGER "document_state_upd" AFTER UPDATE ON "document"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "dpt_task_state_from_document"();

-- task: a new task starts with its document's period end (its milestones and units follow, with their triggers).
CREATE FUNCTION "dpt_task_state_on_insert"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."deadline" IS NULL THEN
    SELECT d."periodEnd" INTO NEW."deadline" FROM "document" d WHERE d.id = NEW."documentId";
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER "task_state_ins" BEFORE INSERT ON "task"
  FOR EACH ROW EXECUTE FUNCTION "dpt_task_state_on_insert"();

-- Existing rows.
SELECT "dpt_refresh_task_state"(ARRAY(SELECT id FROM "task"));
