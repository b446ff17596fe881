-- Placeholders are not departments: group names the documents put where a unit belongs (有关部门,
-- 各级各部门单位, 省直各部门 …) are flagged generic, so that no list, filter or ranking counts them as
-- departments. The importer flags new rows by the rule isGenericUnit (lib/ingest/departments.ts); this
-- corrects databases imported before the rule knew every such name. The pattern is that rule's
-- GENERIC_UNIT_PATTERN verbatim (tests/unit/generic-units.test.ts and tests/integration/generic-units.test.ts
-- keep them in agreement). Data only: no schema change.
UPDATE "department" SET "generic" = true, "kind" = 'GENERIC'
WHERE NOT "generic" AND "name" ~ '^(各|有关|相关|其他|市县|各级|省政府(各|有关|相关)|省级(各|有关|相关))|^(省直|市直|县直|区直)(各|有关|相关)?(部门|单位|机关)(单位)?$|(有关|相关|各)(部门|单位|机构)(单位)?$|^(县市区|县（市、区）|区县|县区)(人民)?政府$|成员单位$|^(三大)?(基础电信企业|(电信)?运营商)$';
