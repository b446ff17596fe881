-- Hand-written (Prisma's schema cannot express a unique index on an expression): one account per
-- username key. The key is the username in NFKC, lower-cased, with the Cyrillic and Greek letters that
-- look like Latin ones made Latin (lib/domain/usernames.ts computes the same; tests/unit/usernames.test.ts
-- keeps the two letter lists in step). "admin", "Admin", "ADMIN", "ａｄｍｉｎ" and "аdmin" (Cyrillic а) share
-- the key "admin". Needs a UTF8 database (normalize() refuses other encodings).
CREATE FUNCTION "dpt_username_key"(name text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
  SELECT pg_catalog.translate(
    pg_catalog.lower(pg_catalog.normalize(name, 'NFKC')),
    'аАвВԁԀеЕһҺнНіІјЈкКӏӀмМоОрРԛԚсСѕЅтТуУүҮԝԜхХαΑβΒγΓεΕζΖηΗιΙκΚμΜνΝοΟρΡτΤυΥχΧϲϹϳͿς',
    'aabbddeehhhhiijjkkllmmooppqqccssttyyyywwxxaabbyyeezznniikkmmvvooppttuuxxccjjσ'
  )
$$;

-- Accounts that already share a key keep working: the oldest keeps its name, each later one is renamed
-- "<name>.<id>" (written to the audit log) so that the index can be built. An administrator finds them
-- in the audit log (action user.rename) and tells their owners.
DO $$
DECLARE
  r record;
BEGIN
  FOR r IN
    SELECT id, username
    FROM (
      SELECT id, username, row_number() OVER (PARTITION BY "dpt_username_key"(username) ORDER BY id) AS n
      FROM "app_user"
    ) ranked
    WHERE n > 1
  LOOP
    UPDATE "app_user" SET username = r.username || '.' || r.id WHERE id = r.id;
    INSERT INTO "audit_log" ("actorLabel", "action", "entityType", "entityId", "before", "after")
    VALUES (
      'migration',
      'user.rename',
      'user',
      r.id::text,
      jsonb_build_object('username', r.username),
      jsonb_build_object('username', r.username || '.' || r.id, 'reason', 'username key collision')
    );
  END LOOP;
END
$$;

CREATE UNIQUE INDEX "app_user_username_fold_key" ON "app_user" ("dpt_username_key"(username));
