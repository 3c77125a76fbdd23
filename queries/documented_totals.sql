-- Massacres and victims in the filtered incidents, with how many lack a breakdown, and the
-- killed, children and women of the incidents that give one (the only base a share can have).
SELECT
    count(*)                                        AS massacres,
    coalesce(sum(killed), 0)                        AS killed,
    coalesce(sum(children), 0)                      AS children,
    coalesce(sum(women), 0)                         AS women,
    coalesce(sum(fetuses), 0)                       AS fetuses,
    count(*) FILTER (WHERE NOT has_breakdown)            AS no_breakdown,
    coalesce(sum(killed) FILTER (WHERE NOT has_breakdown), 0) AS killed_without_breakdown,
    count(*) FILTER (WHERE has_breakdown) AS with_breakdown,
    coalesce(sum(killed) FILTER (WHERE has_breakdown), 0) AS killed_with_breakdown,
    coalesce(sum(children + women) FILTER (WHERE has_breakdown), 0)
                                                    AS women_and_children_with_breakdown
FROM filtered
