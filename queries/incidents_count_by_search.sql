-- How many filtered incidents match the search text (case-insensitive, literal: no
-- wildcards) in place, site, perpetrator heading and note, governorate (as words) or paragraph,
-- and their killed. A NULL search matches every filtered incident.
SELECT
    count(*)                         AS incidents,
    coalesce(sum(killed), 0)::BIGINT AS killed
FROM filtered
WHERE $search IS NULL
   OR contains(lower(concat_ws(' ', place, parent_place, site, perpetrator_text, perpetrator_note,
                               replace(governorate, '_', ' '), paragraph)), lower($search))
