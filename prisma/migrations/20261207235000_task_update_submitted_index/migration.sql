-- Hand-written (Prisma's schema cannot express a partial index): the reports awaiting review, in the
-- order the review desk and 我的待办 read them. At scale (1.5 million reports, ~25,000 submitted) the
-- queue otherwise scans every report; with it, only the submitted ones are read. The schema-drift test
-- leaves this index out of its comparison.
CREATE INDEX "task_update_submitted_queue_idx" ON "task_update" ("createdAt", "id") WHERE "reviewState" = 'SUBMITTED';
